import { ExternalParty, parseAccount, RegionPot } from '@libs/domain';

/**
 * Dutch names for what the ledger records, for the text formats (JSON keeps the type names). A type
 * missing here is a test failure, not an English word in a controller's report.
 */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  RegionRegistered: 'Regio geregistreerd',
  DistributionKeyAdopted: 'Verdeelsleutel vastgesteld',
  RijkPaymentRecorded: 'Rijksbetaling',
  RegionalBudgetAdopted: 'Regionale begroting vastgesteld',
  RegionalCostRecorded: 'Kosten regionale voorzieningen',
  CoPaymentRecorded: 'Eigen bijdragen cliënten',
  LocalExpenditureRecorded: 'Lokale uitgaven',
  PolicyCorrectionRecorded: 'Beleidscorrectie',
  ReserveAgreementAdopted: 'Reserveafspraak vastgesteld',
  ReserveOpeningRecorded: 'Openingsbalans reserve',
  AdvanceRecorded: 'Voorschot',
  ReserveTransferredToFund: 'Overheveling van reserve naar fonds',
  FundSpendingRecorded: 'Besteding uit fonds',
  SolidarityAgreementAdopted: 'Solidariteitsafspraak vastgesteld',
  InhabitantsRecorded: 'Inwonertallen vastgelegd',
  BwHistoricalSkimmed: 'Afroming historisch budget BW',
  BwHistoricalDistributed: 'Verdeling historisch budget BW',
  BwContributionsCharged: 'Bijdrage regionale voorzieningen BW',
  MoBudgetSkimmed: 'Afroming MO-budget',
  MoBudgetDistributed: 'Verdeling MO-budget',
  RegionalResultTransferred: 'Resultaat naar of uit reserve',
  RegionalResultSettled: 'Afrekening regionaal resultaat',
  ReserveReplenished: 'Aanvulling reserve door gemeenten',
  ReservePaidOut: 'Uitkering uit reserve aan gemeenten',
  ReserveExcessTransferredToFund: 'Overschot reserve naar fonds',
  SolidarityTransferred: 'Onderlinge solidariteit',
  AllocationRunCompleted: 'Verdeling uitgevoerd',
  YearClosed: 'Jaar afgesloten',
  YearReopened: 'Jaar heropend',
};

/** The rules of the allocation run and the closing (explain, trace, the journal). */
export const RULE_LABELS: Readonly<Record<string, string>> = {
  'bw-skim': 'afroming BW',
  'bw-historical-distribution': 'verdeling historisch budget BW',
  'bw-objective-contribution': 'bijdrage naar objectieve sleutel BW',
  'mo-skim': 'afroming MO',
  'mo-distribution': 'verdeling MO-budget',
  'result-to-reserve': 'resultaat naar of uit reserve',
  'result-settlement': 'afrekening regionaal resultaat',
  'reserve-replenishment': 'aanvulling reserve',
  'reserve-payout': 'uitkering uit reserve',
  'reserve-excess-to-fund': 'overschot reserve naar fonds',
  solidarity: 'onderlinge solidariteit',
};

export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

export function ruleLabel(rule: string): string {
  return RULE_LABELS[rule] ?? rule;
}

/** Known fund ids by their Dutch name ("Fonds frictiekosten"); any other fund by its id. */
const FUND_NAMES: Readonly<Record<string, string>> = {
  friction: 'frictiekosten',
  'friction-costs': 'frictiekosten',
  frictiekosten: 'frictiekosten',
};

export function fundLabel(fundId: string): string {
  return `Fonds ${FUND_NAMES[fundId] ?? fundId}`;
}

/** The three keys of the rules, in words. */
export const KEY_LABELS: Readonly<Record<string, string>> = {
  'bw-historical': 'historische sleutel BW',
  'bw-objective': 'objectieve sleutel BW',
  'mo-objective': 'objectieve sleutel MO',
};

export function keyLabel(keyId: string): string {
  return KEY_LABELS[keyId] ?? `sleutel ${keyId}`;
}

export const SCHEME_LABELS = {
  BW: 'Beschermd wonen (BW)',
  MO: 'Maatschappelijke opvang (MO)',
} as const;

export const BASIS_LABELS: Readonly<Record<string, string>> = {
  historical: 'historisch',
  objective: 'objectief',
};

/** The solidarity agreement's design choices (AEF), in words. */
export const SOLIDARITY_CHOICE_LABELS: Readonly<Record<string, string>> = {
  income: 'eigen inkomsten',
  'regional-average': 'regionaal gemiddelde',
  actual: 'werkelijk',
  surcharge: 'opslag op zorgkosten',
};

export function choiceLabel(choice: string): string {
  return SOLIDARITY_CHOICE_LABELS[choice] ?? choice;
}

/** An account as a controller names it, for headings; the text formats also show the account itself. */
export function accountLabel(account: string, regionId: string): string {
  const ref = parseAccount(account);
  if (!ref) return account;
  switch (ref.kind) {
    case 'rijk':
      return 'Rijk';
    case 'external':
      return EXTERNAL_LABELS[ref.party];
    case 'municipality':
      return `${ref.scheme}-geld van gemeente ${ref.code}`;
    case 'fund':
      return ref.regionId === regionId ? fundLabel(ref.fundId) : account;
    case 'region':
      return ref.regionId === regionId ? REGION_POT_LABELS[ref.pot] : account;
    default: {
      const unknown: never = ref;
      return String(unknown);
    }
  }
}

const REGION_POT_LABELS: Readonly<Record<RegionPot, string>> = {
  'bw-historical': 'historisch budget BW (centrumgemeente)',
  'mo-budget': 'MO-budget (centrumgemeente)',
  'bw-provisions': 'regionale voorzieningen BW',
  'mo-provisions': 'regionale voorzieningen MO',
  reserve: 'regionale reserve',
  advances: 'voorschotten',
};

const EXTERNAL_LABELS: Readonly<Record<ExternalParty, string>> = {
  providers: 'zorgaanbieders en andere uitgaven',
  'co-payments': 'eigen bijdragen van cliënten',
  'opening-balances': 'beginbalansen',
  'municipal-treasuries': 'kassen van de gemeenten',
};

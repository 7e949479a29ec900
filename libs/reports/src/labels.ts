import type { ReserveMovementKind } from '@libs/projections';

/** What users read is Dutch-first: the statement lines as a controller knows them. */
export const LEDGER_HASH_LABEL = 'Ledger-hash (vingerafdruk van de vastgelegde geschiedenis)';

export const BW_LABELS = {
  rijkHistorical: 'Historisch budget BW (Rijk)',
  skimmed: 'Afroming regionale voorzieningen',
  distributed: 'Verdeeld over gemeenten (historische sleutel)',
  contributions: 'Bijdragen gemeenten (objectieve sleutel)',
  coPayments: 'Eigen bijdragen cliënten',
  costs: 'Kosten regionale voorzieningen',
  result: 'Resultaat regionale voorzieningen',
  toReserve: 'Naar (+) / uit (−) reserve',
  settledWithMunicipalities: 'Afgerekend met gemeenten',
} as const;

export const MO_LABELS = {
  rijkRegional: 'MO-budget centrumgemeente (Rijk)',
  skimmed: 'Afroming regionale voorzieningen',
  distributed: 'Verdeeld over gemeenten (objectieve sleutel)',
  coPayments: 'Eigen bijdragen cliënten',
  costs: 'Kosten regionale voorzieningen',
  result: 'Resultaat regionale voorzieningen',
  toReserve: 'Naar (+) / uit (−) reserve',
  settledWithMunicipalities: 'Afgerekend met gemeenten',
} as const;

export const RESERVE_LABELS = {
  opening: 'Stand begin jaar',
  fromResults: 'Toevoeging (+) / onttrekking (−) uit resultaat',
  replenished: 'Aanvulling door gemeenten',
  paidOut: 'Uitkering aan gemeenten',
  toFunds: 'Overheveling naar fondsen',
  closing: 'Stand einde jaar',
  min: 'Ondergrens bandbreedte',
  max: 'Bovengrens bandbreedte',
} as const;

export const FUND_LABELS = {
  opening: 'Stand begin jaar',
  fromReserve: 'Uit reserve',
  spent: 'Besteed',
  closing: 'Stand einde jaar',
} as const;

export const MUNICIPALITY_BW_LABELS = {
  rijkObjective: 'Objectief budget (Rijk)',
  historicalShare: 'Historisch aandeel',
  regionalContribution: 'Bijdrage',
  regionalSettlement: 'Afrekening regionaal resultaat',
  reserve: 'Reserve',
  funds: 'Fondsen',
  solidarity: 'Solidariteit',
  expenditure: 'Uitgaven',
  result: 'Saldo',
  advances: 'Voorschotten',
  due: 'Te ontvangen / te betalen',
} as const;

export const MUNICIPALITY_MO_LABELS = {
  rijk: 'Rijk',
  regionalShare: 'Regionaal aandeel',
  regionalSettlement: 'Afrekening regionaal resultaat',
  reserve: 'Reserve',
  funds: 'Fondsen',
  expenditure: 'Uitgaven',
  result: 'Saldo',
  advances: 'Voorschotten',
  due: 'Te ontvangen / te betalen',
} as const;

/** The amount on the settlement letter: + the central municipality pays, − the municipality pays. */
export const MUNICIPALITY_DUE_LABEL = 'Afrekening BW en MO (te ontvangen +, te betalen −)';

/** A reserve movement (BBV art. 54) by kind, as an addition (toevoeging) or a withdrawal (onttrekking). */
export function reserveMovementLabel(kind: ReserveMovementKind, scheme: string | null, addition: boolean): string {
  const of = scheme ? ` ${scheme}` : '';
  switch (kind) {
    case 'result':
      return addition ? `Uit resultaat${of}` : `Ten gunste van het resultaat${of}`;
    case 'replenishment':
      return addition ? `Aanvulling door gemeenten${of}` : `Correctie aanvulling door gemeenten${of}`;
    case 'payout':
      return addition ? `Correctie uitkering aan gemeenten${of}` : `Uitkering aan gemeenten${of}`;
    case 'fund':
      return addition ? 'Terug uit fondsen' : 'Overheveling naar fondsen';
  }
}

/** A reserve movement by kind, whatever its sign (for columns of signed amounts). */
export function reserveMovementKindLabel(kind: ReserveMovementKind, scheme: string | null): string {
  const of = scheme ? ` ${scheme}` : '';
  switch (kind) {
    case 'result':
      return `Resultaat${of} naar (+) of uit (−) reserve`;
    case 'replenishment':
      return `Aanvulling reserve door gemeenten${of}`;
    case 'payout':
      return `Uitkering uit reserve aan gemeenten${of} (−)`;
    case 'fund':
      return 'Overheveling reserve naar fondsen (−)';
  }
}

/** The Dutch words for the sign of the amount due (domain.md §6): + the municipality receives. */
export function dueWords(amount: string): 'te ontvangen' | 'te betalen' | 'niets te verrekenen' {
  return amount.startsWith('-') ? 'te betalen' : /^0\.00$/.test(amount) ? 'niets te verrekenen' : 'te ontvangen';
}

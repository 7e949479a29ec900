import { COMMAND_SHAPES } from './command.shapes';
import { CommandType } from './command.types';

/** What a field means, in the words of the regions (Dutch) and of the code (English). */
export interface FieldNote {
  /** the Dutch name */
  readonly nl: string;
  /** what the value means (the accepted form comes from the field's parser) */
  readonly meaning: string;
  /** the value taken when the field is left out, as written in a command file */
  readonly default?: string;
}

export interface CommandEntry<T extends CommandType> {
  /** the Dutch name of the command */
  readonly nl: string;
  /** what recording it does, in one or two sentences */
  readonly summary: string;
  readonly fields: { readonly [K in keyof (typeof COMMAND_SHAPES)[T]]: FieldNote };
  /** a complete command-file object; the examples of all commands, in catalogue order, apply to an empty ledger */
  readonly example: { readonly command: T } & Readonly<Record<string, unknown>>;
}

const regionId: FieldNote = { nl: 'regio', meaning: 'the region the command is for' };
const year: FieldNote = { nl: 'jaar', meaning: 'the budget year the money is for (not the date it was paid)' };
const scheme: FieldNote = {
  nl: 'regeling',
  meaning: 'BW (beschermd wonen, sheltered housing) or MO (maatschappelijke opvang, shelter)',
};
const REGION = 'voorbeeld';

/**
 * Every command of interface.md §1 with its Dutch name, the meaning of each field and an example.
 * The command reference (docs/commands.md) and the OpenAPI schemas of POST /commands are generated
 * from this catalogue together with the parsers' own descriptions (field-schema.ts); the examples
 * form one small region and are applied in order by the tests, so every example is accepted.
 */
export const COMMAND_CATALOGUE: { readonly [T in CommandType]: CommandEntry<T> } = {
  RegisterRegion: {
    nl: 'Regio registreren',
    summary:
      'Registers a region: its central municipality (centrumgemeente) and its member municipalities. Again with the same content it records nothing; other content is refused.',
    fields: {
      regionId: { nl: 'regio', meaning: 'the id of the region, used in every later command' },
      name: { nl: 'naam', meaning: 'the name of the region' },
      centralMunicipality: {
        nl: 'centrumgemeente',
        meaning: 'the central municipality, which receives the regional money; one of the members',
      },
      municipalities: {
        nl: 'gemeenten',
        meaning: 'every member municipality (the central one included): code and name',
      },
    },
    example: {
      command: 'RegisterRegion',
      regionId: REGION,
      name: 'Voorbeeldregio',
      centralMunicipality: 'GM0546',
      municipalities: [
        { code: 'GM0546', name: 'Leiden' },
        { code: 'GM0547', name: 'Leiderdorp' },
        { code: 'GM0579', name: 'Oegstgeest' },
      ],
    },
  },
  AdoptDistributionKey: {
    nl: 'Verdeelsleutel vaststellen',
    summary:
      'Adopts a version of a distribution key (verdeelsleutel). The rules use bw-historical, bw-objective and mo-objective; the key in force for a year is the highest version whose validity covers it. Weights are normalised by their sum.',
    fields: {
      regionId,
      keyId: {
        nl: 'sleutel',
        meaning: 'which key: bw-historical, bw-objective or mo-objective (or another for analysis)',
      },
      version: { nl: 'versie', meaning: 'the version of the key; a change is a new version' },
      validFrom: { nl: 'geldig vanaf', meaning: 'the first year the version is valid' },
      validTo: { nl: 'geldig tot en met', meaning: 'the last year the version is valid (open-ended when left out)' },
      unit: {
        nl: 'eenheid',
        meaning: 'percent (the weights must sum to 100 ± 1) or weight (any positive sum)',
      },
      basis: { nl: 'grondslag', meaning: 'where the weights come from (the source a controller can check)' },
      weights: { nl: 'gewichten', meaning: 'the weight of every member municipality, by CBS code' },
    },
    example: {
      command: 'AdoptDistributionKey',
      regionId: REGION,
      keyId: 'mo-objective',
      version: 1,
      validFrom: 2024,
      validTo: 2027,
      unit: 'percent',
      basis: 'Objectieve verdeling MO, septembercirculaire 2023',
      weights: { GM0546: '70.5', GM0547: '16.3', GM0579: '13.2' },
    },
  },
  RecordRijkPayment: {
    nl: 'Rijksbetaling vastleggen',
    summary:
      'Records a payment of the Rijk (integratie-uitkering BW, decentralisatie-uitkering MO). Historical BW money goes to the region’s historical pot, MO money paid to the central municipality to the region’s MO budget, anything else to the recipient’s own account. A negative amount is a correction (nacalculatie).',
    fields: {
      regionId,
      paymentId: { nl: 'betaling', meaning: 'your id of the payment' },
      year,
      scheme,
      basis: { nl: 'grondslag', meaning: 'historical (historisch budget) or objective (objectief budget)' },
      recipient: { nl: 'ontvanger', meaning: 'the municipality the Rijk paid' },
      amount: { nl: 'bedrag', meaning: 'the amount paid (negative for a correction)' },
      reference: { nl: 'omschrijving', meaning: 'the circulaire or other source of the payment' },
      bookDate: { nl: 'boekdatum', meaning: 'the date it was booked' },
    },
    example: {
      command: 'RecordRijkPayment',
      regionId: REGION,
      paymentId: 'du-mo-2024',
      year: 2024,
      scheme: 'MO',
      basis: 'objective',
      recipient: 'GM0546',
      amount: '2500000.00',
      reference: 'Decentralisatie-uitkering MO, meicirculaire 2024',
      bookDate: '2024-06-14',
    },
  },
  AdoptRegionalBudget: {
    nl: 'Regionale begroting vaststellen',
    summary:
      'Adopts a version of the regional budget (begroting regionale voorzieningen) of a year and scheme: the net amount the regional provisions need. The highest version of a year and scheme is in force; a begrotingswijziging is a new version.',
    fields: {
      regionId,
      version: { nl: 'versie', meaning: 'the version of the budget for this year and scheme' },
      year,
      scheme,
      amount: { nl: 'bedrag', meaning: 'the net amount the regional provisions need; not negative' },
      objectivePct: {
        nl: 'objectief %',
        meaning: 'BW only: the part financed from the objective budgets, as contributions of the municipalities',
        default: '0',
      },
      components: {
        nl: 'onderdelen',
        meaning: 'parts of the budget for display (label and amount); they must sum to the amount',
      },
    },
    example: {
      command: 'AdoptRegionalBudget',
      regionId: REGION,
      version: 1,
      year: 2024,
      scheme: 'MO',
      amount: '1800000.00',
      components: [
        { label: 'Nachtopvang', amount: '1500000.00' },
        { label: 'Regionale uitvoeringskosten', amount: '300000.00' },
      ],
    },
  },
  RecordRegionalCost: {
    nl: 'Regionale kosten vastleggen',
    summary: 'Records actual costs of the regional provisions, paid from the scheme’s provisions pot.',
    fields: {
      regionId,
      costId: { nl: 'kostenpost', meaning: 'your id of the cost' },
      year,
      scheme,
      amount: { nl: 'bedrag', meaning: 'the cost' },
      category: { nl: 'categorie', meaning: 'a category of your choice, e.g. care or execution' },
      provider: { nl: 'aanbieder', meaning: 'the care provider' },
      description: { nl: 'omschrijving', meaning: 'what the cost is for' },
    },
    example: {
      command: 'RecordRegionalCost',
      regionId: REGION,
      costId: 'mo-2024-nachtopvang',
      year: 2024,
      scheme: 'MO',
      amount: '1650000.00',
      category: 'care',
      provider: 'Stichting Nachtopvang',
      description: 'Nachtopvang 2024',
    },
  },
  RecordCoPayment: {
    nl: 'Eigen bijdrage vastleggen',
    summary: 'Records clients’ co-payments (eigen bijdragen); they reduce the net regional cost.',
    fields: {
      regionId,
      coPaymentId: { nl: 'id', meaning: 'your id of the co-payment' },
      year,
      scheme,
      amount: { nl: 'bedrag', meaning: 'the co-payments received' },
      description: { nl: 'omschrijving', meaning: 'what they are' },
    },
    example: {
      command: 'RecordCoPayment',
      regionId: REGION,
      coPaymentId: 'mo-2024-eb',
      year: 2024,
      scheme: 'MO',
      amount: '25000.00',
      description: 'Eigen bijdragen 2024',
    },
  },
  RecordLocalExpenditure: {
    nl: 'Lokale uitgaven vastleggen',
    summary:
      'Records what a municipality spent itself on the scheme (care and execution costs); needed for solidarity.',
    fields: {
      regionId,
      expenditureId: { nl: 'id', meaning: 'your id of the expenditure' },
      year,
      scheme,
      municipality: { nl: 'gemeente', meaning: 'the municipality that spent it' },
      careCosts: { nl: 'zorgkosten', meaning: 'care costs' },
      executionCosts: {
        nl: 'uitvoeringskosten',
        meaning: 'execution costs (administration, contract management, access)',
      },
    },
    example: {
      command: 'RecordLocalExpenditure',
      regionId: REGION,
      expenditureId: 'lu-2024-GM0547',
      year: 2024,
      scheme: 'BW',
      municipality: 'GM0547',
      careCosts: '410000.00',
      executionCosts: '35000.00',
    },
  },
  RecordPolicyCorrection: {
    nl: 'Beleidscorrectie vastleggen',
    summary:
      'Records the part of a municipality’s spending that follows from its own policy choices (AEF design choice 5); solidarity leaves it out when the agreement says so. No money moves.',
    fields: {
      regionId,
      correctionId: { nl: 'id', meaning: 'your id of the correction' },
      year,
      municipality: { nl: 'gemeente', meaning: 'the municipality' },
      amount: { nl: 'bedrag', meaning: 'the spending attributed to its own policy' },
      justification: { nl: 'toelichting', meaning: 'why' },
    },
    example: {
      command: 'RecordPolicyCorrection',
      regionId: REGION,
      correctionId: 'bc-2024-GM0547',
      year: 2024,
      municipality: 'GM0547',
      amount: '50000.00',
      justification: 'Eigen keuze: ruimere toegang beschermd wonen',
    },
  },
  AdoptReserveAgreement: {
    nl: 'Reserveafspraak vaststellen',
    summary:
      'Adopts a version of the agreement on the regional reserve: the schemes it covers, its band, and what happens to results and to money outside the band. In force for a year: the latest validFrom not after it, of those the highest version.',
    fields: {
      regionId,
      version: { nl: 'versie', meaning: 'the version of the agreement' },
      validFrom: { nl: 'geldig vanaf', meaning: 'the first year the agreement applies' },
      schemes: { nl: 'regelingen', meaning: 'the schemes whose results go to the reserve' },
      minPct: { nl: 'minimum %', meaning: 'the bottom of the band, as a percentage of the base' },
      maxPct: { nl: 'maximum %', meaning: 'the top of the band, as a percentage of the base; not below minPct' },
      base: { nl: 'grondslag', meaning: 'what the band percentages are taken of' },
      toReservePct: { nl: 'naar reserve %', meaning: 'the share of a result that goes to the reserve', default: '100' },
      replenishTo: {
        nl: 'aanvullen tot',
        meaning: 'below the band, the municipalities replenish the reserve to min or max',
        default: 'min',
      },
      payoutTo: {
        nl: 'uitkeren tot',
        meaning: 'above the band, the reserve is paid out down to max or min',
        default: 'max',
      },
      excessTo: {
        nl: 'overschot naar',
        meaning: 'where money above the band goes: the municipalities or a fund',
        default: 'municipalities',
      },
    },
    example: {
      command: 'AdoptReserveAgreement',
      regionId: REGION,
      version: 1,
      validFrom: 2024,
      schemes: ['MO'],
      minPct: '5',
      maxPct: '10',
      base: { fixed: '1800000.00' },
      toReservePct: '100',
      replenishTo: 'min',
      payoutTo: 'max',
      excessTo: 'municipalities',
    },
  },
  RecordReserveOpening: {
    nl: 'Beginstand reserve vastleggen',
    summary:
      'Records the balance of the reserve brought in when the ledger starts: one per region (again with the same content it records nothing, with another amount or year it is refused).',
    fields: {
      regionId,
      year: { nl: 'jaar', meaning: 'the first year of the ledger; the opening is part of its reserve' },
      amount: { nl: 'bedrag', meaning: 'the balance brought in' },
      reference: { nl: 'omschrijving', meaning: 'where the balance comes from' },
    },
    example: {
      command: 'RecordReserveOpening',
      regionId: REGION,
      year: 2024,
      amount: '150000.00',
      reference: 'Stand regionale reserve per 31-12-2023',
    },
  },
  RecordAdvance: {
    nl: 'Voorschot vastleggen',
    summary:
      'Records an advance (voorschot) paid during the year between a municipality and the central municipality on account of the settlement. Positive: the municipality paid; negative: it was paid. Advances change only what is still due at the settlement.',
    fields: {
      regionId,
      advanceId: { nl: 'id', meaning: 'your id of the advance' },
      year,
      scheme,
      municipality: { nl: 'gemeente', meaning: 'the municipality' },
      amount: { nl: 'bedrag', meaning: 'positive: paid by the municipality; negative: paid to it' },
      date: { nl: 'datum', meaning: 'the date of payment' },
      reference: { nl: 'omschrijving', meaning: 'what the advance is for' },
    },
    example: {
      command: 'RecordAdvance',
      regionId: REGION,
      advanceId: 'vs-2024-q1-GM0547',
      year: 2024,
      scheme: 'MO',
      municipality: 'GM0547',
      amount: '12500.00',
      date: '2024-03-15',
      reference: 'Voorschot kwartaal 1',
    },
  },
  TransferReserveToFund: {
    nl: 'Reserve naar fonds overhevelen',
    summary: 'Moves money from the reserve to an earmarked fund, e.g. for friction costs (frictiekosten).',
    fields: {
      regionId,
      transferId: { nl: 'id', meaning: 'your id of the transfer' },
      year,
      fundId: { nl: 'fonds', meaning: 'the fund, e.g. friction' },
      amount: { nl: 'bedrag', meaning: 'the amount moved' },
      reference: { nl: 'omschrijving', meaning: 'the decision behind it' },
    },
    example: {
      command: 'TransferReserveToFund',
      regionId: REGION,
      transferId: 'frictie-2024',
      year: 2024,
      fundId: 'friction',
      amount: '20000.00',
      reference: 'Frictiekosten afbouw nachtopvang',
    },
  },
  RecordFundSpending: {
    nl: 'Besteding uit fonds vastleggen',
    summary: 'Records money spent from a fund: to a municipality’s account of a scheme, or to providers.',
    fields: {
      regionId,
      spendingId: { nl: 'id', meaning: 'your id of the spending' },
      year,
      fundId: { nl: 'fonds', meaning: 'the fund' },
      scheme,
      amount: { nl: 'bedrag', meaning: 'the amount spent' },
      recipient: { nl: 'ontvanger', meaning: 'a municipality, or providers' },
    },
    example: {
      command: 'RecordFundSpending',
      regionId: REGION,
      spendingId: 'frictie-2024-1',
      year: 2024,
      fundId: 'friction',
      scheme: 'MO',
      amount: '15000.00',
      recipient: 'providers',
    },
  },
  AdoptSolidarityAgreement: {
    nl: 'Solidariteitsafspraak vaststellen',
    summary:
      'Adopts a version of the agreement on solidarity between the municipalities (onderlinge solidariteit, the six design choices of AEF); the closing of a year computes the transfers.',
    fields: {
      regionId,
      version: { nl: 'versie', meaning: 'the version of the agreement' },
      validFrom: { nl: 'geldig vanaf', meaning: 'the first year the agreement applies' },
      baseline: {
        nl: 'nulpunt',
        meaning: 'income (each municipality against its own income) or regional-average (against the regional result)',
      },
      executionCosts: {
        nl: 'uitvoeringskosten',
        meaning: 'actual (care plus execution costs) or surcharge (care costs plus surchargePct)',
      },
      surchargePct: {
        nl: 'opslag %',
        meaning: 'the surcharge on care costs; required with surcharge, refused with actual',
      },
      cap: {
        nl: 'plafond',
        meaning: 'whether a payer pays at most its surplus (a surplus never turns into a deficit)',
      },
      weights: {
        nl: 'gewichten',
        meaning: 'weights of the payers (greater than zero); a member left out weighs 1',
      },
      policyCorrections: { nl: 'beleidscorrecties', meaning: 'whether policy corrections are taken off the spending' },
      ownAccountPct: {
        nl: 'eigen rekening %',
        meaning: 'the part of each deviation a municipality keeps for its own account',
      },
      ownAccountPctByYear: { nl: 'eigen rekening % per jaar', meaning: 'ownAccountPct for particular years' },
    },
    example: {
      command: 'AdoptSolidarityAgreement',
      regionId: REGION,
      version: 1,
      validFrom: 2024,
      baseline: 'regional-average',
      executionCosts: 'surcharge',
      surchargePct: '10',
      cap: true,
      weights: { GM0546: '1.5' },
      policyCorrections: true,
      ownAccountPct: '50',
      ownAccountPctByYear: { '2025': '40' },
    },
  },
  RecordInhabitants: {
    nl: 'Inwonertallen vastleggen',
    summary: 'Records the number of inhabitants per municipality for a year, for comparing key options (compare-keys).',
    fields: {
      regionId,
      year,
      counts: { nl: 'inwoners', meaning: 'the number of inhabitants of every member municipality' },
      source: { nl: 'bron', meaning: 'where the counts come from' },
    },
    example: {
      command: 'RecordInhabitants',
      regionId: REGION,
      year: 2024,
      counts: { GM0546: '128000', GM0547: '28000', GM0579: '26000' },
      source: 'CBS, 1 januari 2024',
    },
  },
  RunAllocation: {
    nl: 'Verdeling uitvoeren',
    summary:
      'Runs the allocation of a year: skims the regional budgets, distributes the rest over the keys and charges the contributions. Records only the difference with earlier runs.',
    fields: { regionId, year },
    example: { command: 'RunAllocation', regionId: REGION, year: 2024 },
  },
  CloseYear: {
    nl: 'Jaar afsluiten (afrekening)',
    summary:
      'Closes a year: the allocation run, the results to the reserve or the municipalities, the reserve band and solidarity. A closed year accepts no new facts until it is reopened.',
    fields: { regionId, year },
    example: { command: 'CloseYear', regionId: REGION, year: 2024 },
  },
  ReopenYear: {
    nl: 'Jaar heropenen',
    summary:
      'Reopens a closed year, with a reason, so that late facts (a nacalculatie) can be recorded; closing it again records only the differences.',
    fields: { regionId, year, reason: { nl: 'reden', meaning: 'why the year is reopened' } },
    example: { command: 'ReopenYear', regionId: REGION, year: 2024, reason: 'Nacalculatie decembercirculaire 2024' },
  },
};

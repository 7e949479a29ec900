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
  settledWithMunicipalities: 'Verrekend met gemeenten',
} as const;

export const MO_LABELS = {
  rijkRegional: 'MO-budget centrumgemeente (Rijk)',
  skimmed: 'Afroming regionale voorzieningen',
  distributed: 'Verdeeld over gemeenten (objectieve sleutel)',
  coPayments: 'Eigen bijdragen cliënten',
  costs: 'Kosten regionale voorzieningen',
  result: 'Resultaat regionale voorzieningen',
  toReserve: 'Naar (+) / uit (−) reserve',
  settledWithMunicipalities: 'Verrekend met gemeenten',
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
  rijkObjective: 'Objectief (Rijk)',
  historicalShare: 'Hist. aandeel',
  regionalContribution: 'Bijdrage',
  regionalSettlement: 'Verrekening',
  reserve: 'Reserve',
  funds: 'Fondsen',
  solidarity: 'Solidariteit',
  expenditure: 'Uitgaven',
  result: 'Saldo',
  advances: 'Voorschotten',
  due: 'Afrekening',
} as const;

export const MUNICIPALITY_MO_LABELS = {
  rijk: 'Rijk',
  regionalShare: 'Regionaal aandeel',
  regionalSettlement: 'Verrekening',
  reserve: 'Reserve',
  funds: 'Fondsen',
  expenditure: 'Uitgaven',
  result: 'Saldo',
  advances: 'Voorschotten',
  due: 'Afrekening',
} as const;

/** The amount on the settlement letter: + the central municipality pays, − the municipality pays. */
export const MUNICIPALITY_DUE_LABEL = 'Afrekening BW en MO (te ontvangen +, te betalen −)';

import { IntakeIssue } from '@libs/intake';

/**
 * The intake's reasons in Dutch for the upload page. The intake (and the API) name problems in
 * English; the page translates the reasons people meet in a spreadsheet and, for any other, says in
 * Dutch what kind of problem it is and quotes the reason as the ledger gave it.
 */
const REASONS: readonly [RegExp, (...parts: string[]) => string][] = [
  [/^has more than two decimals: (.+)$/, (value) => `heeft meer dan twee decimalen: ${value}`],
  [
    /^has more than two decimals \(the cell holds ([^)]*)\)(;.*)?$/,
    (value, formula) =>
      `heeft meer dan twee decimalen (de cel bevat ${value.replace(/^(-?\d+)\.(\d+)$/, '$1,$2')})${formula ? '; rond een formule af op centen: =AFRONDEN(…; 2)' : ''}`,
  ],
  [/^has more than one decimal comma: ("[^"]*")/, (value) => `heeft meer dan één decimale komma: ${value}`],
  [/^is not an amount: ("[^"]*")/, (value) => `is geen bedrag: ${value}; schrijf het als 1.234.567,89 (of 1234567.89)`],
  [
    /^dots must group thousands in threes before the comma: ("[^"]*")/,
    (value) => `punten groeperen duizendtallen per drie cijfers vóór de komma: ${value}`,
  ],
  [/^is not a percentage or weight: ("[^"]*")/, (value) => `is geen percentage of gewicht: ${value}; schrijf 6,8`],
  [/^is not a number$/, () => 'is geen getal'],
  [/^holds (.+), not an amount$/, (what) => `bevat ${what}, geen bedrag`],
  [/^holds (.+), not a date; .*$/, (what) => `bevat ${what}, geen datum; gebruik een datumcel of schrijf 2024-03-15`],
  [/^holds (.+), not a percentage or weight$/, (what) => `bevat ${what}, geen percentage of gewicht`],
  [/^holds (.+), not a value for this column$/, (what) => `bevat ${what}, geen waarde voor deze kolom`],
  [/^must be one of (.+), got (.+)$/, (values, got) => `moet een van ${values} zijn, niet ${got}`],
  [/^required column is missing$/, () => 'verplichte kolom ontbreekt'],
  [/^the column appears twice$/, () => 'de kolom staat er twee keer in'],
  [
    /^(GM\d{4}) is not a municipality of region ("[^"]*")$/,
    (code, region) => `${code} is geen gemeente van regio ${region}`,
  ],
  [
    /^("[^"]*") is not a municipality of region ("[^"]*");.*$/,
    (name, region) =>
      `${name} is geen gemeente van regio ${region}; gebruik een CBS-code (GM0546) of een naam van het blad Gemeenten`,
  ],
  [/^you may not record (\w+) \((.+)\)$/, (type, sheet) => `u mag ${type} niet vastleggen (blad ${sheet})`],
  [/^is not a readable \.xlsx workbook/, () => 'is geen leesbaar werkboek (.xlsx)'],
  [
    /^must be a workbook \(\.xlsx\) or a CSV file/,
    () => 'moet een werkboek (.xlsx) zijn of een CSV-bestand (.csv) met de naam van zijn blad',
  ],
  [
    /^the workbook is for region ("[^"]*"), not ("[^"]*")$/,
    (other, own) => `het werkboek is voor regio ${other}, niet voor ${own}`,
  ],
];

/** What kind of problem a code is, for a reason without a Dutch form. */
const KINDS: Record<string, string> = {
  INVALID_FIELD: 'ongeldige waarde',
  MISSING_FIELD: 'ontbreekt',
  UNKNOWN_FIELD: 'onbekende kolom',
  UNKNOWN_MUNICIPALITY: 'onbekende gemeente',
  UNKNOWN_REGION: 'de regio is niet geregistreerd',
  ID_REUSED: 'dit id staat al vastgelegd met een andere inhoud',
  VERSION_CONFLICT: 'deze versie staat al vastgelegd met een andere inhoud',
  REGION_CONFLICT: 'de regio staat al anders vastgelegd',
  INVALID_KEY: 'ongeldige verdeelsleutel',
  KEY_NOT_IN_FORCE: 'er geldt geen verdeelsleutel',
  COMPONENTS_MISMATCH: 'de onderdelen tellen niet op',
  SKIM_EXCEEDS_FUNDS: 'de afroming is groter dan het budget',
  YEAR_CLOSED: 'het jaar is afgesloten',
  YEAR_EMPTY: 'het jaar heeft geen gegevens',
  FORBIDDEN: 'niet toegestaan voor uw rol',
  INVALID_FILE: 'onleesbaar bestand',
};

export interface DutchIssue {
  /** Blad Rijksbetalingen, rij 7, kolom bedrag */
  readonly place: string;
  readonly reason: string;
  /** the ledger's own words, when the reason has no Dutch form */
  readonly original?: string;
}

export function dutchIssue(found: IntakeIssue): DutchIssue {
  const place = [
    found.sheet !== undefined ? `blad ${found.sheet}` : `bestand ${found.file}`,
    found.row !== undefined && found.row > 0 ? `rij ${found.row}` : undefined,
    found.column !== undefined ? `kolom ${found.column}` : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const capitalised = place.charAt(0).toUpperCase() + place.slice(1);
  for (const [pattern, translate] of REASONS) {
    const match = pattern.exec(found.reason);
    if (match) return { place: capitalised, reason: translate(...match.slice(1)) };
  }
  return { place: capitalised, reason: KINDS[found.code] ?? 'afgewezen', original: found.reason };
}

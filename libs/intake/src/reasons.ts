import { AMOUNT_MAX_INTEGER_DIGITS, formatDecimalNl } from '@libs/money';

/**
 * Every reason the intake gives for its own refusals, in Dutch: the words finance staff read on the
 * command line (`FILE:SHEET:ROW: column: reason`), in the API's problem and on the upload page, kept
 * in one place so the three say the same. Numbers in examples are in the Dutch form. Refusals of the
 * command parser and the ledger get their Dutch words in refusals.ts.
 */

/** How an amount is written, for every hint that names it. */
export const AMOUNT_FORMS = 'schrijf het als 1.234.567,89 (of zonder punten: 1234567,89)';

const DECIMAL_FORMS = 'schrijf het als 6,8 (zonder duizendtallenscheiding en zonder %-teken)';

/** A decimal as people read it here: "0.30000000000000004" → "0,30000000000000004", 1234.5 → "1.234,5". */
export function dutchNumber(value: number | string): string {
  const text = String(value);
  return /^-?\d+(?:\.\d+)?$/.test(text) ? formatDecimalNl(text) : text;
}

export const quoted = (text: string): string => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** Dutch lists: "BW of MO", "a, b of c". */
export const orList = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} of ${items[items.length - 1]}`;

export const REASONS = {
  /** after a list of issues capped at MAX_ISSUES: how many more there are, and what to do first */
  moreIssues: (more: number) =>
    `… en nog ${dutchNumber(more)} ${more === 1 ? 'bezwaar' : 'bezwaren'}; herstel deze eerst`,
  // cells
  emptyCell: 'een lege cel',
  numberCell: (value: number) => `het getal ${dutchNumber(value)}`,
  dateCell: (day: string) => `de datum ${day}`,
  booleanCell: (value: boolean) => (value ? 'WAAR' : 'ONWAAR'),
  formulaCell: (formula: string) => `de formule =${formula}`,
  errorCell: (error: string) =>
    `de cel bevat de fout ${error} (een formule die mislukte); verbeter de formule of typ de waarde`,
  uncalculated: (formula: string) =>
    `de formule =${formula} heeft geen berekende waarde; open het werkboek in een spreadsheetprogramma en sla het op, of typ de waarde`,
  wrongCell: (what: string, expected: string) => `bevat ${what}, geen ${expected}`,
  notADate: (what: string) => `bevat ${what}, geen datum; gebruik een datumcel of schrijf de datum als 2024-03-15`,
  percentFormatted: (held: string, meant: string) =>
    `de cel heeft de opmaak percentage en bevat dus ${dutchNumber(held)} in plaats van ${dutchNumber(meant)}; haal de %-opmaak weg en typ het getal (6,8)`,
  notAChoice: (values: readonly string[], got: string) => `moet ${orList(values)} zijn, niet ${quoted(got)}`,

  // municipalities
  notAMunicipalityCell: (what: string) => `bevat ${what}, geen CBS-code (GM0546) of gemeentenaam`,
  notAMember: (code: string, regionId: string) =>
    `${code} is geen gemeente van regio "${regionId}"; gebruik een CBS-code of een naam uit het blad Gemeenten`,
  ambiguousName: (name: string, count: number, regionId: string, codes: readonly string[]) =>
    `${quoted(name)} is de naam van ${count} gemeenten van regio "${regionId}" (${codes.join(', ')}); gebruik de CBS-code`,
  unknownName: (name: string, regionId: string) =>
    `${quoted(name)} is geen gemeente van regio "${regionId}"; gebruik een CBS-code (GM0546) of een naam uit het blad Gemeenten`,

  // number forms
  notANumber: 'is geen getal',
  tooManyDecimalsInCell: (held: string, formula: boolean) =>
    `heeft meer dan twee decimalen (de cel bevat ${dutchNumber(held)})${formula ? '; is het een formule, rond die dan af op centen: =AFRONDEN(…; 2)' : ''}`,
  tooManyDecimals: (raw: string) => `heeft meer dan twee decimalen: ${quoted(raw)}; een bedrag is in hele centen`,
  notAnAmount: (raw: string) => `is geen bedrag: ${quoted(raw)}; ${AMOUNT_FORMS}`,
  twoCommas: (raw: string) => `heeft meer dan één decimale komma: ${quoted(raw)}; ${AMOUNT_FORMS}`,
  badGrouping: (raw: string) =>
    `punten scheiden duizendtallen in groepen van drie cijfers vóór de komma: ${quoted(raw)}; ${AMOUNT_FORMS}`,
  ambiguousDot: (raw: string) =>
    `is geen bedrag: ${quoted(raw)} (een punt met drie cijfers erna scheidt duizendtallen, zoals in 1.234.567; een andere punt is een decimaalteken met hoogstens twee decimalen); ${AMOUNT_FORMS}`,
  notADecimal: (raw: string) => `is geen percentage of gewicht: ${quoted(raw)}; ${DECIMAL_FORMS}`,

  // columns and sheets
  valuesWithoutHeader: (letter: string) =>
    `kolom ${letter} bevat waarden maar heeft geen kop; geef haar een naam of maak haar leeg`,
  unknownColumn: (sheet: string, headers: readonly string[]) =>
    `onbekende kolom (de kolommen van ${sheet} zijn ${headers.join(', ')})`,
  columnTwice: 'de kolom staat er twee keer in',
  requiredColumnAbsent: 'deze verplichte kolom ontbreekt; voeg haar toe met deze kop',
  cellBeyondHeaders: (what: string) =>
    `bevat ${what} in een kolom zonder kop; geef de kolom een naam of maak haar leeg`,
  tooManyRows: (max: number, what: 'werkboek' | 'bestand') =>
    `meer dan ${max.toLocaleString('nl-NL')} rijen; splits het ${what}`,

  // files and the region
  tooManyFiles: (max: number) => `hoogstens ${max} bestanden tegelijk`,
  notASpreadsheet: 'moet een werkboek (.xlsx) zijn of een CSV-bestand (.csv) met de naam van zijn blad',
  sheetTooLarge: (megabytes: number, maxMegabytes: number, maxRows: number) =>
    `is uitgepakt ${megabytes.toLocaleString('nl-NL')} MB, meer dan de ${maxMegabytes.toLocaleString('nl-NL')} MB waarin ${maxRows.toLocaleString('nl-NL')} rijen passen; splits het werkboek (ten hoogste ${maxRows.toLocaleString('nl-NL')} rijen per blad)`,
  sharedStringsTooLarge: (megabytes: number, maxMegabytes: number, maxRows: number) =>
    `de teksten van het werkboek zijn uitgepakt ${megabytes.toLocaleString('nl-NL')} MB, meer dan de ${maxMegabytes.toLocaleString('nl-NL')} MB waarin ${maxRows.toLocaleString('nl-NL')} rijen passen; splits het werkboek`,
  workbookTooLarge: (megabytes: number, maxMegabytes: number) =>
    `is uitgepakt ${megabytes.toLocaleString('nl-NL')} MB, meer dan ${maxMegabytes.toLocaleString('nl-NL')} MB; splits het werkboek`,
  workbookPartTooLarge: (part: string, megabytes: number, maxMegabytes: number) =>
    `het onderdeel ${part} is uitgepakt ${megabytes.toLocaleString('nl-NL')} MB, meer dan ${maxMegabytes.toLocaleString('nl-NL')} MB; sla het werkboek opnieuw op als Excel-werkmap (.xlsx)`,
  tooManyWorkbookParts: (max: number) =>
    `bestaat uit meer dan ${max.toLocaleString('nl-NL')} onderdelen en is dus geen gewoon werkboek; sla het opnieuw op als Excel-werkmap (.xlsx)`,
  workbookUnpacksLarger:
    'pakt groter uit dan het zip-bestand zelf opgeeft (een beschadigd of gemanipuleerd bestand); sla het opnieuw op als Excel-werkmap (.xlsx)',
  unreadableWorkbook: 'is geen leesbaar werkboek (.xlsx); sla het op als Excel-werkmap (.xlsx) en probeer het opnieuw',
  notUtf8: 'is geen UTF-8-tekst; sla het op als "CSV UTF-8 (door komma\'s gescheiden)" in uw spreadsheetprogramma',
  invalidCsv: 'is geen geldig CSV-bestand (bijvoorbeeld een aanhalingsteken dat niet wordt gesloten)',
  csvNotASheet: (stem: string, names: readonly string[]) =>
    `een CSV-bestand wordt gelezen als het blad dat zijn naam noemt; "${stem}" is geen van ${names.join(', ')} (.csv)`,
  regionLabel: (what: string) => `cel A1 moet "regio" bevatten (en B1 de regio), maar bevat ${what}`,
  regionValue: (what: string) => `cel B1 moet de regio bevatten (bijvoorbeeld holland-rijnland), maar bevat ${what}`,
  whichRegion:
    'welke regio? Geef --region (of de regio van de route), of vul cel B1 van een blad Regio in (A1 "regio")',
  otherRegion: (other: string, own: string) => `het werkboek is voor regio "${other}", niet voor "${own}"`,
  regionNotRegistered: (regionId: string) =>
    `regio "${regionId}" is niet geregistreerd; registreer haar eerst (geldstroom init)`,
  mayNotRecord: (sheet: string) => `uw rol mag geen rijen van het blad ${sheet} vastleggen`,
  ledgerChanged: (reason: string) =>
    `${reason} (het grootboek veranderde terwijl de rijen werden vastgelegd; de rijen vóór deze zijn vastgelegd — verbeter deze rij en pas het bestand opnieuw toe: vastgelegde rijen leggen niets opnieuw vast)`,

  // geldstroom init: the members file
  membersEmpty: 'is leeg; het bestand heeft een kopregel (code;naam) en een rij per gemeente nodig',
  membersCodeAbsent: 'deze verplichte kolom ontbreekt (de CBS-code, GM0546)',
  membersNameAbsent: 'deze verplichte kolom ontbreekt (de naam van de gemeente)',
  keyColumnWithoutHeader:
    'een kolom zonder kop; geef haar een naam (de id van een verdeelsleutel, zoals bw-objective) of maak haar leeg',
  unknownMembersColumn:
    'onbekende kolom: naast code en naam is elke kolom een verdeelsleutel met haar id als kop (bw-historical, bw-objective, mo-objective)',
  keyColumnsNeedYear: 'kolommen met verdeelsleutels hebben --year nodig, het eerste jaar waarin de sleutels gelden',
  weightEmpty: 'is leeg; een verdeelsleutel heeft een gewicht nodig voor elke gemeente (0 is ook een gewicht)',
} as const;

export const AMOUNT_LIMIT = `hoogstens ${AMOUNT_MAX_INTEGER_DIGITS} cijfers vóór de komma en twee erna`;

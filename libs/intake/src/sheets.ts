import { COMMAND_SHAPES, CommandType, FieldSchema, schemaOf } from '@libs/domain';

/** How a column's cells are read before the command parser sees them. */
export type ColumnKind = 'text' | 'integer' | 'amount' | 'decimal' | 'date' | 'choice' | 'municipality';

export interface ColumnSpec {
  /** the header as interface.md §5 names it (compared case-insensitively, spaces ignored) */
  readonly header: string;
  /** the command field it fills */
  readonly field: string;
  /** Dutch words accepted for the field's values, e.g. historisch → historical */
  readonly values?: Readonly<Record<string, string>>;
}

export interface SheetSpec {
  readonly name: string;
  readonly command: CommandType;
  readonly columns: readonly ColumnSpec[];
  /** for the instructions sheet */
  readonly purpose: string;
}

const SCHEME_VALUES = { BW: 'BW', MO: 'MO' };

/** The sheets of interface.md §5, in the order they are applied. */
export const SHEETS: readonly SheetSpec[] = [
  {
    name: 'Rijksbetalingen',
    command: 'RecordRijkPayment',
    purpose: 'betalingen van het Rijk (integratie-uitkering BW, decentralisatie-uitkering MO, objectieve budgetten)',
    columns: [
      { header: 'betaling', field: 'paymentId' },
      { header: 'jaar', field: 'year' },
      { header: 'regeling', field: 'scheme', values: SCHEME_VALUES },
      { header: 'grondslag', field: 'basis', values: { historisch: 'historical', objectief: 'objective' } },
      { header: 'ontvanger', field: 'recipient' },
      { header: 'bedrag', field: 'amount' },
      { header: 'omschrijving', field: 'reference' },
      { header: 'boekdatum', field: 'bookDate' },
    ],
  },
  {
    name: 'Begroting',
    command: 'AdoptRegionalBudget',
    purpose: 'de regionale begroting per jaar en regeling (een begrotingswijziging is een nieuwe versie)',
    columns: [
      { header: 'versie', field: 'version' },
      { header: 'jaar', field: 'year' },
      { header: 'regeling', field: 'scheme', values: SCHEME_VALUES },
      { header: 'bedrag', field: 'amount' },
      { header: 'objectief %', field: 'objectivePct' },
    ],
  },
  {
    name: 'Regionale kosten',
    command: 'RecordRegionalCost',
    purpose: 'werkelijke kosten van de regionale voorzieningen',
    columns: [
      { header: 'kostenpost', field: 'costId' },
      { header: 'jaar', field: 'year' },
      { header: 'regeling', field: 'scheme', values: SCHEME_VALUES },
      { header: 'bedrag', field: 'amount' },
      { header: 'categorie', field: 'category' },
      { header: 'aanbieder', field: 'provider' },
      { header: 'omschrijving', field: 'description' },
    ],
  },
  {
    name: 'Eigen bijdragen',
    command: 'RecordCoPayment',
    purpose: 'ontvangen eigen bijdragen van cliënten',
    columns: [
      { header: 'id', field: 'coPaymentId' },
      { header: 'jaar', field: 'year' },
      { header: 'regeling', field: 'scheme', values: SCHEME_VALUES },
      { header: 'bedrag', field: 'amount' },
      { header: 'omschrijving', field: 'description' },
    ],
  },
  {
    name: 'Lokale uitgaven',
    command: 'RecordLocalExpenditure',
    purpose: 'wat elke gemeente zelf uitgaf (nodig voor de solidariteit)',
    columns: [
      { header: 'id', field: 'expenditureId' },
      { header: 'jaar', field: 'year' },
      { header: 'regeling', field: 'scheme', values: SCHEME_VALUES },
      { header: 'gemeente', field: 'municipality' },
      { header: 'zorgkosten', field: 'careCosts' },
      { header: 'uitvoeringskosten', field: 'executionCosts' },
    ],
  },
  {
    name: 'Beleidscorrecties',
    command: 'RecordPolicyCorrection',
    purpose: 'uitgaven die volgen uit eigen beleidskeuzes van een gemeente',
    columns: [
      { header: 'id', field: 'correctionId' },
      { header: 'jaar', field: 'year' },
      { header: 'gemeente', field: 'municipality' },
      { header: 'bedrag', field: 'amount' },
      { header: 'toelichting', field: 'justification' },
    ],
  },
  {
    name: 'Voorschotten',
    command: 'RecordAdvance',
    purpose: 'voorschotten tussen een gemeente en de centrumgemeente (positief: de gemeente betaalde)',
    columns: [
      { header: 'id', field: 'advanceId' },
      { header: 'jaar', field: 'year' },
      { header: 'regeling', field: 'scheme', values: SCHEME_VALUES },
      { header: 'gemeente', field: 'municipality' },
      { header: 'bedrag', field: 'amount' },
      { header: 'datum', field: 'date' },
      { header: 'omschrijving', field: 'reference' },
    ],
  },
];

/** Sheets a workbook made by `template` holds besides the data sheets; they are not applied as data. */
export const REFERENCE_SHEETS = ['Instructies', 'Regio', 'Gemeenten'] as const;

/** How headers and sheet names compare: case-insensitive, spaces, hyphens and underscores ignored. */
export const nameKey = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

export function sheetNamed(name: string): SheetSpec | undefined {
  return SHEETS.find((sheet) => nameKey(sheet.name) === nameKey(name));
}

/** The field's schema (from the command parser) and whether the command requires it. */
export function fieldOf(sheet: SheetSpec, column: ColumnSpec): { schema: FieldSchema; required: boolean } {
  const spec = (COMMAND_SHAPES[sheet.command] as Record<string, { required: boolean }>)[column.field];
  if (!spec) throw new Error(`${sheet.name}.${column.header}: ${sheet.command} has no field ${column.field}`);
  return { schema: schemaOf(spec as never), required: spec.required };
}

/** How a column's cells are read, from the parser's own description of the field. */
export function kindOf(sheet: SheetSpec, column: ColumnSpec): ColumnKind {
  const { schema } = fieldOf(sheet, column);
  if (schema.title === 'CBS code') return 'municipality';
  if (schema.enum) return 'choice';
  if (schema.type === 'integer') return 'integer';
  if (schema.title === 'amount') return 'amount';
  if (schema.title === 'percentage' || schema.title === 'decimal') return 'decimal';
  if (schema.format === 'date') return 'date';
  return 'text';
}

export const isRequired = (sheet: SheetSpec, column: ColumnSpec): boolean => fieldOf(sheet, column).required;

import { COMMAND_SHAPES, CommandType, DomainError, FieldSchema, schemaOf, unfitCharacter } from '@libs/domain';
import { DECIMAL_MAX_SIGNIFICANT_DIGITS, formatDecimalNl, formatEuroNl, Rational } from '@libs/money';
import { AMOUNT_LIMIT, dutchNumber, quoted, REASONS } from './reasons';

/**
 * The Dutch reason for a row that the command parser or the ledger refused, from the refusal's code
 * and field and the row's own values — never from the English text, which stays with the issue as
 * `original`. The parser and the ledger keep their English words for command files and the API's
 * `/commands`; what a spreadsheet user reads is said here.
 */
export interface Refused {
  readonly command: CommandType;
  /** the command-file object of the row (parser refusals) or the parsed command (ledger refusals) */
  readonly values: Readonly<Record<string, unknown>>;
  /** the Dutch words of a choice column (historisch, objectief), when the field is one */
  readonly choices?: readonly string[];
  /** said after percentages that do not sum to 100: how to give weights instead, where there is a way */
  readonly percentHint?: string;
}

export function refusalReason(error: DomainError, refused: Refused): string {
  const field = error.field ?? '';
  const value = valueAt(refused.values, field);
  const regionId = typeof refused.values.regionId === 'string' ? refused.values.regionId : '';
  switch (error.code) {
    case 'MISSING_FIELD':
      return 'is leeg, maar moet ingevuld zijn';
    case 'INVALID_FIELD':
      return (
        RULES[`${refused.command}.${topField(field)}`]?.(value, refused.values, field) ??
        invalidValue(field, value, refused)
      );
    case 'UNKNOWN_MUNICIPALITY':
      return REASONS.notAMember(codeIn(field, value), regionId);
    case 'ID_REUSED':
      return `${shown(value)} staat al vastgelegd met een andere inhoud; wat vastgelegd is verandert niet — geef deze rij een id dat nog niet bestaat`;
    case 'VERSION_CONFLICT':
      return `versie ${shown(refused.values.version)} staat al vastgelegd met een andere inhoud; leg een wijziging vast als een nieuwe versie`;
    case 'YEAR_CLOSED':
      return `${shown(refused.values.year)} is afgesloten; heropen het jaar eerst (ReopenYear, met een reden) om er nog iets voor vast te leggen`;
    case 'UNKNOWN_REGION':
      return REASONS.regionNotRegistered(regionId);
    case 'REGION_CONFLICT':
      return `regio "${regionId}" staat al geregistreerd met een andere naam, centrumgemeente of andere gemeenten`;
    case 'INVALID_KEY':
      return keyReason(refused.values, refused.percentHint);
    default:
      return GENERAL[error.code] ?? `afgewezen (${error.code})`;
  }
}

/** What a code means when nothing more specific can be said; the ledger's `original` tells the rest. */
const GENERAL: Record<string, string> = {
  UNKNOWN_FIELD: 'onbekend veld',
  UNKNOWN_COMMAND: 'onbekende opdracht',
  KEY_NOT_IN_FORCE: 'voor dit jaar geldt geen verdeelsleutel',
  COMPONENTS_MISMATCH: 'de onderdelen tellen niet op tot het bedrag',
  SKIM_EXCEEDS_FUNDS: 'de afroming is groter dan de betalingen van het Rijk',
  YEAR_EMPTY: 'voor dit jaar is niets vastgelegd; is het jaar verkeerd getypt?',
  NOT_FOUND: 'niet gevonden',
};

/**
 * The ledger's rules on one field of a well-formed command (the parser checks fields one by one); a rule
 * that does not apply to the refusal answers undefined, and the field's own rule is said instead.
 */
const RULES: Record<
  string,
  (value: unknown, values: Readonly<Record<string, unknown>>, field: string) => string | undefined
> = {
  'AdoptRegionalBudget.amount': () =>
    'een regionale begroting is het nettobedrag dat de regionale voorzieningen nodig hebben en mag niet negatief zijn',
  'AdoptRegionalBudget.objectivePct': () =>
    'geldt alleen voor een BW-begroting (MO heeft geen objectief aandeel); laat de cel leeg bij MO',
  'RegisterRegion.municipalities': (value, values, field) => {
    if (field === 'municipalities' && Array.isArray(value) && value.length === 0)
      return 'bevat geen enkele gemeente; een regio heeft ten minste één gemeente';
    const codes = Array.isArray(values.municipalities)
      ? values.municipalities.map((member) => (member as { code?: unknown } | null)?.code)
      : [];
    return /^municipalities\[\d+\]\.code$/.test(field) && codes.filter((code) => code === value).length > 1
      ? `${shown(value)} staat twee keer in de lijst van gemeenten`
      : undefined;
  },
  'RegisterRegion.centralMunicipality': (value) =>
    `${shown(value)} staat niet in de lijst van gemeenten; de centrumgemeente is een van de gemeenten van de regio`,
  'AdoptDistributionKey.validTo': (_value, values) =>
    `ligt vóór het eerste jaar van de sleutel (${shown(values.validFrom)})`,
};

/** A value the parser refused for its field, said by what the field takes. */
function invalidValue(field: string, value: unknown, refused: Refused): string {
  const schema = leafSchema(refused.command, field);
  const it = shown(value, schema);
  switch (schema?.title) {
    case 'amount':
      return `is geen geldig bedrag: ${it}; een bedrag heeft ${AMOUNT_LIMIT}`;
    case 'percentage':
      return `is geen geldig percentage: ${it}; een percentage ligt tussen 0 en 100 (zoals 6,8) en heeft hoogstens ${DECIMAL_MAX_SIGNIFICANT_DIGITS} cijfers`;
    case 'decimal':
      return `is geen geldig gewicht: ${it}; een gewicht is een getal van 0 of meer (zoals 24,3) met hoogstens ${DECIMAL_MAX_SIGNIFICANT_DIGITS} cijfers`;
    case 'year':
      return `is geen jaar: ${it}; schrijf een jaar van ${schema.minimum ?? 1900} tot en met ${schema.maximum ?? 2999}, zoals 2024`;
    case 'version':
      return `is geen versienummer: ${it}; schrijf een geheel getal vanaf 1, zoals 2`;
    case 'date':
      return `is geen datum: ${it}; gebruik een datumcel of schrijf de datum als 2024-03-15`;
    case 'id':
      return `is geen geldig id: ${it}; een id begint met een letter of cijfer en bevat alleen letters, cijfers en . _ : / - (geen spaties), hoogstens 100 tekens`;
    case 'slug':
      return `is geen geldige naam voor een regio of sleutel: ${it}; gebruik kleine letters, cijfers en koppeltekens, zoals holland-rijnland`;
    case 'CBS code':
      return `is geen CBS-code: ${shown(codeIn(field, value))}; een CBS-code is GM met vier cijfers, zoals GM0546`;
    case 'one of':
      return REASONS.notAChoice(refused.choices ?? schema.enum ?? [], typeof value === 'string' ? value : it);
    case 'text':
      if (typeof value === 'string' && value.trim() === '') return 'is leeg, maar moet ingevuld zijn';
      if (typeof value === 'string' && schema.maxLength !== undefined && value.length > schema.maxLength)
        return `is te lang: ${value.length} tekens, hoogstens ${schema.maxLength}`;
      return unfitText(value) ?? `is geen tekst: ${it}`;
    default:
      return `ongeldige waarde: ${it}`;
  }
}

/** Why a text holds a character no text may (see unfitCharacter), in Dutch; undefined when it holds none. */
function unfitText(value: unknown): string | undefined {
  const unfit = typeof value === 'string' ? unfitCharacter(value) : undefined;
  return unfit
    ? `bevat een teken dat niet in een tekst hoort (${unfit.code}, onzichtbaar); typ de tekst opnieuw of plak hem zonder opmaak`
    : undefined;
}

/** INVALID_KEY of a key adopted by geldstroom init: the weights' sum, checked as the ledger checks it. */
function keyReason(values: Readonly<Record<string, unknown>>, percentHint?: string): string {
  const weights = values.weights;
  if (typeof weights !== 'object' || weights === null) return 'de verdeelsleutel klopt niet';
  let sum = Rational.ZERO;
  for (const weight of Object.values(weights)) {
    if (typeof weight !== 'string') return 'de verdeelsleutel klopt niet';
    sum = sum.add(Rational.fromDecimal(weight));
  }
  if (!sum.isPositive())
    return 'de gewichten tellen op tot nul; een verdeelsleutel heeft ten minste één gewicht groter dan nul nodig';
  if (values.unit === 'percent')
    return `de percentages tellen op tot ${formatDecimalNl(sum.toDecimalString(6))} in plaats van 100 (± 1)${percentHint ? `; ${percentHint}` : ''}`;
  return 'de verdeelsleutel moet een gewicht hebben voor elke gemeente van de regio';
}

const topField = (field: string): string => field.split(/[.[]/)[0];

/** The value at a field path such as `amount`, `municipalities[2].code` or `weights.GM0546`. */
function valueAt(values: Readonly<Record<string, unknown>>, field: string): unknown {
  let current: unknown = values;
  for (const step of field.match(/[^.[\]]+/g) ?? []) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** The municipality code a refusal is about: the value, or the key of a map entry (`weights.GM0546`). */
function codeIn(field: string, value: unknown): string {
  const key = /\.([^.[\]]+)$/.exec(field)?.[1];
  if (key !== undefined && topField(field) !== 'municipalities' && !/^GM\d{4}$/.test(String(value))) return key;
  return String(value);
}

/** The schema of the field a path ends at: a list's item, an object's property, a map's value. */
function leafSchema(command: CommandType, field: string): FieldSchema | undefined {
  const [top, ...steps] = field.match(/[^.[\]]+/g) ?? [];
  const spec = (COMMAND_SHAPES[command] as Record<string, unknown>)[top ?? ''];
  if (!spec) return undefined;
  let schema: FieldSchema | undefined = schemaOf(spec as never);
  for (const step of steps) {
    if (!schema) return undefined;
    if (/^\d+$/.test(step) && schema.items) schema = schema.items;
    else if (schema.properties?.[step]) schema = schema.properties[step];
    else if (typeof schema.additionalProperties === 'object') {
      // a map's key is checked as a code: a key that is not one is what was refused
      if (schema.title.startsWith('map CBS code') && !/^GM\d{4}$/.test(step))
        return { title: 'CBS code', description: '', example: '' };
      schema = schema.additionalProperties;
    }
  }
  return schema;
}

/** A value as the user wrote it, numbers in the Dutch form. */
function shown(value: unknown, schema?: FieldSchema): string {
  if (typeof value === 'bigint') return formatEuroNl(value);
  if (typeof value === 'number') return dutchNumber(value);
  if (typeof value === 'string') {
    const numeric = schema && ['amount', 'percentage', 'decimal'].includes(schema.title);
    return numeric && /^-?\d+(?:\.\d+)?$/.test(value) ? dutchNumber(value) : quoted(value);
  }
  if (value === undefined || value === null) return 'een lege cel';
  return quoted(JSON.stringify(value));
}

import { Cents, formatAmount, formatEuro, parseAmount } from './amount';

/**
 * Dutch (nl-NL) rendering for what people read: amounts, percentages, weights, dates and times. The
 * one place for it — the tables, letters, workbooks, CSV files and the web pages all use these, so a
 * number looks the same everywhere. Nothing here parses: input stays in the plain forms of amount.ts.
 */

const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** An amount without the euro sign, for columns headed "bedrag in euro": "5.802.407,00", "-115.593,00". */
export function formatAmountNl(amount: Cents | string): string {
  return formatEuro(typeof amount === 'bigint' ? amount : parseAmount(amount)).slice(2);
}

/** An amount with the euro sign (€ 5.802.407,00) from a decimal string or cents. */
export function formatEuroNl(amount: Cents | string): string {
  return formatEuro(typeof amount === 'bigint' ? amount : parseAmount(amount));
}

/**
 * A percentage or weight as given (a decimal string of any precision, such as "24.3", "0.125",
 * "1234.5"): decimal comma and thousands points, no digit added or lost — "24,3", "0,125", "1.234,5".
 */
export function formatDecimalNl(decimal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) throw new RangeError(`not a plain decimal: ${JSON.stringify(decimal)}`);
  const [, sign, whole, fraction] = match;
  return `${sign}${whole.replace(THOUSANDS, '.')}${fraction ? `,${fraction}` : ''}`;
}

/** A percentage: "24,3 %" (the Dutch style guides put a space before the sign). */
export function formatPercentNl(decimal: string): string {
  return `${formatDecimalNl(decimal)} %`;
}

/**
 * An amount as a spreadsheet cell in a Dutch CSV file: decimal comma and no thousands points, so
 * that Excel and LibreOffice in a Dutch locale read it as a number ("-115593,00").
 */
export function formatAmountCsvNl(amount: Cents | string): string {
  return (typeof amount === 'bigint' ? formatAmount(amount) : amount).replace('.', ',');
}

/** The time zone of every date and time people read. */
export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

interface LocalParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

/** The wall-clock time in the Netherlands (CET/CEST by the tz database of the runtime's ICU). */
function localParts(moment: Date | string): LocalParts {
  const date = typeof moment === 'string' ? new Date(moment) : moment;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a moment: ${JSON.stringify(moment)}`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: DUTCH_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => {
    const part = parts.find((each) => each.type === type);
    if (!part) throw new Error(`Intl.DateTimeFormat gave no ${type}`);
    return part.value;
  };
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** "23-11-2026 07:30:57": a recording time as a controller compares it, in Dutch time. */
export function formatDateTimeNl(moment: Date | string): string {
  const p = localParts(moment);
  return `${p.day}-${p.month}-${p.year} ${p.hour}:${p.minute}:${p.second}`;
}

/** "23 november 2026": the date of a letter. */
export function formatDateLongNl(moment: Date | string): string {
  const p = localParts(moment);
  return `${Number(p.day)} ${MONTHS[Number(p.month) - 1]} ${p.year}`;
}

/** "23 november 2026 om 07:30" (with `seconds`: "om 07:30:57"): when a document was generated or a fact recorded. */
export function formatDateTimeLongNl(moment: Date | string, options: { seconds?: boolean } = {}): string {
  const p = localParts(moment);
  return `${formatDateLongNl(moment)} om ${p.hour}:${p.minute}${options.seconds ? `:${p.second}` : ''}`;
}

/** "31-12-2024": a calendar date (YYYY-MM-DD, no time zone) in Dutch order. */
export function formatCalendarDateNl(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`not a calendar date: ${JSON.stringify(isoDate)}`);
  return `${match[3]}-${match[2]}-${match[1]}`;
}

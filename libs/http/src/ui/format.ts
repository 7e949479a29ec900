import { Cents, formatDateTimeLongNl, formatEuroNl, parseAmount } from '@libs/money';

/** € 5.802.407,00 — from cents or a decimal string of the statement (libs/money/nl-format, as every report). */
export function euro(amount: Cents | string): string {
  return formatEuroNl(amount);
}

/** 1 december 2026 om 15:27:04, in Dutch time whatever the server's zone. */
export function amsterdamTime(iso: string | Date): string {
  const moment = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(moment.getTime()) ? String(iso) : formatDateTimeLongNl(moment, { seconds: true });
}

/** The sign of an amount as a CSS class, so that negative amounts read as such. */
export function signClass(amount: Cents | string): string {
  const cents = typeof amount === 'bigint' ? amount : parseAmount(amount);
  return cents < 0n ? 'amount negative' : 'amount';
}

/** A text that starts a heading, a cell or a sentence, with a capital (the reports' labels are written to run on). */
export function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nl-NL') + text.slice(1);
}

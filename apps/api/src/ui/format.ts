import { Cents, formatEuro, parseAmount } from '@libs/money';

/** € 5.802.407,00 — from cents or a decimal string of the statement. */
export function euro(amount: Cents | string): string {
  return formatEuro(typeof amount === 'bigint' ? amount : parseAmount(amount));
}

const AMSTERDAM = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** 1 december 2026 om 15:27:04, in Dutch time whatever the server's zone. */
export function amsterdamTime(iso: string | Date): string {
  const moment = typeof iso === 'string' ? new Date(iso) : iso;
  return Number.isNaN(moment.getTime()) ? String(iso) : AMSTERDAM.format(moment);
}

/** The sign of an amount as a CSS class, so that negative amounts read as such. */
export function signClass(amount: Cents | string): string {
  const cents = typeof amount === 'bigint' ? amount : parseAmount(amount);
  return cents < 0n ? 'amount negative' : 'amount';
}

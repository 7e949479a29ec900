/**
 * The number forms of interface.md §5, turned into the plain decimal strings the command parser
 * takes. Nothing here is money arithmetic: text in, text out, and the parser applies the rules of
 * domain.md §2 (two decimals, the 12-digit limit) afterwards.
 */

import { REASONS } from './reasons';

export type Converted = { readonly value: string } | { readonly reason: string };

/**
 * The decimal text of a spreadsheet number: the shortest string that reads back as the same double
 * (ECMAScript's Number-to-String), written out without an exponent. A cell that holds 0.1 + 0.2
 * becomes "0.30000000000000004", so it is seen to have more than two decimals rather than rounded.
 */
export function decimalOfNumber(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  const exponent = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, whole, fraction = '', power] = exponent;
  const digits = whole + fraction;
  const point = whole.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

const decimalsOf = (text: string): number => (text.includes('.') ? text.length - text.indexOf('.') - 1 : 0);

/** An amount cell holding a number: taken as cents only with at most two decimals. */
export function amountOfNumber(value: number): Converted {
  const text = decimalOfNumber(value);
  if (text === undefined) return { reason: REASONS.notANumber };
  if (decimalsOf(text) > 2) {
    // only for the hint: a sum of whole cents that binary floating point left a hair off
    const nearCents = Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
    return { reason: REASONS.tooManyDecimalsInCell(text, nearCents) };
  }
  return { value: text };
}

const GROUPED = /^\d{1,3}(?:\.\d{3})+$/;

/**
 * An amount written as text. With a comma, the comma is the decimal separator and dots group
 * thousands (1.234.567,89). Without one, a dot followed by exactly three digits groups thousands
 * (-250.000) and any other dot is a decimal point with at most two decimals (1234567.89).
 */
export function amountOfText(raw: string): Converted {
  const text = raw.trim();
  const sign = text.startsWith('-') ? '-' : '';
  const body = sign ? text.slice(1) : text;
  if (!/^[\d.,]+$/.test(body) || !/\d/.test(body)) return { reason: REASONS.notAnAmount(raw) };
  let whole: string;
  let fraction = '';
  if (body.includes(',')) {
    const parts = body.split(',');
    if (parts.length > 2) return { reason: REASONS.twoCommas(raw) };
    [whole, fraction] = parts;
    if (!/^\d+$/.test(fraction)) return { reason: REASONS.notAnAmount(raw) };
    if (fraction.length > 2) return { reason: REASONS.tooManyDecimals(raw) };
    if (whole === '') return { reason: REASONS.notAnAmount(raw) };
    if (GROUPED.test(whole)) whole = whole.replace(/\./g, '');
    else if (!/^\d+$/.test(whole)) return { reason: REASONS.badGrouping(raw) };
  } else if (body.includes('.')) {
    if (GROUPED.test(body)) {
      // "0.125" would read as 125 euros: a leading group of 0 is a decimal that was meant, not thousands
      if (/^0\.\d{3}$/.test(body)) return { reason: REASONS.tooManyDecimals(raw) };
      if (body.startsWith('0')) return { reason: REASONS.notAnAmount(raw) };
      whole = body.replace(/\./g, '');
    } else if (/^\d+\.\d{1,2}$/.test(body)) {
      [whole, fraction] = body.split('.');
    } else if (/^\d+\.\d{3,}$/.test(body) && !/^\d+\.\d{3}$/.test(body)) {
      return { reason: REASONS.tooManyDecimals(raw) };
    } else {
      return { reason: REASONS.ambiguousDot(raw) };
    }
  } else {
    whole = body;
  }
  return { value: `${sign}${whole}${fraction ? `.${fraction}` : ''}` };
}

/** A percentage or weight written as text: 6,8 or 6.8, without thousands grouping. */
export function decimalOfText(raw: string): Converted {
  const text = raw.trim();
  if (/^-?\d+(?:[.,]\d+)?$/.test(text)) return { value: text.replace(',', '.') };
  return { reason: REASONS.notADecimal(raw) };
}

/** A percentage or weight cell holding a number. */
export function decimalOfNumberCell(value: number): Converted {
  const text = decimalOfNumber(value);
  return text === undefined ? { reason: REASONS.notANumber } : { value: text };
}

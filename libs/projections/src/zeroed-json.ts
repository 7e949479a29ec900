import { zeroed } from './replay';

/**
 * The value of a text that is exactly how JSON.stringify writes it (JSON.stringify(JSON.parse(text)) ===
 * text), or undefined: a text that reads otherwise (spaces, other escapes or number forms, cut off) is not
 * spliced into a report as it is.
 */
export function writtenValue(text: string): { readonly value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return JSON.stringify(value) === text ? { value } : undefined;
}

/**
 * The JSON text of a statement-shaped value with every amount written as "0.00" and the rest as it is — the
 * difference of a statement and itself (see statementDifference); undefined when the text is not exactly how
 * JSON.stringify writes a value (see writtenValue).
 */
export function zeroedJson(text: string): string | undefined {
  const written = writtenValue(text);
  return written && JSON.stringify(zeroed(written.value));
}

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
  return writtenValue(text) && text.replace(AMOUNT_VALUE, ZERO_AMOUNT);
}

/**
 * A string in a value's place (after a colon, a bracket or a comma, or the whole text; not followed by a
 * colon, so no name) that is an amount (see isAmountText), in a text as JSON.stringify writes it: a quote
 * there opens a string (within a string every quote is escaped, and a string is never followed by a digit),
 * and an amount needs no escape. So the text is zeroed where it stands, instead of being read into a value,
 * zeroed and written again (every year a what-if leaves as recorded).
 */
const AMOUNT_VALUE = /(?<=^|[:[,])"-?\d+\.\d\d"(?=[,\]}]|$)/g;
const ZERO_AMOUNT = '"0.00"';

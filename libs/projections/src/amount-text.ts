const [MINUS, POINT, DIGIT_0, DIGIT_9] = ['-', '.', '0', '9'].map((char) => char.charCodeAt(0));

/**
 * Whether a text is an amount as a statement writes it, /^-?\d+\.\d{2}$/: tested by its characters,
 * since every text of every statement of a what-if is tested (a spec checks it against the pattern).
 */
export function isAmountText(text: string): boolean {
  const point = text.length - 3;
  let index = text.charCodeAt(0) === MINUS ? 1 : 0;
  if (index >= point || text.charCodeAt(point) !== POINT) return false;
  for (; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if ((code < DIGIT_0 || code > DIGIT_9) && index !== point) return false;
  }
  return true;
}

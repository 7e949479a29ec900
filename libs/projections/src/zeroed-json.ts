import { isAmountText } from './amount-text';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const ZERO_AMOUNT = '"0.00"';

/** A text that is not JSON as JSON.stringify writes it (see zeroedJson). */
class NotWritten extends Error {}

/**
 * The JSON text of a statement-shaped value with every amount (a string such as "-12.34", see
 * isAmountText) written as "0.00" and the rest as it is: JSON.stringify(zeroed(JSON.parse(text))) — what
 * the difference of a statement and itself is (see statementDifference) — without parsing and writing the
 * value again. Undefined when the text is not exactly how JSON.stringify writes a value (no whitespace,
 * strings escaped as it escapes them, numbers as it writes them): a text that reads otherwise is not
 * spliced into a report as it is.
 */
export function zeroedJson(text: string): string | undefined {
  const scan = scanned(text, true);
  if (!scan) return undefined;
  scan.flush(text.length);
  return scan.out.join('');
}

/** Whether a text is exactly how JSON.stringify writes a value (see zeroedJson): JSON.stringify(JSON.parse(text)) === text. */
export function isWrittenJson(text: string): boolean {
  return scanned(text, false) !== undefined;
}

function scanned(text: string, zero: boolean): Scan | undefined {
  try {
    const scan = new Scan(text, zero);
    scan.value();
    return scan.at === text.length ? scan : undefined;
  } catch (error) {
    if (error instanceof NotWritten) return undefined;
    throw error;
  }
}

/** A pass over the text that checks it and (with `zero`) copies it in slices and replaces each amount. */
class Scan {
  at = 0;
  readonly out: string[] = [];
  private copiedTo = 0;

  constructor(
    private readonly text: string,
    private readonly zero: boolean,
  ) {}

  flush(to: number): void {
    if (to > this.copiedTo) this.out.push(this.text.slice(this.copiedTo, to));
    this.copiedTo = to;
  }

  value(): void {
    const code = this.text.charCodeAt(this.at);
    if (code === QUOTE) {
      const start = this.at;
      const plain = this.string();
      if (this.zero && plain && isAmountText(this.text.slice(start + 1, this.at - 1))) {
        this.flush(start);
        this.out.push(ZERO_AMOUNT);
        this.copiedTo = this.at;
      }
    } else if (code === OPEN_OBJECT) this.object();
    else if (code === OPEN_ARRAY) this.array();
    else this.literal();
  }

  private object(): void {
    this.at += 1;
    if (this.text.charCodeAt(this.at) === CLOSE_OBJECT) {
      this.at += 1;
      return;
    }
    for (;;) {
      if (this.text.charCodeAt(this.at) !== QUOTE) throw new NotWritten();
      this.string();
      if (this.text.charCodeAt(this.at) !== COLON) throw new NotWritten();
      this.at += 1;
      this.value();
      const code = this.text.charCodeAt(this.at);
      this.at += 1;
      if (code === CLOSE_OBJECT) return;
      if (code !== COMMA) throw new NotWritten();
    }
  }

  private array(): void {
    this.at += 1;
    if (this.text.charCodeAt(this.at) === CLOSE_ARRAY) {
      this.at += 1;
      return;
    }
    for (;;) {
      this.value();
      const code = this.text.charCodeAt(this.at);
      this.at += 1;
      if (code === CLOSE_ARRAY) return;
      if (code !== COMMA) throw new NotWritten();
    }
  }

  /** A string as JSON.stringify writes it; whether it has no escape (an amount has none). */
  private string(): boolean {
    const text = this.text;
    let index = this.at + 1;
    let plain = true;
    for (;;) {
      const code = text.charCodeAt(index);
      if (Number.isNaN(code) || code < 0x20) throw new NotWritten();
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        plain = false;
        index = this.escape(index);
      } else if (code >= 0xd800 && code <= 0xdfff) {
        // JSON.stringify writes a lone surrogate as \u: only a pair stands as it is
        const low = text.charCodeAt(index + 1);
        if (code > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) throw new NotWritten();
        index += 2;
      } else index += 1;
    }
    this.at = index + 1;
    return plain;
  }

  /** The index after an escape as JSON.stringify writes one (control characters and lone surrogates as \u). */
  private escape(index: number): number {
    const next = this.text[index + 1];
    if (next === 'u') {
      const hex = this.text.slice(index + 2, index + 6);
      if (!/^[0-9a-f]{4}$/.test(hex)) throw new NotWritten();
      const code = parseInt(hex, 16);
      const escaped = code < 0x20 || (code >= 0xd800 && code <= 0xdfff);
      if (!escaped || JSON.stringify(String.fromCharCode(code)) !== `"\\u${hex}"`) throw new NotWritten();
      // a high and a low surrogate together are a character JSON.stringify writes as it is
      if (code >= 0xd800 && code <= 0xdbff && /^\\ud[c-f][0-9a-f]{2}$/.test(this.text.slice(index + 6, index + 12)))
        throw new NotWritten();
      return index + 6;
    }
    if (next === undefined || !'"\\bfnrt'.includes(next)) throw new NotWritten();
    return index + 2;
  }

  /** A number, true, false or null, as JSON.stringify writes it. */
  private literal(): void {
    const text = this.text;
    let end = this.at;
    for (; end < text.length; end += 1) {
      const code = text.charCodeAt(end);
      if (code === COMMA || code === CLOSE_OBJECT || code === CLOSE_ARRAY) break;
    }
    const literal = text.slice(this.at, end);
    const written =
      literal === 'true' ||
      literal === 'false' ||
      literal === 'null' ||
      (/^-?[0-9]/.test(literal) && JSON.stringify(Number(literal)) === literal);
    if (!written) throw new NotWritten();
    this.at = end;
  }
}

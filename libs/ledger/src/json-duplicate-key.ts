/**
 * A string token of JSON text (with `:` after it when it is a key) or a bracket. Outside strings valid JSON
 * holds no quote, so matching from the start steps from one whole string to the next.
 */
const TOKEN = /"([^"\\]*(?:\\.[^"\\]*)*)"(\s*:)?|[{}[\]]/g;

/**
 * The first key given twice in one object of `text` (or of its UTF-8 bytes), which JSON.parse read as
 * `value`, or undefined. JSON.parse keeps the last of two equal keys without a word: `{"year":2024,"year":2099}`
 * is read as 2099. Every key in the text has its colon, so when the text holds no more colons than `value`
 * holds keys, no key can be there twice: that count is all most texts cost; the text is read token by token
 * only when it has more (a colon in a string such as a time, or a key given twice). In UTF-8 a colon is the
 * byte 0x3A and no other character holds that byte, so bytes are counted as they are, without decoding.
 */
export function duplicateJsonKey(text: string | Buffer, value: unknown): string | undefined {
  if (colonsIn(text) <= keysIn(value)) return undefined;
  return firstDuplicateKey(typeof text === 'string' ? text : text.toString('utf8'));
}

const COLON = 0x3a;

function colonsIn(text: string | Buffer): number {
  let count = 0;
  if (typeof text === 'string') for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) count += 1;
  else for (let at = text.indexOf(COLON); at !== -1; at = text.indexOf(COLON, at + 1)) count += 1;
  return count;
}

/** The keys of every object in a parsed JSON value, counted without recursion (a line may nest deeper than the stack). */
function keysIn(value: unknown): number {
  let count = 0;
  const pending: unknown[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next !== 'object' || next === null) continue;
    if (Array.isArray(next)) {
      for (const item of next) pending.push(item);
      continue;
    }
    for (const key of Object.keys(next)) {
      count += 1;
      pending.push((next as Record<string, unknown>)[key]);
    }
  }
  return count;
}

/** The first key given twice in one object of valid JSON text, read token by token. */
function firstDuplicateKey(text: string): string | undefined {
  // one set of keys per open object; an array holds none
  const open: (Set<string> | undefined)[] = [];
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const [token, body, colon] = match;
    if (token === '{') open.push(new Set());
    else if (token === '[') open.push(undefined);
    else if (token === '}' || token === ']') open.pop();
    else if (colon !== undefined) {
      const keys = open[open.length - 1];
      const key = body.includes('\\') ? (JSON.parse(`"${body}"`) as string) : body;
      if (keys === undefined) continue;
      if (keys.has(key)) return key;
      keys.add(key);
    }
  }
  return undefined;
}

import { canonicalJson } from './canonical-json';
import { SHORT_MEMBER_NAMES } from './fact-content';

const SHORT_FORM = new Map(SHORT_MEMBER_NAMES.map((name, index) => [name, String.fromCharCode(index + 1)]));

/**
 * A fact's given content as it was written before the one-pass writer: the data without its postings as
 * canonical JSON, then every `"name":` of a short name found by a scan of the text and replaced. Kept as
 * the reference the writer is compared with.
 */
export function givenContentByScan(storedData: Readonly<Record<string, unknown>>): string {
  const { postings: _postings, ...given } = storedData;
  const json = canonicalJson(given);
  const parts: string[] = [];
  let from = 0;
  for (let colon = json.indexOf('":'); colon !== -1; colon = json.indexOf('":', colon + 2)) {
    const open = json.lastIndexOf('"', colon - 1);
    if (open < from) continue;
    const short = SHORT_FORM.get(json.slice(open + 1, colon));
    if (short === undefined) continue;
    parts.push(json.slice(from, open), short);
    from = colon + 2;
  }
  if (from === 0) return json;
  parts.push(json.slice(from));
  return parts.join('');
}

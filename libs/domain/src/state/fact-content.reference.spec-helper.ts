import { canonicalJson } from './canonical-json';
import { shortened } from './fact-content';

/**
 * A fact's given content as it was written before the one-pass writer: the data without its postings as
 * canonical JSON, then every `"name":` of a short name found by a scan of the text and replaced. Kept as
 * the reference the writer is compared with.
 */
export function givenContentByScan(storedData: Readonly<Record<string, unknown>>): string {
  const { postings: _postings, ...given } = storedData;
  return shortened(canonicalJson(given));
}

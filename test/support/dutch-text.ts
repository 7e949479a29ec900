import { DUTCH_VOCABULARY } from './dutch-vocabulary';

/**
 * English words that must never be in what a controller reads — the examples and the words
 * of the English derivations. A word here that is also in the vocabulary is a mistake in the
 * vocabulary (tested), so this list guards the vocabulary as much as the text.
 */
export const ENGLISH_WORDS = [
  'recipient',
  'largest',
  'remainder',
  'below',
  'above',
  'its',
  'regionalsettlement',
  'inhabitants',
  'friction',
  'income',
  'use',
  'the',
  'and',
  'to',
  'from',
  'by',
  'with',
  'payment',
  'balance',
  'still',
  'held',
  'taken',
  'back',
  'netted',
  'against',
  'before',
  'allocated',
  'skimmed',
  'skim',
  'share',
  'key',
  'split',
  'scheme',
  'target',
  'earlier',
  'deviation',
  'pooled',
  'cap',
  'own',
  'account',
  'baseline',
  'execution',
  'care',
  'spending',
  'receives',
  'pays',
  'settlement',
  'contribution',
  'result',
  'costs',
  'fund',
  'funds',
  'regional',
  'distribution',
  'historical',
  'objective',
  'recorded',
  'source',
  'event',
  'rule',
  'municipality',
  'municipalities',
  'advance',
  'advances',
  'due',
  'paid',
  'out',
  'what',
  'if',
] as const;

/** Technical words the text formats may show as they are: the CLI and its integrity terms. */
export const TECHNICAL_WORDS = ['geldstroom', 'verify', 'ledger', 'hash', 'region', 'expect', 'pdfkit'] as const;

export interface Finding {
  readonly word: string;
  readonly line: string;
}

/** Characters around a word that are punctuation, not part of it. */
const EDGES = /^[([{<"'“”‘’«»,.;:!?…·—–+=*%€§]+|[)\]}>"'“”‘’«»,.;:!?…·—–+=*%€§]+$/g;

/**
 * The words of `text` that are neither Dutch (the vocabulary), nor the data's own (names, ids,
 * references as recorded), nor technical. A token is technical — an id, an account, a code, a
 * number, a date, a path, a hash, a CLI option — when it holds a digit, `:`, `/`, `_`, `@`, `=` or
 * `.`, starts with `--`, or is an abbreviation in capitals (BW, MO, BBV); the rest is split at hyphens
 * and each part must be a Dutch word.
 */
export function nonDutchWords(text: string, dataWords: ReadonlySet<string>): Finding[] {
  const vocabulary = new Set<string>([...DUTCH_VOCABULARY, ...TECHNICAL_WORDS]);
  const findings: Finding[] = [];
  for (const line of text.split('\n')) {
    for (const raw of line.split(/\s+/)) {
      if (raw === '' || raw.startsWith('--') || dataWords.has(raw)) continue;
      const token = raw.replace(EDGES, '');
      if (!/\p{L}/u.test(token) || dataWords.has(token)) continue;
      if (/[\d:/_@=.\\]/.test(token)) continue;
      if (/^[A-Z]{2,6}$/.test(token)) continue;
      for (const part of token.split(/[-']/)) {
        if (part === '' || dataWords.has(part) || /^[A-Z]{2,6}$/.test(part)) continue;
        const word = part.toLowerCase();
        if (vocabulary.has(word) && !(ENGLISH_WORDS as readonly string[]).includes(word)) continue;
        // a single letter is a symbol of a formula (H − K) or an abbreviation
        if (/^[a-z]$/i.test(part)) continue;
        findings.push({ word: part, line: line.trim() });
      }
    }
  }
  return findings;
}

/**
 * Numbers and times in an English or machine form where a Dutch one belongs: a decimal point
 * ("24.3", "0.0194", "1.7 / 100.1" — Dutch groups thousands with points of exactly three digits) and
 * UTC timestamps ("2026-11-23T06:30:57.941Z").
 */
export function nonDutchNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of text.split('\n')) {
    if (/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(line)) findings.push({ word: 'UTC timestamp', line: line.trim() });
    for (const match of line.matchAll(/(?<![\w.,-])\d[\d.,]*\d(?![\w])/g)) {
      const number = match[0];
      if (!number.includes('.')) continue;
      // 5.802.407,00 or 1.000: groups of three after every point
      if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(number)) continue;
      // part of a file name or id (holland-rijnland.jsonl:35, v1.2-beta)
      const after = line.slice((match.index ?? 0) + number.length);
      if (/^[a-z]/i.test(after)) continue;
      findings.push({ word: number, line: line.trim() });
    }
  }
  return findings;
}

/**
 * What the data brings: every word of the free text recorded (names, references, descriptions, key
 * bases, reasons, labels) — the user's own words, whatever their language — and every id that is
 * not a plain word. An id such as `friction` is a word a controller reads: the text formats must
 * translate it ("Fonds frictiekosten"), so it is not let through.
 */
export function wordsOfData(commands: readonly Record<string, unknown>[]): Set<string> {
  const words = new Set<string>();
  const freeText = new Set([
    'name',
    'reference',
    'description',
    'justification',
    'reason',
    'label',
    'category',
    'provider',
    'source',
  ]);
  const visit = (value: unknown, field: string, command: string) => {
    if (typeof value === 'string') {
      // `basis` is free text in a key, an enum (historical, objective) in a payment
      if (freeText.has(field) || (field === 'basis' && command === 'AdoptDistributionKey')) {
        for (const raw of value.split(/\s+/)) {
          const token = raw.replace(EDGES, '');
          words.add(token);
          for (const part of token.split(/[-']/)) words.add(part);
        }
      } else if (/Id$|^code$|^recipient$|^municipality$|^centralMunicipality$/.test(field) && /[^A-Za-z]/.test(value))
        words.add(value);
    } else if (Array.isArray(value)) value.forEach((item) => visit(item, field, command));
    else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) visit(item, key, command);
  };
  for (const command of commands) visit(command, '', String(command.command));
  words.delete('');
  return words;
}

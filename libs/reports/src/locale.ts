/**
 * The two forms of every output that has words or numbers for people. `nl` is the default wherever a
 * person reads (text formats, CSV for spreadsheets, the web pages): Dutch words, decimal commas.
 * `en` is the machine form, the default of JSON: English words, the JSON's own sentences, a decimal
 * point in CSV. Field names, event types and rule codes are the same in both.
 */
export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

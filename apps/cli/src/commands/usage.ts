/**
 * How each subcommand is called, apart from its code: `geldstroom --help` and `geldstroom X --help` print
 * these without loading any subcommand (and the libraries it needs).
 */
export const APPLY_USAGE =
  'geldstroom apply FILE… | --example [--region R] [--dry-run] [--batch] [--actor NAME] [--store URL]   (FILE: .jsonl commands, .xlsx workbook, .csv sheet)';

export const BALANCES_USAGE =
  'geldstroom balances --region R --year Y [--format json|table] [--as-of TIME] [--store URL]';

export const COMPARE_KEYS_USAGE =
  'geldstroom compare-keys --region R --years A-B [--scheme BW|MO] [--format json|text] [--store URL]';

export const EXPLAIN_USAGE =
  'geldstroom explain --region R --year Y --account ACCOUNT [--as-of TIME] [--format json|text] [--locale nl|en] [--store URL]';

export const EXPORT_USAGE =
  'geldstroom export --format jsonl|hledger|journal-csv|journal-mapping [--region R] [--year Y] [--mapping FILE] [--locale nl|en] [--out FILE] [--store URL]';

/** What a restore needs besides the events, for `export --help`. */
export const EXPORT_HELP = [
  'A backup for a restore is the jsonl export: every event with its envelope, in global order.',
  'Restore it with "geldstroom import FILE --store URL" into an empty store.',
  '',
  'Not in the export:',
  '  tokens.json     API tokens, kept only as hashes. Copy it along with the backup to keep the issued',
  '                  tokens valid, or create new ones after the restore ("geldstroom token create").',
  '  idempotency.db  the answers kept for Idempotency-Key retries. Safe to lose: a retried POST is then',
  '                  executed again and, as every command is idempotent on identical content, records',
  '                  nothing twice; it is answered "nothing changed" (200) instead of with the first',
  '                  answer, and a key reused with another body is no longer recognised.',
  '',
  'For the financial system: "--format journal-mapping --region R --out grootboek.csv" writes a mapping',
  '(rekening;grootboekrekening;kostenplaats;taakveld;omschrijving, * for any text) to fill in; then',
  '"--format journal-csv --region R [--year Y] --mapping grootboek.csv" writes one line per posting.',
  'Both are CSV for Dutch spreadsheets; --locale en gives the machine form.',
].join('\n');

export const GENERATE_USAGE =
  'geldstroom generate [--regions N] [--years N] [--first-year Y] [--providers N] [--invoices-per-month N] [--seed S] [--out FILE]';

export const IMPORT_USAGE = 'geldstroom import FILE [--store URL]';

export const INIT_USAGE =
  'geldstroom init --region R --name NAME --central GM… --members FILE.csv [--year Y] [--unit percent|weight] [--key-version N] [--basis TEXT] [--dry-run] [--actor NAME] [--store URL]';

export const LETTERS_USAGE =
  'geldstroom letters --region R --year Y [--municipality GM…]… --out DIR [--as-of TIME] [--store URL]';

export const MIGRATE_USAGE = 'geldstroom migrate --from URL --to URL';

export const REGIONS_USAGE = 'geldstroom regions [--format table|json] [--store URL]';

export const REPLAY_USAGE = 'geldstroom replay --region R --with FILE [--format json|text] [--store URL]';

export const SERVE_USAGE =
  'geldstroom serve [--port N] [--host H] [--store URL] [--tokens FILE] [--seed FILE | --example]';

export const STATEMENT_USAGE =
  'geldstroom statement --region R --year Y [--format json|table|csv|xlsx] [--locale nl|en] [--out FILE] [--as-of TIME] [--store URL]';

export const TEMPLATE_USAGE = 'geldstroom template --region R --year Y --out FILE.xlsx [--store URL]';

export const TOKEN_USAGE =
  'geldstroom token create --actor NAME --role admin|recorder|controller|municipality [--municipality GM…] [--region R] [--tokens FILE] [--store URL] | token list | token revoke --id ID';

export const TRACE_USAGE =
  'geldstroom trace --region R --payment PAYMENT_ID [--as-of TIME] [--format json|text] [--locale nl|en] [--store URL]';

export const VERIFY_USAGE = 'geldstroom verify [--region R] [--expect HASH | --contains HASH] [--store URL]';

import { Statement } from '@libs/projections';
import {
  BW_LABELS,
  FUND_LABELS,
  MO_LABELS,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_DUE_LABEL,
  MUNICIPALITY_MO_LABELS,
  LEDGER_HASH_LABEL,
  RESERVE_LABELS,
  reserveMovementKindLabel,
} from './labels';
import { CsvLocale, renderCsv } from './csv';
import { fundLabel } from './event-labels';

const prefixed = (prefix: string, labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).map(([field, label]) => [field, `${prefix}: ${label.toLowerCase()}`]));

/**
 * The statement as CSV, one amount per row: section, line code, Dutch label, municipality, amount.
 * Amounts are numbers without thousands separators, so that a spreadsheet (`nl`: "5802407,00") or a
 * script (`en`: "5802407.00") reads them exactly.
 */
export function renderStatementCsv(statement: Statement, locale: CsvLocale = 'nl'): string {
  const rows: string[][] = [];
  const add = (section: string, fields: object, labels: Record<string, string>, code = '', name = '') => {
    for (const [field, label] of Object.entries(labels)) {
      const value = (fields as Record<string, string | null>)[field];
      rows.push([String(statement.year), section, field, label, code, name, value ?? '']);
    }
  };
  add('bw', statement.bw, BW_LABELS);
  add('mo', statement.mo, MO_LABELS);
  if (statement.reserve) {
    add('reserve', statement.reserve, RESERVE_LABELS);
    // BBV art. 54: every movement apart, by scheme and kind (+ an addition, − a withdrawal)
    for (const movement of statement.reserve.movements)
      rows.push([
        String(statement.year),
        movement.scheme ? `reserve:${movement.scheme.toLowerCase()}` : 'reserve',
        `movement:${movement.kind}`,
        reserveMovementKindLabel(movement.kind, movement.scheme),
        '',
        '',
        movement.amount,
      ]);
    add('reserve', statement.reserve, { additions: 'Totaal toevoegingen', withdrawals: 'Totaal onttrekkingen' });
  }
  for (const [fundId, lines] of Object.entries(statement.funds))
    add(`fund:${fundId}`, lines, prefixed(fundLabel(fundId), FUND_LABELS));
  if (statement.solidarity) {
    rows.push([
      String(statement.year),
      'solidarity',
      'volume',
      'Solidariteitsvolume',
      '',
      '',
      statement.solidarity.volume,
    ]);
    for (const [code, amount] of Object.entries(statement.solidarity.transfers)) {
      rows.push([
        String(statement.year),
        'solidarity',
        'transfer',
        'Ontvangen (+) / betaald (−)',
        code,
        statement.municipalities[code]?.name ?? '',
        amount,
      ]);
    }
  }
  for (const [code, municipality] of Object.entries(statement.municipalities)) {
    add('municipality:bw', municipality.bw, MUNICIPALITY_BW_LABELS, code, municipality.name);
    add('municipality:mo', municipality.mo, MUNICIPALITY_MO_LABELS, code, municipality.name);
    add('municipality', municipality, { due: MUNICIPALITY_DUE_LABEL }, code, municipality.name);
  }
  if (statement.ledgerHash)
    // in the description: the name column holds municipalities' names, the amount column amounts only
    rows.push([
      String(statement.year),
      'integriteit',
      'ledgerHash',
      `${LEDGER_HASH_LABEL}: ${statement.ledgerHash}`,
      '',
      '',
      '',
    ]);
  const header = ['jaar', 'sectie', 'regel', 'omschrijving', 'gemeente', 'naam', 'bedrag'];
  return renderCsv(header, rows, { numericColumns: [0, header.indexOf('bedrag')], locale });
}

import { formatAmountNl, formatEuroNl, parseAmount, sumCents } from '@libs/money';
import { ReserveLines, Statement } from '@libs/projections';
import { fundLabel } from './event-labels';
import {
  BW_LABELS,
  FUND_LABELS,
  MO_LABELS,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_DUE_LABEL,
  MUNICIPALITY_MO_LABELS,
  LEDGER_HASH_LABEL,
  RESERVE_LABELS,
  dueWords,
  reserveMovementLabel,
} from './labels';
import { labelled, textTable } from './text-table';

function block<T extends object>(lines: T, labels: Record<keyof T & string, string>): string {
  return labelled(
    (Object.keys(labels) as (keyof T & string)[]).map((field) => {
      const value = lines[field] as unknown as string | null;
      return [labels[field], value === null ? '—' : formatEuroNl(value)] as const;
    }),
  );
}

/** A line of the reserve statement: an amount (a plain decimal), "not applicable" (null) or a heading. */
export interface ReserveStatementRow {
  readonly label: string;
  readonly amount: string | null;
  readonly heading?: boolean;
}

/**
 * The reserve's statement of movements as BBV art. 54 asks: the additions and the withdrawals each
 * by scheme and kind, never netted (a BW withdrawal of € 100.000 and an MO addition of € 100.000 are
 * two lines, not € 0,00), between the opening and the closing balance, and the band.
 */
export function reserveStatementRows(reserve: ReserveLines): ReserveStatementRow[] {
  const rows: ReserveStatementRow[] = [{ label: RESERVE_LABELS.opening, amount: reserve.opening }];
  for (const addition of [true, false]) {
    rows.push({ label: addition ? 'Toevoegingen' : 'Onttrekkingen', amount: null, heading: true });
    const lines = reserve.movements.filter((movement) =>
      addition ? !movement.amount.startsWith('-') && movement.amount !== '0.00' : movement.amount.startsWith('-'),
    );
    if (lines.length === 0) rows.push({ label: '  geen', amount: null, heading: true });
    for (const movement of lines)
      rows.push({
        label: `  ${reserveMovementLabel(movement.kind, movement.scheme, addition)}`,
        amount: movement.amount.replace(/^-/, ''),
      });
    rows.push({
      label: addition ? '  Totaal toevoegingen' : '  Totaal onttrekkingen',
      amount: addition ? reserve.additions : reserve.withdrawals,
    });
  }
  rows.push({ label: RESERVE_LABELS.closing, amount: reserve.closing });
  rows.push({ label: RESERVE_LABELS.min, amount: reserve.min });
  rows.push({ label: RESERVE_LABELS.max, amount: reserve.max });
  return rows;
}

/** The statement as people read it: Dutch labels, amounts as € 5.802.407,00. */
export function renderStatementTable(statement: Statement): string {
  const parts: string[] = [];
  parts.push(
    `Jaaroverzicht ${statement.regionName} (${statement.regionId}) ${statement.year} — ${statement.closed ? 'afgesloten' : 'open'}`,
  );
  parts.push('', 'Beschermd wonen (BW), regionaal', block(statement.bw, BW_LABELS));
  parts.push('', 'Maatschappelijke opvang (MO), regionaal', block(statement.mo, MO_LABELS));
  if (statement.reserve) {
    const rows = reserveStatementRows(statement.reserve).map(
      ({ label, amount, heading }) => [label, heading ? '' : amount === null ? '—' : formatEuroNl(amount)] as const,
    );
    parts.push('', 'Regionale reserve, verloop (BBV art. 54)', labelled(rows));
  } else {
    parts.push('', 'Regionale reserve: geen reserveafspraak en geen saldo');
  }
  for (const [fundId, lines] of Object.entries(statement.funds)) {
    parts.push('', fundLabel(fundId), block(lines, FUND_LABELS));
  }
  if (statement.solidarity) {
    parts.push('', `Onderlinge solidariteit (BW): volume ${formatEuroNl(statement.solidarity.volume)}`);
    const rows = Object.entries(statement.solidarity.transfers).map(([code, amount]) => [
      `${code} ${statement.municipalities[code]?.name ?? ''}`,
      formatEuroNl(amount),
      amount.startsWith('-') ? 'betaald' : amount === '0.00' ? '' : 'ontvangen',
    ]);
    parts.push(textTable(['Gemeente', 'Bedrag', ''], rows, ['left', 'right', 'left']));
  }
  const codes = Object.keys(statement.municipalities);
  const rows = (scheme: 'bw' | 'mo', labels: Record<string, string>) =>
    codes.map((code) => {
      const municipality = statement.municipalities[code];
      const lines = municipality[scheme] as unknown as Record<string, string>;
      return [`${code} ${municipality.name}`, ...Object.keys(labels).map((field) => formatAmountNl(lines[field]))];
    });
  parts.push('', 'Gemeenten, BW (bedragen in euro; ontvangen +, betaald −)');
  parts.push(textTable(['Gemeente', ...Object.values(MUNICIPALITY_BW_LABELS)], rows('bw', MUNICIPALITY_BW_LABELS)));
  parts.push('', 'Gemeenten, MO (bedragen in euro; ontvangen +, betaald −)');
  parts.push(textTable(['Gemeente', ...Object.values(MUNICIPALITY_MO_LABELS)], rows('mo', MUNICIPALITY_MO_LABELS)));
  parts.push('', MUNICIPALITY_DUE_LABEL);
  const total = (pick: (code: string) => string) => sumCents(codes.map((code) => parseAmount(pick(code))));
  const dueTotal = total((code) => statement.municipalities[code].due);
  parts.push(
    textTable(
      ['Gemeente', 'BW', 'MO', 'Totaal', ''],
      [
        ...codes.map((code) => {
          const municipality = statement.municipalities[code];
          return [
            `${code} ${municipality.name}`,
            formatEuroNl(municipality.bw.due),
            formatEuroNl(municipality.mo.due),
            formatEuroNl(municipality.due),
            dueWords(municipality.due),
          ];
        }),
        [
          'Alle gemeenten samen',
          formatEuroNl(total((code) => statement.municipalities[code].bw.due)),
          formatEuroNl(total((code) => statement.municipalities[code].mo.due)),
          formatEuroNl(dueTotal),
          '',
        ],
      ],
      ['left', 'right', 'right', 'right', 'left'],
    ),
  );
  if (statement.ledgerHash) parts.push('', `${LEDGER_HASH_LABEL}: ${statement.ledgerHash}`);
  return parts.join('\n');
}

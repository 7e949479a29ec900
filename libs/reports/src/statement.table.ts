import { formatEuro, parseAmount } from '@libs/money';
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
} from './labels';
import { labelled, textTable } from './text-table';

const euro = (amount: string) => formatEuro(parseAmount(amount));
const number = (amount: string) => euro(amount).slice(2);

function block<T extends object>(lines: T, labels: Record<keyof T & string, string>): string {
  return labelled(
    (Object.keys(labels) as (keyof T & string)[]).map((field) => {
      const value = lines[field] as unknown as string | null;
      return [labels[field], value === null ? '—' : euro(value)] as const;
    }),
  );
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
    parts.push('', 'Regionale reserve, verloop (BBV art. 54)', block(statement.reserve, RESERVE_LABELS));
  } else {
    parts.push('', 'Regionale reserve: geen reserveafspraak en geen saldo');
  }
  for (const [fundId, lines] of Object.entries(statement.funds)) {
    parts.push('', `Fonds ${fundId}`, block(lines, FUND_LABELS));
  }
  if (statement.solidarity) {
    parts.push('', `Onderlinge solidariteit (BW): volume ${euro(statement.solidarity.volume)}`);
    const rows = Object.entries(statement.solidarity.transfers).map(([code, amount]) => [
      `${code} ${statement.municipalities[code]?.name ?? ''}`,
      euro(amount),
      amount.startsWith('-') ? 'betaald' : amount === '0.00' ? '' : 'ontvangen',
    ]);
    parts.push(textTable(['Gemeente', 'Bedrag', ''], rows, ['left', 'right', 'left']));
  }
  const codes = Object.keys(statement.municipalities);
  const rows = (scheme: 'bw' | 'mo', labels: Record<string, string>) =>
    codes.map((code) => {
      const municipality = statement.municipalities[code];
      const lines = municipality[scheme] as unknown as Record<string, string>;
      return [`${code} ${municipality.name}`, ...Object.keys(labels).map((field) => number(lines[field]))];
    });
  parts.push('', 'Gemeenten, BW (bedragen in euro; ontvangen +, betaald −)');
  parts.push(textTable(['Gemeente', ...Object.values(MUNICIPALITY_BW_LABELS)], rows('bw', MUNICIPALITY_BW_LABELS)));
  parts.push('', 'Gemeenten, MO (bedragen in euro; ontvangen +, betaald −)');
  parts.push(textTable(['Gemeente', ...Object.values(MUNICIPALITY_MO_LABELS)], rows('mo', MUNICIPALITY_MO_LABELS)));
  parts.push('', MUNICIPALITY_DUE_LABEL);
  parts.push(
    textTable(
      ['Gemeente', 'BW', 'MO', 'Totaal'],
      codes.map((code) => {
        const municipality = statement.municipalities[code];
        return [
          `${code} ${municipality.name}`,
          euro(municipality.bw.due),
          euro(municipality.mo.due),
          euro(municipality.due),
        ];
      }),
    ),
  );
  if (statement.ledgerHash) parts.push('', `${LEDGER_HASH_LABEL}: ${statement.ledgerHash}`);
  return parts.join('\n');
}

import { formatEuro, parseAmount } from '@libs/money';
import { Balances } from '@libs/projections';
import { textTable } from './text-table';

export function renderBalancesTable(balances: Balances): string {
  const rows = Object.entries(balances.accounts).map(([account, amount]) => [account, formatEuro(parseAmount(amount))]);
  return [`Saldi ${balances.regionId} ${balances.year}`, '', textTable(['Rekening', 'Saldo'], rows)].join('\n');
}

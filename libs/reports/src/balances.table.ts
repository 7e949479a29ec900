import { formatEuroNl } from '@libs/money';
import { Balances } from '@libs/projections';
import { textTable } from './text-table';

/**
 * Balances per account for a budget year. The accounts of one budget year show their balance; the
 * reserve and the funds, which run on over the years, show opening, the year's movements and closing
 * — their movement is not their balance.
 */
export function renderBalancesTable(balances: Balances): string {
  const carried = balances.carried ?? {};
  const rows = Object.entries(balances.accounts)
    .filter(([account]) => !(account in carried))
    .map(([account, amount]) => [account, formatEuroNl(amount)]);
  const parts = [
    `Saldi per rekening, ${balances.regionId} ${balances.year}`,
    '',
    textTable(['Rekening', `Saldo ${balances.year}`], rows),
  ];
  if (Object.keys(carried).length > 0)
    parts.push(
      '',
      'Rekeningen die over de jaren doorlopen (reserve en fondsen)',
      textTable(
        ['Rekening', 'Beginsaldo', 'Mutaties', 'Eindsaldo'],
        Object.entries(carried).map(([account, { opening, movement, closing }]) => [
          account,
          formatEuroNl(opening),
          formatEuroNl(movement),
          formatEuroNl(closing),
        ]),
      ),
    );
  return parts.join('\n');
}

import { Rational, formatAmount } from '@libs/money';
import { Accounts } from '../accounts';
import { SCHEMES } from '../commands/command.types';
import { DomainEvent } from '../events/event.types';
import { RegionState } from '../state/region-state';
import { reserveAgreementInForce, SETTLEMENT_KEY } from './in-force';
import { splitByKey } from './key-split';
import { postings, shareMovements, transfer } from './postings';

/** Steps 2–3: each scheme's result to the reserve (its agreed share) and the rest settled by key. */
export function planResults(state: RegionState, year: number): DomainEvent[] {
  const regionId = state.regionId!;
  const agreement = reserveAgreementInForce(state, year);
  const events: DomainEvent[] = [];
  for (const scheme of SCHEMES) {
    const provisions = Accounts.provisions(regionId, scheme);
    const result = state.ledger.balance(year, provisions);
    if (result === 0n) continue;
    const covered = agreement?.schemes.includes(scheme) ?? false;
    const toReservePct = covered ? agreement!.toReservePct : '0';
    const toReserve = Rational.of(result)
      .mul(Rational.fromDecimal(toReservePct))
      .div(Rational.HUNDRED)
      .roundHalfAwayFromZero();
    const inputs = {
      result: formatAmount(result),
      reserveAgreementVersion: covered ? agreement!.version : null,
      toReservePct,
    };
    if (toReserve !== 0n) {
      events.push({
        type: 'RegionalResultTransferred',
        data: {
          regionId,
          year,
          scheme,
          rule: 'result-to-reserve',
          inputs: { ...inputs, formula: 'round(r × toReservePct/100)', toReserve: formatAmount(toReserve) },
          postings: transfer(provisions, Accounts.reserve(regionId), toReserve),
        },
      });
    }
    const settled = result - toReserve;
    if (settled !== 0n) {
      const split = splitByKey(state, SETTLEMENT_KEY[scheme], year, settled);
      events.push({
        type: 'RegionalResultSettled',
        data: {
          regionId,
          year,
          scheme,
          rule: 'result-settlement',
          ...(split.key ? { key: split.key } : {}),
          inputs: {
            ...inputs,
            formula: covered
              ? 'r − toReserve, split by the scheme key'
              : 'r, split by the scheme key (no reserve agreement covers the scheme)',
            settled: formatAmount(settled),
          },
          allocation: split.trail,
          postings: postings(shareMovements(provisions, split.targets, (code) => Accounts.municipality(code, scheme))),
        },
      });
    }
  }
  return events;
}

import { Rational } from '@libs/money';
import { Accounts } from '../accounts';
import { DerivedEvent } from '../events/derived.events';
import { SCHEMES } from '../scheme';
import { RegisteredRegionView } from '../state/region-state';
import { reserveAgreementInForce, SETTLEMENT_KEY } from './in-force';
import { splitByKey } from './key-split';
import { postings, shareMovements, transfer } from './postings';

/** Steps 2–3: each scheme's result to the reserve (its agreed share) and the rest settled by key. */
export function planResults(state: RegisteredRegionView, year: number): DerivedEvent[] {
  const regionId = state.region.regionId;
  const agreement = reserveAgreementInForce(state, year);
  const events: DerivedEvent[] = [];
  for (const scheme of SCHEMES) {
    const provisions = Accounts.provisions(regionId, scheme);
    const result = state.ledger.balance(year, provisions);
    if (result === 0n) continue;
    const covering = agreement?.schemes.includes(scheme) ? agreement : undefined;
    const toReservePct = covering?.toReservePct ?? '0';
    const toReserve = Rational.of(result)
      .mul(Rational.fromDecimal(toReservePct))
      .div(Rational.HUNDRED)
      .roundHalfAwayFromZero();
    const inputs = { result, reserveAgreementVersion: covering?.version ?? null, toReservePct };
    const base = { regionId, year, scheme };
    if (toReserve !== 0n) {
      events.push({
        type: 'RegionalResultTransferred',
        data: {
          ...base,
          rule: 'result-to-reserve',
          inputs: { ...inputs, formula: 'round(r × toReservePct/100)', toReserve },
          postings: transfer(provisions, Accounts.reserve(regionId), toReserve),
        },
      });
    }
    const settled = result - toReserve;
    if (settled !== 0n) {
      const split = splitByKey(state, SETTLEMENT_KEY[scheme], year, settled);
      const formula = covering
        ? 'r − toReserve, split by the scheme key'
        : 'r, split by the scheme key (no reserve agreement covers the scheme)';
      events.push({
        type: 'RegionalResultSettled',
        data: {
          ...base,
          rule: 'result-settlement',
          key: split.key,
          inputs: { ...inputs, formula, settled },
          allocation: split.trail,
          postings: postings(shareMovements(provisions, split.targets, (code) => Accounts.municipality(code, scheme))),
        },
      });
    }
  }
  return events;
}

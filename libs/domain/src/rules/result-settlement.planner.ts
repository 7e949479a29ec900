import { Rational } from '@libs/money';
import { Accounts } from '../accounts';
import { DerivedEvent } from '../events/derived.events';
import { SCHEMES } from '../scheme';
import { RegisteredRegionView } from '../state/region-state';
import { reserveAgreementInForce, SETTLEMENT_KEY } from './in-force';
import { splitByKey } from './key-split';
import { postings, shareMovements, transfer } from './postings';
import { PLAN_EVERY_SCHEME, PlanScope } from './scheme-scope';

/** What a scheme's result records, in this order. */
const RESULT_EVENTS: readonly DerivedEvent['type'][] = ['RegionalResultTransferred', 'RegionalResultSettled'];

/** Steps 2–3: each scheme's result to the reserve (its agreed share) and the rest settled by key. */
export function planResults(
  state: RegisteredRegionView,
  year: number,
  scope: PlanScope = PLAN_EVERY_SCHEME,
): DerivedEvent[] {
  const regionId = state.region.regionId;
  const agreement = reserveAgreementInForce(state, year);
  const events: DerivedEvent[] = [];
  for (const scheme of SCHEMES) {
    const recorded = scope.asRecorded(scheme, RESULT_EVENTS);
    if (recorded) {
      events.push(...recorded);
      continue;
    }
    const provisions = Accounts.provisions(regionId, scheme);
    const result = state.ledger.balance(year, provisions);
    if (result === 0n) continue;
    const covering = agreement?.schemes.includes(scheme) ? agreement : undefined;
    const toReservePct = covering?.toReservePct ?? '0';
    const toReserve = Rational.of(result)
      .mul(Rational.fromDecimal(toReservePct))
      .div(Rational.HUNDRED)
      .roundHalfAwayFromZero();
    const reserveAgreementVersion = covering?.version ?? null;
    // written out rather than spread (see the note in allocation.planner.ts), in the spreads' order
    if (toReserve !== 0n) {
      events.push({
        type: 'RegionalResultTransferred',
        data: {
          regionId,
          year,
          scheme,
          rule: 'result-to-reserve',
          inputs: { result, reserveAgreementVersion, toReservePct, formula: 'round(r × toReservePct/100)', toReserve },
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
          regionId,
          year,
          scheme,
          rule: 'result-settlement',
          key: split.key,
          inputs: { result, reserveAgreementVersion, toReservePct, formula, settled },
          allocation: split.trail,
          postings: postings(shareMovements(provisions, split.targets, (code) => Accounts.municipality(code, scheme))),
        },
      });
    }
  }
  return events;
}

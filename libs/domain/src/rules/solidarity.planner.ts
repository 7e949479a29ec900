import { Cents } from '@libs/money';
import { Accounts } from '../accounts';
import { DerivedEvent, SolidarityLine } from '../events/derived.events';
import { RegisteredRegionView } from '../state/region-state';
import { memberSchemeSlot, memberSlot } from '../state/slot-keys';
import { solidarityAgreementInForce } from './in-force';
import { postings } from './postings';
import { centsAsEuros, computeSolidarity } from './solidarity';

/** Step 5: solidarity on BW among all members, recording only the difference with earlier closings. */
export function planSolidarity(state: RegisteredRegionView, year: number): DerivedEvent[] {
  const agreement = solidarityAgreementInForce(state, year);
  if (!agreement) return [];
  const account = (code: string) => Accounts.municipality(code, 'BW');
  const inputs = state.memberCodes().map((code) => {
    const expenditure = state.expenditures.get(memberSchemeSlot(year, code, 'BW'));
    return {
      code,
      income:
        state.ledger.balance(year, account(code)) -
        state.ledger.sum(year, account(code), 'LocalExpenditureRecorded', 'SolidarityTransferred'),
      careCosts: expenditure?.careCosts ?? 0n,
      executionCosts: expenditure?.executionCosts ?? 0n,
      policyCorrections: state.policyCorrections.get(memberSlot(year, code)) ?? 0n,
    };
  });
  const outcome = computeSolidarity(agreement, year, inputs);
  const deltas = new Map<string, Cents>();
  const lines = outcome.members.map((member): SolidarityLine => {
    const previous = state.ledger.sum(year, account(member.code), 'SolidarityTransferred');
    deltas.set(member.code, member.transfer - previous);
    return {
      code: member.code,
      income: centsAsEuros(member.income),
      spending: centsAsEuros(member.spending),
      result: centsAsEuros(member.result),
      deviation: centsAsEuros(member.deviation),
      pooled: centsAsEuros(member.pooled),
      weight: member.weight.toDecimalString(6),
      cap: member.cap ? centsAsEuros(member.cap) : null,
      target: member.transfer,
      previous,
      delta: member.transfer - previous,
    };
  });
  if (![...deltas.values()].some((delta) => delta !== 0n)) return [];
  return [
    {
      type: 'SolidarityTransferred',
      data: {
        regionId: state.region.regionId,
        year,
        scheme: 'BW',
        rule: 'solidarity',
        agreementVersion: agreement.version,
        inputs: {
          baseline: agreement.baseline,
          executionCosts: agreement.executionCosts,
          surchargePct: agreement.surchargePct ?? null,
          cap: agreement.cap,
          policyCorrections: agreement.policyCorrections,
          ownAccountPct: outcome.ownAccountPct,
          weighted: agreement.weights !== undefined,
        },
        volume: outcome.volume,
        lines,
        postings: postings([...deltas].map(([code, delta]) => [account(code), delta] as const)),
      },
    },
  ];
}

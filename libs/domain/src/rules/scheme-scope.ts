import type { AdoptDistributionKey, AdoptReserveAgreement, AdoptSolidarityAgreement } from '../commands/command.types';
import { unreachable } from '../errors';
import { DerivedEvent } from '../events/derived.events';
import { Scheme, SCHEMES } from '../scheme';
import { KEY_IDS } from './in-force';

/**
 * Which schemes a run or closing plans. Deciding a command plans every scheme; a what-if whose revisions
 * can change one scheme only (see schemesRevisedBy) gives the other scheme's events as they were recorded
 * at the same run or closing, since planning them again from the same inputs gives the same events.
 */
export interface PlanScope {
  /**
   * The events `scheme` recorded here of these types, in this order, when it is not planned again (a scheme
   * records at most one event of each type at a step); undefined when it is planned.
   */
  asRecorded(scheme: Scheme, types: readonly DerivedEvent['type'][]): readonly DerivedEvent[] | undefined;
}

export const PLAN_EVERY_SCHEME: PlanScope = { asRecorded: () => undefined };

/** The scheme whose runs and closings split by each key the rules read. */
const KEY_SCHEME: ReadonlyMap<string, Scheme> = new Map<string, Scheme>([
  [KEY_IDS.bwHistorical, 'BW'],
  [KEY_IDS.bwObjective, 'BW'],
  [KEY_IDS.moObjective, 'MO'],
]);

/** A revision a what-if may make: a key version or an agreement. */
type Revised = AdoptDistributionKey | AdoptReserveAgreement | AdoptSolidarityAgreement;

/**
 * The schemes whose events at a run or closing a revised key or agreement can change; the other scheme's
 * are as recorded as long as the reserve moves as recorded. What each scheme's planning reads:
 *   - its run: its Rijk payments and regional budget, its key(s) (BW: bw-historical and bw-objective, MO:
 *     mo-objective) and what earlier runs of the year recorded on its own accounts;
 *   - its result: its provisions' balance, the reserve agreement (which schemes it covers, the share to the
 *     reserve) and its settlement key (BW: bw-objective, MO: mo-objective);
 *   - the reserve band, which both schemes share: the reserve's balance (both schemes' results go to it),
 *     the reserve agreement and both budgets, each scheme's part split by its settlement key;
 *   - solidarity: BW only, by the solidarity agreement, from the members' BW accounts — which hold the BW
 *     part of the reserve band's movement too.
 * Advances, the due amounts and the settlement read what these recorded, and record nothing themselves.
 * So a key reaches the scheme that splits by it (a key no rule reads, none), the reserve agreement both
 * schemes, and the solidarity agreement BW. What remains is the reserve, which the band (always planned)
 * reads and solidarity through it: a key splits a total without changing it, so it moves nothing into or
 * out of the reserve, but a replay that keeps a scheme as recorded checks that at every run and closing and
 * plans every scheme again when the reserve moved otherwise.
 */
export function schemesRevisedBy(revision: Revised): readonly Scheme[] {
  switch (revision.type) {
    case 'AdoptDistributionKey': {
      const scheme = KEY_SCHEME.get(revision.keyId);
      return scheme === undefined ? [] : [scheme];
    }
    case 'AdoptReserveAgreement':
      return SCHEMES;
    case 'AdoptSolidarityAgreement':
      return ['BW'];
    default:
      return unreachable(revision, 'no schemes for revision');
  }
}

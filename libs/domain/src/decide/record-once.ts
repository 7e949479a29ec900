import { DomainError } from '../errors';
import { DecidedEvent } from '../events/domain-event';
import { FactEvent } from '../events/fact.events';
import { givenContent } from '../state/fact-content';
import { factIdentity, factIdOf } from '../state/fact-identity';
import { RegionView } from '../state/region-state';

/** Whether a candidate says the same as the fact recorded with its identity: equal as stored, the postings aside. */
export function sameContent(recorded: string, candidate: FactEvent): boolean {
  return recorded === givenContent(candidate);
}

function conflict(event: FactEvent, identity: string): DomainError {
  const id = factIdOf(event);
  if (id) {
    const [field, value] = id;
    return new DomainError(
      'ID_REUSED',
      `${field} ${JSON.stringify(value)} is already recorded with other content`,
      field,
    );
  }
  return new DomainError(
    'VERSION_CONFLICT',
    `${identity.replace(/:v(\d+)$/, ' version $1')} is already adopted with other content; adopt a new version instead`,
    'version',
  );
}

/**
 * Records a fact once: identical again is a no-op (also in a closed year), the same identity with
 * other content is refused (a fact's id or a version is immutable; a revision is a new version), and
 * nothing new is recorded for a closed `year`.
 */
export function recordOnce(state: RegionView, event: FactEvent, closedYearCheck: number | undefined): DecidedEvent[] {
  const identity = factIdentity(event);
  const recorded = state.facts.get(identity);
  if (recorded !== undefined) {
    if (sameContent(recorded, event)) return [];
    throw conflict(event, identity);
  }
  if (closedYearCheck !== undefined && state.closedYears.has(closedYearCheck)) {
    throw new DomainError(
      'YEAR_CLOSED',
      `${closedYearCheck} is closed; reopen it (ReopenYear with a reason) before recording new facts for it`,
      'year',
    );
  }
  return [{ event, idHint: `${event.data.regionId}/${identity}` }];
}

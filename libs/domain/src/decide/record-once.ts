import { DomainError } from '../errors';
import { encodeEventData } from '../events/codec/event.codecs';
import { DecidedEvent } from '../events/domain-event';
import { FactEvent } from '../events/fact.events';
import { canonicalJson } from '../state/canonical-json';
import { factIdentity, factIdOf } from '../state/fact-identity';
import { RegionView } from '../state/region-state';

/** A fact's content as stored, without the postings derived from it: what idempotency compares. */
function givenContent(event: FactEvent): string {
  const { postings: _postings, ...given } = encodeEventData(event);
  return canonicalJson(given);
}

/** Whether two facts with one identity say the same: equal as stored, the postings aside. */
export function sameContent(recorded: FactEvent, candidate: FactEvent): boolean {
  return givenContent(recorded) === givenContent(candidate);
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

import { decodeEvent, encodeEventData } from './codec/event.codecs';
import { EventDataError, JsonObject } from './codec/field.codecs';
import { DomainEvent, isDomainEventType } from './domain-event';
import { CURRENT_SCHEMA_VERSION, StoredEvent, UPCASTERS, UpcasterRegistry } from './upcasters';

/**
 * Reads a stored event: upcast to the current schema, then decoded once by its type's codec. An
 * unknown type, a newer schema version or data that is not the schema is an EventDataError, never an
 * event silently skipped. Reading history never runs a command parser: a stricter rule for new input
 * does not make recorded events unreadable.
 */
export function readStoredEvent(stored: StoredEvent, upcasters: UpcasterRegistry = UPCASTERS): DomainEvent {
  const current = upcasters.upcast(stored);
  if (!isDomainEventType(current.type)) throw new EventDataError('', `is of unknown type "${current.type}"`);
  return decodeEvent(current.type, current.data);
}

/** An event in the form the store keeps, at the current schema version. */
export function toStoredEvent(event: DomainEvent): StoredEvent & { readonly data: JsonObject } {
  return { type: event.type, schemaVersion: CURRENT_SCHEMA_VERSION, data: encodeEventData(event) };
}

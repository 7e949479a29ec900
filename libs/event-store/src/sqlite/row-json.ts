import { EventJson, NewEvent } from '../event-store.port';

/** The JSON texts an event's row holds: the writer's own when it gives them (the same text), else written here. */
export function rowJson(event: NewEvent): EventJson {
  return event.json ?? { data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) };
}

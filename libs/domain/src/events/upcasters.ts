import { EventDataError } from './codec/field.codecs';

/** The schema version of the events this Geldstroom writes (`metadata.schemaVersion`). */
export const CURRENT_SCHEMA_VERSION = 1;

/** An event as the store holds it: its type, its schema version and its data as JSON. */
export interface StoredEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** Turns one stored event of a type from its schema version into the next (it may rename the type too). */
export type Upcaster = (event: StoredEvent) => Omit<StoredEvent, 'schemaVersion'>;

/**
 * The steps that bring an older stored event up to the current schema, one version at a time. An old
 * event is upcast each time it is read and never rewritten: the store (and the hash chain over it)
 * keeps what was recorded. A version with no step for its type has the same form as the next.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  constructor(readonly currentVersion: number) {}

  /** Registers how `type` at `fromVersion` becomes `fromVersion + 1`. */
  register(type: string, fromVersion: number, upcast: Upcaster): this {
    const key = `${type}@${fromVersion}`;
    if (fromVersion >= this.currentVersion)
      throw new Error(`an upcaster from version ${fromVersion} of ${type} has nothing to upcast to`);
    if (this.steps.has(key)) throw new Error(`an upcaster for ${type} from version ${fromVersion} is registered twice`);
    this.steps.set(key, upcast);
    return this;
  }

  /** The stored event in the current schema version. */
  upcast(stored: StoredEvent): StoredEvent {
    if (!Number.isInteger(stored.schemaVersion) || stored.schemaVersion < 0)
      throw new EventDataError('', `has no valid schema version (${String(stored.schemaVersion)})`);
    if (stored.schemaVersion > this.currentVersion)
      throw new EventDataError(
        '',
        `has schema version ${stored.schemaVersion}; this Geldstroom reads up to ${this.currentVersion}`,
      );
    let event = stored;
    while (event.schemaVersion < this.currentVersion) {
      const step = this.steps.get(`${event.type}@${event.schemaVersion}`);
      event = { ...(step ? step(event) : event), schemaVersion: event.schemaVersion + 1 };
    }
    return event;
  }
}

/** Every schema change of the stored events; none yet: every event ever recorded is version 1. */
export const UPCASTERS = new UpcasterRegistry(CURRENT_SCHEMA_VERSION);

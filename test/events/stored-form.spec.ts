import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  decide,
  DOMAIN_EVENT_TYPES,
  DomainEvent,
  evolve,
  initialState,
  parseCommand,
  readStoredEvent,
  RegionState,
  toStoredEvent,
} from '@libs/domain';

const ROOT = join(__dirname, '..', '..');
const jsonLines = (path: string): unknown[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => JSON.parse(line) as unknown);

/** The events the examples record, decided command by command per region as the ledger would. */
function exampleEvents(): DomainEvent[] {
  const states = new Map<string, RegionState>();
  const events: DomainEvent[] = [];
  const files = ['holland-rijnland.jsonl', 'holland-rijnland-inwoners.jsonl', 'holland-rijnland-open.jsonl'];
  const others = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.jsonl') && !files.includes(name));
  for (const file of [...files, ...others.filter((name) => name !== 'revised-keys.jsonl')]) {
    // the open example is the same region without its closings: it needs a store of its own
    if (file === 'holland-rijnland-open.jsonl') states.delete('holland-rijnland');
    for (const raw of jsonLines(join(ROOT, 'examples', file))) {
      const command = parseCommand(raw);
      const state = states.get(command.regionId) ?? initialState();
      states.set(command.regionId, state);
      for (const { event } of decide(command, state)) {
        evolve(state, event);
        events.push(event);
      }
    }
  }
  return events;
}

interface StoredLine {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly schemaVersion: number };
}

describe('the stored form of every event, byte for byte', () => {
  it('the store written before the hash chain (test/fixtures/legacy) reads and writes back exactly as stored', () => {
    const lines = jsonLines(join(ROOT, 'test/fixtures/legacy/holland-rijnland-v0.jsonl')) as StoredLine[];
    expect(lines).toHaveLength(57);
    const rewritten = lines.map((line) => {
      const event = readStoredEvent({ type: line.type, schemaVersion: line.metadata.schemaVersion, data: line.data });
      return JSON.stringify(toStoredEvent(event).data);
    });
    expect(rewritten).toEqual(lines.map((line) => JSON.stringify(line.data)));
  });

  it('every event the examples record survives the store: decoded again it is the same event', () => {
    const events = exampleEvents();
    for (const event of events) {
      const stored = JSON.parse(JSON.stringify(toStoredEvent(event))) as {
        type: string;
        schemaVersion: number;
        data: unknown;
      };
      const read = readStoredEvent(stored);
      expect(read).toEqual(event);
      expect(JSON.stringify(toStoredEvent(read).data)).toBe(JSON.stringify(stored.data));
    }
    // the examples and the legacy store between them hold every type of event there is
    const legacy = (jsonLines(join(ROOT, 'test/fixtures/legacy/holland-rijnland-v0.jsonl')) as StoredLine[]).map(
      (line) => line.type,
    );
    const seen = new Set([...events.map((event) => event.type), ...legacy]);
    expect(DOMAIN_EVENT_TYPES.filter((type) => !seen.has(type))).toEqual([]);
  });
});

import { canonicalJson, CURRENT_SCHEMA_VERSION, decide, initialState } from '@libs/domain/model';
import { parseCommand } from '@libs/domain';
import { MemoryEventStore, NewEvent, StreamAppend } from '@libs/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyCommandFile } from './apply-command-file';
import { chainedEvents, CommandMetadata, ledgerMetadata } from './chained-events';
import { eventHash, GENESIS_HASH } from './integrity';
import { Ledger } from './ledger';

/** A memory store that keeps every event as the ledger handed it over, texts and all. */
class CapturingStore extends MemoryEventStore {
  readonly handed: (NewEvent & { readonly streamId: string })[] = [];

  override appendMany(appends: readonly StreamAppend[]) {
    for (const { streamId, events } of appends) for (const event of events) this.handed.push({ ...event, streamId });
    return super.appendMany(appends);
  }
}

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
/** The events whose data holds a map (recordOf), which keeps its keys in the order given. */
const MAP_HOLDERS = ['DistributionKeyAdopted', 'SolidarityAgreementAdopted', 'InhabitantsRecorded'];

const metadata: CommandMetadata = {
  actor: 'Jansen "de controller" \\ Zuid',
  recordedAt: '2026-01-01T00:00:00.000Z',
  source: 'regio-zuid.jsonl:3 — cliënten',
  commandId: 'c1',
  causationId: 'c1',
  correlationId: 'c1',
  schemaVersion: CURRENT_SCHEMA_VERSION,
  command: 'RegisterRegion',
};

describe('chained events', () => {
  it("write the ledger's own metadata with its members in the order an event copies them with its hash", () => {
    const { actor, recordedAt, source, commandId, correlationId, command } = metadata;
    const written = ledgerMetadata({ actor, recordedAt, source, commandId, correlationId, command });
    expect(written).toStrictEqual(metadata);
    expect(Object.keys(written)).toEqual(Object.keys(metadata));
  });

  it.each(['regio-zuid-meerjarig.jsonl', 'aef-solidarity.jsonl', 'holland-rijnland.jsonl'])(
    "hand the store each event's data and metadata as JSON.stringify writes them, and chain hashes of exactly those (%s)",
    async (file) => {
      const store = new CapturingStore();
      const ledger = new Ledger(store);
      const text = readFileSync(join(EXAMPLES, file), 'utf8');
      // one batch of commands and single commands: both roads hand the store the events
      await applyCommandFile(ledger, file, text, { actor: 'spec' }, { batchSize: 7 });
      await applyCommandFile(new Ledger(store), file, text, { actor: 'spec' });
      expect(store.handed.length).toBeGreaterThan(20);
      const previous = new Map<string, string>();
      let canonical = 0;
      for (const event of store.handed) {
        expect(event.json).toEqual({ data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) });
        // the data stored is its canonical text, but for a map (weights by code…) the file gives in another order
        if (event.json!.data === canonicalJson(event.data)) canonical += 1;
        else expect(MAP_HOLDERS).toContain(event.type);
        // the hash as verify computes it from the stored event, which is JSON: from the texts parsed again
        const stored = { ...event, data: JSON.parse(event.json!.data), metadata: JSON.parse(event.json!.metadata) };
        const revision = BigInt((await store.readStream(event.streamId)).findIndex((e) => e.eventId === event.eventId));
        const hash = eventHash(previous.get(event.streamId) ?? GENESIS_HASH, { ...stored, revision });
        expect(event.metadata.hash).toBe(hash);
        previous.set(event.streamId, hash);
      }
      expect(canonical).toBeGreaterThan(store.handed.length * 0.7);
      // what the memory store keeps is the event without the texts
      for (const event of await store.readAll()) expect(Object.keys(event)).not.toContain('json');
    },
  );

  it('write metadata with escapes and non-ASCII text, and metadata that carries a hash already, as JSON.stringify does', () => {
    const command = parseCommand({
      command: 'RegisterRegion',
      regionId: 'zuid',
      name: 'Regio "Zuid" — cliënten\u2028',
      centralMunicipality: 'GM0100',
      municipalities: [
        { code: 'GM0100', name: 'Centrum' },
        { code: 'GM0200', name: 'Rand\\dorp' },
      ],
    });
    const decided = decide(command, initialState());
    for (const given of [metadata, { hash: 'old', ...metadata }, { ...metadata, hash: 'old' }]) {
      const { events } = chainedEvents(
        decided,
        { streamId: 'region-zuid', firstRevision: 0n, head: GENESIS_HASH },
        given,
      );
      const [event] = events;
      expect(event.json).toEqual({ data: JSON.stringify(event.data), metadata: JSON.stringify(event.metadata) });
      expect(event.metadata.hash).toBe(eventHash(GENESIS_HASH, { ...event, revision: 0n }));
      expect(canonicalJson(event.data)).toContain('cliënten');
    }
  });

  it('write metadata of any shape as JSON.stringify and the canonical form do: index-like keys, numbers, booleans, and shapes that change', () => {
    const decided = decide(
      parseCommand({
        command: 'RegisterRegion',
        regionId: 'zuid',
        name: 'Zuid',
        centralMunicipality: 'GM0100',
        municipalities: [{ code: 'GM0100', name: 'Centrum' }],
      }),
      initialState(),
    );
    const shapes: Record<string, unknown>[] = [
      metadata,
      { ...metadata, '10': 'tien', '9': 'negen', Zeta: true, alpha: -0, é: 1.5e-7, '\u0001': 'x' },
      { command: 'RegisterRegion', recordedAt: 'nu', nested: { b: 1, a: 2 }, empty: null },
      { command: 'RegisterRegion', absent: undefined, big: 1e21 },
      {},
      metadata,
      // one shape, other values: each command's own values are written
      { ...metadata, commandId: 'c2', causationId: 'c2', recordedAt: '2026-01-01T00:00:00.001Z' },
      { ...metadata, schemaVersion: -0 },
      { ...metadata, schemaVersion: 0 },
      { ...metadata, schemaVersion: Number.NaN },
      metadata,
    ];
    for (const given of shapes) {
      const [event] = chainedEvents(
        decided,
        { streamId: 'region-zuid', firstRevision: 0n, head: GENESIS_HASH },
        given as CommandMetadata,
      ).events;
      expect(event.json?.metadata).toBe(JSON.stringify({ ...given, hash: event.metadata.hash }));
      expect(event.metadata.hash).toBe(eventHash(GENESIS_HASH, { ...event, revision: 0n }));
      // the event's metadata object is the given one with its hash, members in the same order (the
      // ledger's own shape is copied member by member, any other spread)
      const spread = { ...given, hash: event.metadata.hash };
      expect(event.metadata).toStrictEqual(spread);
      expect(Object.keys(event.metadata)).toEqual(Object.keys(spread));
      expect(Object.is(event.metadata.schemaVersion, given.schemaVersion)).toBe(true);
    }
  });
});

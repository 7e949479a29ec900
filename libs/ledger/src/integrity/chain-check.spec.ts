import { createHash } from 'node:crypto';
import { ChainCheck } from './chain-check';
import fc from 'fast-check';
import { canonicalJson } from '@libs/domain/model';
import { canonicalContent, canonicalContentOfTexts, eventHash, eventHashOfTexts, GENESIS_HASH } from './event-hash';
import { checkStream } from './verify-chain';

const META = {
  actor: 'test',
  recordedAt: '2026-01-01T00:00:00.000Z',
  source: 'spec',
  commandId: 'c',
  causationId: 'c',
  correlationId: 'c',
  schemaVersion: 1,
};

interface Built {
  eventId: string;
  type: string;
  revision: bigint;
  position: bigint;
  data: unknown;
  metadata: Record<string, unknown> & typeof META;
}

/** A chained stream of n money events, each moving `i` euro from the region to a municipality. */
function stream(n: number, options: { unchained?: number } = {}): Built[] {
  const events: Built[] = [];
  let previous = GENESIS_HASH;
  for (let index = 0; index < n; index += 1) {
    const base = {
      eventId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      type: 'RijkPaymentRecorded',
      revision: BigInt(index),
      position: BigInt(index + 1),
      data: {
        regionId: 'west',
        paymentId: `p${index}`,
        postings: [
          { account: 'rijk', amount: `-${index + 1}.00` },
          { account: 'municipality:GM0100:bw', amount: `${index + 1}.00` },
        ],
      },
      metadata: { ...META },
    };
    previous = eventHash(previous, base);
    events.push(index < (options.unchained ?? 0) ? base : { ...base, metadata: { ...base.metadata, hash: previous } });
  }
  return events;
}

describe('the event hash', () => {
  it('is SHA-256 of the previous hash and the RFC 8785 canonical content, metadata without its hash', () => {
    const event = {
      eventId: 'e1',
      type: 'T',
      revision: 3n,
      data: { b: [1, 'é'], a: null },
      metadata: { source: 'x', actor: 'y', hash: 'ignored' } as never,
    };
    const canonical =
      '{"data":{"a":null,"b":[1,"é"]},"id":"e1","metadata":{"actor":"y","source":"x"},"revision":3,"type":"T"}';
    expect(canonicalContent(event)).toBe(canonical);
    expect(eventHash(GENESIS_HASH, event)).toBe(
      createHash('sha256')
        .update('0'.repeat(64) + canonical, 'utf8')
        .digest('hex'),
    );
  });

  it('is the same whether computed from the event or from the canonical texts of its data and metadata', () => {
    fc.assert(
      fc.property(
        fc.option(fc.jsonValue(), { nil: undefined }),
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        (data, metadata, revision) => {
          fc.pre(!Object.hasOwn(metadata, 'hash'));
          const event = { eventId: 'e1', type: 'T', revision, data, metadata: metadata as never };
          const texts = {
            ...event,
            data: data === undefined ? undefined : canonicalJson(data),
            metadata: canonicalJson(metadata),
          };
          // RFC 8785 of the five members as one object, written by the general canonical writer
          const reference = canonicalJson({ data, id: 'e1', metadata, revision: Number(revision), type: 'T' });
          expect(canonicalContentOfTexts(texts)).toBe(reference);
          expect(canonicalContent(event)).toBe(reference);
          expect(eventHashOfTexts(GENESIS_HASH, texts)).toBe(eventHash(GENESIS_HASH, event));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves an index key or a __proto__ key in data or metadata to the member-by-member road, with the same text', () => {
    const data = JSON.parse('{"__proto__": {"x": 1}, "10": "a", "2": "b"}') as unknown;
    const event = { eventId: 'e1', type: 'T', revision: 1n, data, metadata: { b: 1, a: 2, hash: 'x' } as never };
    expect(canonicalContent(event)).toBe(
      '{"data":{"10":"a","2":"b","__proto__":{"x":1}},"id":"e1","metadata":{"a":2,"b":1},"revision":1,"type":"T"}',
    );
  });
});

describe('checking a stream', () => {
  it('passes an intact chain and gives its head as the ledger hash', () => {
    const events = stream(5);
    const report = checkStream('region-west', events);
    expect(report).toEqual({
      streamId: 'region-west',
      regionId: 'west',
      events: 5,
      unchained: 0,
      ledgerHash: events[4].metadata.hash,
    });
  });

  it('accepts events recorded before the chain existed, computing their hashes all the same', () => {
    const chained = stream(4);
    const legacy = stream(4, { unchained: 4 });
    const mixed = stream(4, { unchained: 2 });
    expect(checkStream('region-west', legacy)).toEqual({
      streamId: 'region-west',
      regionId: 'west',
      events: 4,
      unchained: 4,
      ledgerHash: chained[3].metadata.hash,
    });
    expect(checkStream('region-west', legacy).ledgerHash).toBe(checkStream('region-west', chained).ledgerHash);
    expect(checkStream('region-west', mixed)).toMatchObject({ unchained: 2, ledgerHash: chained[3].metadata.hash });
    expect(checkStream('region-west', mixed).problem).toBeUndefined();
  });

  it('a hash missing after the chain started is broken: unchained', () => {
    const events = stream(4);
    const { hash: _hash, ...bare } = events[2].metadata;
    events[2] = { ...events[2], metadata: bare };
    expect(checkStream('region-west', events).problem).toMatchObject({ revision: 2n, fault: 'unchained' });
  });

  it('an edited event does not match its hash', () => {
    const events = stream(5);
    (events[3].data as { paymentId: string }).paymentId = 'forged';
    expect(checkStream('region-west', events).problem).toEqual({
      streamId: 'region-west',
      revision: 3n,
      fault: 'edited',
      detail: 'its content does not match its hash: it was edited, or written outside the ledger',
    });
  });

  it('a deleted event leaves a gap: missing', () => {
    const events = stream(5);
    events.splice(2, 1);
    expect(checkStream('region-west', events).problem).toMatchObject({
      revision: 2n,
      fault: 'missing',
      detail: 'the stream goes from revision 1 to 3',
    });
  });

  it('two events that swapped revisions are named as swapped: reordered (next to each other or apart)', () => {
    for (const [a, b] of [
      [1, 2],
      [1, 4],
    ]) {
      const events = stream(6);
      const swapped = events.map((event) => ({ ...event }));
      swapped[a] = { ...events[b], revision: BigInt(a) };
      swapped[b] = { ...events[a], revision: BigInt(b) };
      expect(checkStream('region-west', swapped).problem).toMatchObject({
        revision: BigInt(a),
        fault: 'reordered',
        detail: `revisions ${a} and ${b} were swapped: each holds the event recorded at the other`,
      });
    }
  });

  it('an event put in between, the rest moved up a revision: inserted', () => {
    const events = stream(5);
    const forged = { ...events[1], eventId: 'forged', metadata: { ...events[1].metadata, hash: 'f'.repeat(64) } };
    const shifted = [...events.slice(0, 2), forged, ...events.slice(2)].map((event, index) => ({
      ...event,
      revision: BigInt(index),
      position: BigInt(index + 1),
    }));
    expect(checkStream('region-west', shifted).problem).toMatchObject({
      revision: 2n,
      fault: 'inserted',
      detail:
        'it is not part of the chain: inserted before the event recorded at revision 2, which now stands at revision 3',
    });
  });

  it('postings that do not sum to zero are unbalanced, even in an unchained history', () => {
    const events = stream(3, { unchained: 3 });
    (events[1].data as { postings: { amount: string }[] }).postings[1].amount = '999.00';
    expect(checkStream('region-west', events).problem).toMatchObject({
      revision: 1n,
      fault: 'unbalanced',
      detail: 'its postings sum to 997.00, not zero',
    });
  });

  it('a stream stored out of global order is reordered', () => {
    const events = stream(3);
    events[2] = { ...events[2], position: 1n };
    expect(checkStream('region-west', events).problem).toMatchObject({ revision: 2n, fault: 'reordered' });
  });

  it('stops at the first problem and accepts nothing after it', () => {
    const check = new ChainCheck('region-west');
    const events = stream(3);
    (events[1].data as { paymentId: string }).paymentId = 'x';
    expect(check.accept(events[0])).toBeUndefined();
    expect(check.accept(events[1])?.fault).toBe('edited');
    expect(check.accept(events[2])?.revision).toBe(1n);
    expect(check.events).toBe(1);
    expect(check.head).toBe(events[0].metadata.hash);
  });
});

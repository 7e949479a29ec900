import { Accounts } from '../accounts';
import { canonicalJson } from '../state/canonical-json';
import { encodeEventDataCanonical } from './codec/event.codecs';
import { EventDataError } from './codec/field.codecs';
import { readStoredEvent, toStoredEvent } from './stored-event';
import { UpcasterRegistry } from './upcasters';

/** A payment as the store has always held it. */
const storedPayment = {
  regionId: 'r',
  paymentId: 'iu-1',
  year: 2024,
  scheme: 'BW',
  basis: 'historical',
  recipient: 'GM0001',
  amount: '1000.50',
  reference: 'meicirculaire',
  postings: [
    { account: 'rijk', amount: '-1000.50' },
    { account: 'region:r:bw-historical', amount: '1000.50' },
  ],
};

function refusal(read: () => unknown): EventDataError {
  try {
    read();
  } catch (error) {
    if (error instanceof EventDataError) return error;
    throw error;
  }
  throw new Error('expected the stored event to be refused');
}

describe('the stored form of an event', () => {
  // The codec's field order: what every store held until the ledger wrote events in canonical order
  // (encodeEventDataCanonical, below) and what stores written before still hold. Reading must give
  // such an event back exactly, and explain shows a fact's fields in this order.
  it('is decoded once into typed data (cents, accounts) and encoded back to the same JSON, in the same order', () => {
    const event = readStoredEvent({ type: 'RijkPaymentRecorded', schemaVersion: 1, data: storedPayment });
    expect(event).toEqual({
      type: 'RijkPaymentRecorded',
      data: {
        ...storedPayment,
        amount: 100050n,
        postings: [
          { account: Accounts.rijk, amount: -100050n },
          { account: Accounts.bwHistorical('r'), amount: 100050n },
        ],
      },
    });
    const stored = toStoredEvent(event);
    expect(stored).toEqual({ type: 'RijkPaymentRecorded', schemaVersion: 1, data: storedPayment });
    expect(JSON.stringify(stored.data)).toBe(JSON.stringify(storedPayment));
  });

  it('knows the special forms of its fields (a reserve base, an excess target) without looking at field names', () => {
    const agreement = {
      regionId: 'r',
      version: 1,
      validFrom: 2023,
      schemes: ['BW', 'MO'],
      minPct: '5',
      maxPct: '10',
      base: { fixed: '1000.00' },
      toReservePct: '100',
      replenishTo: 'min',
      payoutTo: 'max',
      excessTo: 'fund:frictie',
    };
    const event = readStoredEvent({ type: 'ReserveAgreementAdopted', schemaVersion: 1, data: agreement });
    expect(event.data).toMatchObject({
      base: { kind: 'fixed', amount: 100000n },
      excessTo: { kind: 'fund', fundId: 'frictie' },
    });
    expect(JSON.stringify(toStoredEvent(event).data)).toBe(JSON.stringify(agreement));
  });

  it('reads history that a stricter command rule would refuse today: a limit never makes it unreadable', () => {
    const long = { ...storedPayment, reference: 'x'.repeat(5000), amount: '9999999999999.00' };
    const event = readStoredEvent({ type: 'RijkPaymentRecorded', schemaVersion: 1, data: long });
    expect(JSON.stringify(toStoredEvent(event).data)).toBe(JSON.stringify(long));
  });

  it.each([
    ['a wrong kind', { ...storedPayment, amount: 1000.5 }, /^amount: must be a decimal string/],
    ['a missing field', { ...storedPayment, paymentId: undefined }, /^paymentId: is missing$/],
    ['an unknown field', { ...storedPayment, colour: 'red' }, /^colour: unknown field/],
    ['null for an absent field', { ...storedPayment, reference: null }, /^reference: must be a string, got null$/],
    [
      'a name that is no account',
      { ...storedPayment, postings: [{ account: 'bank', amount: '1.00' }] },
      /^postings\[0\]\.account: is not an account name/,
    ],
  ])('refuses %s, naming the field', (_what, data, reason) => {
    expect(refusal(() => readStoredEvent({ type: 'RijkPaymentRecorded', schemaVersion: 1, data })).message).toMatch(
      reason,
    );
  });

  it('refuses an unknown type and a schema version newer than this Geldstroom reads', () => {
    expect(refusal(() => readStoredEvent({ type: 'PaymentMade', schemaVersion: 1, data: {} })).message).toBe(
      '(data): is of unknown type "PaymentMade"',
    );
    expect(
      refusal(() => readStoredEvent({ type: 'RijkPaymentRecorded', schemaVersion: 2, data: storedPayment })).message,
    ).toBe('(data): has schema version 2; this Geldstroom reads up to 1');
  });
});

/**
 * The ledger stores an event's data with every object's fields in canonical order, so that one JSON text
 * is both the row and the data its hash covers (the hash is over canonical content, whatever the order
 * stored). It is the same data: only the order differs, and reading does not depend on it.
 */
describe('the stored form in canonical order', () => {
  const agreement = {
    regionId: 'r',
    version: 1,
    validFrom: 2023,
    baseline: 'income',
    executionCosts: 'actual',
    cap: false,
    weights: { GM0100: '1', GM0200: '2' },
    policyCorrections: true,
    ownAccountPct: '25',
    ownAccountPctByYear: { '2023': '20', '2024': '25' },
  };

  it.each([
    ['RijkPaymentRecorded', storedPayment],
    ['SolidarityAgreementAdopted', agreement],
  ])('%s: the same members, every object sorted, its JSON.stringify the canonical text', (type, data) => {
    const event = readStoredEvent({ type, schemaVersion: 1, data });
    const { data: sorted, canonical } = encodeEventDataCanonical(event);
    expect(sorted).toEqual(data);
    expect(canonical).toBe(true);
    expect(JSON.stringify(sorted)).toBe(canonicalJson(data));
    expect(JSON.stringify(sorted)).not.toBe(JSON.stringify(data));
    // and it reads back as the same event
    expect(readStoredEvent({ type, schemaVersion: 1, data: JSON.parse(JSON.stringify(sorted)) })).toEqual(event);
  });

  it.each([
    ['weights out of order', { weights: { GM0200: '2', GM0100: '1' } }],
    ['years the engine lists by number', { ownAccountPctByYear: { '9': '20', '10': '25' } }],
  ])('keeps a map in its own order (%s) and says its text is not canonical then', (_what, maps) => {
    const data = { ...agreement, ...maps };
    const event = readStoredEvent({ type: 'SolidarityAgreementAdopted', schemaVersion: 1, data });
    const { data: sorted, canonical } = encodeEventDataCanonical(event);
    expect(canonical).toBe(false);
    expect(sorted).toEqual(data);
    const given: Readonly<Record<string, object>> = maps;
    for (const [name, map] of Object.entries(given))
      expect(Object.keys(sorted[name] as object)).toEqual(Object.keys(map));
    expect(JSON.stringify(sorted)).not.toBe(canonicalJson(data));
  });
});

describe('upcasting an older schema version', () => {
  /** A schema 0 that never existed: YearReopened without a reason, and a payment's amount in whole cents. */
  const registry = new UpcasterRegistry(1)
    .register('YearReopened', 0, (event) => ({
      type: event.type,
      data: { ...(event.data as object), reason: '(recorded before reasons were asked)' },
    }))
    .register('PaymentMade', 0, (event) => {
      const { cents, ...data } = event.data as { cents: number } & Record<string, unknown>;
      return { type: 'RijkPaymentRecorded', data: { ...data, amount: (cents / 100).toFixed(2) } };
    });

  it('brings each event up to the current version when it is read, one step per version', () => {
    expect(
      readStoredEvent({ type: 'YearReopened', schemaVersion: 0, data: { regionId: 'r', year: 2024 } }, registry),
    ).toEqual({
      type: 'YearReopened',
      data: { regionId: 'r', year: 2024, reason: '(recorded before reasons were asked)' },
    });
    const { amount: _amount, ...withoutAmount } = storedPayment;
    const upcast = readStoredEvent(
      { type: 'PaymentMade', schemaVersion: 0, data: { ...withoutAmount, cents: 100050 } },
      registry,
    );
    expect(upcast).toEqual(readStoredEvent({ type: 'RijkPaymentRecorded', schemaVersion: 1, data: storedPayment }));
  });

  it('leaves a type without a step for a version as it was (its form did not change)', () => {
    expect(
      readStoredEvent({ type: 'RijkPaymentRecorded', schemaVersion: 0, data: storedPayment }, registry).data,
    ).toMatchObject({
      amount: 100050n,
    });
  });

  it('refuses a step registered twice or one that upcasts past the current version', () => {
    expect(() => registry.register('YearReopened', 0, (event) => event)).toThrow(/twice/);
    expect(() => registry.register('YearReopened', 1, (event) => event)).toThrow(/nothing to upcast to/);
  });
});

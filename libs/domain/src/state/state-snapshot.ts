import { Cents } from '@libs/money';
import { isAccount } from '../accounts';
import { decodeEvent, encodeEventData } from '../events/codec/event.codecs';
import { isPlainObject, Json, JsonObject } from '../events/codec/field.codecs';
import { DomainEvent, DomainEventType, EventOf, isDomainEventType } from '../events/domain-event';
import { RegionState } from './region-state';

/**
 * The version of the snapshot form below. A snapshot holds what `evolve` made of a region's events, so
 * it must change whenever RegionState or evolve changes what a fold keeps: a snapshot of another form
 * is not read (the region is folded from its events again and a new snapshot written).
 */
export const STATE_SNAPSHOT_FORMAT = 2;

/** A snapshot that does not read as a region's state: it is ignored, never trusted. */
export class SnapshotError extends Error {
  constructor(reason: string) {
    super(`the snapshot does not read as a region's state: ${reason}`);
    this.name = 'SnapshotError';
  }
}

/**
 * A region's folded state as JSON: every map and set as a list in its own order (a state read back
 * iterates exactly as the folded one), the facts' data in their stored form (written and read by the
 * events' codecs), sums of cents as integer strings.
 */
export function encodeRegionState(state: RegionState): JsonObject {
  const data = <T extends DomainEventType>(type: T, value: EventOf<T>['data']): JsonObject =>
    encodeEventData({ type, data: value } as DomainEvent);
  const ledger: Json[] = [];
  state.ledger.forEachSum((year, account, type, amount) => ledger.push([year, account, type, cents(amount)]));
  return {
    region: state.region ? data('RegionRegistered', state.region) : null,
    facts: [...state.facts],
    keys: [...state.keys].map(([keyId, versions]) => [
      keyId,
      versions.map((version) => data('DistributionKeyAdopted', version)),
    ]),
    budgets: [...state.budgets].map(([slot, versions]) => [
      slot,
      versions.map((version) => data('RegionalBudgetAdopted', version)),
    ]),
    reserveAgreements: state.reserveAgreements.map((agreement) => data('ReserveAgreementAdopted', agreement)),
    solidarityAgreements: state.solidarityAgreements.map((agreement) => data('SolidarityAgreementAdopted', agreement)),
    inhabitants: [...state.inhabitants].map(([year, counts]) => [year, data('InhabitantsRecorded', counts)]),
    expenditures: [...state.expenditures].map(([slot, totals]) => [
      slot,
      cents(totals.careCosts),
      cents(totals.executionCosts),
    ]),
    policyCorrections: [...state.policyCorrections].map(([slot, amount]) => [slot, cents(amount)]),
    advances: [...state.advances].map(([slot, amount]) => [slot, cents(amount)]),
    reserveOpeningYears: [...state.reserveOpeningYears],
    reserveOpening: state.reserveOpening ? data('ReserveOpeningRecorded', state.reserveOpening) : null,
    moneyYears: [...state.moneyYears],
    ledger,
    closedYears: [...state.closedYears],
    everClosedYears: [...state.everClosedYears],
    activeYears: [...state.activeYears],
    eventCount: state.eventCount,
  };
}

/**
 * The state a snapshot holds; a SnapshotError when any part of it does not read. Read in parts of a function
 * each: V8 recompiles a function whose loops meet lists of another shape (regions differ in which lists are
 * empty), and one large function was compiled again three to five times in a what-if over every region.
 */
export function decodeRegionState(json: unknown): RegionState {
  if (!isPlainObject(json)) throw new SnapshotError('not an object');
  const read = new SnapshotReader(json);
  const state = new RegionState();
  state.region = read.optional('region', (value) => read.data(value, 'RegionRegistered'));
  readFacts(read, state);
  readAdoptions(read, state);
  readSums(read, state);
  readLedger(read, state);
  readYears(read, state);
  state.eventCount = integer(json.eventCount);
  return state;
}

/** The facts are most of a snapshot: read in place, without a pair made per entry. */
function readFacts(read: SnapshotReader, state: RegionState): void {
  for (const entry of read.array('facts')) {
    const pair = read.tuple(entry, 2);
    state.facts.set(text(pair[0]), text(pair[1]));
  }
}

/** Keys, budgets, agreements and inhabitants: event data in their stored form. */
function readAdoptions(read: SnapshotReader, state: RegionState): void {
  for (const [keyId, versions] of read.list('keys', (entry) =>
    read.pair(entry, text, (list) => read.items(list, (item) => read.data(item, 'DistributionKeyAdopted'))),
  ))
    state.keys.set(keyId, versions);
  for (const [slot, versions] of read.list('budgets', (entry) =>
    read.pair(entry, text, (list) => read.items(list, (item) => read.data(item, 'RegionalBudgetAdopted'))),
  ))
    state.budgets.set(slot, versions);
  state.reserveAgreements.push(...read.list('reserveAgreements', (item) => read.data(item, 'ReserveAgreementAdopted')));
  state.solidarityAgreements.push(
    ...read.list('solidarityAgreements', (item) => read.data(item, 'SolidarityAgreementAdopted')),
  );
  for (const [year, counts] of read.list('inhabitants', (entry) =>
    read.pair(entry, integer, (item) => read.data(item, 'InhabitantsRecorded')),
  ))
    state.inhabitants.set(year, counts);
  state.reserveOpening = read.optional('reserveOpening', (value) => read.data(value, 'ReserveOpeningRecorded'));
}

/** Sums kept per slot, in cents. */
function readSums(read: SnapshotReader, state: RegionState): void {
  for (const entry of read.list('expenditures', (item) => read.tuple(item, 3))) {
    state.expenditures.set(text(entry[0]), { careCosts: amount(entry[1]), executionCosts: amount(entry[2]) });
  }
  for (const [slot, sum] of read.list('policyCorrections', (entry) => read.pair(entry, text, amount)))
    state.policyCorrections.set(slot, sum);
  for (const [slot, sum] of read.list('advances', (entry) => read.pair(entry, text, amount)))
    state.advances.set(slot, sum);
}

function readLedger(read: SnapshotReader, state: RegionState): void {
  const ledger = read.array('ledger');
  // every entry is checked to be a list of four before any is read, as a list of entries was
  for (const item of ledger) read.tuple(item, 4);
  for (const item of ledger) {
    const entry = item as unknown[];
    const account = entry[1];
    const type = entry[2];
    if (typeof account !== 'string' || !isAccount(account)) throw new SnapshotError(`ledger: ${String(account)}`);
    if (typeof type !== 'string' || !isDomainEventType(type)) throw new SnapshotError(`ledger: ${String(type)}`);
    state.ledger.add(integer(entry[0]), account, type, amount(entry[3]));
  }
}

/** The sets of years, each in its own order. */
function readYears(read: SnapshotReader, state: RegionState): void {
  for (const year of read.list('reserveOpeningYears', integer)) state.reserveOpeningYears.add(year);
  for (const year of read.list('moneyYears', integer)) state.moneyYears.add(year);
  for (const year of read.list('closedYears', integer)) state.closedYears.add(year);
  for (const year of read.list('everClosedYears', integer)) state.everClosedYears.add(year);
  for (const year of read.list('activeYears', integer)) state.activeYears.add(year);
}

function cents(amount: Cents): string {
  return amount.toString();
}

function text(value: unknown): string {
  if (typeof value !== 'string') throw new SnapshotError(`${JSON.stringify(value)} is not a text`);
  return value;
}

function integer(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new SnapshotError(`${JSON.stringify(value)} is not an integer`);
  return value;
}

const CENTS = /^-?\d+$/;
function amount(value: unknown): Cents {
  if (typeof value !== 'string' || !CENTS.test(value))
    throw new SnapshotError(`${JSON.stringify(value)} is not an amount in cents`);
  return BigInt(value);
}

class SnapshotReader {
  constructor(private readonly json: Readonly<Record<string, unknown>>) {}

  list<T>(field: string, item: (value: unknown) => T): T[] {
    return this.array(field).map(item);
  }

  array(field: string): readonly unknown[] {
    const value = this.json[field];
    if (!Array.isArray(value)) throw new SnapshotError(`${field} is not a list`);
    return value;
  }

  items<T>(value: unknown, item: (value: unknown) => T): T[] {
    if (!Array.isArray(value)) throw new SnapshotError('not a list');
    return value.map(item);
  }

  tuple(value: unknown, length: number): unknown[] {
    if (!Array.isArray(value) || value.length !== length) throw new SnapshotError(`not a list of ${length}`);
    return value;
  }

  pair<A, B>(value: unknown, first: (value: unknown) => A, second: (value: unknown) => B): [A, B] {
    const [a, b] = this.tuple(value, 2);
    return [first(a), second(b)];
  }

  data<T extends DomainEventType>(value: unknown, type: T): EventOf<T>['data'] {
    let event: DomainEvent;
    try {
      event = decodeEvent(type, value);
    } catch (error) {
      throw new SnapshotError(`${type}: ${(error as Error).message}`);
    }
    // decodeEvent gives an event of the type asked for
    return event.data as EventOf<T>['data'];
  }

  /** A field that is null when the state has nothing there. */
  optional<T>(field: string, item: (value: unknown) => T): T | undefined {
    const value = this.json[field];
    return value === null ? undefined : item(value);
  }
}

/**
 * The domain model without the command parsers: the events and their stored form, the decider and its
 * state, the rules the read models ask. The fold (the ledger's catch-up, the read models, a replay)
 * imports this entry point, so that no fold or replay path loads a command parser; `@libs/domain` adds
 * the command side. Only what other packages use is exported.
 */
export { Accounts, isAccount, isAccountOfRegion, parseAccount } from './accounts';
export type { Account, AccountOwner, AccountRef, ExternalParty, RegionPot } from './accounts';
export { SCHEMES } from './scheme';
export type { Scheme } from './scheme';
export { CONFLICT_CODES, DomainError, InvariantViolation, RULE_CODES, at, invariant, unreachable } from './errors';
export type { DomainErrorCode } from './errors';
export type { Command, CommandOf, CommandType } from './commands/command.types';

// events and their stored form
export {
  DERIVED_EVENT_TYPES,
  DOMAIN_EVENT_TYPES,
  isDerivedEvent,
  isFactEvent,
  postingsOf,
  ruleOf,
  yearOf,
} from './events/domain-event';
export type { DomainEvent, DomainEventType, EventOf } from './events/domain-event';
export type { DerivedEvent, KeyReference, SolidarityTransferred, SplitEvent } from './events/derived.events';
export type { FactEvent } from './events/fact.events';
export type { Posting } from './events/posting';
export { encodeEventData, encodeEventDataCanonical, storedInputFields } from './events/codec/event.codecs';
export { EventDataError, isPlainObject } from './events/codec/field.codecs';
export { readStoredEvent, toStoredEvent } from './events/stored-event';
export { CURRENT_SCHEMA_VERSION } from './events/upcasters';

// the decider and its state
export {
  decide,
  evolve,
  evolveSummedMoney,
  evolveUnremembered,
  fold,
  foldsAsSums,
  initialState,
  MoneySums,
} from './decider';
export type { SummedMoney } from './decider';
export { commandOfFact } from './decide/fact-of-command';
export { factIdOf, factIdentity } from './state/fact-identity';
export { hasFund } from './state/region-funds';
export { canonicalJson, sortedCopy, UNSAFE } from './state/canonical-json';
export { givenContentOf, givenContentOfSorted } from './state/fact-content';
export { STATE_SNAPSHOT_FORMAT, SnapshotError, decodeRegionState, encodeRegionState } from './state/state-snapshot';
export { RegionState, isRegistered } from './state/region-state';
export type { KeyVersion, RegionInfo, RegionView, RegisteredRegionView } from './state/region-state';

// the rules the read models ask
export { dueFor } from './rules/due';
export {
  KEY_IDS,
  budgetAmount,
  budgetInForce,
  keyInForce,
  reserveAgreementInForce,
  solidarityAgreementInForce,
} from './rules/in-force';
export { keyReference, weightSum } from './rules/key-split';
export { ownAccountPctFor } from './rules/solidarity';
export { PLAN_EVERY_SCHEME, schemesRevisedBy } from './rules/scheme-scope';
export type { PlanScope } from './rules/scheme-scope';
export { reserveBand } from './rules/reserve-band.planner';

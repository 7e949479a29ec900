/**
 * The domain model without the command parsers: events and their stored form, the decider and its
 * state, the rules. The fold (the ledger's catch-up, the read models, a replay) imports this entry
 * point, so no fold or replay path loads a command parser (`@libs/domain` adds the command side).
 */
export * from './errors';
export * from './accounts';
export * from './scheme';
export type { Command, CommandOf, CommandType } from './commands/command.types';
export * from './events/event';
export * from './events/posting';
export * from './events/fact.events';
export * from './events/derived.events';
export * from './events/domain-event';
export * from './events/codec/field.codecs';
export * from './events/codec/event.codecs';
export * from './events/upcasters';
export * from './events/stored-event';
export * from './decide/fact-of-command';
export * from './state/region-state';
export * from './state/posting-ledger';
export * from './state/canonical-json';
export * from './state/fact-identity';
export * from './rules/in-force';
export * from './rules/key-split';
export * from './rules/allocation.planner';
export * from './rules/closing.planner';
export * from './rules/result-settlement.planner';
export * from './rules/reserve-band.planner';
export * from './rules/solidarity.planner';
export * from './rules/solidarity';
export * from './rules/due';
export * from './decider';

/**
 * The region's decider, in Emmett's three parts: `initialState` (a region before its first event),
 * `evolve` (one event into the state; the fold) and `decide` (a command on a read-only view of the
 * state into the events that record it, or a DomainError).
 */
export { decide } from './decide';
export { evolve, evolveUnremembered, fold, initialState } from './state/evolve';
export { evolveSummedMoney, foldsAsSums, MoneySums } from './state/summed-money';
export type { SummedMoney } from './state/summed-money';

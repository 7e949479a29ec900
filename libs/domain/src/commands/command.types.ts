import { Parsed } from './fields';
import { COMMAND_SHAPES } from './command.shapes';

export type { Scheme, ReserveBase, ExcessTarget } from './command.shapes';
export { SCHEMES } from './command.shapes';

export type CommandType = keyof typeof COMMAND_SHAPES;
export const COMMAND_TYPES = Object.keys(COMMAND_SHAPES) as CommandType[];

/** A validated command: its fields parsed (amounts in cents, percentages canonical), tagged by type. */
export type CommandOf<T extends CommandType> = { readonly type: T } & Parsed<(typeof COMMAND_SHAPES)[T]>;
export type Command = { [T in CommandType]: CommandOf<T> }[CommandType];

export type RegisterRegion = CommandOf<'RegisterRegion'>;
export type AdoptDistributionKey = CommandOf<'AdoptDistributionKey'>;
export type RecordRijkPayment = CommandOf<'RecordRijkPayment'>;
export type AdoptRegionalBudget = CommandOf<'AdoptRegionalBudget'>;
export type RecordRegionalCost = CommandOf<'RecordRegionalCost'>;
export type RecordCoPayment = CommandOf<'RecordCoPayment'>;
export type RecordLocalExpenditure = CommandOf<'RecordLocalExpenditure'>;
export type RecordPolicyCorrection = CommandOf<'RecordPolicyCorrection'>;
export type AdoptReserveAgreement = CommandOf<'AdoptReserveAgreement'>;
export type RecordReserveOpening = CommandOf<'RecordReserveOpening'>;
export type RecordAdvance = CommandOf<'RecordAdvance'>;
export type TransferReserveToFund = CommandOf<'TransferReserveToFund'>;
export type RecordFundSpending = CommandOf<'RecordFundSpending'>;
export type AdoptSolidarityAgreement = CommandOf<'AdoptSolidarityAgreement'>;
export type RecordInhabitants = CommandOf<'RecordInhabitants'>;
export type RunAllocation = CommandOf<'RunAllocation'>;
export type CloseYear = CommandOf<'CloseYear'>;
export type ReopenYear = CommandOf<'ReopenYear'>;

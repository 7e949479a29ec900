import { Command } from '@libs/domain/model';

/** The commands a what-if may revise: keys and agreements. */
export const REVISABLE_COMMANDS = [
  'AdoptDistributionKey',
  'AdoptReserveAgreement',
  'AdoptSolidarityAgreement',
] as const;
export type Revision = Extract<Command, { type: (typeof REVISABLE_COMMANDS)[number] }>;

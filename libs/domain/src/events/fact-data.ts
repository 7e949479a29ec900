import { formatAmount } from '@libs/money';
import { COMMAND_SHAPES } from '../commands/command.shapes';
import { CommandOf, CommandType } from '../commands/command.types';
import { parseObject } from '../commands/fields';
import { FactData, FactEventType, Posting } from './event.types';

/** Which command records which fact event. */
export const FACT_EVENT_OF = {
  RegisterRegion: 'RegionRegistered',
  AdoptDistributionKey: 'DistributionKeyAdopted',
  RecordRijkPayment: 'RijkPaymentRecorded',
  AdoptRegionalBudget: 'RegionalBudgetAdopted',
  RecordRegionalCost: 'RegionalCostRecorded',
  RecordCoPayment: 'CoPaymentRecorded',
  RecordLocalExpenditure: 'LocalExpenditureRecorded',
  RecordPolicyCorrection: 'PolicyCorrectionRecorded',
  AdoptReserveAgreement: 'ReserveAgreementAdopted',
  RecordReserveOpening: 'ReserveOpeningRecorded',
  RecordAdvance: 'AdvanceRecorded',
  TransferReserveToFund: 'ReserveTransferredToFund',
  RecordFundSpending: 'FundSpendingRecorded',
  AdoptSolidarityAgreement: 'SolidarityAgreementAdopted',
  RecordInhabitants: 'InhabitantsRecorded',
} as const satisfies Partial<Record<CommandType, FactEventType>>;

export type FactCommandType = keyof typeof FACT_EVENT_OF;
export type FactCommand = { [T in FactCommandType]: CommandOf<T> }[FactCommandType];

const COMMAND_OF_FACT = Object.fromEntries(
  Object.entries(FACT_EVENT_OF).map(([command, event]) => [event, command]),
) as Record<FactEventType, FactCommandType>;

/** A validated fact command as the JSON data of its event: amounts back to decimal strings. */
export function toFactData(command: FactCommand, postings?: readonly Posting[]): FactData {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(command)) {
    if (field === 'type' || value === undefined) continue;
    data[field] = toJson(field, value);
  }
  if (postings) data.postings = postings;
  return data as FactData;
}

function toJson(field: string, value: unknown): unknown {
  if (typeof value === 'bigint') return formatAmount(value);
  if (field === 'base' && typeof value === 'object' && value !== null && 'kind' in value) {
    const base = value as { kind: string; amount?: bigint };
    return base.kind === 'budget' ? 'budget' : { fixed: formatAmount(base.amount ?? 0n) };
  }
  if (field === 'excessTo' && typeof value === 'object' && value !== null && 'kind' in value) {
    const target = value as { kind: string; fundId?: string };
    return target.kind === 'fund' ? `fund:${target.fundId}` : 'municipalities';
  }
  if (Array.isArray(value)) return value.map((entry) => toJson('', entry));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, toJson(k, v)]),
    );
  }
  return value;
}

/** Reads a recorded fact's data back into the typed command it was recorded from. */
export function fromFactData<T extends FactEventType>(type: T, data: FactData): FactCommand {
  const commandType = COMMAND_OF_FACT[type];
  const fields = parseObject(data, COMMAND_SHAPES[commandType], '', ['postings'], { recorded: true });
  return { type: commandType, ...fields } as FactCommand;
}

/** The content a fact is compared by for idempotency: everything but the derived postings. */
export function factContent(data: FactData): Record<string, unknown> {
  const { postings: _postings, ...content } = data;
  return content;
}

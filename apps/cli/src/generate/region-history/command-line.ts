import { formatAmount } from '@libs/money';

export type CommandLine = { readonly command: string } & Record<string, unknown>;

export const f = formatAmount;
export const pad2 = (value: number) => String(value).padStart(2, '0');

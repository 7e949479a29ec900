import { join } from 'node:path';
import { DataSet } from '../data-sets';

/** Where things are and how hard to measure. */
export interface SuiteContext {
  readonly root: string;
  readonly bin: string;
  /** the compiled bench directory (dist/test/bench) */
  readonly benchDir: string;
  readonly set: DataSet;
  readonly diskDir: string;
  readonly tmpfsDir: string | undefined;
  readonly reps: number;
  readonly httpSeconds: number;
  readonly postCount: number;
  /** the rows that need a store on disk: apply with fsync, batched apply */
  readonly disk: boolean;
  /** the HTTP load rows (start-up and memory after start are always measured) */
  readonly httpLoad: boolean;
  readonly hledger: string | undefined;
  /** with `--only`: the ids of the rows to measure (the others are left out of the table) */
  readonly only?: ReadonlySet<string>;
  readonly log: (message: string) => void;
}

/** Whether `--only` leaves any of these rows in. */
export const wanted = (only: ReadonlySet<string> | undefined, ...ids: readonly string[]) =>
  only === undefined || ids.some((id) => only.has(id));

export const node = process.execPath;
export const worker = (context: SuiteContext, name: string) => join(context.benchDir, name);

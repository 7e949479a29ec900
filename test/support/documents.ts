import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../apps/cli/src/main';
import { generateRegion } from '../bench/generate-region';
import { EXAMPLES, geldstroom, ROOT } from './cli';

/** The example scenarios the documents are checked over, plus the BBV example of issue 12. */
export const DOCUMENT_SOURCES = [
  join(EXAMPLES, 'holland-rijnland.jsonl'),
  join(EXAMPLES, 'holland-rijnland-inwoners.jsonl'),
  join(EXAMPLES, 'aef-solidarity.jsonl'),
  join(EXAMPLES, 'regio-zuid-meerjarig.jsonl'),
  join(ROOT, 'test', 'fixtures', 'documents', 'reserve-beide-kanten.jsonl'),
];

export interface ExampleRegion {
  readonly regionId: string;
  readonly name: string;
  /** the years with an allocation run or a closing */
  readonly years: readonly number[];
}

export interface ExampleSet {
  readonly regions: readonly ExampleRegion[];
  /** every command of every file, as recorded (for the words and ids the data brings) */
  readonly commands: readonly Record<string, unknown>[];
  /** the Rijk payments per region */
  readonly payments: ReadonlyMap<string, string[]>;
}

const commandsIn = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Applies the example files and a generated region (five municipalities, two closed years) to the
 * store with the built CLI, and lists the regions with their years.
 */
export function applyExamples(store: string, dir: string): ExampleSet {
  const generated = join(dir, 'gegenereerd.jsonl');
  writeFileSync(generated, generateRegion('gegenereerde-regio', 5, 2).join('\n'));
  const files = [...DOCUMENT_SOURCES, generated];
  const result = geldstroom(['apply', ...files, '--store', store]);
  if (result.status !== 0) throw new Error(`apply failed: ${result.stderr}`);
  const commands = files.flatMap((file) => commandsIn(readFileSync(file, 'utf8')));
  const regions = new Map<string, { name: string; years: Set<number> }>();
  const payments = new Map<string, string[]>();
  for (const command of commands) {
    const regionId = command.regionId as string;
    if (command.command === 'RegisterRegion') regions.set(regionId, { name: command.name as string, years: new Set() });
    if (command.command === 'RunAllocation' || command.command === 'CloseYear')
      regions.get(regionId)!.years.add(command.year as number);
    if (command.command === 'RecordRijkPayment')
      payments.set(regionId, [...(payments.get(regionId) ?? []), command.paymentId as string]);
  }
  return {
    regions: [...regions].map(([regionId, { name, years }]) => ({
      regionId,
      name,
      years: [...years].sort((a, b) => a - b),
    })),
    commands,
    payments,
  };
}

/** Whether a command-line tool is installed (it answers its version or help without failing to start). */
export function installed(tool: string, args = ['-v']): boolean {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  return result.error === undefined;
}

/** The text of a PDF as poppler's pdftotext lays it out (or in reading order, without `layout`). */
export function pdfText(file: string, layout = true): string {
  const result = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`pdftotext ${file}: ${result.stderr}`);
  return result.stdout;
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The CLI run in this process — the same code as the binary, without starting Node for every call
 * (for the many reads a test makes around the command it tests through the binary).
 */
export async function inProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    { out: (text: string) => (out += `${text}\n`), err: (text: string) => (err += `${text}\n`) },
    env,
  );
  if (code !== 0) throw new Error(`geldstroom ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}

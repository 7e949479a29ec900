import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Command {
  command: string;
  [field: string]: unknown;
}

/**
 * How long it takes to set up a region and a year from the template, as a user runs it: `init` from
 * a members file with the keys, the agreements as a command file, `template`, the workbook filled in
 * (here by a program: Holland Rijnland's 2024 facts, 59 rows), `apply --dry-run`, `apply`, the
 * closing and the statement. Each step is a separate `geldstroom` process, Node start-up included.
 */
export async function regionSetupFromTemplate(root: string, runs = 5): Promise<string[][]> {
  const all: { label: string; ms: number }[][] = [];
  for (let run = 0; run < runs; run += 1) all.push(await setUpOnce(root));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const totals = all.map((steps) => steps.reduce((sum, { ms }) => sum + ms, 0));
  return [
    [
      `set up a region and a year from the template: ${all[0].length} commands (median of ${runs})`,
      '',
      `${median(totals).toFixed(0)} ms`,
      '',
    ],
    ...all[0].map(({ label }, index) => [
      `  ${label}`,
      '',
      `${median(all.map((steps) => steps[index].ms)).toFixed(0)} ms`,
      '',
    ]),
  ];
}

/**
 * Writes what the staff of Holland Rijnland start from (the members file with the keys' weights, the
 * reserve agreement and opening, the closing command) and returns the region and its facts of 2024.
 */
function writeStartingFiles(root: string, file: (name: string) => string): { regionId: string; year: Command[] } {
  const facts: Command[] = readFileSync(join(root, 'examples', 'holland-rijnland.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const region = facts[0] as unknown as { regionId: string; municipalities: { code: string; name: string }[] };
  const keys = facts.filter((fact) => fact.command === 'AdoptDistributionKey') as unknown as {
    keyId: string;
    weights: Record<string, string>;
  }[];
  writeFileSync(
    file('leden.csv'),
    [
      ['code', 'naam', ...keys.map((key) => key.keyId)].join(';'),
      ...region.municipalities.map((member) =>
        [member.code, member.name, ...keys.map((key) => key.weights[member.code].replace('.', ','))].join(';'),
      ),
    ].join('\n'),
  );
  writeFileSync(
    file('afspraken.jsonl'),
    facts
      .filter((fact) => fact.command === 'AdoptReserveAgreement' || fact.command === 'RecordReserveOpening')
      .map((fact) => JSON.stringify({ ...fact, ...('validFrom' in fact ? { validFrom: 2024 } : { year: 2024 }) }))
      .join('\n'),
  );
  writeFileSync(
    file('afsluiten.jsonl'),
    JSON.stringify({ command: 'CloseYear', regionId: region.regionId, year: 2024 }),
  );
  return { regionId: region.regionId, year: facts.filter((fact) => fact.year === 2024) };
}

async function setUpOnce(root: string): Promise<{ label: string; ms: number }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'geldstroom-setup-'));
  const file = (name: string) => join(dir, name);
  const { regionId, year } = writeStartingFiles(root, file);

  const store = `sqlite:${file('ledger.db')}`;
  const steps: { label: string; ms: number }[] = [];
  const step = (label: string, args: string[]) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [join(root, 'bin', 'geldstroom.js'), ...args, '--store', store], {
      encoding: 'utf8',
      env: { ...process.env, GELDSTROOM_STORE: '' },
    });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
    steps.push({ label, ms });
  };
  try {
    step('geldstroom init (13 municipalities, 3 keys)', [
      'init',
      '--region',
      regionId,
      '--name',
      'Holland Rijnland',
      '--central',
      'GM0546',
      '--members',
      file('leden.csv'),
      '--year',
      '2024',
    ]);
    step('geldstroom apply afspraken.jsonl (reserve agreement, opening)', ['apply', file('afspraken.jsonl')]);
    step('geldstroom template', ['template', '--region', regionId, '--year', '2024', '--out', file('hr.xlsx')]);
    await fill(file('hr.xlsx'), file('hr-ingevuld.xlsx'), year);
    step('geldstroom apply hr-ingevuld.xlsx --dry-run (59 rows)', ['apply', file('hr-ingevuld.xlsx'), '--dry-run']);
    step('geldstroom apply hr-ingevuld.xlsx (59 rows → 59 events)', ['apply', file('hr-ingevuld.xlsx')]);
    step('geldstroom apply afsluiten.jsonl (CloseYear)', ['apply', file('afsluiten.jsonl')]);
    step('geldstroom statement --format table', [
      'statement',
      '--region',
      regionId,
      '--year',
      '2024',
      '--format',
      'table',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return steps;
}

/** Fills the template with a year's facts, the way a user types them (numbers, Dutch text, dates). */
async function fill(template: string, out: string, facts: Command[]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const add = (sheet: string, command: string, row: (fact: Command) => ExcelJS.CellValue[]) =>
    facts.filter((fact) => fact.command === command).forEach((fact) => workbook.getWorksheet(sheet)!.addRow(row(fact)));
  const dutch = (amount: unknown) =>
    String(amount)
      .replace('.', ',')
      .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  add('Rijksbetalingen', 'RecordRijkPayment', (f) => [
    f.paymentId as string,
    2024,
    f.scheme as string,
    f.basis === 'historical' ? 'historisch' : 'objectief',
    f.recipient as string,
    Number(f.amount),
    f.reference as string,
  ]);
  add('Begroting', 'AdoptRegionalBudget', (f) => [
    f.version as number,
    2024,
    f.scheme as string,
    Number(f.amount),
    f.objectivePct ? (f.objectivePct as string).replace('.', ',') : null,
  ]);
  add('Regionale kosten', 'RecordRegionalCost', (f) => [
    f.costId as string,
    2024,
    f.scheme as string,
    dutch(f.amount),
    f.category as string,
  ]);
  add('Eigen bijdragen', 'RecordCoPayment', (f) => [
    f.coPaymentId as string,
    2024,
    f.scheme as string,
    f.amount as string,
  ]);
  add('Voorschotten', 'RecordAdvance', (f) => [
    f.advanceId as string,
    2024,
    f.scheme as string,
    f.municipality as string,
    Number(f.amount),
    new Date(`${String(f.date)}T00:00:00Z`),
    f.reference as string,
  ]);
  await workbook.xlsx.writeFile(out);
}

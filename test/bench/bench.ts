import { applyCommandFile, Ledger } from '@libs/ledger';
import { SqliteEventStore } from '@libs/event-store';
import { buildStatement } from '@libs/projections';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRegion } from './generate-region';
import { regionSetupFromTemplate } from './region-setup.bench';

/**
 * Figures for the targets we care about: how fast a command file is applied to the embedded store,
 * how fast a statement is produced from a cold store, and how much memory that takes. Prints a table;
 * asserts nothing (timing belongs here, not in unit tests).
 */
const ROOT = join(__dirname, '..', '..', '..');
const context = { actor: 'bench', correlationId: 'bench' };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeApply(name: string, text: string, runs: number) {
  const times: number[] = [];
  let commands = 0;
  let events = 0;
  for (let run = 0; run < runs; run += 1) {
    const dir = mkdtempSync(join(tmpdir(), 'geldstroom-bench-'));
    const store = new SqliteEventStore(join(dir, 'bench.db'));
    const started = process.hrtime.bigint();
    const report = await applyCommandFile(new Ledger(store), name, text, context);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    commands = report.commands;
    events = report.events;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { commands, events, ms: median(times) };
}

/** Statement GETs over HTTP against the service on the embedded store: 20 clients, 2000 requests. */
async function httpThroughput(): Promise<string[]> {
  const { createApp, loadApiConfig } = require('../../apps/api/src') as typeof import('../../apps/api/src');
  const pino = require('pino') as typeof import('pino');
  const dir = mkdtempSync(join(tmpdir(), 'geldstroom-bench-http-'));
  const store = new SqliteEventStore(join(dir, 'http.db'));
  await applyCommandFile(
    new Ledger(store),
    'holland-rijnland.jsonl',
    readFileSync(join(ROOT, 'examples', 'holland-rijnland.jsonl'), 'utf8'),
    context,
  );
  const config = loadApiConfig(
    {},
    {
      tokensFile: join(dir, 'tokens.json'),
      idempotencyFile: join(dir, 'idempotency.db'),
      logLevel: 'silent',
      port: 0,
      host: '127.0.0.1',
    },
  );
  const { app, tokens } = await createApp(config, { store, logger: pino.pino({ level: 'silent' }) });
  const { token } = tokens.create({ actor: 'bench', role: 'controller' });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${port}/api/v1/regions/holland-rijnland/statements/2024`;
  const total = 2000;
  let sent = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (sent < total) {
        sent += 1;
        const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
        await response.text();
        if (response.status !== 200) throw new Error(`statement GET answered ${response.status}`);
      }
    }),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  return [
    `HTTP: ${total} statement GETs, 20 concurrent clients`,
    '',
    `${ms.toFixed(0)} ms`,
    `${((total / ms) * 1000).toFixed(0)} requests/s`,
  ];
}

async function main() {
  const rows: string[][] = [];
  for (const file of ['holland-rijnland.jsonl', 'aef-solidarity.jsonl', 'regio-zuid-meerjarig.jsonl']) {
    const { commands, events, ms } = await timeApply(file, readFileSync(join(ROOT, 'examples', file), 'utf8'), 7);
    rows.push([
      `apply ${file}`,
      `${commands} commands → ${events} events`,
      `${ms.toFixed(1)} ms`,
      `${((commands / ms) * 1000).toFixed(0)} commands/s`,
    ]);
  }

  const members = 40;
  const years = 10;
  const regions = 5;
  const dir = mkdtempSync(join(tmpdir(), 'geldstroom-bench-'));
  const path = join(dir, 'large.db');
  const store = new SqliteEventStore(path);
  const ledger = new Ledger(store);
  let commands = 0;
  let events = 0;
  const started = process.hrtime.bigint();
  for (let region = 0; region < regions; region += 1) {
    const report = await applyCommandFile(
      ledger,
      `generated-${region}`,
      generateRegion(`bench-${region}`, members, years).join('\n'),
      context,
    );
    commands += report.commands;
    events += report.events;
  }
  const applyMs = Number(process.hrtime.bigint() - started) / 1e6;
  rows.push([
    `apply ${regions} generated regions × ${members} municipalities × ${years} years`,
    `${commands} commands → ${events} events`,
    `${applyMs.toFixed(0)} ms`,
    `${((commands / applyMs) * 1000).toFixed(0)} commands/s`,
  ]);
  await store.close();

  const coldTimes: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const cold = new SqliteEventStore(path);
    const begin = process.hrtime.bigint();
    const state = await new Ledger(cold).regionState('bench-0');
    buildStatement(state, 2023 + years - 1);
    coldTimes.push(Number(process.hrtime.bigint() - begin) / 1e6);
    await cold.close();
  }
  rows.push([
    `statement from a cold store (fold ${(events / regions) | 0} events of one region)`,
    '',
    `${median(coldTimes).toFixed(1)} ms`,
    '',
  ]);

  const warm = new SqliteEventStore(path);
  const warmLedger = new Ledger(warm);
  const state = await warmLedger.regionState('bench-0');
  const begin = process.hrtime.bigint();
  for (let run = 0; run < 100; run += 1) buildStatement(state, 2023 + (run % years));
  rows.push([
    'statement from a folded state',
    '',
    `${(Number(process.hrtime.bigint() - begin) / 1e6 / 100).toFixed(2)} ms`,
    '',
  ]);
  await warm.close();
  rmSync(dir, { recursive: true, force: true });

  rows.push(await httpThroughput());
  rows.push(...(await regionSetupFromTemplate(ROOT)));

  const memory = process.memoryUsage();
  rows.push([
    'memory after the run',
    '',
    `rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB`,
    `heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
  ]);

  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  process.stdout.write(`Geldstroom benchmark (node ${process.version}, SQLite WAL, synchronous=FULL)\n\n`);
  for (const row of rows)
    process.stdout.write(
      `${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}\n`,
    );
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});

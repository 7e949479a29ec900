import { EventMetadata, SqliteEventStore } from '@libs/event-store';
import { eventHash, GENESIS_HASH, Ledger } from '@libs/ledger';
import { buildBalances, buildStatement } from '@libs/projections';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRegion } from '../bench/generate-region';
import { geldstroom, tempDir } from '../support/cli';
import { between, killAfter, start, storedRows, trials, waitFor, whenWriting } from '../support/processes';

/**
 * kill -9 in the middle of writing: afterwards every acknowledged command is there, no command is
 * half-recorded, verify passes and a re-run completes. A few trials each here; `npm run stress` runs
 * many (GELDSTROOM_STRESS_TRIALS).
 */
const REGIONS = ['kill-a', 'kill-b'];
const YEARS = [2023, 2024, 2025, 2026, 2027];

/** Every statement and balance of the regions, as text, without ledger hashes (two histories of the same facts differ in them). */
async function outcome(path: string, regions: readonly string[] = REGIONS): Promise<Record<string, string>> {
  const store = new SqliteEventStore(path, { create: false });
  try {
    const ledger = new Ledger(store);
    const result: Record<string, string> = {};
    for (const regionId of regions) {
      const state = await ledger.regionState(regionId);
      for (const year of YEARS)
        if (state.activeYears.has(year))
          result[`${regionId} ${year}`] = JSON.stringify([buildStatement(state, year), buildBalances(state, year)]);
    }
    return result;
  } finally {
    await store.close();
  }
}

function expectVerified(path: string): string {
  const verified = geldstroom(['verify', '--store', `sqlite:${path}`]);
  expect(verified.stderr).toBe('');
  expect(verified.status).toBe(0);
  return verified.stdout;
}

/** A line of a jsonl backup, as the tests read and rewrite it. */
interface BackupLine {
  streamId: string;
  eventId: string;
  type: string;
  revision: number;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/** `copies` copies of every region in a backup under other names (`kill-a-1`, …), each chained anew. */
function renamedCopies(original: readonly BackupLine[], copies: number): BackupLine[] {
  const lines: BackupLine[] = [];
  for (let copy = 1; copy <= copies; copy += 1) {
    for (const regionId of REGIONS) {
      const renamed = `${regionId}-${copy}`;
      let previous = GENESIS_HASH;
      for (const event of original.filter((line) => line.streamId === `region-${regionId}`)) {
        const data = JSON.parse(JSON.stringify(event.data).replaceAll(`"${regionId}"`, `"${renamed}"`)) as Record<
          string,
          unknown
        >;
        const { hash: _hash, ...metadata } = event.metadata;
        const eventId = randomUUID();
        previous = eventHash(previous, {
          eventId,
          type: event.type,
          revision: BigInt(event.revision),
          data,
          metadata,
        });
        lines.push({
          ...event,
          streamId: `region-${renamed}`,
          eventId,
          data,
          metadata: { ...metadata, hash: previous },
        });
      }
    }
  }
  return lines;
}

/**
 * Records in a fresh store what an allocation run of the generated region `burst` needs (the region, its
 * keys and agreements, the Rijk's historical BW and MO payments and the budgets); returns its members.
 */
function setUpBurstRegion(store: string, setup: string): string[] {
  const region = generateRegion('burst', 8, 1).map((line) => JSON.parse(line) as Record<string, unknown>);
  const members = (region[0].municipalities as { code: string }[]).map((member) => member.code);
  writeFileSync(
    setup,
    region
      .filter(
        (line) =>
          ['RegisterRegion', 'AdoptDistributionKey', 'AdoptReserveAgreement', 'AdoptRegionalBudget'].includes(
            line.command as string,
          ) ||
          (line.command === 'RecordRijkPayment' && (line.basis === 'historical' || line.scheme === 'MO')),
      )
      .map((line) => JSON.stringify(line))
      .join('\n'),
  );
  expect(geldstroom(['apply', setup, '--store', `sqlite:${store}`]).status).toBe(0);
  return members;
}

/** 160 commands to post at once: objective BW payments to the members, every tenth an allocation run. */
function burstBodies(members: readonly string[]) {
  return Array.from({ length: 160 }, (_, index) =>
    index % 10 === 9
      ? { command: 'RunAllocation', regionId: 'burst', year: 2023 }
      : {
          command: 'RecordRijkPayment',
          regionId: 'burst',
          paymentId: `burst-${index}`,
          year: 2023,
          scheme: 'BW',
          basis: 'objective',
          recipient: members[index % members.length],
          amount: `${1000 + index}.${String(index % 100).padStart(2, '0')}`,
        },
  );
}

/** Whole commands only: a payment is one event, an allocation run ends with its marker, revisions follow on. */
function expectWholeCommands(rows: ReturnType<typeof storedRows>): void {
  const byCommand = new Map<string, typeof rows>();
  for (const row of rows) {
    const commandId = String(row.metadata.commandId);
    byCommand.set(commandId, [...(byCommand.get(commandId) ?? []), row]);
  }
  for (const events of byCommand.values()) {
    if (events[0].metadata.command === 'RecordRijkPayment')
      expect(events.map((event) => event.type)).toEqual(['RijkPaymentRecorded']);
    if (events[0].metadata.command === 'RunAllocation') expect(events.at(-1)!.type).toBe('AllocationRunCompleted');
    expect(events.map((event) => event.revision)).toEqual(events.map((_, index) => events[0].revision + index));
  }
}

/** A command file of the regions' years, and what its uninterrupted apply recorded. */
interface ApplyFixture {
  readonly dir: string;
  readonly regions: readonly string[];
  readonly commands: string;
  /** the store of the uninterrupted run */
  readonly reference: string;
  /** source line → events its command recorded, in the uninterrupted run */
  readonly perLine: Map<number, number>;
  readonly expected: Record<string, string>;
  readonly applyMs: number;
}

async function applyFixture(dir: string, regions: readonly string[], name: string): Promise<ApplyFixture> {
  const commands = join(dir, `${name}.jsonl`);
  const reference = join(dir, `${name}-reference.db`);
  writeFileSync(commands, regions.flatMap((regionId) => generateRegion(regionId, 25, YEARS.length)).join('\n'));
  const started = Date.now();
  expect(geldstroom(['apply', commands, '--store', `sqlite:${reference}`]).status).toBe(0);
  const applyMs = Date.now() - started;
  const perLine = new Map<number, number>();
  for (const row of storedRows(reference)) {
    const line = Number(/:(\d+)$/.exec(String(row.metadata.source))![1]);
    perLine.set(line, (perLine.get(line) ?? 0) + 1);
  }
  return { dir, regions, commands, reference, perLine, expected: await outcome(reference, regions), applyMs };
}

/**
 * Kills `apply` mid-run: what is left is the file's first commands, whole, as many as `whole` allows
 * (counted in commands of the file, those that recorded nothing included); a re-run completes it.
 */
/**
 * How long a run with these options goes on after its first commit, timed on an uninterrupted run: the
 * kills fall in that window. With --batch the first commit comes after 1000 of the file's commands and the
 * rest is short, so a window taken from the whole run's time mostly missed it.
 */
async function writingMs({ dir, commands }: ApplyFixture, options: string[]): Promise<number> {
  const store = join(dir, `timing${options.join('')}.db`);
  const running = start(['apply', ...options, commands, '--store', `sqlite:${store}`]);
  await whenWriting(running, store);
  const from = Date.now();
  expect((await running.ended).code).toBe(0);
  return Math.max(Date.now() - from, 1);
}

async function killMidApply(
  fixture: ApplyFixture,
  options: string[],
  whole: (commands: number) => boolean,
): Promise<void> {
  const { dir, commands, perLine } = fixture;
  const commandLines = readFileSync(commands, 'utf8')
    .split('\n')
    .flatMap((text, index) => (text.startsWith('{') ? [index + 1] : []));
  const inFile = [...perLine.keys()].sort((a, b) => a - b);
  const writing = await writingMs(fixture, options);
  let midway = 0;
  for (let trial = 0; trial < trials(2); trial += 1) {
    const store = join(dir, `apply${options.join('')}-${trial}.db`);
    for (let attempt = 0; attempt < 6; attempt += 1) {
      rmSync(store, { force: true });
      rmSync(`${store}-wal`, { force: true });
      const running = start(['apply', ...options, commands, '--store', `sqlite:${store}`]);
      await whenWriting(running, store);
      const ended = await killAfter(running, between(0, writing));
      const lines = new Map<number, number>();
      for (const row of existsSync(store) ? storedRows(store) : []) {
        const line = Number(/:(\d+)$/.exec(String(row.metadata.source))![1]);
        lines.set(line, (lines.get(line) ?? 0) + 1);
      }
      if (!ended.killed || lines.size === 0) continue; // finished before the kill: once more
      midway += 1;
      // whole commands only, and exactly the first ones of the file
      const recorded = [...lines.keys()].sort((a, b) => a - b);
      expect(recorded).toEqual(inFile.slice(0, recorded.length));
      for (const [line, count] of lines) expect([line, count]).toEqual([line, perLine.get(line)]);
      // the commands recorded end where the next command that records something begins, or before it
      const next = inFile[recorded.length];
      const upTo = commandLines.filter((line) => line <= recorded[recorded.length - 1]).length;
      const before = next === undefined ? commandLines.length : commandLines.filter((line) => line < next).length;
      const ends = Array.from({ length: before - upTo + 1 }, (_, index) => upTo + index);
      expect(ends.some((count) => count === commandLines.length || whole(count))).toBe(true);
      expectVerified(store);
      // a re-run completes: the same statements and balances as the uninterrupted run
      expect(geldstroom(['apply', ...options, commands, '--store', `sqlite:${store}`]).status).toBe(0);
      expectVerified(store);
      expect(await outcome(store, fixture.regions)).toEqual(fixture.expected);
      break;
    }
  }
  expect(midway).toBeGreaterThan(0);
}

describe('kill -9 during writes', () => {
  const temp = tempDir('geldstroom-kill-');
  let fixture: ApplyFixture;
  let commands: string;
  let reference: string;
  let expected: Record<string, string>;
  let applyMs: number;

  beforeAll(async () => {
    fixture = await applyFixture(temp.dir, REGIONS, 'commands');
    ({ commands, reference, expected, applyMs } = fixture);
  });
  afterAll(() => temp.cleanup());

  it(`apply of a large command file: ${trials(2)} kill(s) mid-run leave whole commands only, and a re-run completes`, async () => {
    await killMidApply(fixture, [], () => true);
  });

  it(`apply --batch: ${trials(2)} kill(s) mid-run leave whole batches of 1000 commands only, and a re-run completes`, async () => {
    // 5 regions: about 1,500 commands, so that a kill can fall between the first batch's commit and the last
    const larger = await applyFixture(temp.dir, [...REGIONS, 'kill-c', 'kill-d', 'kill-e'], 'larger');
    expect(larger.perLine.size).toBeGreaterThan(1000);
    await killMidApply(larger, ['--batch'], (count) => count % 1000 === 0);
  });

  it('import of a large backup: killed at any moment it leaves nothing or everything, and a re-run completes', async () => {
    // a backup of 14 regions: the reference's two, and copies of them under other names, each chained anew
    const backup = join(temp.dir, 'backup.jsonl');
    expect(geldstroom(['export', '--format', 'jsonl', '--out', backup, '--store', `sqlite:${reference}`]).status).toBe(
      0,
    );
    const original = readFileSync(backup, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as BackupLine);
    const lines = [...original, ...renamedCopies(original, 6)];
    const big = join(temp.dir, 'big-backup.jsonl');
    writeFileSync(big, lines.map((line) => JSON.stringify(line)).join('\n'));
    const whole = join(temp.dir, 'import-whole.db');
    const started = Date.now();
    expect(geldstroom(['import', big, '--store', `sqlite:${whole}`]).status).toBe(0);
    const importMs = Date.now() - started;
    const heads = expectVerified(whole);

    let killedDuring = 0;
    const left = { nothing: 0, everything: 0 };
    for (let trial = 0; trial < trials(3); trial += 1) {
      const store = join(temp.dir, `import-${trial}.db`);
      for (let attempt = 0; attempt < 6; attempt += 1) {
        rmSync(store, { force: true });
        rmSync(`${store}-wal`, { force: true });
        // the import checks the whole file before it opens the store; from then on it writes
        const running = start(['import', big, '--store', `sqlite:${store}`]);
        while (!existsSync(store) && running.child.exitCode === null)
          await new Promise((resolve) => setTimeout(resolve, 5));
        const ended = await killAfter(running, between(0, importMs * 0.4));
        if (!ended.killed) continue;
        killedDuring += 1;
        const held = existsSync(store) ? storedRows(store).length : 0;
        expect([0, lines.length]).toContain(held);
        left[held === 0 ? 'nothing' : 'everything'] += 1;
        if (held > 0) expect(expectVerified(store)).toBe(heads);
        const rerun = geldstroom(['import', big, '--store', `sqlite:${store}`]);
        expect(rerun.status).toBe(0);
        expect(expectVerified(store)).toBe(heads);
        break;
      }
    }
    expect(killedDuring).toBeGreaterThan(0);
    process.stderr.write(
      `import of ${lines.length} events (${importMs} ms) killed ${killedDuring} time(s) while writing: ${left.nothing} left nothing, ${left.everything} everything\n`,
    );
    expect(await outcome(whole)).toEqual(expected);
  });

  it.each(Array.from({ length: trials(1) }, (_, trial) => trial))(
    'a burst of concurrent POSTs (trial %i): every acknowledged command is stored whole, and re-sending them all completes',
    async (trial) => {
      const store = join(temp.dir, `burst-${trial}.db`);
      const setup = join(temp.dir, 'burst-setup.jsonl');
      const members = setUpBurstRegion(store, setup);
      const bodies = burstBodies(members);
      const env = {
        GELDSTROOM_TOKENS: join(temp.dir, `tokens-${trial}.json`),
        GELDSTROOM_IDEMPOTENCY: join(temp.dir, `idem-${trial}.db`),
        LOG_LEVEL: 'silent',
      };
      const serve = () => start(['serve', '--port', '0', '--host', '127.0.0.1', '--store', `sqlite:${store}`], env);

      const first = serve();
      const token = (await waitFor(first, /\n {2}(gst_\S+)\n/))[1];
      const port = (await waitFor(first, /Geldstroom API on http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/))[1];
      const post = (at: string, body: object, index: number) =>
        fetch(`http://127.0.0.1:${at}/api/v1/commands`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${token}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': `burst-${index}`,
          },
          body: JSON.stringify(body),
        });
      const acknowledged: { index: number; events: { eventId: string }[] }[] = [];
      let answered = 0;
      const refusals: string[] = [];
      const killAt = between(30, 100);
      const requests = bodies.map((body, index) =>
        post(port, body, index).then(
          async (response) => {
            if (response.status === 201 || response.status === 200)
              acknowledged.push({
                index,
                events: ((await response.json()) as { results: { events: { eventId: string }[] }[] }).results[0].events,
              });
            else refusals.push(`${response.status} ${await response.text()}`);
            if ((answered += 1) === killAt) first.child.kill('SIGKILL');
          },
          () => undefined, // the connection died with the server
        ),
      );
      await Promise.all(requests);
      first.child.kill('SIGKILL');
      await first.ended;
      expect(refusals).toEqual([]);
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAt - 1);
      expect(acknowledged.length).toBeLessThan(bodies.length);

      const rows = storedRows(store);
      const stored = new Set(rows.map((row) => row.eventId));
      for (const { events } of acknowledged) for (const { eventId } of events) expect(stored.has(eventId)).toBe(true);
      expectWholeCommands(rows);
      expectVerified(store);

      // the clients retry everything with the same keys against the restarted service
      const second = serve();
      const again = (await waitFor(second, /Geldstroom API on http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/))[1];
      for (const [index, body] of bodies.entries())
        expect([200, 201]).toContain((await post(again, body, index)).status);
      second.child.kill('SIGTERM');
      expect((await second.ended).code).toBe(0);

      const payments = storedRows(store).filter(
        (row) => row.type === 'RijkPaymentRecorded' && String(row.data.paymentId).startsWith('burst-'),
      );
      expect(payments.map((row) => row.data.paymentId).sort()).toEqual(
        bodies
          .filter((body) => body.command === 'RecordRijkPayment')
          .map((body) => (body as { paymentId: string }).paymentId)
          .sort(),
      );
      expectVerified(store);
    },
  );

  it('serve --seed killed while seeding: the next start completes the seed, the one after records nothing', async () => {
    const store = join(temp.dir, 'seeded.db');
    const env = {
      GELDSTROOM_TOKENS: join(temp.dir, 'seed-tokens.json'),
      GELDSTROOM_IDEMPOTENCY: join(temp.dir, 'seed-idem.db'),
      LOG_LEVEL: 'silent',
    };
    const serve = () =>
      start(['serve', '--port', '0', '--host', '127.0.0.1', '--seed', commands, '--store', `sqlite:${store}`], env);
    const all = storedRows(reference).length;
    let partial = 0;
    for (let attempt = 0; attempt < 6 && (partial === 0 || partial === all); attempt += 1) {
      rmSync(store, { force: true });
      rmSync(`${store}-wal`, { force: true });
      const seeding = serve();
      await whenWriting(seeding, store);
      await killAfter(seeding, between(0, applyMs * 0.7));
      partial = existsSync(store) ? storedRows(store).length : 0;
    }
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(all);

    const restarted = serve();
    await waitFor(restarted, /Geldstroom API on/);
    expect(restarted.output().stderr).toMatch(
      /completed the seed .*commands\.jsonl: \d+ event\(s\) an interrupted start had not recorded/,
    );
    restarted.child.kill('SIGTERM');
    await restarted.ended;
    expect(await outcome(store)).toEqual(expected);
    expectVerified(store);
    const complete = storedRows(store).length;

    const third = serve();
    await waitFor(third, /Geldstroom API on/);
    third.child.kill('SIGTERM');
    await third.ended;
    expect(storedRows(store).length).toBe(complete);
  });
});

import { SqliteEventStore } from '@libs/event-store';
import { createApp, CreatedApp, loadApiConfig } from '@libs/http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

/**
 * The CLI and the HTTP API answer the same question the same way (issue 10): the decision for each
 * case is in one place (@libs/queries), and this table asks both edges and compares. The exit code
 * and the status class correspond — 0 ↔ 2xx, 1 (not found) ↔ 404, 2 (the question is malformed) ↔
 * 400 — and the message is the same text: the CLI prints `geldstroom: [--option: ]reason`, the
 * problem document has `reason` as its detail (404) or as the parameter's invalidParams reason (400).
 */
const R = 'holland-rijnland';

interface Case {
  readonly question: string;
  readonly cli: readonly string[];
  readonly http: string;
  readonly exit: 0 | 1 | 2;
  /** the reason both edges give, word for word (a part of it where the rule's text is long) */
  readonly reason?: string | RegExp;
}

const exitOf: Record<number, Case['exit']> = { 200: 0, 404: 1, 400: 2 };

const oddYears = ['0042', '2024.0', '+2024', '1899', '3000', 'abcd', '0x7e8', '20241'];

const CASES: readonly Case[] = [
  {
    question: 'the statement of a year with data',
    cli: ['statement', '--region', R, '--year', '2024'],
    http: `/api/v1/regions/${R}/statements/2024`,
    exit: 0,
  },
  {
    question: 'the statement of a year without data (2031)',
    cli: ['statement', '--region', R, '--year', '2031'],
    http: `/api/v1/regions/${R}/statements/2031`,
    exit: 1,
    reason: `region "${R}" has nothing recorded for 2031`,
  },
  {
    question: 'the balances of a year without data',
    cli: ['balances', '--region', R, '--year', '2031'],
    http: `/api/v1/regions/${R}/balances/2031`,
    exit: 1,
    reason: `region "${R}" has nothing recorded for 2031`,
  },
  {
    question: 'explain in a year without data',
    cli: ['explain', '--region', R, '--year', '2031', '--account', 'rijk'],
    http: `/api/v1/regions/${R}/explain?year=2031&account=rijk`,
    exit: 1,
    reason: `region "${R}" has nothing recorded for 2031`,
  },
  ...['municipality:GM0546', 'gemeente:GM0546:bw', 'region:reserve', 'rijk '].map((account): Case => ({
    question: `explain of "${account}", which is no account name`,
    cli: ['explain', '--region', R, '--year', '2024', '--account', account],
    http: `/api/v1/regions/${R}/explain?year=2024&account=${encodeURIComponent(account)}`,
    exit: 2,
    reason: `must be an account name such as municipality:GM0546:bw, region:holland-rijnland:reserve, region:holland-rijnland:fund:ID, external:providers or rijk, got ${JSON.stringify(account)}`,
  })),
  ...['region:evil:reserve', 'region:evil:fund:frictie', 'municipality:GM0363:bw'].map((account): Case => ({
    question: `explain of "${account}", an account of another region or of no member`,
    cli: ['explain', '--region', R, '--year', '2024', '--account', account],
    http: `/api/v1/regions/${R}/explain?year=2024&account=${encodeURIComponent(account)}`,
    exit: 2,
    reason: `must be an account of region "${R}": its own pots and funds, a member's account, external:… or rijk, got ${JSON.stringify(account)}`,
  })),
  {
    question: 'explain of a fund the region never set up (no transfer, spending or agreement names it)',
    cli: ['explain', '--region', R, '--year', '2024', '--account', `region:${R}:fund:frictie`],
    http: `/api/v1/regions/${R}/explain?year=2024&account=${encodeURIComponent(`region:${R}:fund:frictie`)}`,
    exit: 2,
    reason: `must be a fund region "${R}" has set up (by a transfer from the reserve, a spending from it or a reserve agreement's excessTo), got "region:${R}:fund:frictie"`,
  },
  {
    question: 'explain of a fund a transfer from the reserve set up, in a year after it',
    cli: ['explain', '--region', R, '--year', '2024', '--account', `region:${R}:fund:friction`],
    http: `/api/v1/regions/${R}/explain?year=2024&account=${encodeURIComponent(`region:${R}:fund:friction`)}`,
    exit: 0,
  },
  {
    question: 'the journal of a year without data',
    cli: ['export', '--format', 'hledger', '--region', R, '--year', '2031'],
    http: `/api/v1/regions/${R}/export?format=hledger&year=2031`,
    exit: 1,
    reason: `region "${R}" has nothing recorded for 2031`,
  },
  ...oddYears.map((year): Case => ({
    question: `the statement of year "${year}"`,
    cli: ['statement', '--region', R, '--year', year],
    http: `/api/v1/regions/${R}/statements/${encodeURIComponent(year)}`,
    exit: 2,
    reason: /^must be a year (such as "2025", got "|between 1900 and 2999, got )/,
  })),
  {
    question: 'the template of year 0042',
    cli: ['template', '--region', R, '--year', '0042', '--out', 'never-written.xlsx'],
    http: `/api/v1/regions/${R}/template?year=0042`,
    exit: 2,
    reason: 'must be a year between 1900 and 2999, got 42',
  },
  {
    question: 'a region that is not registered',
    cli: ['statement', '--region', 'nergens', '--year', '2024'],
    http: '/api/v1/regions/nergens/statements/2024',
    exit: 1,
    reason: 'region "nergens" is not registered',
  },
  {
    question: 'a region that is not registered, verified',
    cli: ['verify', '--region', 'nergens'],
    http: '/api/v1/regions/nergens/verify',
    exit: 1,
    reason: 'region "nergens" is not registered',
  },
  {
    question: 'a region id that cannot be one',
    cli: ['balances', '--region', 'Holland_Rijnland', '--year', '2024'],
    http: '/api/v1/regions/Holland_Rijnland/balances/2024',
    exit: 2,
    reason: /^must be lower-case letters, digits and hyphens/,
  },
  {
    question: 'a region before it was registered (as of 2000)',
    cli: ['statement', '--region', R, '--year', '2024', '--as-of', '2000-01-01'],
    http: `/api/v1/regions/${R}/statements/2024?asOf=2000-01-01`,
    exit: 1,
    reason: `region "${R}" is not registered as of 2000-01-01T00:00:00.000Z`,
  },
  ...['yesterday', '2026-02-30', '2026-03-01T12:00', '2026-W09-1', ''].map((asOf): Case => ({
    question: `as of "${asOf}"`,
    cli: ['balances', '--region', R, '--year', '2024', '--as-of', asOf],
    http: `/api/v1/regions/${R}/balances/2024?asOf=${encodeURIComponent(asOf)}`,
    exit: 2,
    reason: `must be an ISO 8601 moment such as 2026-03-01T12:00:00Z or a date such as 2026-03-01, got "${asOf}"`,
  })),
  {
    question: 'a Rijk payment that is not recorded',
    cli: ['trace', '--region', R, '--payment', 'onbekend'],
    http: `/api/v1/regions/${R}/trace/onbekend`,
    exit: 1,
    reason: `no Rijk payment "onbekend" is recorded for region "${R}"`,
  },
  {
    question: 'a payment id that cannot be one',
    cli: ['trace', '--region', R, '--payment', 'iu bw 2023'],
    http: `/api/v1/regions/${R}/trace/${encodeURIComponent('iu bw 2023')}`,
    exit: 2,
    reason: /^must start with a letter or digit and hold only letters, digits and/,
  },
  ...[
    ['2024', 'must be a range of years such as "2023-2025", got "2024"'],
    ['2024-2023', 'must run from the earlier year to the later one, got "2024-2023"'],
    ['1950-2024', 'must span at most 50 years, got "1950-2024"'],
    ['2023-0042', 'must be a year between 1900 and 2999, got 42'],
  ].map(([years, reason]): Case => ({
    question: `a key comparison over "${years}"`,
    cli: ['compare-keys', '--region', R, '--years', years],
    http: `/api/v1/regions/${R}/compare-keys?years=${years}`,
    exit: 2,
    reason,
  })),
  {
    question: 'a key comparison for a scheme that does not exist',
    cli: ['compare-keys', '--region', R, '--years', '2023-2024', '--scheme', 'WMO'],
    http: `/api/v1/regions/${R}/compare-keys?years=2023-2024&scheme=WMO`,
    exit: 2,
    reason: 'must be one of "BW", "MO", got "WMO"',
  },
];

/** The reason in the CLI's first line of stderr: `geldstroom: [--option: ]reason`. */
function cliReason(stderr: string): string {
  const [first = ''] = stderr.split('\n');
  return first.replace(/^geldstroom: /, '').replace(/^--[a-z-]+: /, '');
}

/** The reason in a problem document: the detail of a 404, the (one) invalid parameter's reason of a 400. */
function httpReason(body: { detail: string; invalidParams?: { reason: string }[] }): string {
  return body.invalidParams?.length === 1 ? body.invalidParams[0].reason : body.detail;
}

describe('the CLI and the HTTP API give the same answer to the same question', () => {
  const temp = tempDir('geldstroom-edges-');
  let created: CreatedApp;
  let admin: string;

  beforeAll(async () => {
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', temp.store]).status).toBe(0);
    const config = loadApiConfig(
      {},
      { tokensFile: join(temp.dir, 'tokens.json'), idempotencyFile: join(temp.dir, 'idempotency.db') },
    );
    const store = new SqliteEventStore(temp.store.slice('sqlite:'.length));
    created = await createApp(config, { store, logger: pino({ level: 'silent' }) });
    await created.app.init();
    admin = created.tokens.create({ actor: 'anna', role: 'admin' }).token;
  });
  afterAll(async () => {
    await created.app.close();
    temp.cleanup();
  });

  it.each(CASES.map((each) => [each.question, each] as const))('%s', async (_question, each) => {
    const cli = geldstroom([...each.cli, '--store', temp.store]);
    const http = await request(created.app.getHttpServer())
      .get(each.http)
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true);
    expect({ exit: cli.status, status: http.status }).toEqual({
      exit: each.exit,
      status: Number(Object.entries(exitOf).find(([, exit]) => exit === each.exit)?.[0]),
    });
    if (each.exit === 0) {
      expect(JSON.parse(cli.stdout)).toEqual(http.body);
      return;
    }
    expect(http.headers['content-type']).toMatch(/^application\/problem\+json/);
    const reason = httpReason(http.body);
    expect(cliReason(cli.stderr)).toBe(reason);
    if (typeof each.reason === 'string') expect(reason).toBe(each.reason);
    else expect(reason).toMatch(each.reason ?? /./);
  });
});

/**
 * Commands go through one use case (applyCommands) from a command file and from POST /commands:
 * run in order, each atomically; the first rejected one stops the batch, with the ones before it
 * recorded. One difference, by design: a POST body is checked whole first, so a command in it that is
 * no command records nothing of the body, while a command file stops at that line (interface §2). For
 * commands, every refusal is exit 1 on the CLI (the input was rejected); over HTTP its status says
 * which kind (400, 404, 409, 422).
 */
describe('apply and POST /commands: one use case, one outcome', () => {
  const temp = tempDir('geldstroom-edges-commands-');
  let created: CreatedApp;
  let admin: string;
  let file = 0;

  beforeAll(async () => {
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', temp.store]).status).toBe(0);
    const config = loadApiConfig(
      {},
      { tokensFile: join(temp.dir, 'tokens.json'), idempotencyFile: join(temp.dir, 'idempotency.db') },
    );
    const store = new SqliteEventStore(temp.store.slice('sqlite:'.length));
    created = await createApp(config, { store, logger: pino({ level: 'silent' }) });
    await created.app.init();
    admin = created.tokens.create({ actor: 'anna', role: 'admin' }).token;
  });
  afterAll(async () => {
    await created.app.close();
    temp.cleanup();
  });

  const payment = (paymentId: string, amount: unknown, year = 2025) => ({
    command: 'RecordRijkPayment',
    regionId: R,
    paymentId,
    year,
    scheme: 'BW',
    basis: 'objective',
    recipient: 'GM0546',
    amount,
  });
  const events = async () => (await created.ledger.store.readAll()).length;

  /** The same batch through `geldstroom apply FILE` and POST /commands (ids made distinct per edge by `id`). */
  async function both(batch: (id: (name: string) => string) => unknown[]) {
    const path = join(temp.dir, `batch-${(file += 1)}.jsonl`);
    writeFileSync(
      path,
      batch((name) => `cli-${name}`)
        .map((command) => JSON.stringify(command))
        .join('\n'),
    );
    const before = await events();
    const cli = geldstroom(['apply', path, '--store', temp.store]);
    const afterCli = await events();
    const http = await request(created.app.getHttpServer())
      .post('/api/v1/commands')
      .set('Authorization', `Bearer ${admin}`)
      .send(batch((name) => `http-${name}`));
    return { path, cli, http, cliRecorded: afterCli - before, httpRecorded: (await events()) - afterCli };
  }

  it('a batch with a command that is no command: the file stops at it, the body records nothing; the same reason', async () => {
    const { path, cli, http, cliRecorded, httpRecorded } = await both((id) => [
      payment(id('a1'), '1.00'),
      payment(id('a2'), 12.5),
    ]);
    expect([cli.status, http.status, cliRecorded, httpRecorded]).toEqual([1, 400, 1, 0]);
    const reason = 'must be a decimal string such as "1234.56", got 12.5 (a JSON number)';
    expect(cli.stderr.trim()).toBe(`${path}:2: RecordRijkPayment.amount: ${reason}`);
    expect(http.body).toMatchObject({ index: 1, field: 'amount', invalidParams: [{ name: '[1].amount', reason }] });
  });

  it('a batch whose second command the ledger refuses records the first, on both, for the same reason', async () => {
    const { path, cli, http, cliRecorded, httpRecorded } = await both((id) => [
      payment(id('b1'), '1.00'),
      payment('iu-bw-2024', '1.00', 2024),
    ]);
    expect([cli.status, http.status, cliRecorded, httpRecorded]).toEqual([1, 409, 1, 1]);
    const reason = 'paymentId "iu-bw-2024" is already recorded with other content';
    expect(cli.stderr.trim()).toBe(`${path}:2: RecordRijkPayment.paymentId: ${reason}`);
    expect(http.body).toMatchObject({ index: 1, code: 'ID_REUSED', detail: `command 1: paymentId: ${reason}` });
    expect(http.body.recorded).toHaveLength(1);
  });

  it('a command for a closed year is refused by the rule on both (exit 1 ↔ 422)', async () => {
    const { path, cli, http, cliRecorded, httpRecorded } = await both((id) => [payment(id('c1'), '1.00', 2023)]);
    expect([cli.status, http.status, cliRecorded, httpRecorded]).toEqual([1, 422, 0, 0]);
    expect(http.body.code).toBe('YEAR_CLOSED');
    expect(cli.stderr.trim()).toBe(
      `${path}:1: RecordRijkPayment.year: ${http.body.detail.replace(/^command 0: year: /, '')}`,
    );
  });

  it('a command for a region that is not registered is not found on both (exit 1 ↔ 404)', async () => {
    const { path, cli, http } = await both(() => [{ command: 'RunAllocation', regionId: 'nergens', year: 2025 }]);
    expect([cli.status, http.status]).toEqual([1, 404]);
    expect(cli.stderr.trim()).toBe(
      `${path}:1: RunAllocation.regionId: ${http.body.detail.replace(/^command 0: /, '')}`,
    );
  });
});

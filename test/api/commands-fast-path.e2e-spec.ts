import crypto from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { TokenStore } from '@libs/access';
import { SqliteEventStore } from '@libs/event-store';
import { createApp, CreatedApp, loadApiConfig } from '@libs/http';
import { capturedLog } from '../support/captured-log';
import { regionalCost as cost, startApi, TestApi, TEST_NOW } from '../support/api';

interface Case {
  readonly name: string;
  readonly body?: unknown;
  /** sent as is instead of `body` as JSON */
  readonly raw?: string;
  readonly headers?: Record<string, string>;
  readonly path?: string;
  /** whether the fast path answers it itself; if not, Express and Nest answer it as without */
  readonly fast: boolean;
}

const deep = (levels: number): unknown => (levels === 0 ? 1 : { a: deep(levels - 1) });

/** The requests sent, in order, with the tokens of the test: each kind of success and refusal, and what the fast path leaves to Express. */
const commandCases = (as: (token: string) => Record<string, string>): Case[] => [
  ...answeredCases(as),
  ...handedOnCases(as),
];

/** Commands recorded, repeated, and refused for their content or the token's role or region. */
const answeredCases = (as: (token: string) => Record<string, string>): Case[] => [
  { name: 'one command', body: cost('c-1'), headers: as('admin'), fast: true },
  { name: 'an array', body: [cost('c-2'), cost('c-3', { scheme: 'MO' })], headers: as('recorder'), fast: true },
  { name: 'an identical repeat: nothing changed', body: cost('c-1'), headers: as('admin'), fast: true },
  { name: 'token limited to the region', body: cost('c-4'), headers: as('limited'), fast: true },
  {
    name: 'charset utf-8',
    body: cost('c-5'),
    headers: { ...as('admin'), 'Content-Type': 'application/json; charset=UTF-8' },
    fast: true,
  },
  { name: 'invalid field', body: cost('c-6', { amount: '12,3.4' }), headers: as('admin'), fast: true },
  { name: 'unknown field', body: cost('c-7', { colour: 'blue' }), headers: as('admin'), fast: true },
  {
    name: 'unknown command',
    body: { command: 'Nothing', regionId: 'holland-rijnland' },
    headers: as('admin'),
    fast: true,
  },
  { name: 'an empty array', body: [], headers: as('admin'), fast: true },
  { name: 'wrong role: controller', body: cost('c-8'), headers: as('controller'), fast: true },
  { name: 'wrong role: municipality', body: cost('c-9'), headers: as('member'), fast: true },
  { name: 'token limited to another region', body: cost('c-10'), headers: as('limited-elsewhere'), fast: true },
];

/** Tokens Express refuses, the ledger's refusals, Idempotency-Keys, and bodies, media types and paths left to Express. */
const handedOnCases = (as: (token: string) => Record<string, string>): Case[] => [
  { name: 'no token', body: cost('c-11'), fast: false },
  { name: 'malformed authorization', body: cost('c-12'), headers: { Authorization: 'Basic abc' }, fast: false },
  { name: 'unknown token', body: cost('c-13'), headers: { Authorization: 'Bearer gst_nothing' }, fast: false },
  { name: 'revoked token', body: cost('c-14'), headers: as('revoked'), fast: false },
  { name: 'unknown region', body: cost('c-15', { regionId: 'nergens' }), headers: as('admin'), fast: true },
  { name: 'year out of range', body: cost('c-16', { year: 1800 }), headers: as('admin'), fast: true },
  { name: 'another year', body: cost('c-17', { year: 2023 }), headers: as('admin'), fast: true },
  {
    name: 'an array refused after its first command',
    body: [cost('c-18'), cost('c-19', { regionId: 'nergens' })],
    headers: as('admin'),
    fast: true,
  },
  { name: 'same id, other content', body: cost('c-1', { amount: '1.00' }), headers: as('admin'), fast: true },
  {
    name: 'Idempotency-Key, first',
    body: cost('c-20'),
    headers: { ...as('admin'), 'Idempotency-Key': 'k-1' },
    fast: true,
  },
  {
    name: 'Idempotency-Key, again',
    body: cost('c-20'),
    headers: { ...as('admin'), 'Idempotency-Key': 'k-1' },
    fast: true,
  },
  {
    name: 'Idempotency-Key, other body',
    body: cost('c-21'),
    headers: { ...as('admin'), 'Idempotency-Key': 'k-1' },
    fast: true,
  },
  {
    name: 'Idempotency-Key, other token',
    body: cost('c-20'),
    headers: { ...as('recorder'), 'Idempotency-Key': 'k-1' },
    fast: true,
  },
  {
    name: 'Idempotency-Key, malformed',
    body: cost('c-22'),
    headers: { ...as('admin'), 'Idempotency-Key': 'a b' },
    fast: true,
  },
  { name: 'not an object', body: 42, headers: as('admin'), fast: false },
  { name: 'invalid JSON', raw: '{"command": ', headers: as('admin'), fast: false },
  { name: 'not JSON at all', raw: 'command', headers: as('admin'), fast: false },
  { name: 'an empty body (read as {})', raw: '', headers: as('admin'), fast: true },
  { name: 'too deep', body: { ...cost('c-23'), nested: deep(40) }, headers: as('admin'), fast: false },
  { name: 'too large', body: cost('c-24', { provider: 'x'.repeat(5000) }), headers: as('admin'), fast: false },
  {
    name: 'another charset',
    body: cost('c-25'),
    headers: { ...as('admin'), 'Content-Type': 'application/json; charset=latin1' },
    fast: false,
  },
  { name: 'not JSON', body: cost('c-26'), headers: { ...as('admin'), 'Content-Type': 'text/plain' }, fast: false },
  {
    name: 'a JSON type of its own',
    body: cost('c-27'),
    headers: { ...as('admin'), 'Content-Type': 'application/merge-patch+json' },
    fast: false,
  },
  { name: 'a query string', body: cost('c-28'), headers: as('admin'), path: '/api/v1/commands?x=1', fast: false },
  { name: 'a trailing slash', body: cost('c-29'), headers: as('admin'), path: '/api/v1/commands/', fast: false },
];

/**
 * The fast path of POST /commands answers before Express's router and Nest: two services over two copies
 * of the same store and the same token file, one with it and one without, get the same requests in the
 * same order; each answer (status, headers but Date, body byte for byte) and each line logged is the same
 * from both, the ordinary requests are answered by the fast path itself, and the two stores end equal.
 * The ids a service makes at random (a command's id) come from the same counter for both.
 */
describe('the commands fast path gives the same answers as Nest', () => {
  let base: TestApi;
  let fast: CreatedApp;
  let slow: CreatedApp;
  let fastStore: SqliteEventStore;
  let slowStore: SqliteEventStore;
  let fastLog: ReturnType<typeof capturedLog>;
  let slowLog: ReturnType<typeof capturedLog>;
  let expressCalls: jest.SpyInstance;
  const randomUuid = crypto.randomUUID.bind(crypto);
  const randomUuids = jest.spyOn(crypto, 'randomUUID');

  beforeAll(async () => {
    base = await startApi(['holland-rijnland.jsonl']);
    base.token('controller', { actor: 'c1', role: 'controller' });
    base.token('recorder', { actor: 'r1', role: 'recorder' });
    base.token('limited', { actor: 'l1', role: 'admin', region: 'holland-rijnland' });
    base.token('limited-elsewhere', { actor: 'l2', role: 'admin', region: 'elders' });
    base.token('member', { actor: 'g1', role: 'municipality', municipality: 'GM0484' });
    const revoked = base.token('revoked', { actor: 'x1', role: 'admin' });
    expect(new TokenStore(base.tokensFile).revoke(revoked.principal.tokenId)).toBe(true);
    // the examples' store, copied once it is closed, for each service
    await base.created.app.close();
    const open = async (commandsFastPath: boolean, logger: pino.Logger, name: string) => {
      copyFileSync(join(base.dir, 'ledger.db'), join(base.dir, `${name}.db`));
      if (existsSync(join(base.dir, 'ledger.db-wal')))
        copyFileSync(join(base.dir, 'ledger.db-wal'), join(base.dir, `${name}.db-wal`));
      const config = loadApiConfig(
        {},
        {
          tokensFile: base.tokensFile,
          idempotencyFile: join(base.dir, `${name}-idempotency.db`),
          logLevel: 'info',
          bodyLimitBytes: 4096,
        },
      );
      const store = new SqliteEventStore(join(base.dir, `${name}.db`));
      const created = await createApp(config, { store, logger, clock: () => TEST_NOW, commandsFastPath });
      await created.app.init();
      return { created, store };
    };
    fastLog = capturedLog();
    slowLog = capturedLog();
    ({ created: fast, store: fastStore } = await open(true, fastLog.logger, 'fast'));
    ({ created: slow, store: slowStore } = await open(false, slowLog.logger, 'slow'));
    // every request Express gets goes through its application's handle (the server calls the application)
    expressCalls = jest.spyOn(fast.app.getHttpAdapter().getInstance() as unknown as { handle: () => void }, 'handle');
  });
  afterAll(async () => {
    randomUuids.mockRestore();
    await fast?.app.close();
    await slow?.app.close();
    await base?.close();
  });

  let sent = 0;

  /** The answer without its Date, its body as bytes; the random ids made while answering come from a counter restarted here. */
  async function answer(app: CreatedApp, { body, raw, headers = {}, path = '/api/v1/commands' }: Case, id: string) {
    let made = 0;
    randomUuids.mockImplementation(() => `00000000-0000-4000-8000-${String(++made).padStart(12, '0')}`);
    const response = await request(app.app.getHttpServer())
      .post(path)
      .set({ 'X-Request-Id': id, 'Content-Type': 'application/json', ...headers })
      .send(raw ?? JSON.stringify(body))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    randomUuids.mockImplementation(randomUuid);
    const { date: _date, ...rest } = response.headers as Record<string, string>;
    // the access line is written when the response has finished
    await new Promise((resolve) => setImmediate(resolve));
    return { status: response.status, headers: rest, body: (response.body as Buffer).toString('utf8') };
  }

  async function expectSame(one: Case): Promise<{ status: number; body: string }> {
    fastLog.lines();
    slowLog.lines();
    const id = `case-${sent++}`;
    const before = expressCalls.mock.calls.length;
    const viaFast = await answer(fast, one, id);
    const throughExpress = expressCalls.mock.calls.length - before;
    const viaNest = await answer(slow, one, id);
    expect({ case: one.name, ...viaFast }).toEqual({ case: one.name, ...viaNest });
    expect({ case: one.name, log: fastLog.lines() }).toEqual({ case: one.name, log: slowLog.lines() });
    expect({ case: one.name, throughExpress }).toEqual({ case: one.name, throughExpress: one.fast ? 0 : 1 });
    return viaFast;
  }

  const as = (name: string) => base.as(name);

  it('every kind of request, in order: same status, headers, bytes and log lines', async () => {
    const statuses: [string, number][] = [];
    const cases = commandCases(as);
    for (const one of cases) statuses.push([one.name, (await expectSame(one)).status]);
    // the cases are what they say they are
    expect(Object.fromEntries(statuses)).toMatchObject({
      'one command': 201,
      'an array': 201,
      'an identical repeat: nothing changed': 200,
      'invalid field': 400,
      'unknown field': 400,
      'wrong role: controller': 403,
      'token limited to another region': 403,
      'no token': 401,
      'revoked token': 401,
      'unknown region': 404,
      'Idempotency-Key, first': 201,
      'Idempotency-Key, again': 201,
      'Idempotency-Key, other body': 409,
      'invalid JSON': 400,
      'too deep': 400,
      'too large': 413,
      'another charset': 415,
      'not JSON': 415,
    });
  });

  it('both stores hold the same events afterwards', async () => {
    const events = async (store: SqliteEventStore) =>
      (await store.readAll()).map(
        ({ metadata: { recordedAt: _at, hash: _hash, ...metadata }, position: _p, ...event }) => ({
          ...event,
          metadata,
        }),
      );
    const recorded = await events(fastStore);
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded).toEqual(await events(slowStore));
  });
});

import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { TokenStore } from '@libs/access';
import { SqliteEventStore } from '@libs/event-store';
import { createApp, CreatedApp, loadApiConfig } from '@libs/http';
import { BearerAuthGuard } from '../../libs/http/src/auth/bearer-auth.guard';
import { capturedLog } from '../support/captured-log';
import { regionalCost, startApi, TestApi, TEST_NOW } from '../support/api';

/**
 * The fast path of a kept JSON statement answers before Nest's router: for every kind of request, the
 * service with it gives the same status, headers (but for Date and the request id) and bytes as the
 * service without it, and logs the same access line — and it answers only the ordinary ones itself.
 */
describe('the statement fast path gives the same answers as Nest', () => {
  let api: TestApi;
  let slow: CreatedApp;
  let fastLog: ReturnType<typeof capturedLog>;
  let slowLog: ReturnType<typeof capturedLog>;
  let fast: CreatedApp;
  // every request Nest routes passes its bearer guard: a request the fast path answers does not
  const controllerCalls = jest.spyOn(BearerAuthGuard.prototype, 'canActivate');
  const path = (year: number | string, region = 'holland-rijnland', query = '') =>
    `/api/v1/regions/${region}/statements/${year}${query}`;

  beforeAll(async () => {
    // the examples recorded through a service with the default (fast) path, then two services over the
    // same SQLite file and token file: one with the fast path, one without
    api = await startApi(['holland-rijnland.jsonl']);
    api.token('controller', { actor: 'c1', role: 'controller' });
    api.token('limited', { actor: 'l1', role: 'controller', region: 'holland-rijnland' });
    api.token('limited-elsewhere', { actor: 'l2', role: 'controller', region: 'elders' });
    api.token('member', { actor: 'g1', role: 'municipality', municipality: 'GM0484' });
    api.token('stranger', { actor: 'g2', role: 'municipality', municipality: 'GM9901' });
    const revoked = api.token('revoked', { actor: 'r1', role: 'controller' });
    expect(new TokenStore(api.tokensFile).revoke(revoked.principal.tokenId)).toBe(true);
    const open = async (statementFastPath: boolean, logger: pino.Logger, idempotency: string) => {
      const config = loadApiConfig(
        {},
        { tokensFile: api.tokensFile, idempotencyFile: join(api.dir, idempotency), logLevel: 'info' },
      );
      const store = new SqliteEventStore(join(api.dir, 'ledger.db'));
      const created = await createApp(config, { store, logger, clock: () => TEST_NOW, statementFastPath });
      await created.app.init();
      return { created, store };
    };
    fastLog = capturedLog();
    slowLog = capturedLog();
    fast = (await open(true, fastLog.logger, 'fast.db')).created;
    const opened = await open(false, slowLog.logger, 'slow.db');
    slow = opened.created;
  });
  afterAll(async () => {
    await fast.app.close();
    await slow.app.close();
    await api.close();
  });

  interface Case {
    readonly name: string;
    readonly path: string;
    readonly headers?: Record<string, string>;
    readonly method?: 'get' | 'head';
    /** whether the fast path answers it itself (once the statement is kept); if not, Nest answers it as without */
    readonly fast: boolean;
  }

  let sent = 0;

  /**
   * The answer without its Date. Each request brings an id of its own (problem documents name it), the
   * same to both services; without one, the service makes one (the last case).
   */
  async function answer(app: CreatedApp, { path: url, headers = {}, method = 'get' }: Case, id = `case-${sent++}`) {
    const response = await request(app.app.getHttpServer())
      [method](url)
      .set({ 'X-Request-Id': id, ...headers })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const { date: _date, ...rest } = response.headers as Record<string, string>;
    await new Promise((resolve) => setImmediate(resolve));
    return { status: response.status, headers: rest, body: (response.body as Buffer).toString('base64') };
  }

  async function expectSame(one: Case): Promise<void> {
    await answer(fast, one); // keeps the statement, if there is one to keep
    fastLog.requestLines();
    slowLog.requestLines();
    const before = controllerCalls.mock.calls.length;
    const id = `case-${sent++}`;
    const viaFast = await answer(fast, one, id);
    const calls = controllerCalls.mock.calls.length - before;
    const viaNest = await answer(slow, one, id);
    const nestCalls = controllerCalls.mock.calls.length - before - calls;
    expect({ case: one.name, ...viaFast }).toEqual({ case: one.name, ...viaNest });
    expect({ case: one.name, log: fastLog.requestLines() }).toEqual({ case: one.name, log: slowLog.requestLines() });
    if (one.fast) expect([200, 304]).toContain(viaFast.status);
    expect({ case: one.name, throughNest: calls }).toEqual({ case: one.name, throughNest: one.fast ? 0 : nestCalls });
  }

  const as = (name: string) => api.as(name);
  const cases = (): Case[] => [
    { name: 'admin', path: path(2024), headers: as('admin'), fast: true },
    { name: 'controller', path: path(2023), headers: as('controller'), fast: true },
    { name: 'token limited to the region', path: path(2024), headers: as('limited'), fast: true },
    { name: 'token limited to another region', path: path(2024), headers: as('limited-elsewhere'), fast: false },
    { name: 'municipality, member', path: path(2024), headers: as('member'), fast: true },
    { name: 'municipality, not a member', path: path(2024), headers: as('stranger'), fast: false },
    { name: 'revoked token', path: path(2024), headers: as('revoked'), fast: false },
    { name: 'no token', path: path(2024), fast: false },
    { name: 'malformed authorization', path: path(2024), headers: { Authorization: 'Basic abc' }, fast: false },
    { name: 'UI login cookie only', path: path(2024), headers: { Cookie: 'geldstroom_sessie=abc' }, fast: false },
    { name: 'bad year', path: path('20x4'), headers: as('controller'), fast: false },
    { name: 'year out of range', path: path(1800), headers: as('controller'), fast: false },
    { name: 'year without data', path: path(2025), headers: as('controller'), fast: false },
    { name: 'unknown region', path: path(2024, 'nergens'), headers: as('controller'), fast: false },
    { name: 'bad region id', path: path(2024, 'Holland_Rijnland'), headers: as('controller'), fast: false },
    { name: 'encoded region id', path: path(2024, 'holland%2Drijnland'), headers: as('controller'), fast: false },
    { name: 'trailing slash', path: `${path(2024)}/`, headers: as('controller'), fast: false },
    { name: 'query: format=json', path: path(2024, undefined, '?format=json'), headers: as('controller'), fast: false },
    { name: 'query: csv', path: path(2024, undefined, '?format=csv'), headers: as('controller'), fast: false },
    { name: 'query: unknown', path: path(2024, undefined, '?x=1'), headers: as('controller'), fast: false },
    { name: 'query: asOf', path: path(2024, undefined, '?asOf=2030-01-01'), headers: as('controller'), fast: false },
    { name: 'HEAD', path: path(2024), headers: as('controller'), method: 'head', fast: false },
    {
      name: 'If-None-Match, other',
      path: path(2024),
      headers: { ...as('controller'), 'If-None-Match': '"other"' },
      fast: true,
    },
    {
      name: 'incoming request id',
      path: path(2024),
      headers: { ...as('controller'), 'X-Request-Id': 'a-b' },
      fast: true,
    },
  ];

  it('every kind of request: same status, headers, bytes and access line', async () => {
    for (const one of cases()) await expectSame(one);
  });

  it('without an incoming request id, the fast path makes one, sends it and logs it', async () => {
    const response = await request(fast.app.getHttpServer()).get(path(2024)).set(as('controller')).expect(200);
    await new Promise((resolve) => setImmediate(resolve));
    const id = (response.headers as Record<string, string>)['x-request-id'];
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(fastLog.requestLines()).toEqual([expect.objectContaining({ requestId: id, actor: 'c1' })]);
  });

  it('If-None-Match with the current ETag: the same 304 from both', async () => {
    const { etag } = (await request(slow.app.getHttpServer()).get(path(2024)).set(as('controller'))).headers as Record<
      string,
      string
    >;
    expect(etag).toMatch(/^"[0-9a-f]{64}-2024-json"$/);
    const headers = { ...as('controller'), 'If-None-Match': etag };
    await expectSame({ name: 'If-None-Match, current', path: path(2024), headers, fast: true });
    expect((await answer(fast, { name: '', path: path(2024), headers, fast: true })).status).toBe(304);
  });

  it('a write through the other service is in the very next fast answer', async () => {
    const recordCost = async (costId: string) => {
      const recorded = await request(slow.app.getHttpServer())
        .post('/api/v1/commands')
        .set(as('admin'))
        .send([regionalCost(costId)]);
      expect(recorded.status).toBe(201);
    };
    const ordinary: Case = { name: 'after a write', path: path(2025), headers: as('controller'), fast: true };
    await recordCost('fast-path-cost-1');
    await expectSame(ordinary);
    const before = (await answer(fast, ordinary)).headers.etag;
    await recordCost('fast-path-cost-2');
    const calls = controllerCalls.mock.calls.length;
    const after = await answer(fast, ordinary);
    // the new history is not kept yet: Nest folds it, and the fast path answers the next one
    expect(controllerCalls.mock.calls.length).toBe(calls + 1);
    expect([after.status, after.headers.etag]).toEqual([200, expect.not.stringMatching(before)]);
    await expectSame(ordinary);
  });
});

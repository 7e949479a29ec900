import Database from 'better-sqlite3';
import { copyFileSync, renameSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { SqliteEventStore } from '@libs/event-store';
import { createApp, CreatedApp, IdempotencyStore, loadApiConfig } from '@libs/http';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';
import { swapRevisions, tamper } from '../support/tamper';

const REGION = 'holland-rijnland';

/** A service over a copy of the example store, with its log lines kept for inspection. */
async function serviceOver(
  path: string,
  options: { busyTimeoutMs?: number; idempotency?: (logger: pino.Logger) => IdempotencyStore } = {},
) {
  const logs: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const dir = join(path, '..');
  const store = new SqliteEventStore(path, { busyTimeoutMs: options.busyTimeoutMs ?? 200 });
  const config = loadApiConfig(
    {},
    {
      tokensFile: join(dir, `${Date.now()}-tokens.json`),
      idempotencyFile: join(dir, 'idempotency.db'),
      logLevel: 'info',
    },
  );
  const created: CreatedApp = await createApp(config, { store, logger, idempotency: options.idempotency });
  await created.app.init();
  const admin = created.tokens.create({ actor: 'anna.admin', role: 'admin' }).token;
  const controller = created.tokens.create({ actor: 'carla.controller', role: 'controller' }).token;
  const recorder = created.tokens.create({ actor: 'rob.recorder', role: 'recorder' }).token;
  const leiden = created.tokens.create({ actor: 'leiden', role: 'municipality', municipality: 'GM0546' }).token;
  const elsewhere = created.tokens.create({ actor: 'g1', role: 'municipality', municipality: 'GM9901' }).token;
  const scoped = created.tokens.create({ actor: 'aef.controller', role: 'controller', region: 'aef-income' }).token;
  return {
    http: request(created.app.getHttpServer()),
    store,
    logs,
    as: { admin, controller, recorder, leiden, elsewhere, scoped },
    close: () => created.app.close(),
  };
}

const cost = (costId: string) => ({
  command: 'RecordRegionalCost',
  regionId: REGION,
  costId,
  year: 2025,
  scheme: 'BW',
  amount: '10.00',
});
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The store-unavailable answer over HTTP: 503, one line of problem+json, no file path in it. */
function expectUnavailable(response: request.Response, what: RegExp, dir: string): void {
  expect(response.status).toBe(503);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.text).not.toContain('\n');
  expect(response.text).not.toContain(dir);
  expect(response.body).toMatchObject({ status: 503, code: 'STORE_UNAVAILABLE' });
  expect(response.body.detail).toMatch(what);
}

describe('the HTTP API when its store fails', () => {
  const temp = tempDir('geldstroom-api-faults-');
  const seeded = join(temp.dir, 'seeded.db');
  let count = 0;
  const copy = () => {
    const path = join(temp.dir, `ledger-${(count += 1)}.db`);
    copyFileSync(seeded, path);
    return path;
  };
  beforeAll(() => {
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', `sqlite:${seeded}`]).status).toBe(
      0,
    );
  });
  afterAll(() => temp.cleanup());

  it('the SQLite file deleted while the service runs: POSTs and reads answer 503, /health says so, and nothing is acknowledged', async () => {
    const path = copy();
    const service = await serviceOver(path);
    try {
      await service.http.post('/api/v1/commands').set(bearer(service.as.admin)).send(cost('before')).expect(201);
      unlinkSync(path);
      // the command is decided on the region as held, and its commit refuses: nothing is recorded
      const refused = await service.http.post('/api/v1/commands').set(bearer(service.as.admin)).send(cost('after'));
      expectUnavailable(
        refused,
        /^cannot record in the SQLite store: the file was deleted while it was open; nothing was recorded$/,
        temp.dir,
      );
      expectUnavailable(
        await service.http.get(`/api/v1/regions/${REGION}/statements/2024`).set(bearer(service.as.controller)),
        /deleted/,
        temp.dir,
      );
      const health = await service.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({
        status: 'unavailable',
        store: 'sqlite',
        code: 'STORE_UNAVAILABLE',
        detail: 'cannot read the SQLite store: the file was deleted while it was open',
      });
      expect(health.text).not.toContain(temp.dir);
    } finally {
      await service.close();
    }
  });

  it('the SQLite file replaced by another (a copy moved over it): 503 and /health 503', async () => {
    const path = copy();
    const replacement = copy();
    const service = await serviceOver(path);
    try {
      await service.http.get('/health').expect(200, { status: 'ok', store: 'sqlite' });
      renameSync(replacement, path);
      expectUnavailable(
        await service.http.post('/api/v1/commands').set(bearer(service.as.admin)).send(cost('after')),
        /^cannot read the SQLite store: the file was replaced by another while it was open$/,
        temp.dir,
      );
      expect((await service.http.get('/health')).status).toBe(503);
    } finally {
      await service.close();
    }
  });

  it('a store locked by another connection: 503 with one line after the busy timeout, never a 500', async () => {
    const path = copy();
    const service = await serviceOver(path, { busyTimeoutMs: 100 });
    const other = new Database(path);
    try {
      other.exec('BEGIN EXCLUSIVE');
      expectUnavailable(
        await service.http.post('/api/v1/commands').set(bearer(service.as.admin)).send(cost('locked')),
        /^cannot record in the SQLite store: another connection holds a lock on it \(still locked after 100 ms\); nothing was recorded$/,
        temp.dir,
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await service.close();
    }
  });

  it('a full store: 503 with one line, never a 500', async () => {
    const path = copy();
    const service = await serviceOver(path);
    try {
      const db = (service.store as unknown as { db: Database.Database }).db;
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages}`);
      let response: request.Response | undefined;
      for (let attempt = 0; attempt < 200; attempt += 1) {
        response = await service.http
          .post('/api/v1/commands')
          .set(bearer(service.as.admin))
          .send(cost(`fill-${attempt}`));
        if (response.status !== 201) break;
      }
      expectUnavailable(
        response!,
        /^cannot record in the SQLite store: the disk or file system is full; nothing was recorded$/,
        temp.dir,
      );
    } finally {
      await service.close();
    }
  });

  it('a command recorded while the idempotency database is locked still gets its 201; the failure is logged', async () => {
    const path = copy();
    const idempotencyFile = join(temp.dir, 'locked-idempotency.db');
    let idempotency: IdempotencyStore | undefined;
    const service = await serviceOver(path, {
      idempotency: (logger) => (idempotency = new IdempotencyStore(idempotencyFile, { busyTimeoutMs: 100, logger })),
    });
    const other = new Database(idempotencyFile);
    const send = () =>
      service.http
        .post('/api/v1/commands')
        .set(bearer(service.as.admin))
        .set('Idempotency-Key', 'retry-me-1')
        .send(cost('while-locked'));
    try {
      other.exec('BEGIN EXCLUSIVE');
      const first = await send();
      expect(first.status).toBe(201);
      expect(first.body.results[0].events).toHaveLength(1);
      expect(service.logs.join('')).toContain(
        'the response to a recorded command could not be kept for retries; it was sent all the same',
      );
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    try {
      // nothing was kept, so the retry runs the command again: its fact is recorded already, nothing changes
      const retry = await send();
      expect(retry.status).toBe(200);
      expect(retry.body.results[0].events).toEqual([]);
      const costs = (await service.store.readAll()).filter(
        (event) => (event.data as { costId?: string }).costId === 'while-locked',
      );
      expect(costs).toHaveLength(1);
    } finally {
      await service.close();
      idempotency?.close();
    }
  });
});

describe('the verify route', () => {
  const temp = tempDir('geldstroom-api-verify-');
  const path = join(temp.dir, 'ledger.db');
  const tampered = join(temp.dir, 'tampered.db');
  let service: Awaited<ReturnType<typeof serviceOver>>;
  let ledgerHash: string;
  beforeAll(async () => {
    expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', `sqlite:${path}`]).status).toBe(0);
    ledgerHash = /ledger hash ([0-9a-f]{64})/.exec(geldstroom(['verify', '--store', `sqlite:${path}`]).stdout)![1];
    service = await serviceOver(path);
  });
  afterAll(async () => {
    await service.close();
    temp.cleanup();
  });

  it('answers a controller with the ledger hash that the statements carry', async () => {
    const verified = await service.http.get(`/api/v1/regions/${REGION}/verify`).set(bearer(service.as.controller));
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      regionId: REGION,
      intact: true,
      events: (await service.store.readAll()).length,
      unchained: 0,
      ledgerHash,
    });
    const statement = await service.http
      .get(`/api/v1/regions/${REGION}/statements/2024`)
      .set(bearer(service.as.leiden))
      .expect(200);
    expect(statement.body.ledgerHash).toBe(ledgerHash);
    await service.http
      .get(`/api/v1/regions/${REGION}/verify?expect=${ledgerHash.toUpperCase()}`)
      .set(bearer(service.as.admin))
      .expect(200);
  });

  it('a ledger hash other than expected is a 409 problem naming both', async () => {
    const other = 'b'.repeat(64);
    const response = await service.http
      .get(`/api/v1/regions/${REGION}/verify?expect=${other}`)
      .set(bearer(service.as.controller));
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: 'LEDGER_HASH_MISMATCH',
      regionId: REGION,
      ledgerHash,
      field: 'expect',
    });
    expect(response.body.detail).toContain(`not the expected ${other}`);
  });

  it('answers whoever may read the region (the one read rule); refuses others, unknown regions and malformed hashes', async () => {
    for (const role of ['recorder', 'leiden'] as const)
      expect(
        (await service.http.get(`/api/v1/regions/${REGION}/verify`).set(bearer(service.as[role]))).body,
      ).toMatchObject({ intact: true, ledgerHash });
    for (const role of ['elsewhere', 'scoped'] as const)
      expect(
        (await service.http.get(`/api/v1/regions/${REGION}/verify`).set(bearer(service.as[role]))).body,
      ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(
      (await service.http.get('/api/v1/regions/nowhere/verify').set(bearer(service.as.controller))).body,
    ).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(
      (await service.http.get(`/api/v1/regions/${REGION}/verify?expect=xyz`).set(bearer(service.as.controller))).body,
    ).toMatchObject({ status: 400, field: 'expect' });
    expect((await service.http.get(`/api/v1/regions/${REGION}/verify`)).status).toBe(401);
  });

  it('a tampered history: verify answers 409 naming revision and fault; the region takes no command (409)', async () => {
    copyFileSync(path, tampered);
    tamper(tampered, (db) => swapRevisions(db, `region-${REGION}`, 40, 41));
    const other = await serviceOver(tampered);
    const events = (await service.store.readAll()).length;
    try {
      const verified = await other.http.get(`/api/v1/regions/${REGION}/verify`).set(bearer(other.as.controller));
      expect(verified.status).toBe(409);
      expect(verified.body).toMatchObject({
        code: 'HISTORY_BROKEN',
        regionId: REGION,
        revision: 40,
        fault: 'reordered',
        detail: `region ${REGION}: revision 40 reordered: revisions 40 and 41 were swapped: each holds the event recorded at the other`,
      });
      const refused = await other.http.post('/api/v1/commands').set(bearer(other.as.admin)).send(cost('on-forged'));
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'HISTORY_BROKEN' });
      expect(refused.body.detail).toMatch(
        /^region holland-rijnland: revision 40 reordered: .*; it accepts no new events/,
      );
      expect((await other.store.readAll()).length).toBe(events);
    } finally {
      await other.close();
    }
  });
});

import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { SqliteEventStore } from '@libs/event-store';
import { createApp, CreatedApp, loadApiConfig } from '@libs/http';
import { BIN, differences, EXAMPLES, EXPECTED, geldstroom, ROOT, tempDir, withoutLedgerHash } from '../support/cli';

const commandsOf = (file: string) =>
  readFileSync(join(EXAMPLES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line));

describe('the HTTP API', () => {
  const temp = tempDir('geldstroom-api-');
  let created: CreatedApp;
  let store: SqliteEventStore;
  let http: ReturnType<typeof request>;
  const token: Record<string, string> = {};
  const as = (role: string) => ({ Authorization: `Bearer ${token[role]}` });
  const eventCount = async () => (await store.readAll()).length;

  beforeAll(async () => {
    store = new SqliteEventStore(join(temp.dir, 'ledger.db'));
    const config = loadApiConfig(
      {},
      {
        tokensFile: join(temp.dir, 'tokens.json'),
        idempotencyFile: join(temp.dir, 'idempotency.db'),
        logLevel: 'silent',
      },
    );
    created = await createApp(config, { store, logger: pino({ level: 'silent' }) });
    await created.app.init();
    http = request(created.app.getHttpServer());
    token.admin = created.tokens.create({ actor: 'anna.admin', role: 'admin' }).token;
    token.recorder = created.tokens.create({ actor: 'rob.recorder', role: 'recorder' }).token;
    token.controller = created.tokens.create({ actor: 'carla.controller', role: 'controller' }).token;
    token.leiden = created.tokens.create({ actor: 'leiden', role: 'municipality', municipality: 'GM0546' }).token;
    token.elsewhere = created.tokens.create({ actor: 'g1', role: 'municipality', municipality: 'GM9901' }).token;
    token.scoped = created.tokens.create({ actor: 'aef.recorder', role: 'recorder', region: 'aef-income' }).token;
    const revoked = created.tokens.create({ actor: 'gone', role: 'admin' });
    token.revoked = revoked.token;
    created.tokens.revoke(revoked.principal.tokenId);
  });
  afterAll(async () => {
    await created.app.close();
    temp.cleanup();
  });

  it('records a scenario posted command by command and serves the same statements as the CLI, to the cent', async () => {
    for (const command of commandsOf('holland-rijnland.jsonl')) {
      const response = await http.post('/api/v1/commands').set(as('admin')).send(command);
      expect([200, 201]).toContain(response.status);
    }
    const cliStore = tempDir();
    try {
      expect(geldstroom(['apply', join(EXAMPLES, 'holland-rijnland.jsonl'), '--store', cliStore.store]).status).toBe(0);
      for (const year of [2023, 2024]) {
        const response = await http
          .get(`/api/v1/regions/holland-rijnland/statements/${year}`)
          .set(as('controller'))
          .expect(200);
        expect(
          differences(response.body, JSON.parse(readFileSync(join(EXPECTED, `holland-rijnland-${year}.json`), 'utf8'))),
        ).toEqual([]);
        const cli = JSON.parse(
          geldstroom(['statement', '--region', 'holland-rijnland', '--year', String(year), '--store', cliStore.store])
            .stdout,
        );
        // the same statement; the ledger hashes differ, as the two histories were recorded by others at other moments
        expect(withoutLedgerHash(response.body)).toEqual(withoutLedgerHash(cli));
        expect(response.body.ledgerHash).toMatch(/^[0-9a-f]{64}$/);
      }
    } finally {
      cliStore.cleanup();
    }
  });

  it('applies an array of commands in order and answers with the recorded event ids', async () => {
    const response = await http
      .post('/api/v1/commands')
      .set(as('admin'))
      .send(commandsOf('aef-solidarity.jsonl').filter((command) => command.regionId === 'aef-income'))
      .expect(201);
    expect(response.body.results).toHaveLength(7);
    expect(response.body.results[0]).toMatchObject({
      index: 0,
      command: 'RegisterRegion',
      regionId: 'aef-income',
      events: [{ type: 'RegionRegistered', revision: '0', eventId: expect.stringMatching(/^[0-9a-f-]{36}$/) }],
    });
    const again = await http
      .post('/api/v1/commands')
      .set(as('admin'))
      .send(commandsOf('aef-solidarity.jsonl').filter((command) => command.regionId === 'aef-income'))
      .expect(200);
    expect(again.body.results.every((result: { events: unknown[] }) => result.events.length === 0)).toBe(true);
  });

  it("records the token's actor and the request id in every event", async () => {
    const response = await http
      .post('/api/v1/commands')
      .set(as('recorder'))
      .set('X-Request-Id', 'req-meta-1')
      .send({
        command: 'RecordRijkPayment',
        regionId: 'aef-income',
        paymentId: 'meta',
        year: 2026,
        scheme: 'BW',
        basis: 'objective',
        recipient: 'GM9902',
        amount: '1.00',
      })
      .expect(201);
    expect(response.headers['x-request-id']).toBe('req-meta-1');
    const [event] = (await store.readAll()).filter(
      (candidate) => candidate.eventId === response.body.results[0].events[0].eventId,
    );
    expect(event.metadata).toMatchObject({
      actor: 'rob.recorder',
      source: 'http:req-meta-1',
      correlationId: 'req-meta-1',
    });
  });

  describe('every route', () => {
    it('lists regions and describes one', async () => {
      expect(
        (await http.get('/api/v1/regions').set(as('controller')).expect(200)).body.regions.map(
          (r: { regionId: string }) => r.regionId,
        ),
      ).toEqual(['aef-income', 'holland-rijnland']);
      const region = (await http.get('/api/v1/regions/holland-rijnland').set(as('controller')).expect(200)).body;
      expect(region).toMatchObject({ regionId: 'holland-rijnland', centralMunicipality: 'GM0546' });
      expect(region.years.map((y: { year: number; closed: boolean }) => [y.year, y.closed])).toEqual([
        [2023, true],
        [2024, true],
      ]);
      expect(region.years[0].keys['bw-historical']).toMatchObject({ version: 1 });
    });

    it('serves statements as JSON, CSV and a workbook, and balances; also as of an earlier moment', async () => {
      const csv = await http
        .get('/api/v1/regions/holland-rijnland/statements/2023?format=csv')
        .set(as('controller'))
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.text).toContain('2023;reserve;paidOut;Uitkering aan gemeenten;;;4407,00');
      const machine = await http
        .get('/api/v1/regions/holland-rijnland/statements/2023?format=csv&locale=en')
        .set(as('controller'))
        .expect(200);
      expect(machine.text).toContain('2023,reserve,paidOut,Uitkering aan gemeenten,,,4407.00');
      await http.get('/api/v1/regions/holland-rijnland/statements/2023?locale=en').set(as('controller')).expect(400);
      const xlsx = await http
        .get('/api/v1/regions/holland-rijnland/statements/2023?format=xlsx')
        .set(as('controller'))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.body);
      expect(workbook.worksheets.length).toBe(16);
      const balances = (
        await http.get('/api/v1/regions/holland-rijnland/balances/2023').set(as('controller')).expect(200)
      ).body;
      expect(balances.accounts['region:holland-rijnland:fund:friction']).toBe('3992021.30');
      const early = (
        await http
          .get('/api/v1/regions/holland-rijnland/statements/2023?asOf=2000-01-01T00:00:00Z')
          .set(as('controller'))
      ).status;
      expect(early).toBe(404);
    });

    it('explains, traces, replays, compares keys and exports', async () => {
      const explain = (
        await http
          .get('/api/v1/regions/holland-rijnland/explain?year=2023&account=municipality:GM0537:bw')
          .set(as('controller'))
          .expect(200)
      ).body;
      expect(explain.balance).toBe('2669010.43');
      const trace = (
        await http.get('/api/v1/regions/holland-rijnland/trace/iu-bw-2023').set(as('controller')).expect(200)
      ).body;
      expect(trace).toMatchObject({ paymentId: 'iu-bw-2023', amount: '38750000.00' });
      // the machine form keeps its English sentences; ?locale=nl gives the Dutch a controller reads, same fields
      const share = (body: { postings: { eventType: string; derivation: string }[] }) =>
        body.postings.find((posting) => posting.eventType === 'BwHistoricalDistributed')!.derivation;
      expect(share(explain)).toMatch(/\(largest remainder \+0,00\), key bw-historical v1; H − K = /);
      const dutch = (
        await http
          .get('/api/v1/regions/holland-rijnland/explain?year=2023&account=municipality:GM0537:bw&locale=nl')
          .set(as('controller'))
          .expect(200)
      ).body;
      expect(Object.keys(dutch.postings[0])).toEqual(Object.keys(explain.postings[0]));
      expect(share(dutch)).toMatch(
        /^aandeel 8,1 \/ 100,0 × € 32\.947\.593,00 = € 2\.668\.755,03 \(afronding grootste restmethode \+0,00\), historische sleutel BW v1; Rijksbetalingen historisch budget /,
      );
      const tracedNl = (
        await http.get('/api/v1/regions/holland-rijnland/trace/iu-bw-2023?locale=nl').set(as('controller')).expect(200)
      ).body;
      expect(tracedNl.flows[0].via).toBe('Rijksbetaling');
      expect(trace.flows[0].via).toBe('RijkPaymentRecorded');
      await http.get('/api/v1/regions/holland-rijnland/trace/iu-bw-2023?locale=fr').set(as('controller')).expect(400);
      const revision = commandsOf('revised-keys.jsonl');
      const replay = (
        await http.post('/api/v1/regions/holland-rijnland/replay').set(as('controller')).send(revision).expect(200)
      ).body;
      expect(Object.keys(replay.years)).toEqual(['2023', '2024']);
      const before = await eventCount();
      await http
        .post('/api/v1/regions/holland-rijnland/replay')
        .set(as('controller'))
        .send([{ command: 'RunAllocation', regionId: 'holland-rijnland', year: 2023 }])
        .expect(400);
      expect(await eventCount()).toBe(before);
      const keys = (
        await http
          .get('/api/v1/regions/holland-rijnland/compare-keys?years=2023-2024')
          .set(as('controller'))
          .expect(200)
      ).body;
      expect(keys.totals['2024']).toBe('6532985.29');
      const journal = await http
        .get('/api/v1/regions/holland-rijnland/export?format=hledger&year=2024')
        .set(as('controller'))
        .expect(200);
      expect(journal.headers['content-type']).toMatch(/^text\/plain/);
      expect(journal.text).toContain('2024-12-31 * RijkPaymentRecorded iu-bw-2024 BW');
    });

    it('answers /health without a token and documents every route of /api/v1 at /openapi.json', async () => {
      expect((await http.get('/health').expect(200)).body).toEqual({ status: 'ok', store: 'sqlite' });
      const document = (await http.get('/openapi.json').expect(200)).body;
      expect(document.servers).toEqual([{ url: '/api/v1', description: expect.any(String) }]);
      expect(Object.keys(document.paths).sort()).toEqual(
        [
          '/commands',
          '/regions',
          '/regions/{regionId}',
          '/regions/{regionId}/balances/{year}',
          '/regions/{regionId}/compare-keys',
          '/regions/{regionId}/explain',
          '/regions/{regionId}/export',
          '/regions/{regionId}/imports',
          '/regions/{regionId}/letters/{year}',
          '/regions/{regionId}/letters/{year}/{code}',
          '/regions/{regionId}/replay',
          '/regions/{regionId}/statements/{year}',
          '/regions/{regionId}/template',
          '/regions/{regionId}/trace/{paymentId}',
          '/regions/{regionId}/verify',
        ].sort(),
      );
      expect(document.paths['/regions/{regionId}/explain'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['regionId', 'year', 'account', 'asOf', 'locale']),
      );
      expect((await http.get('/docs').expect(200)).text).toMatch(/swagger/i);
    });
  });

  describe('roles', () => {
    const payment = (paymentId: string, regionId = 'holland-rijnland', year = 2025) => ({
      command: 'RecordRijkPayment',
      regionId,
      paymentId,
      year,
      scheme: 'BW',
      basis: 'objective',
      recipient: regionId === 'holland-rijnland' ? 'GM0546' : 'GM9902',
      amount: '1.00',
    });
    const key = {
      command: 'AdoptDistributionKey',
      regionId: 'holland-rijnland',
      keyId: 'bw-historical',
      version: 9,
      validFrom: 2030,
      unit: 'weight',
      basis: 'x',
      weights: Object.fromEntries(
        [
          'GM0484',
          'GM0534',
          'GM1884',
          'GM0537',
          'GM0546',
          'GM0547',
          'GM0553',
          'GM0569',
          'GM0575',
          'GM0579',
          'GM1525',
          'GM0626',
          'GM0638',
        ].map((code) => [code, '1']),
      ),
    };

    it('a recorder records facts and runs, but not keys, agreements or closings', async () => {
      await http.post('/api/v1/commands').set(as('recorder')).send(payment('role-1')).expect(201);
      await http
        .post('/api/v1/commands')
        .set(as('recorder'))
        .send({ command: 'RunAllocation', regionId: 'holland-rijnland', year: 2025 })
        .expect(201);
      for (const forbidden of [
        key,
        { command: 'CloseYear', regionId: 'holland-rijnland', year: 2025 },
        { command: 'ReopenYear', regionId: 'holland-rijnland', year: 2024, reason: 'x' },
      ]) {
        const response = await http.post('/api/v1/commands').set(as('recorder')).send(forbidden).expect(403);
        expect(response.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
      await http.get('/api/v1/regions/holland-rijnland/statements/2024').set(as('recorder')).expect(200);
    });

    it('a recorder scoped to a region records only there', async () => {
      await http
        .post('/api/v1/commands')
        .set(as('scoped'))
        .send(payment('scoped-1', 'aef-income', 2026))
        .expect(201);
      await http.post('/api/v1/commands').set(as('scoped')).send(payment('scoped-2')).expect(403);
      await http.get('/api/v1/regions/holland-rijnland/statements/2024').set(as('scoped')).expect(403);
    });

    it('an admin may do everything', async () => {
      await http.post('/api/v1/commands').set(as('admin')).send(key).expect(201);
    });

    it('a controller reads everything and writes nothing', async () => {
      const before = await eventCount();
      await http.post('/api/v1/commands').set(as('controller')).send(payment('role-2')).expect(403);
      expect(await eventCount()).toBe(before);
      await http.get('/api/v1/regions/holland-rijnland/balances/2024').set(as('controller')).expect(200);
      await http.get('/api/v1/regions/holland-rijnland/compare-keys?years=2023-2024').set(as('controller')).expect(200);
    });

    it('a municipality reads everything of its own region, nothing of others, and writes nothing', async () => {
      await http.get('/api/v1/regions/holland-rijnland/statements/2024').set(as('leiden')).expect(200);
      const balances = (await http.get('/api/v1/regions/holland-rijnland/balances/2024').set(as('leiden')).expect(200))
        .body;
      expect(Object.keys(balances.accounts)).toEqual(
        expect.arrayContaining(['municipality:GM0546:bw', 'municipality:GM0484:bw']),
      );
      for (const account of ['municipality:GM0546:bw', 'municipality:GM0484:bw', 'region:holland-rijnland:reserve'])
        await http
          .get(`/api/v1/regions/holland-rijnland/explain?year=2024&account=${account}`)
          .set(as('leiden'))
          .expect(200);
      await http.get('/api/v1/regions/holland-rijnland/trace/obj-bw-2024-GM0546').set(as('leiden')).expect(200);
      await http.get('/api/v1/regions/holland-rijnland/trace/iu-bw-2024').set(as('leiden')).expect(200);
      await http
        .post('/api/v1/regions/holland-rijnland/replay')
        .set(as('leiden'))
        .send(commandsOf('revised-keys.jsonl'))
        .expect(200);
      await http.post('/api/v1/commands').set(as('leiden')).send(payment('role-3')).expect(403);
      await http.get('/api/v1/regions/holland-rijnland/statements/2024').set(as('elsewhere')).expect(403);
      expect(
        (await http.get('/api/v1/regions').set(as('leiden')).expect(200)).body.regions.map(
          (r: { regionId: string }) => r.regionId,
        ),
      ).toEqual(['holland-rijnland']);
    });

    it('401 without a valid token', async () => {
      const missing = await http.get('/api/v1/regions').expect(401);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
      await http.get('/api/v1/regions').set('Authorization', 'Bearer gst_nonsense').expect(401);
      await http.get('/api/v1/regions').set(as('revoked')).expect(401);
      await http.get('/api/v1/regions').set('Authorization', `Basic ${token.admin}`).expect(401);
    });
  });

  describe('errors are problem documents and record nothing', () => {
    const post = (body: unknown, role = 'admin') =>
      http
        .post('/api/v1/commands')
        .set(as(role))
        .send(body as object);

    it.each([
      [
        'an amount as a JSON number',
        {
          command: 'RecordRijkPayment',
          regionId: 'holland-rijnland',
          paymentId: 'e1',
          year: 2025,
          scheme: 'BW',
          basis: 'objective',
          recipient: 'GM0546',
          amount: 12.5,
        },
        400,
        'INVALID_FIELD',
        'amount',
      ],
      [
        'an unknown field',
        {
          command: 'RecordRijkPayment',
          regionId: 'holland-rijnland',
          paymentId: 'e2',
          year: 2025,
          scheme: 'BW',
          basis: 'objective',
          recipient: 'GM0546',
          amount: '1.00',
          colour: 'red',
        },
        400,
        'UNKNOWN_FIELD',
        'colour',
      ],
      [
        'an unknown command',
        { command: 'PayEveryone', regionId: 'holland-rijnland' },
        400,
        'UNKNOWN_COMMAND',
        'command',
      ],
      [
        'an unknown region',
        { command: 'RunAllocation', regionId: 'nergens', year: 2025 },
        404,
        'UNKNOWN_REGION',
        'regionId',
      ],
      [
        'an id reused with other content',
        {
          command: 'RecordRijkPayment',
          regionId: 'holland-rijnland',
          paymentId: 'iu-bw-2024',
          year: 2024,
          scheme: 'BW',
          basis: 'historical',
          recipient: 'GM0546',
          amount: '1.00',
        },
        409,
        'ID_REUSED',
        'paymentId',
      ],
      [
        'a fact for a closed year',
        {
          command: 'RecordRegionalCost',
          regionId: 'holland-rijnland',
          costId: 'late',
          year: 2024,
          scheme: 'BW',
          amount: '1.00',
        },
        422,
        'YEAR_CLOSED',
        'year',
      ],
    ])('%s', async (_, body, status, code, field) => {
      const before = await eventCount();
      const response = await post(body).expect(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status,
        code,
        field,
        instance: '/api/v1/commands',
        type: expect.stringContaining('urn:geldstroom:problem:'),
      });
      expect(await eventCount()).toBe(before);
    });

    it('names the index of the refused command in an array; earlier ones stay recorded', async () => {
      const response = await post([
        {
          command: 'RecordRijkPayment',
          regionId: 'holland-rijnland',
          paymentId: 'arr-1',
          year: 2025,
          scheme: 'BW',
          basis: 'objective',
          recipient: 'GM0546',
          amount: '1.00',
        },
        {
          command: 'RecordRijkPayment',
          regionId: 'holland-rijnland',
          paymentId: 'iu-bw-2024',
          year: 2025,
          scheme: 'BW',
          basis: 'objective',
          recipient: 'GM0546',
          amount: '1.00',
        },
      ]).expect(409);
      expect(response.body).toMatchObject({ index: 1, code: 'ID_REUSED' });
      expect(response.body.recorded).toHaveLength(1);
    });

    it('400 on a body that is not JSON, 415 on another media type, 413 over 1 MB', async () => {
      const bad = await http
        .post('/api/v1/commands')
        .set(as('admin'))
        .set('Content-Type', 'application/json')
        .send('{"command": ');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('INVALID_JSON');
      await http.post('/api/v1/commands').set(as('admin')).set('Content-Type', 'text/plain').send('hello').expect(415);
      const large = Array.from({ length: 3000 }, (_, index) => ({
        command: 'RunAllocation',
        regionId: 'holland-rijnland',
        year: 2025,
        padding: 'x'.repeat(400),
        index,
      }));
      const before = await eventCount();
      const response = await post(large).expect(413);
      expect(response.body.code).toBe('BODY_TOO_LARGE');
      expect(await eventCount()).toBe(before);
    });

    it('404 for an unknown region or year and for unknown routes; 400 for bad query parameters', async () => {
      await http.get('/api/v1/regions/nergens/statements/2024').set(as('controller')).expect(404);
      await http.get('/api/v1/regions/holland-rijnland/statements/1999').set(as('controller')).expect(404);
      await http.get('/api/v1/regions/holland-rijnland/trace/onbekend').set(as('controller')).expect(404);
      await http.get('/api/v1/nothing-here').set(as('controller')).expect(404);
      const year = await http
        .get('/api/v1/regions/holland-rijnland/statements/twenty')
        .set(as('controller'))
        .expect(400);
      expect(year.body.field).toBe('year');
      await http
        .get('/api/v1/regions/holland-rijnland/statements/2024?asOf=yesterday')
        .set(as('controller'))
        .expect(400);
      await http.get('/api/v1/regions/holland-rijnland/statements/2024?colour=red').set(as('controller')).expect(400);
      await http.get('/api/v1/regions/holland-rijnland/compare-keys?years=2024').set(as('controller')).expect(400);
    });
  });

  describe('Idempotency-Key', () => {
    const body = {
      command: 'RecordRijkPayment',
      regionId: 'holland-rijnland',
      paymentId: 'idem-1',
      year: 2025,
      scheme: 'BW',
      basis: 'objective',
      recipient: 'GM0546',
      amount: '5.00',
    };

    it('a retried POST returns the first response without recording again', async () => {
      const first = await http
        .post('/api/v1/commands')
        .set(as('admin'))
        .set('Idempotency-Key', 'retry-1')
        .send(body)
        .expect(201);
      const before = await eventCount();
      const retry = await http
        .post('/api/v1/commands')
        .set(as('admin'))
        .set('Idempotency-Key', 'retry-1')
        .send(body)
        .expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(await eventCount()).toBe(before);
      const runs = await Promise.all(
        [1, 2, 3].map(() =>
          http
            .post('/api/v1/commands')
            .set(as('admin'))
            .set('Idempotency-Key', 'run-1')
            .send({ command: 'RunAllocation', regionId: 'holland-rijnland', year: 2025 }),
        ),
      );
      expect(new Set(runs.map((run) => JSON.stringify(run.body))).size).toBe(1);
      expect(await eventCount()).toBe(before + 1);
    });

    it('the same key with another body is a conflict', async () => {
      await http.post('/api/v1/commands').set(as('admin')).set('Idempotency-Key', 'retry-2').send(body).expect(200);
      const conflict = await http
        .post('/api/v1/commands')
        .set(as('admin'))
        .set('Idempotency-Key', 'retry-2')
        .send({ ...body, amount: '6.00' })
        .expect(409);
      expect(conflict.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });
  });
});

describe('geldstroom serve', () => {
  it('starts, answers /health, and stops cleanly on SIGTERM', async () => {
    const temp = tempDir();
    try {
      const child = spawn(
        process.execPath,
        [
          BIN,
          'serve',
          '--port',
          '0',
          '--host',
          '127.0.0.1',
          '--store',
          temp.store,
          '--tokens',
          join(temp.dir, 'tokens.json'),
          '--seed',
          join(EXAMPLES, 'aef-solidarity.jsonl'),
        ],
        {
          cwd: ROOT,
          env: { ...process.env, LOG_LEVEL: 'warn' },
        },
      );
      let stderr = '';
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30_000);
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const match = /API on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        });
      });
      expect(stderr).toMatch(/created an admin token/);
      const adminToken = /(gst_[A-Za-z0-9_-]+)/.exec(stderr)![1];
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      const statement = await fetch(`http://127.0.0.1:${port}/api/v1/regions/aef-average/statements/2025`, {
        headers: { Authorization: `Bearer ${adminToken}` },
      });
      expect(((await statement.json()) as { solidarity: { volume: string } }).solidarity.volume).toBe('11666666.66');
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      temp.cleanup();
    }
  });
});

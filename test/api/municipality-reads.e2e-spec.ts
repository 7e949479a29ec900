import { commandsOf, expectProblem, startApi, TestApi } from '../support/api';

/**
 * A municipality token reads everything of the regions it belongs to and nothing of any other, the
 * same on every read route and in every format. The GET routes are taken from the served OpenAPI
 * document, so a route added later fails here until it is listed with its own test values.
 */
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
    '/regions/{regionId}/export': (r) => [
      `/regions/${r}/export?format=hledger`,
      `/regions/${r}/export?format=hledger&year=${regions[r].year}`,
    ],
    '/regions/{regionId}/verify': (r) => [`/regions/${r}/verify`],
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
          const own = await api.http.get(`/api/v1${path}`).set(api.as(members[regionId])).buffer(true);
          expect({ route, path, status: own.status }).toEqual({ route, path, status: 200 });
          const controller = await api.http.get(`/api/v1${path}`).set(api.as('controller')).buffer(true);
          expect({ path, body: own.text ?? own.body }).toEqual({ path, body: controller.text ?? controller.body });
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

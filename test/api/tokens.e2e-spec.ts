import { writeFileSync, readFileSync } from 'node:fs';
import { TokenStore } from '@libs/access';
import { commandsOf, expectProblem, startApi, TestApi } from '../support/api';

describe('an Idempotency-Key reply belongs to its token and passes the same checks again', () => {
  let api: TestApi;
  const register = commandsOf('aef-solidarity.jsonl').find(
    (command) => command.command === 'RegisterRegion' && command.regionId === 'aef-income',
  )!;

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl']);
    // an admin and a recorder that happen to share an actor name
    api.token('anna-admin', { actor: 'anna', role: 'admin' });
    api.token('anna-recorder', { actor: 'anna', role: 'recorder' });
    api.token('anna-elsewhere', { actor: 'anna', role: 'municipality', municipality: 'GM9901' });
  });
  afterAll(() => api.close());

  it("a recorder with the admin's actor name and key does not get the admin's RegisterRegion reply", async () => {
    const first = await api.http
      .post('/api/v1/commands')
      .set(api.as('anna-admin'))
      .set('Idempotency-Key', 'register-1')
      .send(register)
      .expect(201);
    const before = await api.eventCount();
    const replay = await api.http
      .post('/api/v1/commands')
      .set(api.as('anna-recorder'))
      .set('Idempotency-Key', 'register-1')
      .send(register);
    expect(expectProblem(replay, 403).code).toBe('FORBIDDEN');
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
    expect(await api.eventCount()).toBe(before);
    const again = await api.http
      .post('/api/v1/commands')
      .set(api.as('anna-admin'))
      .set('Idempotency-Key', 'register-1')
      .send(register)
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it("the same key is another token's own: no conflict, no replay across tokens", async () => {
    const payment = {
      command: 'RecordRijkPayment',
      regionId: 'holland-rijnland',
      paymentId: 'anna-1',
      year: 2025,
      scheme: 'BW',
      basis: 'objective',
      recipient: 'GM0546',
      amount: '1.00',
    };
    const recorded = await api.http
      .post('/api/v1/commands')
      .set(api.as('anna-recorder'))
      .set('Idempotency-Key', 'register-1')
      .send(payment)
      .expect(201);
    expect(recorded.headers['idempotent-replayed']).toBeUndefined();
  });

  it('a what-if reply is not replayed to a token that may not read the region', async () => {
    const revisions = commandsOf('revised-keys.jsonl');
    await api.http
      .post('/api/v1/regions/holland-rijnland/replay')
      .set(api.as('anna-admin'))
      .set('Idempotency-Key', 'what-if-1')
      .send(revisions)
      .expect(200);
    const replay = await api.http
      .post('/api/v1/regions/holland-rijnland/replay')
      .set(api.as('anna-elsewhere'))
      .set('Idempotency-Key', 'what-if-1')
      .send(revisions);
    expectProblem(replay, 403);
    expect(replay.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('tokens are checked against the token file as it is now', () => {
  let api: TestApi;
  const regions = () => api.http.get('/api/v1/regions').set(api.as('controller'));

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('a token revoked by another process (the CLI) is refused on the very next request, every time', async () => {
    for (let round = 0; round < 20; round += 1) {
      const { principal } = api.token('controller', { actor: `carla-${round}`, role: 'controller' });
      await regions().expect(200);
      expect(new TokenStore(api.tokensFile).revoke(principal.tokenId)).toBe(true);
      expectProblem(await regions(), 401);
    }
  });

  it('a token created by another process works at once', async () => {
    const { token } = new TokenStore(api.tokensFile).create({ actor: 'new', role: 'controller' });
    await api.http.get('/api/v1/regions').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('an unreadable token file refuses everyone with a 503 until it is repaired', async () => {
    api.token('controller', { actor: 'carla', role: 'controller' });
    const good = readFileSync(api.tokensFile, 'utf8');
    writeFileSync(api.tokensFile, '{"tokens": [ broken');
    const response = await regions();
    expect(expectProblem(response, 503).code).toBe('TOKENS_UNAVAILABLE');
    expect(JSON.stringify(response.body)).not.toContain(api.dir);
    writeFileSync(api.tokensFile, good);
    await regions().expect(200);
  });
});

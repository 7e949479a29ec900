import { commandsOf, startApi, TestApi } from '../support/api';

/**
 * A letter prints the ledger hash of the history it came from. After later events the head moves on,
 * so `expect` no longer matches; `contains` (HTTP) and the region page's hash field (the pages) say
 * whether the letter's hash is a head the intact chain passed through.
 */
const regionOf = (file: string) =>
  String(commandsOf(file).find((command) => command.command === 'RegisterRegion')!.regionId);
const textOf = (page: string) => page.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

let api: TestApi;
const region = regionOf('holland-rijnland.jsonl');
let letterHash: string;
let events: number;

beforeAll(async () => {
  api = await startApi(['holland-rijnland.jsonl']);
  api.token('controller', { actor: 'carla', role: 'controller' });
  const verified = await api.http.get(`/api/v1/regions/${region}/verify`).set(api.as('controller')).expect(200);
  letterHash = verified.body.ledgerHash;
  events = verified.body.events;
  // the history goes on after the letter: a payment for a later year
  await api.http
    .post('/api/v1/commands')
    .set(api.as('admin'))
    .send({
      command: 'RecordRijkPayment',
      regionId: region,
      paymentId: 'na-de-brief',
      year: 2030,
      scheme: 'MO',
      basis: 'objective',
      recipient: 'GM0546',
      amount: '1000.00',
    })
    .expect(201);
});
afterAll(() => api.close());

describe('checking the hash on an old letter', () => {
  it('HTTP: expect now fails, contains names after which event the chain had that head', async () => {
    await api.http
      .get(`/api/v1/regions/${region}/verify`)
      .query({ expect: letterHash })
      .set(api.as('controller'))
      .expect(409);
    const found = await api.http
      .get(`/api/v1/regions/${region}/verify`)
      .query({ contains: letterHash })
      .set(api.as('controller'))
      .expect(200);
    expect(found.body).toMatchObject({
      regionId: region,
      intact: true,
      events: events + 1,
      contains: { hash: letterHash, event: events, of: events + 1, current: false },
    });
    expect(found.body.contains.recordedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const current = await api.http
      .get(`/api/v1/regions/${region}/verify`)
      .query({ contains: found.body.ledgerHash })
      .set(api.as('controller'))
      .expect(200);
    expect(current.body.contains).toMatchObject({ event: events + 1, of: events + 1, current: true });
  });

  it('HTTP: a hash the chain never had is a 409 naming it; a malformed one or both parameters a 400', async () => {
    const other = 'd'.repeat(64);
    const missing = await api.http
      .get(`/api/v1/regions/${region}/verify`)
      .query({ contains: other })
      .set(api.as('controller'))
      .expect(409);
    expect(missing.body.code).toBe('LEDGER_HASH_NOT_IN_CHAIN');
    expect(missing.body.detail).toContain(`hash ${other} is not in its chain`);
    await api.http
      .get(`/api/v1/regions/${region}/verify`)
      .query({ contains: 'abc' })
      .set(api.as('controller'))
      .expect(400);
    await api.http
      .get(`/api/v1/regions/${region}/verify`)
      .query({ contains: letterHash, expect: letterHash })
      .set(api.as('controller'))
      .expect(400);
  });

  it('the region page: "Controleer de geschiedenis" with the letter\'s hash says where it stands, in Dutch', async () => {
    const page = await api.http
      .post(`/ui/regions/${region}/verify`)
      .set(api.as('controller'))
      .type('form')
      .send({ hash: letterHash.toUpperCase() })
      .expect(201);
    const text = textOf(page.text);
    expect(text).toContain(`De hash ${letterHash} is de kop van de keten na gebeurtenis ${events} van ${events + 1}`);
    expect(text).toContain('het document komt uit deze geschiedenis; daarna is 1 gebeurtenis vastgelegd.');
    expect(page.text).toContain('class="notice ok"');
    const other = await api.http
      .post(`/ui/regions/${region}/verify`)
      .set(api.as('controller'))
      .type('form')
      .send({ hash: 'e'.repeat(64) })
      .expect(201);
    expect(textOf(other.text)).toContain('komt niet voor in de keten van deze regio');
    expect(other.text).toContain('class="notice error"');
    const malformed = await api.http
      .post(`/ui/regions/${region}/verify`)
      .set(api.as('controller'))
      .type('form')
      .send({ hash: 'brief' })
      .expect(201);
    expect(textOf(malformed.text)).toContain('is geen ledger-hash');
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegionQueries } from '@libs/queries';
import { geldstroom } from '../support/cli';
import { regionalCost, startApi, TestApi } from '../support/api';

/**
 * Statements are sent from the service's cache of rendered statements, keyed by the history they were
 * folded from: a repeat costs no fold, a client holding the current ETag gets 304, and whatever is
 * recorded — by this service or by another process on the same store — is in the very next answer.
 * Who may read is checked on every request, cached or not.
 */
describe('statement ETags and the rendered-statement cache', () => {
  let api: TestApi;
  const statement = (year: number, query = '') => `/api/v1/regions/holland-rijnland/statements/${year}${query}`;

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl']);
    api.token('controller', { actor: 'c1', role: 'controller' });
    api.token('elsewhere', { actor: 'g1', role: 'municipality', municipality: 'GM9901' });
  });
  afterAll(() => api.close());

  /** Records a regional cost from another process: the CLI, on the service's SQLite file. */
  function recordElsewhere(costId: string, amount: string): void {
    const file = join(api.dir, `${costId}.jsonl`);
    writeFileSync(file, `${JSON.stringify(regionalCost(costId, { amount }))}\n`);
    const run = geldstroom(['apply', file, '--store', `sqlite:${join(api.dir, 'ledger.db')}`]);
    expect([run.status, run.stderr]).toEqual([0, expect.stringMatching(/^recorded 1 event\(s\)/)]);
  }

  it('a statement has a strong ETag and may be kept only by the asker, revalidated before use', async () => {
    const first = await api.http.get(statement(2024)).set(api.as('controller')).expect(200);
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{64}-2024-json"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const again = await api.http.get(statement(2024)).set(api.as('controller')).expect(200);
    expect([again.headers.etag, again.text]).toEqual([first.headers.etag, first.text]);
    // the statement the queries build now, byte for byte
    const fresh = await api.created.app.get(RegionQueries).statement({ regionId: 'holland-rijnland', year: 2024 });
    expect(again.text).toBe(JSON.stringify(fresh));
  });

  it('If-None-Match with the current ETag: 304 without a body', async () => {
    const { etag } = (await api.http.get(statement(2024)).set(api.as('controller')).expect(200)).headers;
    const notModified = await api.http
      .get(statement(2024))
      .set(api.as('controller'))
      .set('If-None-Match', etag)
      .expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(etag);
    await api.http.get(statement(2024)).set(api.as('controller')).set('If-None-Match', '"other"').expect(200);
  });

  it('the token is checked on every request, also when the ETag matches', async () => {
    const { etag } = (await api.http.get(statement(2024)).set(api.as('controller')).expect(200)).headers;
    await api.http.get(statement(2024)).set('If-None-Match', etag).expect(401);
    await api.http.get(statement(2024)).set(api.as('elsewhere')).set('If-None-Match', etag).expect(403);
    await api.http.get(statement(2024)).set(api.as('elsewhere')).expect(403);
  });

  it('CSV in each locale has an ETag of its own', async () => {
    const json = (await api.http.get(statement(2024)).set(api.as('controller')).expect(200)).headers.etag;
    const nl = await api.http.get(statement(2024, '?format=csv')).set(api.as('controller')).expect(200);
    const en = await api.http.get(statement(2024, '?format=csv&locale=en')).set(api.as('controller')).expect(200);
    expect(new Set([json, nl.headers.etag, en.headers.etag]).size).toBe(3);
    expect(nl.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(nl.headers['content-disposition']).toBe('attachment; filename="holland-rijnland-2024.csv"');
    expect(nl.text).not.toBe(en.text);
    await api.http
      .get(statement(2024, '?format=csv'))
      .set(api.as('controller'))
      .set('If-None-Match', nl.headers.etag)
      .expect(304);
  });

  it('what another process records is in the next answer: a new ETag, and the new statement', async () => {
    const before2024 = (await api.http.get(statement(2024)).set(api.as('controller')).expect(200)).headers.etag;
    await api.http.get(statement(2025)).set(api.as('controller')).expect(404);

    recordElsewhere('elders-1', '100.00');
    const first = await api.http.get(statement(2025)).set(api.as('controller')).expect(200);
    // every event changes the region's history, so every year's ETag changes with it
    const after2024 = await api.http.get(statement(2024)).set(api.as('controller')).set('If-None-Match', before2024);
    expect(after2024.status).toBe(200);
    expect(after2024.headers.etag).not.toBe(before2024);

    recordElsewhere('elders-2', '250.00');
    const second = await api.http
      .get(statement(2025))
      .set(api.as('controller'))
      .set('If-None-Match', first.headers.etag)
      .expect(200);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    expect(second.text).not.toBe(first.text);
    expect(second.body.ledgerHash).not.toBe(first.body.ledgerHash);
  });

  it('what the service records itself is in the next answer too', async () => {
    const before = await api.http.get(statement(2025)).set(api.as('controller')).expect(200);
    await api.http
      .post('/api/v1/commands')
      .set(api.as('admin'))
      .send(regionalCost('hier-1', { amount: '75.00', provider: 'Hier' }))
      .expect(201);
    const after = await api.http
      .get(statement(2025))
      .set(api.as('controller'))
      .set('If-None-Match', before.headers.etag)
      .expect(200);
    expect(after.text).not.toBe(before.text);
  });
});

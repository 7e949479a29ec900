import { parse } from 'csv-parse/sync';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectProblem, startApi, TestApi } from '../support/api';
import { installed, pdfText } from '../support/documents';

/** Letters, the journal CSV and its mapping over HTTP: what the web pages link to. */
describe('documents over HTTP', () => {
  let api: TestApi;
  const binary = (path: string, token = 'admin') =>
    api.http
      .get(path)
      .set(api.as(token))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl']);
    api.token('leiden', { actor: 'leiden', role: 'municipality', municipality: 'GM0546' });
  });
  afterAll(() => api.close());

  it("serves a municipality's letter as a PDF download, with its due in Dutch", async () => {
    const response = await binary('/api/v1/regions/holland-rijnland/letters/2024/GM0484');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="holland-rijnland-2024-GM0484.pdf"');
    expect((response.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    if (!installed('pdftotext')) {
      console.warn('pdftotext is not installed: the letter text was NOT checked');
      return;
    }
    const file = join(api.dir, 'GM0484.pdf');
    writeFileSync(file, response.body as Buffer);
    const text = pdfText(file);
    expect(text).toMatch(/U ontvangt van de centrumgemeente Leiden\s+€ 8\.499\.086,21/);
    // the service's clock (fixed in the tests) is the letter's date
    expect(text).toContain('15 januari 2026');
  });

  it('serves all letters of a year in one PDF, one after another, also to a member municipality', async () => {
    const response = await binary('/api/v1/regions/holland-rijnland/letters/2024', 'leiden');
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="holland-rijnland-2024-brieven.pdf"');
    if (!installed('pdftotext')) return;
    const file = join(api.dir, 'all.pdf');
    writeFileSync(file, response.body as Buffer);
    const text = pdfText(file);
    expect(text.match(/pagina 1 van \d/g)).toHaveLength(13);
    expect(text).toContain('van de gemeente Zoeterwoude (GM0638)');
  });

  it('answers a letter it cannot write with a problem', async () => {
    expectProblem(await api.http.get('/api/v1/regions/holland-rijnland/letters/2024/GM9999').set(api.as('admin')), 404);
    expectProblem(await api.http.get('/api/v1/regions/holland-rijnland/letters/2030/GM0484').set(api.as('admin')), 404);
    const bad = expectProblem(
      await api.http.get('/api/v1/regions/holland-rijnland/letters/2024/Leiden').set(api.as('admin')),
      400,
    );
    expect(bad.field).toBe('code');
  });

  it('serves the journal CSV (Dutch or machine form) and its starting mapping', async () => {
    const dutch = await api.http
      .get('/api/v1/regions/holland-rijnland/export?format=journal-csv&year=2024')
      .set(api.as('leiden'))
      .expect(200);
    expect(dutch.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(dutch.text.startsWith('\uFEFFboekdatum;boekjaar;gebeurtenis;')).toBe(true);
    const machine = await api.http
      .get('/api/v1/regions/holland-rijnland/export?format=journal-csv&year=2024&locale=en')
      .set(api.as('admin'))
      .expect(200);
    const [header, ...rows] = parse(machine.text);
    const amount = header.indexOf('bedrag');
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.reduce((sum, row) => sum + BigInt(row[amount].replace('.', '')), 0n)).toBe(0n);
    expect(rows.every((row) => row[header.indexOf('boekdatum')] === '2024-12-31')).toBe(true);
    const taskFields = new Set(
      rows.map((row) => `${row[header.indexOf('rekening')].split(':')[2]}=${row[header.indexOf('taakveld')]}`),
    );
    expect(taskFields).toContain('bw=6.81a');
    expect(taskFields).toContain('mo=6.81b');
    const mapping = await api.http
      .get('/api/v1/regions/holland-rijnland/export?format=journal-mapping')
      .set(api.as('admin'))
      .expect(200);
    expect(mapping.headers['content-disposition']).toBe('attachment; filename="grootboek-holland-rijnland.csv"');
    expect(mapping.text).toContain('municipality:*:bw;;;6.81a;');
    expectProblem(
      await api.http.get('/api/v1/regions/holland-rijnland/export?format=hledger&locale=en').set(api.as('admin')),
      400,
    );
    expectProblem(
      await api.http
        .get('/api/v1/regions/holland-rijnland/export?format=journal-mapping&year=2024')
        .set(api.as('admin')),
      400,
    );
  });
});

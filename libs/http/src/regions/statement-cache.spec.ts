import { etagOf, StatementCache, StatementKey } from './statement-cache';

const key = (year: number, ledgerHash = 'a'.repeat(64), form = 'json'): StatementKey => ({
  regionId: 'r',
  year,
  form,
  ledgerHash,
});

describe('the rendered-statement cache', () => {
  it('renders a statement once per history, year and form', () => {
    const cache = new StatementCache();
    let renders = 0;
    const render = () => {
      renders += 1;
      return { body: Buffer.from(`{"n":${renders}}`), type: 'application/json' };
    };
    const first = cache.get(key(2024), render);
    expect(cache.get(key(2024), render)).toBe(first);
    expect(renders).toBe(1);
    cache.get(key(2024, 'b'.repeat(64)), render);
    cache.get(key(2025), render);
    cache.get(key(2024, 'a'.repeat(64), 'csv-nl'), render);
    cache.get({ ...key(2024), asOf: new Date('2024-06-01T00:00:00Z') }, render);
    expect(renders).toBe(5);
    expect(first.etag).toBe(`"${'a'.repeat(64)}-2024-json"`);
  });

  it('keeps at most its number of entries, dropping the least recently used', () => {
    const cache = new StatementCache({ maxEntries: 2, maxBytes: 1 << 20 });
    const render = () => ({ body: Buffer.from('{}'), type: 'application/json' });
    cache.get(key(2021), render);
    cache.get(key(2022), render);
    cache.get(key(2021), render); // used again: 2022 is now the oldest
    cache.get(key(2023), render);
    expect(cache.size).toBe(2);
    let rendered = false;
    cache.get(key(2021), () => ((rendered = true), render()));
    expect(rendered).toBe(false);
    cache.get(key(2022), () => ((rendered = true), render()));
    expect(rendered).toBe(true);
  });

  it('keeps at most its number of bytes', () => {
    const cache = new StatementCache({ maxEntries: 100, maxBytes: 10_000 });
    for (let year = 2000; year < 2020; year += 1)
      cache.get(key(year), () => ({ body: Buffer.alloc(3_000), type: 'text/csv' }));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBe(3);
  });

  it('a rendering larger than the whole cache is sent, not kept', () => {
    const cache = new StatementCache({ maxEntries: 100, maxBytes: 1_000 });
    const rendered = cache.get(key(2024), () => ({ body: Buffer.alloc(5_000), type: 'text/csv' }));
    expect(rendered.body.length).toBe(5_000);
    expect(cache.size).toBe(0);
  });

  it('an ETag names the moment asked about, so a statement as of a moment is another representation', () => {
    expect(etagOf({ ...key(2024), asOf: new Date(0) })).not.toBe(etagOf(key(2024)));
  });
});

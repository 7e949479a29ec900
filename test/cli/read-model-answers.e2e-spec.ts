import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';

/**
 * `statement` and `balances` answer from the persistent read models when they are current for the
 * region (derived at the stream's last revision), and fold otherwise — deriving the region's read models
 * again for the next process. Both ways must give the same bytes, also after another process appended.
 */
describe('statement and balances from the read models', () => {
  const temp = tempDir('geldstroom-read-model-answers-');
  const path = join(temp.dir, 'ledger.db');
  const store = ['--store', `sqlite:${path}`];
  const lines = readFileSync(join(EXAMPLES, 'holland-rijnland-open.jsonl'), 'utf8').trim().split('\n');
  const QUESTIONS: readonly string[][] = [
    ['statement', '--format', 'json'],
    ['statement', '--format', 'table'],
    ['statement', '--format', 'csv'],
    ['statement', '--format', 'csv', '--locale', 'en'],
    ['balances', '--format', 'json'],
    ['balances', '--format', 'table'],
  ];
  afterAll(() => temp.cleanup());

  function apply(name: string, commands: readonly string[]): void {
    const file = join(temp.dir, name);
    writeFileSync(file, `${commands.join('\n')}\n`);
    const result = geldstroom(['apply', file, ...store]);
    expect(result.stderr).toMatch(/recorded/);
    expect(result.status).toBe(0);
  }

  function ask(question: readonly string[]): string {
    const result = geldstroom([...question, '--region', 'holland-rijnland', '--year', '2024', ...store]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return result.stdout;
  }

  /** The documents the read models hold for the region, by kind and year, with their revisions. */
  function documents(): { kind: string; key: string; revision: number }[] {
    const db = new Database(path, { readonly: true });
    try {
      return db
        .prepare(
          "SELECT kind, key, revision FROM derived WHERE stream_id = 'region-holland-rijnland' AND kind IN ('statement', 'balances', 'chain-point') ORDER BY kind, key",
        )
        .all() as { kind: string; key: string; revision: number }[];
    } finally {
      db.close();
    }
  }

  const lastRevision = () => {
    const db = new Database(path, { readonly: true });
    try {
      return (
        db.prepare("SELECT revision FROM streams WHERE stream_id = 'region-holland-rijnland'").get() as {
          revision: number;
        }
      ).revision;
    } finally {
      db.close();
    }
  };

  it('give byte for byte what the fold gives, before and after another process appended', () => {
    apply('first.jsonl', lines.slice(0, -1));
    expect(documents()).toEqual([]);
    // folded: no read model yet; the fold derives them for the next process
    const folded = QUESTIONS.map(ask);
    expect(documents().map(({ kind, key }) => `${kind}/${key}`)).toEqual([
      'balances/2023',
      'balances/2024',
      'chain-point/',
      'statement/2023',
      'statement/2024',
    ]);
    expect(new Set(documents().map(({ revision }) => revision))).toEqual(new Set([lastRevision()]));
    expect(QUESTIONS.map(ask)).toEqual(folded);

    // another process appends: the read models are stale, the next answer is folded and new
    apply('last.jsonl', lines.slice(-1));
    const after = QUESTIONS.map(ask);
    expect(after[0]).not.toEqual(folded[0]);
    expect(new Set(documents().map(({ revision }) => revision))).toEqual(new Set([lastRevision()]));
    expect(QUESTIONS.map(ask)).toEqual(after);

    // and a fold from scratch (no read models at all) says the same again
    const db = new Database(path);
    db.prepare('DELETE FROM derived').run();
    db.close();
    expect(QUESTIONS.map(ask)).toEqual(after);
  });

  it('are what a current answer is read from (a document changed behind the store’s back shows)', () => {
    const db = new Database(path);
    const body = JSON.parse(
      (db.prepare("SELECT body FROM derived WHERE kind = 'statement' AND key = '2024'").get() as { body: string }).body,
    ) as { regionName: string };
    db.prepare("UPDATE derived SET body = ? WHERE kind = 'statement' AND key = '2024'").run(
      JSON.stringify({ ...body, regionName: 'read from the read model' }),
    );
    db.close();
    expect(JSON.parse(ask(['statement'])).regionName).toBe('read from the read model');
    // as of a moment, the history is folded
    expect(JSON.parse(ask(['statement', '--as-of', '2999-01-01T00:00:00Z'])).regionName).toBe(body.regionName);
  });

  it('are not answered from when the last stored event is no longer the one they were derived at', () => {
    expect(documents().length).toBeGreaterThan(0);
    // an edit the store's triggers do not see (as a change of the file's bytes would be)
    const db = new Database(path);
    db.exec('DROP TRIGGER events_changed');
    const last = db
      .prepare(
        "SELECT position, data FROM events WHERE stream_id = 'region-holland-rijnland' ORDER BY revision DESC LIMIT 1",
      )
      .get() as { position: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(last.data.replace('2024', '2025'), last.position);
    db.close();
    expect(documents().length).toBeGreaterThan(0);
    const result = geldstroom(['statement', '--region', 'holland-rijnland', '--year', '2024', ...store]);
    expect(result.stdout).toBe('');
    // folded instead, which finds the edit: a broken history is refused (exit 1), as without read models
    expect(result.stderr).toMatch(/revision \d+ edited: its content does not match its hash/);
    expect(result.status).toBe(1);
  });
});

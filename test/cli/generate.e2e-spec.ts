import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { geldstroom, tempDir } from '../support/cli';

describe('geldstroom generate', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  const small = ['--regions', '3', '--years', '3', '--seed', 's9'];

  it('writes the same bytes for the same arguments, and a file that apply records without a rejection', () => {
    const first = join(temp.dir, 'first.jsonl');
    const second = join(temp.dir, 'second.jsonl');
    const made = geldstroom(['generate', ...small, '--out', first]);
    expect(made.status).toBe(0);
    expect(made.stderr).toMatch(/^generated \d+ commands: 3 region\(s\) × 3 year\(s\) from 2023, seed s9, in /);
    expect(geldstroom(['generate', ...small, '--out', second]).status).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
    expect(geldstroom(['generate', ...small]).stdout).toBe(readFileSync(first, 'utf8'));

    const commands = readFileSync(first, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{')).length;
    const applied = geldstroom(['apply', first, '--store', temp.store]);
    expect(applied.stderr).toMatch(new RegExp(`^recorded \\d+ event\\(s\\) from ${commands} command\\(s\\)`));
    expect(applied.status).toBe(0);
    const region = JSON.parse(readFileSync(first, 'utf8').split('\n')[1]).regionId;
    const statement = geldstroom(['statement', '--region', region, '--year', '2025', '--store', temp.store]);
    expect(statement.status).toBe(0);
    expect(JSON.parse(statement.stdout).closed).toBe(true);
  });

  it('refuses an option out of range as a usage error, and writes nothing', () => {
    const out = join(temp.dir, 'never.jsonl');
    const result = geldstroom(['generate', '--regions', '0', '--out', out]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--regions must be a whole number from 1 to 79, got "0"/);
    expect(() => readFileSync(out)).toThrow();
    expect(geldstroom(['generate', '--seed', 'two words']).status).toBe(2);
  });
});

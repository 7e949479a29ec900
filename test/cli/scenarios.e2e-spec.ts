import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { differences, EXAMPLES, EXPECTED, geldstroom, tempDir, withoutLedgerHash } from '../support/cli';
import { SCENARIOS } from '../support/scenarios';

const expected = (name: string) => JSON.parse(readFileSync(join(EXPECTED, `${name}.json`), 'utf8'));

function statement(store: string, region: string, year: number) {
  const result = geldstroom(['statement', '--region', region, '--year', String(year), '--store', store]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe.each(SCENARIOS.map((scenario) => [scenario.file, scenario.statements] as const))(
  'scenario %s through the CLI on SQLite',
  (file, statements) => {
    const temp = tempDir();
    afterAll(() => temp.cleanup());

    it('applies', () => {
      const result = geldstroom(['apply', join(EXAMPLES, file), '--store', temp.store]);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/recorded \d+ event\(s\)/);
    });

    it.each(statements)('matches the expected statement of %s %s to the cent', (region, year, name) => {
      expect(differences(statement(temp.store, region, year), expected(name))).toEqual([]);
    });

    it('applied twice leaves every statement and balance exactly as it was', () => {
      // (an allocation run in an open year records its marker again, so the ledger hash may move on)
      const before = statements.map(([region, year]) => [
        withoutLedgerHash(statement(temp.store, region, year)),
        geldstroom(['balances', '--region', region, '--year', String(year), '--store', temp.store]).stdout,
      ]);
      const again = geldstroom(['apply', join(EXAMPLES, file), '--store', temp.store]);
      expect(again.status).toBe(0);
      const after = statements.map(([region, year]) => [
        withoutLedgerHash(statement(temp.store, region, year)),
        geldstroom(['balances', '--region', region, '--year', String(year), '--store', temp.store]).stdout,
      ]);
      expect(after).toEqual(before);
    });
  },
);

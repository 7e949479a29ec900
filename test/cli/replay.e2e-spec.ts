import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, geldstroom, tempDir, withoutLedgerHash } from '../support/cli';

const json = (args: string[]) => {
  const result = geldstroom(args);
  if (result.status !== 0) throw new Error(`geldstroom ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
};
const lines = (file: string) => readFileSync(join(EXAMPLES, file), 'utf8').split('\n');
const isCommand = (line: string, command: string, fields: Record<string, unknown> = {}) => {
  if (!line.trim().startsWith('{')) return false;
  const parsed = JSON.parse(line);
  return parsed.command === command && Object.entries(fields).every(([key, value]) => parsed[key] === value);
};

/**
 * The promise of a what-if: replaying the recorded history under a revision gives exactly the
 * statements a fresh ledger would have recorded had the revision been in the command file all along.
 */
describe('what-if replay equals a fresh ledger with the revision', () => {
  const temp = tempDir();
  const file = (name: string, content: string[]) => {
    const path = join(temp.dir, name);
    writeFileSync(path, content.join('\n'));
    return path;
  };
  afterAll(() => temp.cleanup());

  function expectReplayEqualsFresh(
    example: string,
    region: string,
    years: number[],
    revisions: string[],
    revisedFile: string[],
  ) {
    const recordedStore = `sqlite:${join(temp.dir, `${region}-${revisions.length}-recorded.db`)}`;
    const freshStore = `sqlite:${join(temp.dir, `${region}-${revisions.length}-fresh-${Date.now()}.db`)}`;
    expect(geldstroom(['apply', join(EXAMPLES, example), '--store', recordedStore]).status).toBe(0);
    const eventsBefore = geldstroom([
      'balances',
      '--region',
      region,
      '--year',
      String(years[0]),
      '--store',
      recordedStore,
    ]).stdout;
    const revision = file(`revision-${region}-${Date.now()}.jsonl`, revisions);
    const report = json(['replay', '--region', region, '--with', revision, '--store', recordedStore]);
    expect(
      geldstroom(['apply', file(`revised-${region}-${Date.now()}.jsonl`, revisedFile), '--store', freshStore]).status,
    ).toBe(0);
    expect(Object.keys(report.years).map(Number)).toEqual(expect.arrayContaining(years));
    for (const year of years) {
      // a what-if has no recorded history, so no ledger hash
      const fresh = withoutLedgerHash(
        json(['statement', '--region', region, '--year', String(year), '--store', freshStore]),
      );
      const recorded = withoutLedgerHash(
        json(['statement', '--region', region, '--year', String(year), '--store', recordedStore]),
      );
      expect(report.years[String(year)].replayed).toEqual(fresh);
      expect(report.years[String(year)].recorded).toEqual(recorded);
    }
    // nothing was recorded by the what-if
    expect(
      geldstroom(['balances', '--region', region, '--year', String(years[0]), '--store', recordedStore]).stdout,
    ).toBe(eventsBefore);
    return report;
  }

  it('a revised key version and a revised reserve agreement replace the recorded ones', () => {
    const revisions = lines('revised-keys.jsonl').filter((line) => line.startsWith('{'));
    const original = lines('holland-rijnland.jsonl');
    const revised = original.map((line) =>
      isCommand(line, 'AdoptDistributionKey', { keyId: 'bw-objective', version: 1 })
        ? revisions[0]
        : isCommand(line, 'AdoptReserveAgreement')
          ? revisions[1]
          : line,
    );
    const report = expectReplayEqualsFresh(
      'holland-rijnland.jsonl',
      'holland-rijnland',
      [2023, 2024],
      revisions,
      revised,
    );
    expect(report.revisions).toEqual([
      { type: 'AdoptDistributionKey', identity: 'bw-objective v1', replaced: 1 },
      { type: 'AdoptReserveAgreement', identity: 'AdoptReserveAgreement from 2023 (v1)', replaced: 1 },
    ]);
    const difference = report.years['2024'].difference;
    const { recorded, replayed } = report.years['2024'];
    expect(BigInt(difference.bw.toReserve.replace('.', ''))).toBe(
      BigInt(replayed.bw.toReserve.replace('.', '')) - BigInt(recorded.bw.toReserve.replace('.', '')),
    );
    expect(difference.bw.toReserve).not.toBe('0.00');
    expect(difference.municipalities.GM0546.name).toBe('Leiden');
  });

  it('a key version that was never recorded is added as if adopted first', () => {
    const newVersion = JSON.stringify({
      command: 'AdoptDistributionKey',
      regionId: 'holland-rijnland',
      keyId: 'mo-objective',
      version: 2,
      validFrom: 2024,
      unit: 'weight',
      basis: 'Inwoners 2024 (illustratief)',
      weights: {
        GM0484: '114000',
        GM0534: '22800',
        GM1884: '28300',
        GM0537: '67500',
        GM0546: '128500',
        GM0547: '28200',
        GM0553: '23200',
        GM0569: '29300',
        GM0575: '44300',
        GM0579: '25600',
        GM1525: '38300',
        GM0626: '25600',
        GM0638: '8600',
      },
    });
    const original = lines('holland-rijnland.jsonl');
    const at = original.findIndex((line) => isCommand(line, 'RegisterRegion')) + 1;
    const report = expectReplayEqualsFresh(
      'holland-rijnland.jsonl',
      'holland-rijnland',
      [2023, 2024],
      [newVersion],
      [...original.slice(0, at), newVersion, ...original.slice(at)],
    );
    expect(report.revisions[0].replaced).toBe(0);
    expect(report.years['2023'].difference.municipalities.GM0546.mo.regionalShare).toBe('0.00');
    expect(report.years['2024'].difference.municipalities.GM0546.mo.regionalShare).not.toBe('0.00');
  });

  it('a revised solidarity agreement, on the AEF example', () => {
    const capped = lines('aef-solidarity.jsonl')
      .find((line) => isCommand(line, 'AdoptSolidarityAgreement', { regionId: 'aef-income' }))!
      .replace('"cap": false', '"cap": true');
    const original = lines('aef-solidarity.jsonl').filter(
      (line) => !line.startsWith('{') || JSON.parse(line).regionId === 'aef-income',
    );
    const revised = original.map((line) => (isCommand(line, 'AdoptSolidarityAgreement') ? capped : line));
    const report = expectReplayEqualsFresh('aef-solidarity.jsonl', 'aef-income', [2025], [capped], revised);
    expect(report.years['2025'].replayed.solidarity.volume).toBe('10000000.00');
    expect(report.years['2025'].difference.solidarity.transfers).toEqual({
      GM9901: '-10000000.00',
      GM9902: '10000000.00',
    });
  });

  it('a history with a reopened year replays in recorded order', () => {
    const revision = JSON.stringify({
      command: 'AdoptDistributionKey',
      regionId: 'regio-zuid',
      keyId: 'bw-objective',
      version: 1,
      validFrom: 2024,
      unit: 'percent',
      basis: 'herzien',
      weights: { GM0101: '40.0', GM0102: '25.0', GM0103: '20.0', GM0104: '15.0' },
    });
    const revised = lines('regio-zuid-meerjarig.jsonl').map((line) =>
      isCommand(line, 'AdoptDistributionKey', { keyId: 'bw-objective', version: 1 }) ? revision : line,
    );
    const report = expectReplayEqualsFresh(
      'regio-zuid-meerjarig.jsonl',
      'regio-zuid',
      [2024, 2025, 2026],
      [revision],
      revised,
    );
    expect(report.years['2024'].difference.municipalities.GM0101.bw.regionalContribution).not.toBe('0.00');
    const text = geldstroom([
      'replay',
      '--region',
      'regio-zuid',
      '--with',
      file('text.jsonl', [revision]),
      '--format',
      'text',
      '--store',
      `sqlite:${join(temp.dir, 'regio-zuid-1-recorded.db')}`,
    ]);
    expect(text.stdout).toMatch(/GM0101 Centrumstad\s+BW Bijdrage /);
  });

  it('accepts only keys and agreements for the region in the revision file', () => {
    const store = `sqlite:${join(temp.dir, 'holland-rijnland-2-recorded.db')}`;
    const payment = file('payment.jsonl', [
      '# not a revision',
      JSON.stringify({ command: 'RunAllocation', regionId: 'holland-rijnland', year: 2023 }),
    ]);
    const refused = geldstroom(['replay', '--region', 'holland-rijnland', '--with', payment, '--store', store]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/payment\.jsonl:2: RunAllocation: a what-if revises only AdoptDistributionKey/);
    const other = file('other.jsonl', [
      lines('revised-keys.jsonl')
        .find((line) => line.startsWith('{'))!
        .replace('holland-rijnland', 'elders'),
    ]);
    expect(geldstroom(['replay', '--region', 'holland-rijnland', '--with', other, '--store', store]).stderr).toMatch(
      /other\.jsonl:1: AdoptDistributionKey.regionId/,
    );
  });
});

import { COMMAND_TYPES, parseCommand } from '@libs/domain';
import { MAX_REGION_SIZE, MIN_REGION_SIZE, nationalLayout } from './national-layout';
import { SeededRandom } from './seeded-random';
import { NATIONAL_SET, SyntheticSetOptions, syntheticCommands, syntheticLines } from './synthetic-set';

const SMALL: SyntheticSetOptions = { ...NATIONAL_SET, regions: 3, years: 3, seed: 's9' };
const text = (options: SyntheticSetOptions) => [...syntheticLines(options)].join('\n');

describe('the seeded random source', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: string) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 50 }, () => random.uint32());
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('draws whole cents inside the range, beyond 2^53 too', () => {
    const random = new SeededRandom('cents');
    for (let index = 0; index < 1000; index += 1) {
      const cents = random.cents(-5n, 10n ** 17n);
      expect(typeof cents).toBe('bigint');
      expect(cents >= -5n && cents <= 10n ** 17n).toBe(true);
    }
  });
});

describe('the synthetic set', () => {
  it('is deterministic: the same options give byte-identical files, another seed another file', () => {
    expect(text(SMALL)).toBe(text(SMALL));
    expect(text({ ...SMALL, seed: 's10' })).not.toBe(text(SMALL));
  });

  it('is a valid command file: every line parses as a command, with amounts as decimal strings', () => {
    const lines = [...syntheticLines(SMALL)];
    expect(lines[0]).toMatch(/^# Geldstroom synthetic data set .*--regions 3 --years 3 .*--seed s9$/);
    const amount = expect.stringMatching(/^-?\d+\.\d{2}$/);
    for (const line of lines.slice(1)) {
      const json = JSON.parse(line) as Record<string, unknown>;
      expect(() => parseCommand(json)).not.toThrow();
      if ('amount' in json) expect(json.amount).toEqual(amount);
      if (json.command === 'RecordLocalExpenditure')
        expect([json.careCosts, json.executionCosts]).toEqual([amount, amount]);
    }
  });

  it('holds every kind of fact a region records, runs and closings of every year, and a reopened year', () => {
    const commands = [...syntheticCommands(SMALL)];
    const kinds = new Set(commands.map((command) => command.command));
    const expected = COMMAND_TYPES.filter((kind) => kind !== 'RecordInhabitants');
    expect([...kinds].sort()).toEqual(expected.sort());
    for (const year of [2023, 2024, 2025]) {
      const closings = commands.filter((command) => command.command === 'CloseYear' && command.year === year);
      expect(closings.length).toBeGreaterThanOrEqual(SMALL.regions);
    }
    const negative = commands.filter(
      (command) => command.command === 'RecordRijkPayment' && String(command.amount).startsWith('-'),
    );
    expect(negative.length).toBeGreaterThan(0);
    expect(
      commands.some(
        (command) =>
          command.command === 'RecordRijkPayment' && String(command.reference).includes('decembercirculaire'),
      ),
    ).toBe(true);
  });

  it('lays out regions of 4–25 municipalities with unique GM codes and one central municipality each', () => {
    const layout = nationalLayout(NATIONAL_SET.seed, NATIONAL_SET.regions, NATIONAL_SET.providers);
    const codes = layout.flatMap((region) => region.members.map((member) => member.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((code) => /^GM\d{4}$/.test(code))).toBe(true);
    expect(new Set(layout.map((region) => region.regionId)).size).toBe(layout.length);
    for (const region of layout) {
      expect(region.members.length).toBeGreaterThanOrEqual(MIN_REGION_SIZE);
      expect(region.members.length).toBeLessThanOrEqual(MAX_REGION_SIZE);
      expect(region.members.filter((member) => member.code === region.central.code)).toHaveLength(1);
      expect(Math.max(...region.members.map((member) => member.inhabitants))).toBe(region.central.inhabitants);
    }
    // the Netherlands has 342 municipalities in 43 BW/MO regions
    expect(codes.length).toBeGreaterThan(300);
    expect(codes.length).toBeLessThan(420);
  });

  it('makes a smaller set out of the first regions of the national one', () => {
    const registrations = (options: SyntheticSetOptions) =>
      [...syntheticCommands(options)].filter((command) => command.command === 'RegisterRegion');
    expect(registrations({ ...NATIONAL_SET, regions: 5 })).toEqual(registrations(NATIONAL_SET).slice(0, 5));
  });

  it('is of national size by default: 80–100k commands', () => {
    let commands = 0;
    for (const command of syntheticCommands(NATIONAL_SET)) if (command.command) commands += 1;
    expect(commands).toBeGreaterThan(80_000);
    expect(commands).toBeLessThan(100_000);
  });
});

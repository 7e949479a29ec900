import { closestName, editDistance } from './did-you-mean';

describe('did you mean', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('regions', 'regions')).toBe(0);
    expect(editDistance('regins', 'regions')).toBe(1);
    expect(editDistance('regoins', 'regions')).toBe(1);
    expect(editDistance('statment', 'statement')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  const commands = ['apply', 'statement', 'balances', 'explain', 'trace', 'replay', 'regions', 'serve', 'token'];

  it.each([
    ['regins', 'regions'],
    ['Statement', 'statement'],
    ['aply', 'apply'],
    ['sreve', 'serve'],
    ['bal', 'balances'],
    ['--regin', '--region'],
  ])('takes %s for %s', (typed, meant) => {
    expect(closestName(typed, [...commands, '--region', '--year'])).toBe(meant);
  });

  it.each([['frobnicate'], ['x'], ['re']])('suggests nothing for %s', (typed) => {
    // "re" starts both replay and regions: no single name to suggest
    expect(closestName(typed, commands)).toBeUndefined();
  });
});

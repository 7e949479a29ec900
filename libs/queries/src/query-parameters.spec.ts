import { DomainError } from '@libs/domain';
import {
  ledgerHashParameter,
  momentParameter,
  refusalOf,
  versionParameter,
  yearParameter,
  yearRangeParameter,
} from './query-parameters';

describe('query parameters: read from the text as typed or sent', () => {
  it.each(['2024-01-01', '2026-03-01T12:00Z', '2026-03-01T12:00:00Z', '2026-03-01T13:00:00.5+01:00', '2024-02-29'])(
    'takes the moment %s',
    (text) => expect(momentParameter(text, 'asOf').getTime()).toBe(Date.parse(text)),
  );

  it.each([
    '2026-02-30', // a day JavaScript's Date would move to 2 March
    '2025-02-29',
    '2026-04-31T00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T12:00', // no zone: whose noon?
    '2026-03-01T12:00:00+25:00',
    '2026-W09-1',
    '2026-060',
    'yesterday',
    '',
  ])('refuses the moment %j', (text) => {
    expect(refusalOf(momentParameter, text, 'asOf')).toMatch(/^must be an ISO 8601 moment/);
  });

  it('reads a year to a number and refuses what only looks like one', () => {
    expect(yearParameter('2024', 'year')).toBe(2024);
    expect(refusalOf(yearParameter, '0042', 'year')).toBe('must be a year between 1900 and 2999, got 42');
    expect(refusalOf(yearParameter, '2024.0', 'year')).toBe('must be a year such as "2025", got "2024.0"');
    expect(refusalOf(yearParameter, 2024, 'year')).toBe('must be a year such as "2025", got number 2024');
  });

  it('reads a range of years forward and at most 50 years wide', () => {
    expect(yearRangeParameter('2023-2025', 'years')).toEqual({ from: 2023, to: 2025 });
    expect(yearRangeParameter('2024-2024', 'years')).toEqual({ from: 2024, to: 2024 });
    expect(yearRangeParameter('1950-2000', 'years')).toEqual({ from: 1950, to: 2000 });
    expect(refusalOf(yearRangeParameter, '1950-2001', 'years')).toBe('must span at most 50 years, got "1950-2001"');
    expect(refusalOf(yearRangeParameter, '2025-2023', 'years')).toMatch(/^must run from the earlier year/);
    expect(refusalOf(yearRangeParameter, '2023-2024-2025', 'years')).toMatch(/^must be a range of years/);
  });

  it('reads a version as a whole number from 1 to 1000000', () => {
    expect(versionParameter('7', 'key-version')).toBe(7);
    for (const text of ['0', '07', '1.0', '-1', '+1', '1000001'])
      expect(() => versionParameter(text, 'key-version')).toThrow(DomainError);
  });

  it('reads a ledger hash in either case as the ledger writes it', () => {
    expect(ledgerHashParameter('AB'.repeat(32), 'expect')).toBe('ab'.repeat(32));
    expect(refusalOf(ledgerHashParameter, 'abc', 'expect')).toMatch(/64 hexadecimal digits/);
  });
});

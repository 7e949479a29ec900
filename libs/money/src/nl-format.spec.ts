import {
  formatAmountCsvNl,
  formatAmountNl,
  formatCalendarDateNl,
  formatDateLongNl,
  formatDateTimeLongNl,
  formatDateTimeNl,
  formatDecimalNl,
  formatEuroNl,
  formatPercentNl,
} from './nl-format';

describe('Dutch formatting', () => {
  it.each([
    ['5802407.00', '5.802.407,00', '€ 5.802.407,00', '5802407,00'],
    ['-115593.00', '-115.593,00', '€ -115.593,00', '-115593,00'],
    ['0.00', '0,00', '€ 0,00', '0,00'],
    ['-0.01', '-0,01', '€ -0,01', '-0,01'],
    ['999.99', '999,99', '€ 999,99', '999,99'],
  ])('renders the amount %s as %s, %s and (CSV) %s', (amount, plain, euro, csv) => {
    expect(formatAmountNl(amount)).toBe(plain);
    expect(formatEuroNl(amount)).toBe(euro);
    expect(formatAmountCsvNl(amount)).toBe(csv);
  });

  it('takes cents as well as decimal strings', () => {
    expect(formatAmountNl(580240700n)).toBe('5.802.407,00');
    expect(formatAmountCsvNl(-1n)).toBe('-0,01');
  });

  it.each([
    ['24.3', '24,3', '24,3 %'],
    ['0.125', '0,125', '0,125 %'],
    ['100', '100', '100 %'],
    ['1234.5', '1.234,5', '1.234,5 %'],
    ['19.5333', '19,5333', '19,5333 %'],
    ['0.00000000000000000001', '0,00000000000000000001', '0,00000000000000000001 %'],
  ])('renders the decimal %s as %s and as the percentage %s, digit for digit', (decimal, text, pct) => {
    expect(formatDecimalNl(decimal)).toBe(text);
    expect(formatPercentNl(decimal)).toBe(pct);
  });

  it('refuses what is not a plain decimal rather than guess', () => {
    expect(() => formatDecimalNl('1e5')).toThrow(RangeError);
    expect(() => formatDecimalNl('24,3')).toThrow(RangeError);
  });

  it.each([
    // winter time: UTC+1
    ['2026-11-23T06:30:57.941Z', '23-11-2026 07:30:57', '23 november 2026', '23 november 2026 om 07:30'],
    // summer time: UTC+2, and the date moves on at 22:00 UTC
    ['2026-07-31T22:15:00Z', '01-08-2026 00:15:00', '1 augustus 2026', '1 augustus 2026 om 00:15'],
    // the last Sunday of March 2026 at 01:00 UTC the clocks go from 02:00 to 03:00
    ['2026-03-29T00:59:59Z', '29-03-2026 01:59:59', '29 maart 2026', '29 maart 2026 om 01:59'],
    ['2026-03-29T01:00:00Z', '29-03-2026 03:00:00', '29 maart 2026', '29 maart 2026 om 03:00'],
  ])('renders %s in Dutch time as %s', (moment, dateTime, long, longTime) => {
    expect(formatDateTimeNl(moment)).toBe(dateTime);
    expect(formatDateLongNl(new Date(moment))).toBe(long);
    expect(formatDateTimeLongNl(moment)).toBe(longTime);
    expect(formatDateTimeLongNl(moment, { seconds: true })).toBe(`${longTime}:${dateTime.slice(-2)}`);
  });

  it('renders a calendar date without moving it through a time zone', () => {
    expect(formatCalendarDateNl('2024-12-31')).toBe('31-12-2024');
    expect(() => formatDateTimeNl('yesterday')).toThrow(RangeError);
  });
});

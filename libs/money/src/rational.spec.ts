import { Rational } from './rational';

describe('Rational', () => {
  it('rounds halves away from zero, to cents', () => {
    expect(Rational.fromDecimal('0.005').toCentsRounded()).toBe(1n);
    expect(Rational.fromDecimal('-0.005').toCentsRounded()).toBe(-1n);
    expect(Rational.fromDecimal('0.0049999').toCentsRounded()).toBe(0n);
    expect(Rational.fromDecimal('2.675').toCentsRounded()).toBe(268n);
  });

  it('floors towards minus infinity', () => {
    expect(Rational.of(7n, 2n).floor()).toBe(3n);
    expect(Rational.of(-7n, 2n).floor()).toBe(-4n);
    expect(Rational.of(-6n, 2n).floor()).toBe(-3n);
  });

  it('keeps thirds exact where decimals would not', () => {
    const third = Rational.of(1n, 3n);
    expect(third.add(third).add(third).compare(Rational.ONE)).toBe(0);
    expect(Rational.of(35_000_000_00n).mul(third).mul(Rational.of(3n)).floor()).toBe(35_000_000_00n);
  });

  it('computes the memo band exactly: 5% and 10% of 5,802,407.00', () => {
    const base = Rational.fromCents(580240700n);
    expect(base.mul(Rational.fromDecimal('5')).div(Rational.HUNDRED).toCentsRounded()).toBe(29012035n);
    expect(base.mul(Rational.fromDecimal('10')).div(Rational.HUNDRED).toCentsRounded()).toBe(58024070n);
  });

  it('renders decimals for explanations', () => {
    expect(Rational.fromDecimal('24.30').toDecimalString()).toBe('24.3');
    expect(Rational.of(-1n, 3n).toDecimalString(4)).toBe('-0.3333');
    expect(Rational.of(2n, 3n).toDecimalString(2)).toBe('0.67');
  });
});

import { DomainError } from '../errors';
import { parseCommand } from './parse-command';

const payment = {
  command: 'RecordRijkPayment',
  regionId: 'r',
  paymentId: 'p-1',
  year: 2024,
  scheme: 'BW',
  basis: 'historical',
  recipient: 'GM0546',
  amount: '38750000.00',
};

function rejection(raw: unknown): DomainError {
  try {
    parseCommand(raw);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('parseCommand', () => {
  it('parses amounts to cents and keeps optional fields out when absent', () => {
    const command = parseCommand(payment);
    expect(command).toEqual({
      type: 'RecordRijkPayment',
      ...payment,
      command: undefined,
      amount: 3875000000n,
      reference: undefined,
      bookDate: undefined,
    });
  });

  it('fills defaults of the reserve agreement', () => {
    const command = parseCommand({
      command: 'AdoptReserveAgreement',
      regionId: 'r',
      version: 1,
      validFrom: 2023,
      schemes: ['BW'],
      minPct: '5',
      maxPct: '10',
      base: 'budget',
    });
    expect(command).toMatchObject({
      toReservePct: '100',
      replenishTo: 'min',
      payoutTo: 'max',
      excessTo: { kind: 'municipalities' },
      base: { kind: 'budget' },
    });
  });

  it.each([
    [{ ...payment, amount: 12.5 }, 'INVALID_FIELD', 'amount', /JSON number/],
    [{ ...payment, amount: '' }, 'INVALID_FIELD', 'amount', /empty/],
    [{ ...payment, amount: '1.234' }, 'INVALID_FIELD', 'amount', /two decimals/],
    [{ ...payment, amount: '1e3' }, 'INVALID_FIELD', 'amount', /exponent/],
    [{ ...payment, year: '2024' }, 'INVALID_FIELD', 'year', /integer/],
    [{ ...payment, year: 2024.5 }, 'INVALID_FIELD', 'year', /integer/],
    [{ ...payment, year: 24 }, 'INVALID_FIELD', 'year', /between/],
    [{ ...payment, scheme: 'WMO' }, 'INVALID_FIELD', 'scheme', /"BW", "MO"/],
    [{ ...payment, basis: 'other' }, 'INVALID_FIELD', 'basis', /historical/],
    [{ ...payment, recipient: 'Leiden' }, 'INVALID_FIELD', 'recipient', /GM/],
    [{ ...payment, regionId: 'Holland Rijnland' }, 'INVALID_FIELD', 'regionId', /lower-case/],
    [{ ...payment, paymentId: '' }, 'INVALID_FIELD', 'paymentId', /empty/],
    [{ ...payment, reference: null }, 'INVALID_FIELD', 'reference', /null/],
    [{ ...payment, bookDate: '1-2-2024' }, 'INVALID_FIELD', 'bookDate', /YYYY-MM-DD/],
    [{ ...payment, amount: undefined }, 'MISSING_FIELD', 'amount', /required/],
    [{ ...payment, ammount: '1.00' }, 'UNKNOWN_FIELD', 'ammount', /unknown field/],
    [{ ...payment, command: 'RecordPayment' }, 'UNKNOWN_COMMAND', 'command', /unknown command/],
    [{ regionId: 'r' }, 'MISSING_FIELD', 'command', /required/],
    [[payment], 'INVALID_FIELD', '(command)', /object/],
    [
      {
        command: 'AdoptDistributionKey',
        regionId: 'r',
        keyId: 'k',
        version: 0,
        validFrom: 2023,
        unit: 'percent',
        basis: 'b',
        weights: { GM0001: '100' },
      },
      'INVALID_FIELD',
      'version',
      /positive/,
    ],
    [
      {
        command: 'AdoptDistributionKey',
        regionId: 'r',
        keyId: 'k',
        version: 1,
        validFrom: 2023,
        unit: 'percent',
        basis: 'b',
        weights: { GM0001: 100 },
      },
      'INVALID_FIELD',
      'weights.GM0001',
      /decimal string/,
    ],
    [
      {
        command: 'AdoptDistributionKey',
        regionId: 'r',
        keyId: 'k',
        version: 1,
        validFrom: 2023,
        unit: 'percent',
        basis: 'b',
        weights: {},
      },
      'INVALID_FIELD',
      'weights',
      /at least 1/,
    ],
    [
      {
        command: 'AdoptDistributionKey',
        regionId: 'r',
        keyId: 'k',
        version: 1,
        validFrom: 2023,
        unit: 'percentage',
        basis: 'b',
        weights: { GM0001: '1' },
      },
      'INVALID_FIELD',
      'unit',
      /percent/,
    ],
    [
      {
        command: 'AdoptReserveAgreement',
        regionId: 'r',
        version: 1,
        validFrom: 2023,
        schemes: ['BW'],
        minPct: '5',
        maxPct: '110',
        base: 'budget',
      },
      'INVALID_FIELD',
      'maxPct',
      /between 0 and 100/,
    ],
    [
      {
        command: 'AdoptReserveAgreement',
        regionId: 'r',
        version: 1,
        validFrom: 2023,
        schemes: [],
        minPct: '5',
        maxPct: '10',
        base: 'budget',
      },
      'INVALID_FIELD',
      'schemes',
      /at least 1/,
    ],
    [
      {
        command: 'AdoptReserveAgreement',
        regionId: 'r',
        version: 1,
        validFrom: 2023,
        schemes: ['BW'],
        minPct: '5',
        maxPct: '10',
        base: { fixed: 5 },
      },
      'INVALID_FIELD',
      'base.fixed',
      /JSON number/,
    ],
    [
      {
        command: 'AdoptReserveAgreement',
        regionId: 'r',
        version: 1,
        validFrom: 2023,
        schemes: ['BW'],
        minPct: '5',
        maxPct: '10',
        base: { fixed: '5', extra: 1 },
      },
      'UNKNOWN_FIELD',
      'base.extra',
      /unknown/,
    ],
    [
      {
        command: 'AdoptSolidarityAgreement',
        regionId: 'r',
        version: 1,
        validFrom: 2023,
        baseline: 'income',
        executionCosts: 'actual',
        cap: 'yes',
        policyCorrections: false,
        ownAccountPct: '0',
      },
      'INVALID_FIELD',
      'cap',
      /true or false/,
    ],
    [
      {
        command: 'RegisterRegion',
        regionId: 'r',
        name: 'R',
        centralMunicipality: 'GM0001',
        municipalities: [{ code: 'GM0001' }],
      },
      'MISSING_FIELD',
      'municipalities[0].name',
      /required/,
    ],
    [{ command: 'ReopenYear', regionId: 'r', year: 2024 }, 'MISSING_FIELD', 'reason', /required/],
  ])('rejects %j with %s on %s', (raw, code, field, reason) => {
    const error = rejection(raw);
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(reason);
  });
});

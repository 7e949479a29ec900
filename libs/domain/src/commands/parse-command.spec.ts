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

  // typed: a table of mixed rows would otherwise type `base: { fixed }` against string's deprecated fixed()
  it.each<[unknown, string, string, RegExp]>([
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

  describe('limits of domain.md §2 (a ledger is permanent: absurd input is refused before it is recorded)', () => {
    const key = {
      command: 'AdoptDistributionKey',
      regionId: 'r',
      keyId: 'k',
      version: 1,
      validFrom: 2023,
      unit: 'weight',
      basis: 'b',
    };

    it('an amount: at most 12 digits before the decimal point', () => {
      expect(parseCommand({ ...payment, amount: '999999999999.99' })).toMatchObject({ amount: 99999999999999n });
      const error = rejection({ ...payment, amount: '1000000000000.00' });
      expect([error.code, error.field]).toEqual(['INVALID_FIELD', 'amount']);
      expect(error.message).toMatch(/^amount: must have at most 12 digits before the decimal point/);
      expect(rejection({ ...payment, amount: '9'.repeat(400_000) }).message).toMatch(/at most 12 digits.*400000/);
      expect(
        rejection({
          command: 'AdoptRegionalBudget',
          regionId: 'r',
          version: 1,
          year: 2024,
          scheme: 'BW',
          amount: '1.00',
          components: [{ label: 'a', amount: '-10000000000000' }],
        }).field,
      ).toBe('components[0].amount');
    });

    it('a percentage or weight: at most 20 significant digits', () => {
      expect(parseCommand({ ...key, weights: { GM0001: '1234567890.1234567890' } })).toMatchObject({
        weights: { GM0001: '1234567890.123456789' },
      });
      const error = rejection({ ...key, weights: { GM0001: '1234567890.12345678901' } });
      expect([error.code, error.field]).toEqual(['INVALID_FIELD', 'weights.GM0001']);
      expect(error.message).toMatch(/at most 20 significant digits, got 21/);
      expect(
        rejection({
          command: 'AdoptSolidarityAgreement',
          regionId: 'r',
          version: 1,
          validFrom: 2023,
          baseline: 'income',
          executionCosts: 'actual',
          cap: false,
          policyCorrections: false,
          ownAccountPct: `0.${'3'.repeat(25)}`,
        }).message,
      ).toMatch(/^ownAccountPct: must have at most 20 significant digits/);
    });

    it('an id: at most 100 characters', () => {
      expect(parseCommand({ ...payment, paymentId: 'p'.repeat(100) })).toMatchObject({ paymentId: 'p'.repeat(100) });
      const error = rejection({ ...payment, paymentId: 'p'.repeat(101) });
      expect([error.code, error.field]).toEqual(['INVALID_FIELD', 'paymentId']);
      expect(error.message).toMatch(/at most 100 characters/);
    });

    it.each([
      ['an escape sequence', 'Leiden\u001b[2J', 'the control character U+001B'],
      ['a NUL', 'a\u0000b', 'the control character U+0000'],
      ['a bell', 'Ede\u0007', 'the control character U+0007'],
      ['a C1 control (Windows-1252 read as Latin-1)', 'caf\u0085', 'the control character U+0085'],
      ['a lone surrogate', 'x\ud800y', 'half a character (a lone surrogate) U+D800'],
      ['a lone low surrogate', '\udc00', 'half a character (a lone surrogate) U+DC00'],
    ])('a text: %s is refused, naming the field and the character', (_what, text, reason) => {
      const region = {
        command: 'RegisterRegion',
        regionId: 'r',
        name: 'Regio',
        centralMunicipality: 'GM0546',
        municipalities: [{ code: 'GM0546', name: text }],
      };
      const error = rejection(region);
      expect([error.code, error.field, error.reason]).toEqual([
        'INVALID_FIELD',
        'municipalities[0].name',
        `must not hold ${reason}`,
      ]);
      expect(rejection({ ...payment, reference: text }).field).toBe('reference');
    });

    it('a text: tabs, line breaks and any character of any script are taken as they are', () => {
      for (const reference of ['regel 1\r\nregel 2\tkolom', '’s-Hertogenbosch, Súdwest-Fryslân', '漢字 😀 Łódź'])
        expect(parseCommand({ ...payment, reference })).toMatchObject({ reference });
    });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'rejects a field named %s like any unknown field, at every level',
    (name) => {
      const top = rejection(JSON.parse(`{"command":"RunAllocation","regionId":"r","year":2024,"${name}":{"x":1}}`));
      expect([top.code, top.field]).toEqual(['UNKNOWN_FIELD', name]);
      const nested = rejection(
        JSON.parse(
          `{"command":"AdoptReserveAgreement","regionId":"r","version":1,"validFrom":2023,"schemes":["BW"],"minPct":"5","maxPct":"10","base":{"fixed":"5","${name}":1}}`,
        ),
      );
      expect([nested.code, nested.field]).toEqual(['UNKNOWN_FIELD', `base.${name}`]);
    },
  );

  it('parses RecordAdvance: a municipality, a scheme, a signed amount, an optional date and reference', () => {
    const advance = {
      command: 'RecordAdvance',
      regionId: 'r',
      advanceId: 'vs-2024-q1-GM0484',
      year: 2024,
      scheme: 'BW',
      municipality: 'GM0484',
      amount: '-20303.81',
      date: '2024-03-15',
      reference: 'Voorschot bijdrage BW 2024, kwartaal 1',
    };
    expect(parseCommand(advance)).toMatchObject({ type: 'RecordAdvance', amount: -2030381n, date: '2024-03-15' });
    expect(rejection({ ...advance, date: '15-03-2024' }).field).toBe('date');
    expect(rejection({ ...advance, municipality: 'Alphen' }).field).toBe('municipality');
    expect(rejection({ ...advance, advanceId: undefined }).field).toBe('advanceId');
    expect(rejection({ ...advance, recipient: 'GM0484' }).code).toBe('UNKNOWN_FIELD');
  });

  it('checks a date again each time it is given: a valid one read before is accepted, an invalid one always refused', () => {
    const advance = {
      command: 'RecordAdvance',
      regionId: 'r',
      advanceId: 'a1',
      year: 2024,
      scheme: 'BW',
      municipality: 'GM0484',
      amount: '1.00',
    };
    for (let round = 0; round < 2; round += 1) {
      expect(parseCommand({ ...advance, date: '2024-02-29' })).toMatchObject({ date: '2024-02-29' });
      for (const date of ['2024-13-01', '2024-02-30x', '2024-2-3', ' 2024-02-29', 20240229])
        expect([rejection({ ...advance, date }).field, round]).toEqual(['date', round]);
    }
  });
});

describe('parseCommand against names of the object machinery', () => {
  // JSON.parse, as every HTTP body and command-file line goes through it, makes `__proto__` an own field
  it.each(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'])(
    'rejects a field named %s as unknown, at the top and nested',
    (name) => {
      const top = rejection(
        JSON.parse(`{"command":"ReopenYear","regionId":"r","year":2024,"reason":"x","${name}":{"a":1}}`),
      );
      expect(top).toMatchObject({ code: 'UNKNOWN_FIELD', field: name });
      const nested = rejection(
        JSON.parse(
          `{"command":"AdoptReserveAgreement","regionId":"r","version":1,"validFrom":2023,"schemes":["BW"],"minPct":"5","maxPct":"10","base":{"fixed":"5","${name}":{"polluted":true}}}`,
        ),
      );
      expect(nested).toMatchObject({ code: 'UNKNOWN_FIELD', field: `base.${name}` });
      const key = rejection(
        JSON.parse(
          `{"command":"AdoptDistributionKey","regionId":"r","keyId":"k","version":1,"validFrom":2023,"unit":"percent","basis":"b","weights":{"GM0001":"100","${name}":"1"}}`,
        ),
      );
      expect(key).toMatchObject({ code: 'INVALID_FIELD', field: `weights.${name}` });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('a');
    },
  );
});

describe('parseCommand reports every invalid field at once', () => {
  it('lists each problem as an issue, the first one as the error itself', () => {
    const error = rejection({ ...payment, amount: 12.5, year: '2024', colour: 'red', recipient: undefined });
    expect(error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'colour' });
    expect(error.issues.map((issue) => [issue.field, issue.code])).toEqual([
      ['colour', 'UNKNOWN_FIELD'],
      ['year', 'INVALID_FIELD'],
      ['recipient', 'MISSING_FIELD'],
      ['amount', 'INVALID_FIELD'],
    ]);
  });

  it('collects nested problems too, with their full names', () => {
    const error = rejection({
      command: 'RegisterRegion',
      regionId: 'r',
      name: 'R',
      centralMunicipality: 'GM0001',
      municipalities: [{ code: 'GM0001' }, { code: 'Leiden', name: 'L' }],
    });
    expect(error.issues.map((issue) => issue.field)).toEqual(['municipalities[0].name', 'municipalities[1].code']);
  });

  it('has no issues list when one field is wrong', () => {
    expect(rejection({ ...payment, amount: 12.5 }).issues).toEqual([]);
  });
});

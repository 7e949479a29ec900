import { TokenFileError } from '@libs/access';
import { DomainError, InvariantViolation } from '@libs/domain';
import { UnreadableEventError } from '@libs/ledger';
import { ExitCode } from './cli-error';
import { reportError } from './report-error';

function report(error: unknown): { code: number; lines: string[] } {
  const lines: string[] = [];
  const io = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
  return { code: reportError(error, io, 'geldstroom test'), lines };
}

describe('the CLI edge: errors as exit codes', () => {
  it('a broken invariant is an internal error (exit 70) in one line, not a rejected command', () => {
    const { code, lines } = report(new InvariantViolation('BwHistoricalSkimmed postings sum to\n0.01'));
    expect(code).toBe(ExitCode.internal);
    expect(code).toBe(70);
    expect(lines).toEqual([
      'geldstroom: internal error, nothing was recorded (a bug in Geldstroom; please report it): BwHistoricalSkimmed postings sum to 0.01',
    ]);
  });

  it('an event the store holds but this version cannot read is a store failure (exit 3), in one line', () => {
    const { code, lines } = report(
      new UnreadableEventError('region-r', 7n, 'RijkPaymentRecorded', 'amount: must be a decimal string'),
    );
    expect([code, lines]).toEqual([
      ExitCode.store,
      [
        'geldstroom: stream region-r revision 7 holds a RijkPaymentRecorded event this Geldstroom cannot read: amount: must be a decimal string',
      ],
    ]);
  });

  it('a token file that cannot be read is a failure (exit 3) in one line, without a stack trace', () => {
    const { code, lines } = report(new TokenFileError('tokens.json cannot be read as a token file: not valid JSON'));
    expect([code, lines]).toEqual([
      ExitCode.store,
      ['geldstroom: tokens.json cannot be read as a token file: not valid JSON'],
    ]);
  });

  it('a path the system refuses is a usage error (exit 2) in one line naming it; a renamed file by where it goes', () => {
    const system = (code: string, syscall: string, path: string, dest?: string) =>
      Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, ...(dest ? { dest } : {}) });
    expect(report(system('EISDIR', 'open', '/tmp')).lines[0]).toMatch(
      /^geldstroom: cannot open \/tmp: it is a folder\n/,
    );
    expect(report(system('EISDIR', 'rename', '/tmp/x.partial', '/tmp/x'))).toEqual({
      code: ExitCode.usage,
      lines: ['geldstroom: cannot write /tmp/x: it is a folder\nUsage: geldstroom test'],
    });
    expect(report(system('EIO', 'read', '/dev/sda')).lines[0]).toMatch(/^geldstroom: unexpected error/);
  });

  it('a rule refusing input stays a rejection (exit 1) naming the field and the reason', () => {
    const { code, lines } = report(new DomainError('YEAR_CLOSED', '2024 is closed', 'year'));
    expect([code, lines]).toEqual([ExitCode.rejected, ['geldstroom: year: 2024 is closed']]);
  });
});

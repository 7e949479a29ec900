import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@libs/event-store';
import { Ledger } from '@libs/ledger';
import { Explanation, Trace } from '@libs/projections';
import { EXAMPLES, geldstroom, tempDir } from '../support/cli';
import { traceViolations } from '../support/trace-properties';

const json = (args: string[]) => {
  const result = geldstroom(args);
  if (result.status !== 0) throw new Error(`geldstroom ${args.join(' ')} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
};
const DEC = {
  command: 'RecordRijkPayment',
  regionId: 'holland-rijnland',
  paymentId: 'iu-bw-2024-dec',
  year: 2024,
  scheme: 'BW',
  basis: 'historical',
  recipient: 'GM0546',
  amount: '-250000.00',
  reference: 'Decembercirculaire 2024: nacalculatie',
};

/** The Holland Rijnland example with the decembercirculaire's correction inserted before the given line. */
function withCorrection(dir: string, name: string, before: (line: string) => boolean): string {
  const lines = readFileSync(join(EXAMPLES, 'holland-rijnland.jsonl'), 'utf8').split('\n');
  lines.splice(lines.findIndex(before), 0, JSON.stringify(DEC));
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n'));
  return file;
}

const children = (trace: Trace) =>
  Object.fromEntries(trace.flows[0].children.map((child) => [child.account, child.amount]));

describe('trace of a correction (a negative Rijk payment) agrees with explain', () => {
  const afterRun = tempDir();
  const sameRun = tempDir();
  afterAll(() => {
    afterRun.cleanup();
    sameRun.cleanup();
  });

  it('after the run: traced to exactly what the next run took back, and the original never more than was paid', () => {
    const file = withCorrection(afterRun.dir, 'dec.jsonl', (line) => line.includes('"costId": "bw-2024"'));
    expect(geldstroom(['apply', file, '--store', afterRun.store]).status).toBe(0);
    const trace = json([
      'trace',
      '--region',
      'holland-rijnland',
      '--payment',
      'iu-bw-2024-dec',
      '--store',
      afterRun.store,
    ]);
    const shown = children(trace);
    expect(shown['municipality:GM0546:bw']).toBe('-93750.00');
    expect(shown['region:holland-rijnland:bw-provisions']).toBeUndefined();
    const explained = json([
      'explain',
      '--region',
      'holland-rijnland',
      '--year',
      '2024',
      '--account',
      'municipality:GM0546:bw',
      '--store',
      afterRun.store,
    ]);
    const taken = (explained as Explanation).postings.filter(
      (posting) => posting.eventType === 'BwHistoricalDistributed' && posting.amount.startsWith('-'),
    );
    expect(taken.map((posting) => posting.amount)).toEqual(['-93750.00']);
    const original = children(
      json(['trace', '--region', 'holland-rijnland', '--payment', 'iu-bw-2024', '--store', afterRun.store]),
    );
    expect(original['region:holland-rijnland:bw-provisions']).toBe('6088742.29');
    expect(original['municipality:GM0546:bw']).toBe('10991721.64');
  });

  it('before the run: netted against the payment it arrived with, which is traced to what the run paid', () => {
    const file = withCorrection(
      sameRun.dir,
      'dec.jsonl',
      (line) => line.includes('"RunAllocation"') && line.includes('2024'),
    );
    expect(geldstroom(['apply', file, '--store', sameRun.store]).status).toBe(0);
    const correction = json([
      'trace',
      '--region',
      'holland-rijnland',
      '--payment',
      'iu-bw-2024-dec',
      '--store',
      sameRun.store,
    ]);
    expect(correction.flows[0].children).toEqual([
      {
        account: 'rijk',
        amount: '-250000.00',
        via: 'netted against payment iu-bw-2024 before it was allocated',
        children: [],
      },
    ]);
    const original = children(
      json(['trace', '--region', 'holland-rijnland', '--payment', 'iu-bw-2024', '--store', sameRun.store]),
    );
    expect(original).toMatchObject({
      'region:holland-rijnland:bw-provisions': '6088742.29',
      'municipality:GM0546:bw': '10897971.64',
      rijk: '250000.00',
    });
    const explained = json([
      'explain',
      '--region',
      'holland-rijnland',
      '--year',
      '2024',
      '--account',
      'municipality:GM0546:bw',
      '--store',
      sameRun.store,
    ]);
    expect(
      (explained as Explanation).postings
        .filter((posting) => posting.eventType === 'BwHistoricalDistributed')
        .map((posting) => posting.amount),
    ).toEqual(['10897971.64']);
  });

  it('the trace properties hold for every payment of every example and of both correction variants', async () => {
    const temp = tempDir();
    try {
      for (const file of [
        'holland-rijnland.jsonl',
        'holland-rijnland-open.jsonl',
        'aef-solidarity.jsonl',
        'regio-zuid-meerjarig.jsonl',
      ])
        expect(geldstroom(['apply', join(EXAMPLES, file), '--store', temp.store]).status).toBe(0);
      let checked = 0;
      for (const store of [temp.store, afterRun.store, sameRun.store]) {
        const sqlite = new SqliteEventStore(store.slice('sqlite:'.length));
        const ledger = new Ledger(sqlite);
        for (const region of await ledger.regionIds()) {
          const events = await ledger.regionEvents(region);
          expect([region, traceViolations(region, events)]).toEqual([region, []]);
          checked += events.filter((event) => event.type === 'RijkPaymentRecorded').length;
        }
        await sqlite.close();
      }
      expect(checked).toBeGreaterThan(60);
    } finally {
      temp.cleanup();
    }
  });
});

import { Command, DomainError } from '@libs/domain';
import { MemoryEventStore } from '@libs/event-store';
import {
  applyCommands,
  AppliedCommand,
  checkCommands,
  CommandInput,
  CommandRejected,
  CommandsRefused,
  runCommands,
} from './apply-commands';
import { Ledger } from './ledger';

const region = {
  command: 'RegisterRegion',
  regionId: 'west',
  name: 'Regio West',
  centralMunicipality: 'GM0100',
  municipalities: [
    { code: 'GM0100', name: 'Centrum' },
    { code: 'GM0200', name: 'Rand' },
  ],
};
const payment = (paymentId: string, amount: unknown) => ({
  command: 'RecordRijkPayment',
  regionId: 'west',
  paymentId,
  year: 2024,
  scheme: 'BW',
  basis: 'objective',
  recipient: 'GM0200',
  amount,
});
const inputs = (...values: unknown[]): CommandInput<number>[] =>
  values.map((value, index) => ({ place: index, source: `test#${index}`, value }));

async function caught(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

describe('applyCommands: check every input, then run them in order', () => {
  let store: MemoryEventStore;
  let ledger: Ledger;
  beforeEach(() => {
    store = new MemoryEventStore();
    ledger = new Ledger(store);
  });
  const recorded = async () => (await store.readAll()).length;

  it('lists every malformed input and runs none of them', async () => {
    const refused = await caught(() =>
      applyCommands(ledger, () => inputs(region, payment('p1', 12.5), payment('p2', '1.00'), { command: 'Nope' }), {
        actor: 'test',
      }),
    );
    expect(refused).toBeInstanceOf(CommandsRefused);
    const { kind, issues } = refused as CommandsRefused<number>;
    expect(kind).toBe('malformed');
    expect(issues.map(({ place, code, field }) => ({ place, code, field }))).toEqual([
      { place: 1, code: 'INVALID_FIELD', field: 'amount' },
      { place: 3, code: 'UNKNOWN_COMMAND', field: 'command' },
    ]);
    expect(issues[0].error).toBeInstanceOf(DomainError);
    expect(await recorded()).toBe(0);
  });

  it('refuses every command the sender may not send, once all are commands, and runs none', async () => {
    const refuse = (command: Command) => (command.type === 'RegisterRegion' ? 'admins only' : undefined);
    const refused = await caught(() => checkCommands(inputs(payment('p1', '1.00'), region), { refuse }));
    expect(refused).toMatchObject({
      kind: 'forbidden',
      issues: [{ place: 1, code: 'FORBIDDEN', reason: 'admins only' }],
    });
    // a malformed input is named first: whether a command may be sent is asked of commands only
    const malformed = await caught(() => checkCommands(inputs(region, payment('p1', 1)), { refuse }));
    expect(malformed).toMatchObject({ kind: 'malformed' });
  });

  it('stops at the first command the ledger refuses; the ones before it stay recorded', async () => {
    const applied: AppliedCommand<number>[] = [];
    const rejected = await caught(() =>
      applyCommands(ledger, () => inputs(region, payment('p1', '1.00'), payment('p1', '2.00'), payment('p3', '3.00')), {
        actor: 'test',
        onApplied: (item) => applied.push(item),
      }),
    );
    expect(rejected).toBeInstanceOf(CommandRejected);
    const { place, cause, recorded: before } = rejected as CommandRejected<number>;
    expect(place).toBe(2);
    expect(cause).toMatchObject({ code: 'ID_REUSED', field: 'paymentId' });
    expect(before).toEqual({ commands: 2, events: 2, unchanged: 0 });
    expect(applied.map(({ place: index, source }) => [index, source])).toEqual([
      [0, 'test#0'],
      [1, 'test#1'],
    ]);
    expect(await recorded()).toBe(2);
  });

  it('runs each command with its own source; a repeat records nothing; skipped inputs are checked, not run', async () => {
    const report = await applyCommands(ledger, () => inputs(region, payment('p1', '1.00'), payment('p1', '1.00')), {
      actor: 'test',
      correlationId: 'run-1',
    });
    expect(report).toEqual({ commands: 3, events: 2, unchanged: 1 });
    expect((await store.readAll()).map((event) => event.metadata.source)).toEqual(['test#0', 'test#1']);
    const resumed = await applyCommands(ledger, () => inputs(region, payment('p1', '1.00'), payment('p2', '2.00')), {
      actor: 'test',
      skip: (place) => place < 2,
    });
    expect(resumed).toEqual({ commands: 1, events: 1, unchanged: 0 });
    await expect(
      applyCommands(ledger, () => inputs(region, payment('p9', 'x')), { actor: 'test', skip: () => true }),
    ).rejects.toBeInstanceOf(CommandsRefused);
  });

  it('reads the inputs twice rather than holding a long file parsed: once to check, once to run', async () => {
    let reads = 0;
    await applyCommands(
      ledger,
      () => {
        reads += 1;
        return inputs(region);
      },
      { actor: 'test' },
    );
    expect(reads).toBe(2);
  });

  it('runs commands checked before (an HTTP request checks them before its idempotency key is looked up)', async () => {
    const checked = checkCommands(inputs(region, payment('p1', '1.00')));
    expect(await runCommands(ledger, checked, { actor: 'test' })).toEqual({ commands: 2, events: 2, unchanged: 0 });
  });
});

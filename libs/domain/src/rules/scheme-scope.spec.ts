import { parseCommand } from '../commands/parse-command';
import { AdoptDistributionKey, AdoptReserveAgreement, AdoptSolidarityAgreement } from '../commands/command.types';
import { decide } from '../decide';
import { DerivedEvent } from '../events/derived.events';
import { DomainEvent, isDerivedEvent } from '../events/domain-event';
import { Scheme } from '../scheme';
import { initialState } from '../state/evolve';
import { RawCommand, record } from '../testing/decider.spec-helper';
import {
  ALPHA,
  BETA,
  budget,
  close,
  cost,
  expenditure,
  keys,
  payment,
  R,
  registerRegion,
  reserveAgreement,
  run,
  solidarityAgreement,
} from '../testing/fixtures.spec-helper';
import { PlanScope, schemesRevisedBy } from './scheme-scope';

/** A year with both schemes' runs, results partly to the reserve, a reserve above its band and solidarity. */
const history: RawCommand[] = [
  registerRegion,
  ...keys,
  reserveAgreement({ toReservePct: '40' }),
  { command: 'RecordReserveOpening', regionId: R, year: 2024, amount: '150.00' },
  solidarityAgreement(),
  payment('BW', 'historical', ALPHA, '1000.00', 2024, 'iu'),
  payment('MO', 'objective', ALPHA, '500.00', 2024, 'du'),
  budget('BW', '100.00'),
  budget('MO', '100.00'),
  cost('BW', '110.00', 2024, 'bw-cost'),
  cost('MO', '95.00', 2024, 'mo-cost'),
  expenditure(ALPHA, '600.00'),
  expenditure(BETA, '100.00'),
];

/** A scope that gives `kept`'s events of `recorded` as recorded, and notes every part it was asked for. */
function keeping(kept: Scheme, recorded: readonly DomainEvent[], asked: string[]): PlanScope {
  return {
    asRecorded(scheme, types) {
      asked.push(`${scheme} ${types.join(' ')}`);
      if (scheme !== kept) return undefined;
      return types.flatMap((type) =>
        recorded.filter(
          (event): event is DerivedEvent =>
            isDerivedEvent(event) && event.type === type && 'scheme' in event.data && event.data.scheme === scheme,
        ),
      );
    },
  };
}

describe('a run or closing with one scheme given as recorded', () => {
  it('records exactly what planning every scheme records, in the same order', () => {
    const state = initialState();
    record(state, ...history, run());
    // a second run with nothing new, and a closing with a result to the reserve, a band and solidarity
    for (const raw of [run(), close()]) {
      const command = parseCommand(raw);
      const planned = decide(command, state).map(({ event }) => event);
      for (const scheme of ['BW', 'MO'] as const) {
        const asked: string[] = [];
        expect(decide(command, state, keeping(scheme, planned, asked)).map(({ event }) => event)).toEqual(planned);
        expect(asked.length).toBeGreaterThan(0);
      }
      if (command.type === 'CloseYear')
        expect(planned.map((event) => event.type)).toEqual(
          expect.arrayContaining([
            'RegionalResultTransferred',
            'RegionalResultSettled',
            'ReservePaidOut',
            'SolidarityTransferred',
          ]),
        );
    }
  });

  it('folds what it is given for a kept scheme instead of planning it', () => {
    const state = initialState();
    record(state, ...history);
    const command = parseCommand(run());
    const planned = decide(command, state).map(({ event }) => event);
    // BW kept with nothing recorded: the run records MO's events only
    const events = decide(command, state, keeping('BW', [], [])).map(({ event }) => event);
    expect(events.map((event) => event.type)).toEqual(
      planned.map((event) => event.type).filter((type) => !type.startsWith('Bw')),
    );
  });
});

describe('schemesRevisedBy', () => {
  const key = (keyId: string) => ({ type: 'AdoptDistributionKey', keyId }) as AdoptDistributionKey;
  it('reaches the scheme a key splits, both schemes for the reserve agreement and BW for solidarity', () => {
    expect(schemesRevisedBy(key('bw-historical'))).toEqual(['BW']);
    expect(schemesRevisedBy(key('bw-objective'))).toEqual(['BW']);
    expect(schemesRevisedBy(key('mo-objective'))).toEqual(['MO']);
    expect(schemesRevisedBy(key('spare'))).toEqual([]);
    expect(schemesRevisedBy(key('constructor'))).toEqual([]);
    expect(schemesRevisedBy({ type: 'AdoptReserveAgreement' } as AdoptReserveAgreement)).toEqual(['BW', 'MO']);
    expect(schemesRevisedBy({ type: 'AdoptSolidarityAgreement' } as AdoptSolidarityAgreement)).toEqual(['BW']);
  });
});

import { Accounts } from '../accounts';
import { eur, given, posting } from './decider.spec-helper';
import { ALPHA, payment, R, regionRegistered, registerRegion } from './fixtures.spec-helper';

/** The specification helper must be able to fail: a test on it that cannot fail proves nothing. */
describe('the decider specification', () => {
  const paid = payment('BW', 'objective', ALPHA, '10.00', 2024, 'p');
  const recorded = {
    type: 'RijkPaymentRecorded' as const,
    data: {
      regionId: R,
      paymentId: 'p',
      year: 2024,
      scheme: 'BW' as const,
      basis: 'objective' as const,
      recipient: ALPHA,
      amount: eur('10.00'),
      postings: [posting(Accounts.rijk, '-10.00'), posting(Accounts.municipality(ALPHA, 'BW'), '10.00')],
    },
  };

  it('then: passes on exactly the decided events, fails on one cent or one event more or less', () => {
    given(registerRegion).when(paid).then([recorded]);
    expect(() =>
      given(registerRegion)
        .when(paid)
        .then([{ ...recorded, data: { ...recorded.data, amount: eur('10.01') } }]),
    ).toThrow();
    expect(() => given(registerRegion).when(paid).then([])).toThrow();
    expect(() => given(registerRegion).when(paid).then([recorded, recorded])).toThrow();
  });

  it('thenNothing and thenThrows fail when the command records something', () => {
    expect(() => given(registerRegion).when(paid).thenNothing()).toThrow();
    expect(() => given(registerRegion).when(paid).thenThrows('ID_REUSED')).toThrow();
  });

  it('given takes events as well as commands', () => {
    given(regionRegistered).when(registerRegion).thenNothing();
  });
});

import { accountName, AccountRef, Accounts, isAccount, isAccountOfRegion, parseAccount } from './accounts';

describe('account names: one writer, one reader', () => {
  const refs: [string, AccountRef][] = [
    ['rijk', { kind: 'rijk' }],
    ['external:providers', { kind: 'external', party: 'providers' }],
    ['external:municipal-treasuries', { kind: 'external', party: 'municipal-treasuries' }],
    ['region:holland-rijnland:bw-historical', { kind: 'region', regionId: 'holland-rijnland', pot: 'bw-historical' }],
    ['region:r:mo-provisions', { kind: 'region', regionId: 'r', pot: 'mo-provisions' }],
    ['region:r:reserve', { kind: 'region', regionId: 'r', pot: 'reserve' }],
    ['region:r:fund:frictie', { kind: 'fund', regionId: 'r', fundId: 'frictie' }],
    ['municipality:GM0546:mo', { kind: 'municipality', code: 'GM0546', scheme: 'MO' }],
  ];

  it.each(refs)('reads %s and writes it back', (name, ref) => {
    expect(parseAccount(name)).toEqual(ref);
    expect(accountName(ref)).toBe(name);
  });

  it('the role constructors write the names of domain.md §3', () => {
    expect([
      Accounts.rijk,
      Accounts.coPayments,
      Accounts.openingBalances,
      Accounts.bwHistorical('r'),
      Accounts.moBudget('r'),
      Accounts.provisions('r', 'BW'),
      Accounts.advances('r'),
      Accounts.fund('r', 'f'),
      Accounts.municipality('GM0001', 'BW'),
    ]).toEqual([
      'rijk',
      'external:co-payments',
      'external:opening-balances',
      'region:r:bw-historical',
      'region:r:mo-budget',
      'region:r:bw-provisions',
      'region:r:advances',
      'region:r:fund:f',
      'municipality:GM0001:bw',
    ]);
  });

  it.each([
    '',
    'Rijk',
    'external:bank',
    'region:r:pot',
    'region:r',
    'municipality:Leiden:bw',
    'municipality:GM0546:wmo',
  ])('refuses %j as an account', (name) => {
    expect(parseAccount(name)).toBeUndefined();
    expect(isAccount(name)).toBe(false);
  });

  it('knows an account again as it knew it the first time, and still refuses what is none', () => {
    for (const round of [1, 2])
      for (const name of ['rijk', Accounts.reserve('r'), Accounts.municipality('GM0001', 'MO'), 'region:r:pot', '']) {
        expect([round, name, isAccount(name)]).toEqual([round, name, parseAccount(name) !== undefined]);
      }
  });

  it('names an account by its parts as accountName writes it, asked once or again, past the bound of its table', () => {
    const pots = ['bw-historical', 'mo-budget', 'bw-provisions', 'mo-provisions', 'reserve', 'advances'] as const;
    for (let round = 0; round < 3; round += 1)
      for (let index = 0; index < 10_050; index += 997) {
        const regionId = `regio-${index}`;
        const code = `GM${String(index % 10_000).padStart(4, '0')}`;
        expect(Accounts.bwHistorical(regionId)).toBe(accountName({ kind: 'region', regionId, pot: pots[0] }));
        expect(Accounts.moBudget(regionId)).toBe(accountName({ kind: 'region', regionId, pot: pots[1] }));
        expect(Accounts.provisions(regionId, 'BW')).toBe(accountName({ kind: 'region', regionId, pot: pots[2] }));
        expect(Accounts.provisions(regionId, 'MO')).toBe(accountName({ kind: 'region', regionId, pot: pots[3] }));
        expect(Accounts.reserve(regionId)).toBe(accountName({ kind: 'region', regionId, pot: pots[4] }));
        expect(Accounts.advances(regionId)).toBe(accountName({ kind: 'region', regionId, pot: pots[5] }));
        expect(Accounts.fund(regionId, `f-${round}`)).toBe(
          accountName({ kind: 'fund', regionId, fundId: `f-${round}` }),
        );
        for (const scheme of ['BW', 'MO'] as const)
          expect(Accounts.municipality(code, scheme)).toBe(accountName({ kind: 'municipality', code, scheme }));
      }
    // more names than a table keeps: it starts over, and still names each as before
    for (let index = 0; index < 10_010; index += 1)
      expect(Accounts.reserve(`r-${index}`)).toBe(`region:r-${index}:reserve`);
    expect(Accounts.reserve('r-0')).toBe('region:r-0:reserve');
  });

  it("knows which accounts are a region's: rijk, external parties, its own pots and funds, its members'", () => {
    const region = {
      regionId: 'r',
      isMember: (code: string) => code === 'GM0546',
      hasFund: (id: string) => id === 'f',
    };
    const of = (name: string) => isAccountOfRegion(parseAccount(name)!, region);
    for (const name of ['rijk', 'external:providers', 'region:r:reserve', 'region:r:fund:f', 'municipality:GM0546:bw'])
      expect([name, of(name)]).toEqual([name, true]);
    for (const name of ['region:evil:reserve', 'region:evil:fund:f', 'region:r:fund:g', 'municipality:GM0363:mo'])
      expect([name, of(name)]).toEqual([name, false]);
  });
});

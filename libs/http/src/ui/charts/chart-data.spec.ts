import { Accounts, isAccount, RegionState } from '@libs/domain';
import { MemoryEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger } from '@libs/ledger';
import { parseAmount } from '@libs/money';
import { buildStatement, LedgerEvent, Statement } from '@libs/projections';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEuroNl } from '@libs/money';
import { ingroeipadChart, memberBarsChart, reserveChart, sankeyChart, waterfallChart } from './chart-options';
import { ingroeipadData, memberMoneyData, reserveData } from './multi-year.data';
import { sankeyData } from './sankey.data';
import { waterfallData } from './waterfall.data';
import { poolAccount, yearFlows } from './year-flows';

const EXAMPLES = join(__dirname, '..', '..', '..', '..', '..', 'examples');

interface Region {
  readonly state: RegionState;
  readonly events: readonly LedgerEvent[];
  readonly statements: Statement[];
}

/** Every region of an example file, applied to a store in memory as the CLI would. */
async function regionsOf(file: string): Promise<Region[]> {
  const ledger = new Ledger(new MemoryEventStore());
  await applyCommandFile(ledger, file, readFileSync(join(EXAMPLES, file), 'utf8'), { actor: 'test' });
  const regions: Region[] = [];
  for (const regionId of await ledger.regionIds()) {
    const state = await ledger.regionState(regionId);
    const years = [...state.activeYears].sort((a, b) => a - b);
    regions.push({
      state,
      events: await ledger.regionEvents(regionId),
      statements: years.map((year) => buildStatement(state, year)),
    });
  }
  return regions;
}

const FILES = [
  'holland-rijnland.jsonl',
  'holland-rijnland-open.jsonl',
  'regio-zuid-meerjarig.jsonl',
  'aef-solidarity.jsonl',
];
let regions: Region[];

beforeAll(async () => {
  regions = (await Promise.all(FILES.map(regionsOf))).flat();
});

const years = (region: Region) => region.statements.map((statement) => statement.year);

describe('the flows of a year (Sankey)', () => {
  it('reproduce every account balance of the year: what flows in minus what flows out is the sum of its postings', () => {
    let checked = 0;
    for (const region of regions) {
      for (const year of years(region)) {
        const net = new Map<string, bigint>();
        for (const flow of yearFlows(region.events, year)) {
          expect(flow.amount).toBeGreaterThan(0n);
          net.set(flow.to, (net.get(flow.to) ?? 0n) + flow.amount);
          net.set(flow.from, (net.get(flow.from) ?? 0n) - flow.amount);
        }
        for (const account of region.state.ledger.accounts(year)) {
          expect([account, net.get(account) ?? 0n]).toEqual([account, region.state.ledger.balance(year, account)]);
          checked += 1;
        }
        for (const [account, amount] of net) {
          if (account.startsWith('pool:')) expect([account, amount]).toEqual([account, 0n]);
          else expect(region.state.ledger.accounts(year)).toContain(account);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('draw every flow once, in both views, and run without cycles from left to right', () => {
    for (const region of regions) {
      for (const year of years(region)) {
        const flows = yearFlows(region.events, year);
        const total = flows.reduce((sum, flow) => sum + flow.amount, 0n);
        for (const mode of ['summary', 'members'] as const) {
          const data = sankeyData(flows, region.state.region, mode);
          expect(data.acyclic).toBe(true);
          expect(data.links.reduce((sum, link) => sum + link.amount, 0n)).toBe(total);
          expect(data.links.flatMap((link) => link.flows)).toHaveLength(flows.length);
          // a node's accounts: in − out over the node is the sum of their balances
          for (const node of data.nodes) {
            const inflow = data.links
              .filter((link) => link.target === node.id)
              .reduce((sum, link) => sum + link.amount, 0n);
            const outflow = data.links
              .filter((link) => link.source === node.id)
              .reduce((sum, link) => sum + link.amount, 0n);
            if (/^(gemeenten|GM\d{4}):/.test(node.id)) continue; // a municipality's two nodes are checked together below
            const balance = node.accounts
              .filter(isAccount)
              .reduce((sum, account) => sum + region.state.ledger.balance(year, account), 0n);
            expect([node.id, inflow - outflow]).toEqual([node.id, balance]);
          }
          const members = data.nodes.filter((node) => /^(gemeenten|GM\d{4}):/.test(node.id));
          const memberNet = members.reduce(
            (sum, node) =>
              sum +
              data.links.filter((link) => link.target === node.id).reduce((total, link) => total + link.amount, 0n) -
              data.links.filter((link) => link.source === node.id).reduce((total, link) => total + link.amount, 0n),
            0n,
          );
          const memberBalance = region.state
            .memberCodes()
            .reduce(
              (sum, code) =>
                sum +
                region.state.ledger.balance(year, Accounts.municipality(code, 'BW')) +
                region.state.ledger.balance(year, Accounts.municipality(code, 'MO')),
              0n,
            );
          expect(memberNet).toBe(memberBalance);
        }
      }
    }
  });

  it('routes money between several payers and several receivers through a node of its own', () => {
    const postings = [
      { account: Accounts.municipality('GM0001', 'BW'), amount: -3000n },
      { account: Accounts.municipality('GM0002', 'BW'), amount: -7000n },
      { account: Accounts.municipality('GM0003', 'BW'), amount: 6000n },
      { account: Accounts.municipality('GM0004', 'BW'), amount: 4000n },
    ];
    const event: LedgerEvent = {
      eventId: 'e1',
      type: 'SolidarityTransferred',
      data: {
        regionId: 'r',
        year: 2025,
        scheme: 'BW',
        rule: 'solidarity',
        agreementVersion: 1,
        inputs: {
          baseline: 'income',
          executionCosts: 'actual',
          surchargePct: null,
          cap: false,
          policyCorrections: false,
          ownAccountPct: '0',
          weighted: false,
        },
        volume: 10000n,
        lines: [],
        postings,
      },
      metadata: {
        actor: 't',
        recordedAt: '2026-01-01T00:00:00Z',
        source: 't',
        commandId: 'c',
        causationId: 'c',
        correlationId: 'c',
        schemaVersion: 1,
      },
      revision: 0n,
      position: 1n,
    };
    const pool = poolAccount('SolidarityTransferred');
    const flows = yearFlows([event], 2025);
    expect(flows.map((flow) => [flow.from, flow.to, flow.amount])).toEqual([
      ['municipality:GM0001:bw', pool, 3000n],
      ['municipality:GM0002:bw', pool, 7000n],
      [pool, 'municipality:GM0003:bw', 6000n],
      [pool, 'municipality:GM0004:bw', 4000n],
    ]);
    const data = sankeyData(flows, undefined, 'summary');
    expect(data.links.map((link) => [link.source, link.target, link.amount])).toEqual([
      ['gemeenten:pays', pool, 10000n],
      [pool, 'gemeenten:receives', 10000n],
    ]);
    expect(data.nodes.find((node) => node.id === pool)!.label).toBe('Onderlinge solidariteit');
  });
});

describe('the multi-year charts', () => {
  it('the band equals the statement’s min and max, the line its closing balance, the markers its movements', () => {
    for (const region of regions) {
      const data = reserveData(region.statements);
      const withReserve = region.statements.filter((statement) => statement.reserve !== null);
      expect(data.map((year) => year.year)).toEqual(withReserve.map((statement) => statement.year));
      data.forEach((year, index) => {
        const reserve = withReserve[index].reserve!;
        expect(year.min).toBe(reserve.min === null ? null : parseAmount(reserve.min));
        expect(year.max).toBe(reserve.max === null ? null : parseAmount(reserve.max));
        expect(year.closing).toBe(parseAmount(reserve.closing));
        expect(year.replenished).toBe(parseAmount(reserve.replenished));
        expect(year.paidOut).toBe(parseAmount(reserve.paidOut));
        expect(year.toFunds).toBe(parseAmount(reserve.toFunds));
      });
    }
  });

  it('lists the municipalities by name, as the region page’s member list does, not by code', () => {
    const zuid = regions.find((region) => region.statements[0].regionId === 'regio-zuid')!;
    const latest = zuid.statements[zuid.statements.length - 1];
    const byName = Object.values(latest.municipalities)
      .map((member) => member.name)
      .sort((a, b) => a.localeCompare(b, 'nl'));
    const byCode = Object.keys(latest.municipalities)
      .sort()
      .map((code) => latest.municipalities[code].name);
    expect(byName).not.toEqual(byCode);
    const names = (series: readonly { name: string }[]) => series.map((entry) => entry.name);
    const ingroei = ingroeipadData(zuid.statements);
    const money = memberMoneyData(zuid.statements);
    for (const series of [ingroei.historical, ingroei.objective, money.contributions, money.due])
      expect(names(series)).toEqual(byName);
  });

  it('the ingroeipad and the member bars are the statement’s lines per municipality and year', () => {
    for (const region of regions) {
      const ingroei = ingroeipadData(region.statements);
      const money = memberMoneyData(region.statements);
      for (const statement of region.statements) {
        for (const [code, member] of Object.entries(statement.municipalities)) {
          const pick = (series: typeof ingroei.historical) =>
            series.find((entry) => entry.code === code)!.byYear.get(statement.year);
          expect(pick(ingroei.historical)).toBe(parseAmount(member.bw.historicalShare));
          expect(pick(ingroei.objective)).toBe(parseAmount(member.bw.rijkObjective));
          expect(pick(money.contributions)).toBe(parseAmount(member.bw.regionalContribution));
          expect(pick(money.due)).toBe(parseAmount(member.due));
        }
      }
    }
  });
});

describe('the waterfall of the year result', () => {
  it('adds up to the statement’s result and then to what the closing still has to assign', () => {
    for (const region of regions) {
      for (const statement of region.statements) {
        for (const scheme of ['BW', 'MO'] as const) {
          const waterfall = waterfallData(statement, scheme);
          const lines = scheme === 'BW' ? statement.bw : statement.mo;
          let level = 0n;
          for (const step of waterfall.steps) {
            if (step.kind === 'total') {
              expect(step.to).toBe(level);
              continue;
            }
            expect(step.from).toBe(level);
            level = step.to;
          }
          expect(waterfall.steps.find((step) => step.label === 'Resultaat')!.to).toBe(parseAmount(lines.result));
          expect(waterfall.result).toBe(parseAmount(lines.result));
          expect(waterfall.unassigned).toBe(
            parseAmount(lines.result) - parseAmount(lines.toReserve) - parseAmount(lines.settledWithMunicipalities),
          );
          if (statement.closed) expect(waterfall.unassigned).toBe(0n);
        }
      }
    }
  });
});

describe('charts as SVG', () => {
  it('render on the server, named for assistive technology, without inline styles the page policy would block', () => {
    const region = regions.find((candidate) => candidate.statements.length > 1)!;
    const statement = region.statements[0];
    const svgs = [
      ingroeipadChart(ingroeipadData(region.statements), 900),
      reserveChart(reserveData(region.statements), 900),
      sankeyChart(sankeyData(yearFlows(region.events, statement.year), region.state.region, 'summary'), 900, 'stromen'),
      waterfallChart(waterfallData(statement, 'BW'), 600),
    ].map((chart) => chart.text);
    for (const svg of svgs) {
      expect(svg).toMatch(/^<svg role="img" aria-label="[^"]+"/);
      expect(svg).not.toMatch(/\sstyle="/);
      expect(svg).not.toContain('<style');
      expect(svg).not.toContain('ecmeta_');
    }
    expect(svgs[2]).toContain('Regionale voorzieningen BW');
  });

  it('carry a Dutch tooltip (<title>) on every bar, point and flow: municipality or account, year and € amount', () => {
    const region = regions.find((candidate) => candidate.statements.length > 1)!;
    const statement = region.statements[0];
    const titles = (svg: string) => [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((match) => match[1]);
    const money = memberMoneyData(region.statements);
    const bars = titles(memberBarsChart(money, 'due', 900, 'afrekening').text);
    // one per municipality and year, each naming both and the statement's amount in Dutch form
    expect(bars).toHaveLength(money.due.length * money.years.length);
    for (const member of money.due)
      for (const year of money.years)
        expect(bars).toContain(`${member.name}, ${year}: afrekening ${formatEuroNl(member.byYear.get(year) ?? 0n)}`);
    const ingroei = ingroeipadData(region.statements);
    const phaseIn = titles(ingroeipadChart(ingroei, 900).text);
    const [first] = ingroei.objective;
    expect(phaseIn).toContain(
      `${first.name}, ${ingroei.years[0]}: objectief budget ${formatEuroNl(first.byYear.get(ingroei.years[0]) ?? 0n)}`,
    );
    const reserve = reserveData(region.statements);
    expect(titles(reserveChart(reserve, 900).text)).toContain(
      `Reserve ${reserve[0].year}, stand einde jaar: ${formatEuroNl(reserve[0].closing)}${
        reserve[0].min !== null && reserve[0].max !== null
          ? ` (bandbreedte ${formatEuroNl(reserve[0].min)} – ${formatEuroNl(reserve[0].max)})`
          : ''
      }`,
    );
    const flows = sankeyData(yearFlows(region.events, statement.year), region.state.region, 'summary');
    const sankey = titles(sankeyChart(flows, 900, 'stromen').text);
    const label = new Map(flows.nodes.map((node) => [node.id, node.label]));
    for (const link of flows.links)
      expect(sankey).toContain(`${label.get(link.source)} → ${label.get(link.target)}: ${formatEuroNl(link.amount)}`);
    const waterfall = waterfallData(statement, 'BW');
    const steps = titles(waterfallChart(waterfall, 600).text);
    expect(steps).toHaveLength(waterfall.steps.length);
    expect(steps.every((title) => /^BW, .+: € -?[\d.]+,\d\d$/.test(title))).toBe(true);
  });

  it('escape what a region registered, however it is named', () => {
    const region = regions[0];
    const hostile = {
      ...region.state.region!,
      municipalities: region.state.region!.municipalities.map((member, index) =>
        index === 0 ? { ...member, name: '<img src=x onerror=alert(1)>' } : member,
      ),
    };
    const statements = region.statements.map((statement) => ({
      ...statement,
      municipalities: Object.fromEntries(
        Object.entries(statement.municipalities).map(([code, member]) => [
          code,
          code === hostile.municipalities[0].code ? { ...member, name: hostile.municipalities[0].name } : member,
        ]),
      ),
    }));
    const svg = ingroeipadChart(ingroeipadData(statements), 900).text;
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const sankey = sankeyChart(
      sankeyData(yearFlows(region.events, statements[0].year), hostile, 'members'),
      900,
      '<script>',
    ).text;
    expect(sankey).not.toContain('<img');
    expect(sankey).not.toContain('<script>');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommandOf, CommandType, parseCommand } from '@libs/domain';
import { formatDecimalNl, formatEuro, formatPercentNl, parseAmount } from '@libs/money';
import { Statement } from '@libs/projections';
import {
  BW_LABELS,
  fundLabel,
  MO_LABELS,
  MUNICIPALITY_BW_LABELS,
  MUNICIPALITY_DUE_LABEL,
  MUNICIPALITY_MO_LABELS,
  RESERVE_LABELS,
} from '@libs/reports';
import { EXAMPLES, EXPECTED } from '../support/cli';
import { Scenario, SCENARIOS } from '../support/scenarios';

/**
 * docs/scenarios.md: each example with expected statements as a controller reads it — the inputs of
 * the command file and the statement it must give, as tables in the statement's own Dutch terms. It is
 * rendered from examples/ and test/fixtures/expected (the CLI test checks those statements to the
 * cent), and a test checks the file is this rendering, so the tables cannot drift from what is tested.
 */

const euro = (cents: bigint) => formatEuro(cents);
const amount = (text: string) => formatEuro(parseAmount(text));
const BASIS = { historical: 'historisch', objective: 'objectief' } as const;
const decimal = formatDecimalNl;
const percent = formatPercentNl;

function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const align = header.map((_, index) => (right.includes(index) ? '---:' : '---'));
  return [header, align, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

function commandsOf(file: string): Command[] {
  return readFileSync(join(EXAMPLES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => parseCommand(JSON.parse(line)));
}

const ofType = <T extends CommandType>(commands: readonly Command[], type: T) =>
  commands.filter((command): command is CommandOf<T> & Command => command.type === type);

function members(commands: readonly Command[]): Map<string, string> {
  const [region] = ofType(commands, 'RegisterRegion');
  return new Map(region?.municipalities.map((member) => [member.code, member.name]) ?? []);
}

function regionInputs(commands: readonly Command[]): string[] {
  const names = members(commands);
  const [region] = ofType(commands, 'RegisterRegion');
  const parts: string[] = [];
  if (region) {
    parts.push(
      `**Gemeenten** (centrumgemeente ${names.get(region.centralMunicipality) ?? region.centralMunicipality})`,
      table(
        ['code', 'gemeente'],
        [...names].map(([code, name]) => [code, name]),
      ),
    );
  }
  const keys = ofType(commands, 'AdoptDistributionKey');
  if (keys.length > 0) {
    parts.push(
      '**Verdeelsleutels** (gewichten per gemeente; geldig vanaf het jaar in de kop)',
      table(
        [
          'gemeente',
          ...keys.map(
            (key) => `${key.keyId} v${key.version} (${key.validFrom}, ${key.unit === 'percent' ? '%' : 'gewicht'})`,
          ),
        ],
        [...names].map(([code, name]) => [
          name,
          ...keys.map((key) => (key.weights[code] === undefined ? '—' : decimal(key.weights[code]))),
        ]),
        keys.map((_, index) => index + 1),
      ),
    );
  }
  const payments = ofType(commands, 'RecordRijkPayment');
  if (payments.length > 0) {
    parts.push(
      '**Rijksbetalingen**',
      table(
        ['jaar', 'betaling', 'regeling', 'grondslag', 'ontvanger', 'bedrag'],
        payments.map((p) => [
          String(p.year),
          p.paymentId,
          p.scheme,
          BASIS[p.basis],
          names.get(p.recipient) ?? p.recipient,
          euro(p.amount),
        ]),
        [5],
      ),
    );
  }
  const budgets = ofType(commands, 'AdoptRegionalBudget');
  if (budgets.length > 0) {
    parts.push(
      '**Regionale begroting** (de begroting in werking is de hoogste versie van het jaar en de regeling)',
      table(
        ['jaar', 'regeling', 'versie', 'bedrag', 'objectief deel'],
        budgets.map((b) => [
          String(b.year),
          b.scheme,
          String(b.version),
          euro(b.amount),
          b.scheme === 'BW' ? percent(b.objectivePct ?? '0') : '—',
        ]),
        [3, 4],
      ),
    );
  }
  parts.push(...moneyFacts(commands, names), ...agreements(commands), ...runs(commands));
  return parts;
}

function moneyFacts(commands: readonly Command[], names: ReadonlyMap<string, string>): string[] {
  const rows = [
    ...ofType(commands, 'RecordRegionalCost').map((c) => [
      String(c.year),
      c.scheme,
      'regionale kosten',
      c.costId,
      euro(c.amount),
    ]),
    ...ofType(commands, 'RecordCoPayment').map((c) => [
      String(c.year),
      c.scheme,
      'eigen bijdragen',
      c.coPaymentId,
      euro(c.amount),
    ]),
  ].sort(([a], [b]) => Number(a) - Number(b));
  const parts =
    rows.length > 0
      ? ['**Regionale kosten en eigen bijdragen**', table(['jaar', 'regeling', 'soort', 'post', 'bedrag'], rows, [4])]
      : [];
  const spending = ofType(commands, 'RecordLocalExpenditure');
  if (spending.length > 0) {
    parts.push(
      '**Lokale uitgaven**',
      table(
        ['jaar', 'regeling', 'gemeente', 'zorgkosten', 'uitvoeringskosten'],
        spending.map((s) => [
          String(s.year),
          s.scheme,
          names.get(s.municipality) ?? s.municipality,
          euro(s.careCosts),
          euro(s.executionCosts),
        ]),
        [3, 4],
      ),
    );
  }
  const corrections = ofType(commands, 'RecordPolicyCorrection');
  if (corrections.length > 0) {
    parts.push(
      '**Beleidscorrecties**',
      table(
        ['jaar', 'gemeente', 'bedrag', 'toelichting'],
        corrections.map((c) => [
          String(c.year),
          names.get(c.municipality) ?? c.municipality,
          euro(c.amount),
          c.justification,
        ]),
        [2],
      ),
    );
  }
  parts.push(...advancesTable(commands, names));
  return parts;
}

/** The advances, summed per year, scheme and municipality (a region records many of them). */
function advancesTable(commands: readonly Command[], names: ReadonlyMap<string, string>): string[] {
  const advances = new Map<string, { count: number; total: bigint }>();
  for (const a of ofType(commands, 'RecordAdvance')) {
    const slot = `${a.year}|${a.scheme}|${names.get(a.municipality) ?? a.municipality}`;
    const sum = advances.get(slot) ?? { count: 0, total: 0n };
    advances.set(slot, { count: sum.count + 1, total: sum.total + a.amount });
  }
  if (advances.size === 0) return [];
  return [
    '**Voorschotten**, opgeteld per jaar, regeling en gemeente (+ betaald door de gemeente, − aan de gemeente)',
    table(
      ['jaar', 'regeling', 'gemeente', 'aantal', 'bedrag'],
      [...advances].map(([slot, sum]) => [...slot.split('|'), String(sum.count), euro(sum.total)]),
      [3, 4],
    ),
  ];
}

function agreements(commands: readonly Command[]): string[] {
  const parts: string[] = [];
  for (const a of ofType(commands, 'AdoptReserveAgreement')) {
    const base = a.base.kind === 'fixed' ? euro(a.base.amount) : 'de regionale begroting van het jaar';
    const excess =
      a.excessTo.kind === 'fund' ? `naar ${fundLabel(a.excessTo.fundId).toLowerCase()}` : 'naar de gemeenten';
    parts.push(
      `**Reserveafspraak** v${a.version} (vanaf ${a.validFrom}): regelingen ${a.schemes.join(' en ')}; bandbreedte ${percent(a.minPct)} tot ${percent(a.maxPct)} van ${base}; ${percent(a.toReservePct)} van het resultaat naar de reserve; onder de band aanvullen tot ${a.replenishTo === 'min' ? 'het minimum' : 'het maximum'}, boven de band uitkeren tot ${a.payoutTo === 'max' ? 'het maximum' : 'het minimum'}, ${excess}.`,
    );
  }
  for (const o of ofType(commands, 'RecordReserveOpening'))
    parts.push(`**Beginstand reserve** ${o.year}: ${euro(o.amount)}${o.reference ? ` (${o.reference})` : ''}.`);
  for (const t of ofType(commands, 'TransferReserveToFund'))
    parts.push(
      `**Overheveling** ${t.year} van de reserve naar ${fundLabel(t.fundId).toLowerCase()}: ${euro(t.amount)}${t.reference ? ` (${t.reference})` : ''}.`,
    );
  for (const s of ofType(commands, 'AdoptSolidarityAgreement')) {
    const costs =
      s.executionCosts === 'surcharge'
        ? `zorgkosten plus ${percent(s.surchargePct ?? '0')} opslag`
        : 'werkelijke uitvoeringskosten';
    parts.push(
      `**Solidariteitsafspraak** v${s.version} (vanaf ${s.validFrom}): grondslag ${s.baseline === 'income' ? 'inkomsten' : 'regionaal gemiddelde'}; ${costs}; ${s.cap ? 'met' : 'zonder'} plafond; beleidscorrecties ${s.policyCorrections ? 'tellen mee' : 'tellen niet mee'}; eigen rekening ${percent(s.ownAccountPct)}${s.weights ? '; gewogen' : ''}.`,
    );
  }
  return parts;
}

/** The runs, closings and reopenings in the order the file records them. */
function runs(commands: readonly Command[]): string[] {
  const steps = commands.flatMap((command) => {
    if (command.type === 'RunAllocation') return [`verdeling ${command.year} uitgevoerd`];
    if (command.type === 'CloseYear') return [`${command.year} afgesloten (afrekening)`];
    if (command.type === 'ReopenYear') return [`${command.year} heropend: ${command.reason}`];
    return [];
  });
  return steps.length > 0 ? [`**Verloop**: ${steps.join('; ')}.`] : [];
}

function regionLines(statement: ExpectedStatement): string {
  const rows: [string, string, string][] = [
    [BW_LABELS.rijkHistorical, amount(statement.bw.rijkHistorical), '—'],
    [MO_LABELS.rijkRegional, '—', amount(statement.mo.rijkRegional)],
    [BW_LABELS.skimmed, amount(statement.bw.skimmed), amount(statement.mo.skimmed)],
    [
      'Verdeeld over gemeenten (BW historische, MO objectieve sleutel)',
      amount(statement.bw.distributed),
      amount(statement.mo.distributed),
    ],
    [BW_LABELS.contributions, amount(statement.bw.contributions), '—'],
    [BW_LABELS.coPayments, amount(statement.bw.coPayments), amount(statement.mo.coPayments)],
    [BW_LABELS.costs, amount(statement.bw.costs), amount(statement.mo.costs)],
    [BW_LABELS.result, amount(statement.bw.result), amount(statement.mo.result)],
    [BW_LABELS.toReserve, amount(statement.bw.toReserve), amount(statement.mo.toReserve)],
    [
      BW_LABELS.settledWithMunicipalities,
      amount(statement.bw.settledWithMunicipalities),
      amount(statement.mo.settledWithMunicipalities),
    ],
  ];
  return table(['regel', 'BW', 'MO'], rows, [1, 2]);
}

/** What an expected statement fixture holds: the lines the CLI test compares to the cent. */
type ExpectedStatement = Pick<
  Statement,
  'regionId' | 'year' | 'closed' | 'bw' | 'mo' | 'reserve' | 'solidarity' | 'municipalities'
>;

function expectedOutcome(name: string, region: string, year: number, expected: string): string[] {
  const statement = JSON.parse(readFileSync(join(EXPECTED, `${expected}.json`), 'utf8')) as ExpectedStatement;
  const parts = [
    `#### ${name} (${region}), ${year}${statement.closed ? ', afgesloten' : ', open'}`,
    `Verwachte jaaropgave: \`test/fixtures/expected/${expected}.json\`.`,
    '**Regionale voorzieningen**',
    regionLines(statement),
  ];
  if (statement.reserve) {
    const reserve = statement.reserve;
    parts.push(
      '**Reserve**',
      table(
        ['regel', 'bedrag'],
        (Object.keys(RESERVE_LABELS) as (keyof typeof RESERVE_LABELS)[]).map((line) => [
          RESERVE_LABELS[line],
          reserve[line] === null ? '—' : amount(reserve[line]),
        ]),
        [1],
      ),
    );
  }
  if (statement.solidarity) {
    parts.push(
      `**Solidariteit** (volume ${amount(statement.solidarity.volume)}; + ontvangt, − betaalt)`,
      table(
        ['gemeente', 'bedrag'],
        Object.entries(statement.solidarity.transfers).map(([code, value]) => [
          statement.municipalities[code]?.name ?? code,
          amount(value),
        ]),
        [1],
      ),
    );
  }
  parts.push(...municipalityLines(statement));
  return parts;
}

function municipalityLines(statement: ExpectedStatement): string[] {
  const municipalities = Object.values(statement.municipalities);
  const bwLines = Object.keys(MUNICIPALITY_BW_LABELS) as (keyof typeof MUNICIPALITY_BW_LABELS)[];
  const moLines = Object.keys(MUNICIPALITY_MO_LABELS) as (keyof typeof MUNICIPALITY_MO_LABELS)[];
  return [
    '**Per gemeente, BW**',
    table(
      ['gemeente', ...bwLines.map((line) => MUNICIPALITY_BW_LABELS[line])],
      municipalities.map((m) => [m.name, ...bwLines.map((line) => amount(m.bw[line]))]),
      bwLines.map((_, index) => index + 1),
    ),
    '**Per gemeente, MO**',
    table(
      ['gemeente', ...moLines.map((line) => MUNICIPALITY_MO_LABELS[line])],
      municipalities.map((m) => [m.name, ...moLines.map((line) => amount(m.mo[line]))]),
      moLines.map((_, index) => index + 1),
    ),
    `**${MUNICIPALITY_DUE_LABEL}**`,
    table(
      ['gemeente', 'afrekening'],
      municipalities.map((m) => [m.name, amount(m.due)]),
      [1],
    ),
  ];
}

function scenario(item: Scenario): string {
  const commands = commandsOf(item.file);
  const regions = [...new Set(commands.map((command) => command.regionId))];
  const parts = [`## ${item.title}`, `Opdrachtenbestand: \`examples/${item.file}\`.`, item.description];
  for (const region of regions) {
    const own = commands.filter((command) => command.regionId === region);
    parts.push(regions.length > 1 ? `### Invoer: ${region}` : '### Invoer', ...regionInputs(own));
  }
  parts.push('### Verwacht resultaat');
  const names = new Map(ofType(commands, 'RegisterRegion').map((command) => [command.regionId, command.name]));
  for (const [region, year, expected] of item.statements)
    parts.push(...expectedOutcome(names.get(region) ?? region, region, year, expected));
  return parts.join('\n\n');
}

export function renderScenariosDoc(): string {
  return `${[
    '# Scenario’s: invoer en verwachte jaaropgave',
    '<!-- Gegenereerd door `npm run docs` uit examples/ en test/fixtures/expected. Niet met de hand bewerken: een test faalt als dit bestand en de voorbeelden verschillen. -->',
    'Elk scenario is een opdrachtenbestand in `examples/` en de jaaropgaven die het moet opleveren, tot op de cent: `test/cli/scenarios.e2e-spec.ts` past het bestand toe met `geldstroom apply` en vergelijkt elke `geldstroom statement` met het bestand in `test/fixtures/expected/`. Hieronder staat per scenario wat er is ingevoerd (Rijksbetalingen, begroting, sleutels, afspraken) en wat de jaaropgave dan laat zien (afroming, verdeling, resultaat, reserve, solidariteit en de afrekening per gemeente), in de termen van de jaaropgave zelf. Bedragen in euro; een negatief bedrag bij een gemeente is wat zij betaalt.',
    ...SCENARIOS.map(scenario),
  ].join('\n\n')}\n`;
}

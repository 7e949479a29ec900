import type {
  CustomSeriesRenderItemAPI,
  CustomSeriesRenderItemReturn,
  EChartsCoreOption,
  LineSeriesOption,
  ScatterSeriesOption,
} from 'echarts';
import { invariant } from '@libs/domain';
import { Html } from '../html';
import { euro } from '../format';
import { euroAxisLabel, FONT, MUTED_COLOR, PALETTE, renderChart, TEXT_COLOR, toEuros } from './render-chart';
import { Ingroeipad, MemberMoney, ReserveYear } from './multi-year.data';
import { SankeyData } from './sankey.data';
import { Waterfall } from './waterfall.data';

const axisText = { color: MUTED_COLOR, fontSize: 12, fontFamily: FONT };
const euroAxis = {
  type: 'value',
  axisLabel: { ...axisText, formatter: euroAxisLabel },
  splitLine: { lineStyle: { color: '#e3e7ec' } },
};
const legend = {
  bottom: 0,
  itemGap: 18,
  textStyle: { color: TEXT_COLOR, fontSize: 12 },
  itemWidth: 14,
  itemHeight: 10,
};
const grid = { left: 90, right: 24, top: 24, bottom: 64 };

/** Lighter to darker shades of one colour, one per year. */
function shades(base: [number, number, number], count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const strength = count === 1 ? 1 : 0.55 + (0.45 * index) / (count - 1);
    const mix = (channel: number) => Math.round(255 - (255 - channel) * strength);
    return `rgb(${mix(base[0])},${mix(base[1])},${mix(base[2])})`;
  });
}

const WARM: [number, number, number] = [179, 92, 0];
const COOL: [number, number, number] = [31, 95, 153];

/** Per municipality a bar per year: the historical share below, the objective Rijk budget on top. */
/** Municipality names along the x axis, every one shown; slanted when more than six would crowd. */
const municipalityAxis = (names: readonly string[]) => ({
  type: 'category' as const,
  data: [...names],
  axisLabel: { ...axisText, interval: 0, rotate: names.length > 6 ? 35 : 0 },
});

export function ingroeipadChart(data: Ingroeipad, width: number): Html {
  const names = data.historical.map((member) => member.name);
  const warm = shades(WARM, data.years.length);
  const cool = shades(COOL, data.years.length);
  const series = data.years.flatMap((year, index) => [
    {
      type: 'bar',
      name: `Historisch ${year}`,
      stack: String(year),
      itemStyle: { color: warm[index] },
      data: data.historical.map((member) => toEuros(member.byYear.get(year) ?? 0n)),
    },
    {
      type: 'bar',
      name: `Objectief ${year}`,
      stack: String(year),
      itemStyle: { color: cool[index] },
      data: data.objective.map((member) => toEuros(member.byYear.get(year) ?? 0n)),
    },
  ]);
  const option: EChartsCoreOption = {
    grid: { ...grid, bottom: 110 },
    legend,
    xAxis: municipalityAxis(names),
    yAxis: euroAxis,
    series,
  };
  return renderChart(
    option,
    { width, height: 400 },
    `Ingroeipad: historisch en objectief BW-budget per gemeente, ${data.years.join(', ')}`,
    ({ series, data: index }) => {
      const year = data.years[Math.floor(series / 2)];
      const historical = series % 2 === 0;
      const member = (historical ? data.historical : data.objective)[index];
      if (year === undefined || !member) return undefined;
      return `${member.name}, ${year}: ${historical ? 'historisch aandeel' : 'objectief budget'} ${euro(member.byYear.get(year) ?? 0n)}`;
    },
  );
}

const euros = (value: bigint | null) => (value === null ? '-' : toEuros(value));

/**
 * A marker series for one kind of movement, on the years that had it. Markers sit side by side above
 * the year's point, so that two movements in one year stay apart.
 */
function movementMarkers(
  data: readonly ReserveYear[],
  look: { name: string; symbol: string; color: string; offset: number },
  pick: (year: ReserveYear) => bigint,
): ScatterSeriesOption {
  return {
    type: 'scatter',
    name: look.name,
    symbol: look.symbol,
    symbolSize: 15,
    symbolOffset: [look.offset, -20],
    itemStyle: { color: look.color, borderColor: '#ffffff', borderWidth: 1 },
    data: data.map((year) => (pick(year) > 0n ? toEuros(year.closing) : '-')),
    z: 6,
  };
}

/** The band as a lower line and a stacked area up to the upper bound, the closing line, then the movement markers. */
function reserveSeries(data: readonly ReserveYear[]): (LineSeriesOption | ScatterSeriesOption)[] {
  return [
    {
      type: 'line',
      name: 'ondergrens',
      stack: 'band',
      symbol: 'none',
      lineStyle: { width: 1, type: 'dashed', color: '#6a8f73' },
      data: data.map((year) => euros(year.min)),
      silent: true,
    },
    {
      type: 'line',
      name: 'Bandbreedte',
      stack: 'band',
      symbol: 'none',
      lineStyle: { width: 1, type: 'dashed', color: '#6a8f73' },
      itemStyle: { color: '#cfe5d4' },
      areaStyle: { color: '#cfe5d4', opacity: 0.8 },
      data: data.map((year) => (year.min === null || year.max === null ? '-' : toEuros(year.max - year.min))),
      silent: true,
    },
    {
      type: 'line',
      name: 'Stand einde jaar',
      symbol: 'circle',
      symbolSize: 9,
      lineStyle: { width: 3, color: PALETTE[0] },
      itemStyle: { color: PALETTE[0] },
      data: data.map((year) => toEuros(year.closing)),
      z: 5,
    },
    movementMarkers(
      data,
      { name: 'Aanvulling', symbol: 'triangle', color: '#2d7a4f', offset: -18 },
      (year) => year.replenished,
    ),
    movementMarkers(
      data,
      { name: 'Uitkering', symbol: 'path://M0,0 L10,0 L5,9 Z', color: '#a8324a', offset: 0 },
      (year) => year.paidOut,
    ),
    movementMarkers(
      data,
      { name: 'Naar fonds', symbol: 'diamond', color: '#7a3f9d', offset: 18 },
      (year) => year.toFunds,
    ),
  ];
}

/** What each series of the reserve chart (by index, see reserveSeries) says in its tooltip. */
const RESERVE_MOVEMENTS: Record<number, [string, (year: ReserveYear) => bigint]> = {
  2: ['stand einde jaar', (year) => year.closing],
  3: ['aanvulling', (year) => year.replenished],
  4: ['uitkering', (year) => year.paidOut],
  5: ['naar fonds', (year) => year.toFunds],
};

/** The reserve at the end of each year inside its band, with markers where money was added or taken. */
export function reserveChart(data: readonly ReserveYear[], width: number): Html {
  const years = data.map((year) => String(year.year));
  const option: EChartsCoreOption = {
    grid: { ...grid, right: 40, top: 36 },
    legend: { ...legend, data: ['Stand einde jaar', 'Bandbreedte', 'Aanvulling', 'Uitkering', 'Naar fonds'] },
    xAxis: { type: 'category', data: years, boundaryGap: data.length === 1, axisLabel: axisText },
    yAxis: euroAxis,
    series: reserveSeries(data),
  };
  return renderChart(
    option,
    { width, height: 340 },
    'Regionale reserve per jaar binnen de bandbreedte',
    ({ series, data: index }) => {
      const year = data[index];
      const movement = RESERVE_MOVEMENTS[series];
      if (!year || !movement) return undefined;
      const band =
        series === 2 && year.min !== null && year.max !== null
          ? ` (bandbreedte ${euro(year.min)} – ${euro(year.max)})`
          : '';
      return `Reserve ${year.year}, ${movement[0]}: ${euro(movement[1](year))}${band}`;
    },
  );
}

/** One bar per municipality and year. */
export function memberBarsChart(data: MemberMoney, which: 'contributions' | 'due', width: number, label: string): Html {
  const members = data[which];
  const names = members.map((member) => member.name);
  const colours = shades(which === 'due' ? COOL : WARM, data.years.length);
  const option: EChartsCoreOption = {
    grid: { ...grid, bottom: 110 },
    legend,
    xAxis: municipalityAxis(names),
    yAxis: euroAxis,
    series: data.years.map((year, index) => ({
      type: 'bar',
      name: String(year),
      itemStyle: { color: colours[index] },
      data: members.map((member) => toEuros(member.byYear.get(year) ?? 0n)),
    })),
  };
  const what = which === 'due' ? 'afrekening' : 'bijdrage BW';
  return renderChart(option, { width, height: 360 }, label, ({ series, data: index }) => {
    const year = data.years[series];
    const member = members[index];
    return year === undefined || !member
      ? undefined
      : `${member.name}, ${year}: ${what} ${euro(member.byYear.get(year) ?? 0n)}`;
  });
}

/** One colour per kind of account, so that the same kind looks the same in every year. */
function nodeColour(id: string): string {
  if (id === 'rijk') return '#1d3f66';
  if (/:(bw-historical|mo-budget)$/.test(id)) return '#4d6f91';
  if (id.endsWith('-provisions')) return '#2d7a4f';
  if (id.endsWith(':reserve')) return '#38707a';
  if (id.includes(':fund:')) return '#7a3f9d';
  if (/^(gemeenten|GM\d{4}):/.test(id)) return '#b35c00';
  if (id === 'external:providers') return '#a8324a';
  if (id.startsWith('pool:')) return '#6b6b1f';
  return '#5b5b66';
}

/** The year's flows from the postings. */
export function sankeyChart(data: SankeyData, width: number, label: string): Html {
  const labels = new Map(data.nodes.map((node) => [node.id, node.label]));
  const height = Math.max(360, Math.min(1100, 34 * data.nodes.length));
  const option: EChartsCoreOption = {
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 190,
        top: 12,
        bottom: 12,
        nodeWidth: 14,
        nodeGap: 10,
        nodeAlign: 'justify',
        layoutIterations: 64,
        draggable: false,
        data: data.nodes.map((node) => ({ name: node.id, itemStyle: { color: nodeColour(node.id), borderWidth: 0 } })),
        links: data.links.map((link) => ({ source: link.source, target: link.target, value: toEuros(link.amount) })),
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
        label: {
          color: TEXT_COLOR,
          fontSize: 12,
          formatter: (params: { name: string }) => labels.get(params.name) ?? params.name,
        },
      },
    ],
  };
  const incoming = new Map<string, bigint>();
  const outgoing = new Map<string, bigint>();
  for (const link of data.links) {
    incoming.set(link.target, (incoming.get(link.target) ?? 0n) + link.amount);
    outgoing.set(link.source, (outgoing.get(link.source) ?? 0n) + link.amount);
  }
  return renderChart(option, { width, height }, label, ({ data: index, edge }) => {
    if (edge) {
      const link = data.links[index];
      return link
        ? `${labels.get(link.source) ?? link.source} → ${labels.get(link.target) ?? link.target}: ${euro(link.amount)}`
        : undefined;
    }
    const node = data.nodes[index];
    if (!node) return undefined;
    const inflow = incoming.get(node.id) ?? 0n;
    const outflow = outgoing.get(node.id) ?? 0n;
    return `${node.label}: ${inflow >= outflow ? `ontvangt ${euro(inflow)}` : `geeft door ${euro(outflow)}`}`;
  });
}

const WATERFALL_COLOURS = { up: '#2d7a4f', down: '#a8324a', total: PALETTE[0] } as const;

/**
 * One step of the waterfall as a rectangle from its start to its end level (ECharts' custom series calls
 * this per data item [index, from, to, kind]), 60% of its category wide and at least a pixel high.
 */
function waterfallBar(data: Waterfall, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn {
  const index = Number(api.value(0));
  const kind = data.steps[index].kind;
  const [x, top] = api.coord([index, api.value(1)]);
  const [, bottom] = api.coord([index, api.value(2)]);
  // a cartesian grid always measures its categories; without it there is no bar to draw
  const band = api.size?.([1, 0]);
  invariant(Array.isArray(band), () => 'the waterfall is drawn on a cartesian grid, which measures its categories');
  const width = band[0] * 0.6;
  return {
    type: 'rect',
    shape: { x: x - width / 2, y: Math.min(top, bottom), width, height: Math.max(1, Math.abs(bottom - top)) },
    style: { fill: WATERFALL_COLOURS[kind] },
  };
}

/** Bars from one level to the next; subtotals from zero. */
export function waterfallChart(data: Waterfall, width: number): Html {
  const option: EChartsCoreOption = {
    grid: { ...grid, bottom: 80 },
    xAxis: {
      type: 'category',
      data: data.steps.map((step) => step.label),
      axisLabel: { ...axisText, interval: 0, rotate: 20 },
    },
    yAxis: euroAxis,
    series: [
      {
        type: 'custom',
        name: `Resultaat ${data.scheme}`,
        encode: { x: 0, y: [1, 2] },
        data: data.steps.map((step, index) => [index, toEuros(step.from), toEuros(step.to), step.kind]),
        renderItem: (_params: unknown, api: CustomSeriesRenderItemAPI) => waterfallBar(data, api),
      },
    ],
  };
  return renderChart(option, { width, height: 320 }, `Jaarresultaat ${data.scheme} als waterval`, ({ data: index }) => {
    const step = data.steps[index];
    if (!step) return undefined;
    return `${data.scheme}, ${step.label}: ${euro(step.kind === 'total' ? step.to : step.to - step.from)}`;
  });
}

/** A bar per municipality and year: the replayed minus the recorded settlement amount. */
export function differenceChart(
  years: readonly number[],
  members: readonly { name: string; byYear: ReadonlyMap<number, bigint> }[],
  width: number,
): Html {
  const colours = shades(COOL, years.length);
  const names = members.map((member) => member.name);
  const option: EChartsCoreOption = {
    grid: { ...grid, bottom: 110 },
    legend,
    xAxis: municipalityAxis(names),
    yAxis: euroAxis,
    series: years.map((year, index) => ({
      type: 'bar',
      name: String(year),
      itemStyle: { color: colours[index] },
      data: members.map((member) => toEuros(member.byYear.get(year) ?? 0n)),
    })),
  };
  return renderChart(
    option,
    { width, height: 360 },
    'Verschil in de afrekening per gemeente en jaar (herberekend − vastgelegd)',
    ({ series, data: index }) => {
      const year = years[series];
      const member = members[index];
      return year === undefined || !member
        ? undefined
        : `${member.name}, ${year}: verschil ${euro(member.byYear.get(year) ?? 0n)}`;
    },
  );
}

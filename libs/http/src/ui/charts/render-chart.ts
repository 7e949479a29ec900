import type * as Echarts from 'echarts';
import { escapeHtml, Html, trustedSvg } from '../html';

export interface ChartSize {
  readonly width: number;
  readonly height: number;
}

/** Calm, distinguishable colours with at least 3:1 contrast against white. */
export const PALETTE = ['#1f5f99', '#b35c00', '#2d7a4f', '#7a3f9d', '#a8324a', '#38707a', '#6b6b1f', '#5b5b66'];
export const TEXT_COLOR = '#1d2733';
export const MUTED_COLOR = '#4a5563';
export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

/**
 * Renders an ECharts option to SVG on the server (no DOM, no animation) and makes it fit the page's
 * content security policy: style attributes become presentation attributes and the hover stylesheet
 * is dropped (the page allows no inline styles), ECharts' bookkeeping attributes go, and the SVG gets
 * an accessible name. ECharts escapes the text it writes; `text` labels are escaped here.
 */
/** A drawn element of a series: which series and data item (ECharts' SSR marks them), and for a Sankey link or node. */
export interface ChartElement {
  readonly series: number;
  readonly data: number;
  /** a Sankey's link (a curve) rather than its node (a bar) */
  readonly edge: boolean;
}

/** The tooltip of an element in Dutch (municipality, year, € amount), or none. */
export type ChartTitles = (element: ChartElement) => string | undefined;

export function renderChart(
  option: Echarts.EChartsCoreOption,
  size: ChartSize,
  label: string,
  titles?: ChartTitles,
): Html {
  // loaded by the first page with a chart, not when the service starts (ECharts is large)
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  const echarts = require('echarts') as typeof Echarts;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: FONT, color: TEXT_COLOR },
      color: PALETTE,
      ...option,
    });
    return trustedSvg(forPage(chart.renderToSVGString(), label, titles));
  } finally {
    chart.dispose();
  }
}

const STYLE_BLOCK = /<style[^>]*>[\s\S]*?<\/style>/g;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/g;
const BOOKKEEPING = /\secmeta_[a-z_]+="[^"]*"/g;

const SERIES_ELEMENT =
  /<(path|rect|circle|polygon|polyline)(\s[^>]*?ecmeta_series_index="(\d+)"\s+ecmeta_data_index="(\d+)"\s+ecmeta_ssr_type="chart"[^>]*)><\/\1>/g;

/**
 * Every drawn data element (not the legend's) gets an SVG <title>: the browser shows it as the tooltip on hover, and
 * screen readers read it, without client-side JavaScript (the page allows none for charts).
 */
function withTitles(svg: string, titles: ChartTitles | undefined): string {
  if (!titles) return svg;
  return svg.replace(SERIES_ELEMENT, (element, tag: string, attributes: string, series: string, data: string) => {
    const title = titles({
      series: Number(series),
      data: Number(data),
      edge: /\sd="[^"]*C/.test(attributes),
    });
    return title === undefined ? element : `<${tag}${attributes}><title>${escapeHtml(title)}</title></${tag}>`;
  });
}

export function forPage(svg: string, label: string, titles?: ChartTitles): string {
  const body = withTitles(svg, titles)
    .replace(STYLE_BLOCK, '')
    .replace(BOOKKEEPING, '')
    .replace(STYLE_ATTRIBUTE, (_, declarations: string) =>
      declarations
        .split(';')
        .map((declaration) => declaration.split(':'))
        .filter((parts) => parts.length === 2 && /^[a-z-]+$/.test(parts[0].trim()))
        .map(([name, value]) => ` ${name.trim()}="${escapeHtml(value.trim())}"`)
        .join(''),
    );
  return body.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" `);
}

/** Euros for drawing only: a chart axis needs numbers; amounts in text and tables stay exact. */
export const toEuros = (cents: bigint): number => Number(cents) / 100;

/** Axis labels: € 1,2 mln, € 250.000. */
export function euroAxisLabel(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1_000_000)
    return `€ ${(value / 1_000_000).toLocaleString('nl-NL', { maximumFractionDigits: 1 })} mln`;
  return `€ ${value.toLocaleString('nl-NL', { maximumFractionDigits: 0 })}`;
}

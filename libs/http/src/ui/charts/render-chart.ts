import * as echarts from 'echarts';
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
export function renderChart(option: echarts.EChartsCoreOption, size: ChartSize, label: string): Html {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: FONT, color: TEXT_COLOR },
      color: PALETTE,
      ...option,
    });
    return trustedSvg(forPage(chart.renderToSVGString(), label));
  } finally {
    chart.dispose();
  }
}

const STYLE_BLOCK = /<style[^>]*>[\s\S]*?<\/style>/g;
const STYLE_ATTRIBUTE = /\sstyle="([^"]*)"/g;
const BOOKKEEPING = /\secmeta_[a-z_]+="[^"]*"/g;

export function forPage(svg: string, label: string): string {
  const body = svg
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

/** The pages' one stylesheet (served as /ui/assets/ui.css; no inline styles: the CSP allows none). */
export const UI_CSS = `
:root {
  --ink: #1d2733; --muted: #4a5563; --line: #d5dbe3; --soft: #f4f6f9; --accent: #1f5f99;
  --accent-dark: #174a78; --ok: #2d6a43; --warn: #8a5a00; --bad: #a8324a; --paper: #ffffff;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
}
* { box-sizing: border-box; }
html { font-family: var(--font); color: var(--ink); background: var(--soft); font-size: 15px; line-height: 1.5; }
body { margin: 0; }
a { color: var(--accent); text-underline-offset: 2px; }
a:hover { color: var(--accent-dark); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid #f2b705; outline-offset: 2px;
}
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: 1rem; }
header.top { display: flex; align-items: center; gap: 2rem; padding: .7rem 2rem; background: var(--paper); border-bottom: 1px solid var(--line); flex-wrap: wrap; }
.brand { font-weight: 700; font-size: 1.1rem; color: var(--ink); text-decoration: none; display: flex; align-items: center; gap: .5rem; }
.brand .mark { display: inline-block; width: 1.1rem; height: 1.1rem; border-radius: 3px; background: linear-gradient(135deg, #1f5f99 0 50%, #2d7a4f 50% 100%); }
.crumbs ol { list-style: none; display: flex; gap: .4rem; margin: 0; padding: 0; flex-wrap: wrap; }
.crumbs li + li::before { content: "›"; color: var(--muted); margin-right: .4rem; }
.crumbs [aria-current] { color: var(--muted); }
.who { margin-left: auto; display: flex; gap: 1rem; align-items: center; color: var(--muted); }
.who form { margin: 0; }
main { max-width: 1240px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
main:focus { outline: none; }
h1 { font-size: 1.7rem; margin: .2rem 0 .3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .7rem; }
h3 { font-size: 1.02rem; margin: 1.2rem 0 .5rem; }
.lead { color: var(--muted); margin: 0 0 1rem; max-width: 60rem; }
.note { color: var(--muted); font-size: .88rem; }
footer.bottom { max-width: 1240px; margin: 0 auto; padding: 1rem 2rem 2rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .4rem 1.2rem 1rem; }
.panel h2 { margin-top: .8rem; }
.overview { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.2rem; }
.integrity .hash-row { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.integrity form { margin: 0; }
.pair { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.2rem; align-items: start; }
@media (max-width: 900px) { .overview, .pair { grid-template-columns: minmax(0, 1fr); } }
/* a phone: every wide table scrolls sideways in its own box instead of widening the page */
@media (max-width: 760px) { main, footer.bottom, header.top { padding-left: 1rem; padding-right: 1rem; } table.data { display: block; overflow-x: auto; } table.data.settlement, .scroll > table.data { display: table; } }
table.data { border-collapse: collapse; width: 100%; background: var(--paper); font-variant-numeric: tabular-nums; margin: .3rem 0 1rem; }
table.data caption { text-align: left; color: var(--muted); font-size: .88rem; padding: .3rem 0; caption-side: top; }
table.data th, table.data td { padding: .38rem .6rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
table.data thead th { font-weight: 600; font-size: .86rem; color: var(--muted); border-bottom: 2px solid var(--line); }
table.data tbody th { font-weight: 500; }
table.data tfoot th, table.data tfoot td { border-top: 2px solid var(--ink); font-weight: 700; }
table.data .num { text-align: right; white-space: nowrap; }
table.data thead th.num { white-space: normal; }
table.data tbody th { white-space: nowrap; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll:focus-visible { outline: 3px solid #f2b705; outline-offset: 2px; }
/* the settlement table fits a 1366 px screen: the code under the name, tighter cells; narrower screens scroll it in its own box */
table.settlement th, table.settlement td { padding: .38rem .42rem; }
table.settlement tbody th { white-space: normal; min-width: 12rem; }
table.settlement tbody th .code { display: block; }
table.settlement thead th.num { min-width: 6.5rem; }
table.data tr.strong th, table.data tr.strong td, td.strong { font-weight: 700; }
table.compact th, table.compact td { padding: .25rem .45rem; font-size: .9rem; }
table.lines th { font-weight: 400; }
.settlement tbody tr:hover, .compact tbody tr:hover { background: #eef3f9; }
.amount { white-space: nowrap; }
a.amount { color: var(--ink); text-decoration: none; border-bottom: 1px dotted var(--accent); }
a.amount:hover { color: var(--accent-dark); border-bottom-style: solid; background: #eef4fa; }
.negative { color: #8b1e34; }
a.negative { border-bottom-color: #8b1e34; }
.code { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; border: 1px solid; }
.badge.closed { color: var(--ok); border-color: #9cc5aa; background: #eef7f1; }
.badge.open { color: var(--accent-dark); border-color: #a9c3de; background: #eef4fa; }
.badge.reopened { color: var(--warn); border-color: #e0c58e; background: #fdf6e7; }
.badge.central { color: var(--muted); border-color: var(--line); background: var(--soft); font-weight: 500; }
code, .hash { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
.hash { word-break: break-all; background: var(--soft); padding: .15rem .35rem; border-radius: 4px; }
.hash.short { display: inline-block; max-width: 26ch; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
button, .button { font: inherit; font-weight: 600; background: var(--accent); color: #fff; border: 1px solid var(--accent); border-radius: 5px; padding: .45rem 1rem; cursor: pointer; text-decoration: none; display: inline-block; }
button:hover, .button:hover { background: var(--accent-dark); color: #fff; }
button.secondary, .button.secondary { background: var(--paper); color: var(--accent); }
button.secondary:hover, .button.secondary:hover { background: #eef4fa; color: var(--accent-dark); }
button.link { background: none; border: none; color: var(--accent); padding: 0; font-weight: 500; text-decoration: underline; }
.actions { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.notice { border-left: 4px solid; padding: .6rem 1rem; margin: .8rem 0; background: var(--paper); border-radius: 0 4px 4px 0; }
.notice.ok { border-color: var(--ok); background: #eef7f1; }
.notice.error { border-color: var(--bad); background: #fbeef1; }
.notice.warning { border-color: var(--warn); background: #fdf6e7; }
.notice.info { border-color: var(--accent); background: #eef4fa; }
figure.chart { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1.2rem; padding: .8rem 1rem; }
figure.chart figcaption { font-weight: 600; margin-bottom: .4rem; }
.chart-canvas svg { display: block; max-width: 100%; height: auto; }
.chart-canvas:focus-visible { outline: 3px solid #f2b705; outline-offset: 2px; }
.chart-canvas svg text { font-family: var(--font); }
details.chart-data summary, details.inputs summary { cursor: pointer; color: var(--accent); font-size: .9rem; }
details.chart-data[open] { margin-top: .5rem; }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 1rem; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .2rem 1.2rem 1rem; }
.card h2 { margin: .8rem 0 .2rem; }
.year-list { list-style: none; padding: 0; display: flex; gap: 1rem; flex-wrap: wrap; }
.members { columns: 3 14rem; padding-left: 1.1rem; }
.sum-line { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1.2rem; font-size: 1.1rem; margin: .5rem 0 1rem; display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }
.sum-line strong { font-size: 1.35rem; font-variant-numeric: tabular-nums; }
table.explain td.derivation { max-width: 30rem; font-size: .9rem; }
table.explain td.meta { font-size: .82rem; color: var(--muted); min-width: 12rem; }
details.inputs dl { display: grid; grid-template-columns: minmax(8rem, max-content) auto; gap: .1rem .8rem; margin: .3rem 0; font-size: .85rem; }
details.inputs dt { color: var(--muted); }
details.inputs dt code.field, td.key code.field { display: block; font-size: .75rem; }
details.inputs dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
details.inputs dd.num { white-space: nowrap; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.4rem; border-left: 1px solid var(--line); }
ul.tree { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.5rem; }
ul.tree li { margin: .3rem 0; }
ul.tree summary { cursor: pointer; }
.flow-account { font-weight: 600; }
form.login { display: grid; gap: .6rem; max-width: 32rem; background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 1.2rem; }
input, select { font: inherit; padding: .4rem .5rem; border: 1px solid #8a96a3; border-radius: 4px; background: var(--paper); color: var(--ink); }
form.inline { display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; margin-bottom: 1rem; }
form.weights input { width: 8rem; text-align: right; }
.live-status { min-height: 1.2rem; color: var(--ok); font-size: .9rem; margin: 0 0 .5rem; }
.error-detail { font-size: 1.05rem; }
/* a phone: a row's name wraps so that its amount stays on the screen; a caption wraps within the box it scrolls in,
   and stays put while the table scrolls; a chart keeps its drawn size (its labels readable) and scrolls in its own box */
@media (max-width: 760px) {
  table.data tbody th { white-space: normal; }
  .scroll, :not(.scroll) > table.data { container-type: inline-size; }
  table.data caption { position: sticky; left: 0; max-width: 100cqi; }
  .chart-canvas { overflow-x: auto; }
  .chart-canvas svg { max-width: none; }
}
@media print { header.top, footer.bottom, form, .live-status, details.chart-data summary { display: none; } body, html { background: #fff; } }
`;

import { formatEuro, parseAmount } from '@libs/money';
import { KeyComparison, KEY_OPTIONS, ReplayReport } from '@libs/projections';
import { textTable } from './text-table';

const euro = (amount: string) => formatEuro(parseAmount(amount));
const number = (amount: string) => euro(amount).slice(2);

/** Per year and municipality: recorded, replayed and the difference, for the lines that change. */
export function renderReplayText(report: ReplayReport): string {
  const parts = [
    `Wat-als voor ${report.regionId}: ${report.revisions.map((revision) => `${revision.identity}${revision.replaced ? ' (vervangt de vastgelegde)' : ' (toegevoegd)'}`).join('; ')}`,
  ];
  for (const [year, { recorded, replayed, difference }] of Object.entries(report.years)) {
    parts.push('', `${year}`);
    const rows: string[][] = [];
    for (const code of Object.keys(difference.municipalities)) {
      for (const scheme of ['bw', 'mo'] as const) {
        const lines = difference.municipalities[code][scheme] as unknown as Record<string, string>;
        for (const [field, delta] of Object.entries(lines)) {
          if (delta === '0.00') continue;
          const before = (recorded.municipalities[code][scheme] as unknown as Record<string, string>)[field];
          const after = (replayed.municipalities[code][scheme] as unknown as Record<string, string>)[field];
          rows.push([
            `${code} ${replayed.municipalities[code].name}`,
            `${scheme.toUpperCase()} ${field}`,
            number(before),
            number(after),
            number(delta),
          ]);
        }
      }
    }
    parts.push(
      rows.length === 0
        ? '  geen verschillen'
        : textTable(['Gemeente', 'Regel', 'Vastgelegd', 'Herberekend', 'Verschil'], rows, [
            'left',
            'left',
            'right',
            'right',
            'right',
          ]),
    );
  }
  return parts.join('\n');
}

/** The key options side by side: per municipality the share and contribution each would give. */
export function renderKeyComparisonText(comparison: KeyComparison): string {
  const parts = [
    `Verdeelsleutels vergeleken voor ${comparison.regionId} (${comparison.scheme}), ${comparison.years[0]}–${comparison.years[comparison.years.length - 1]}`,
  ];
  for (const year of comparison.years) {
    const key = String(year);
    parts.push('', `${year}: te verdelen ${euro(comparison.totals[key])} (regionale begroting ${comparison.scheme})`);
    const codes =
      Object.keys(comparison.options.income.years[key].municipalities).length > 0
        ? Object.keys(comparison.options.income.years[key].municipalities)
        : Object.keys(comparison.recordedContributions[key] ?? {});
    const header = ['Gemeente', ...KEY_OPTIONS.flatMap((option) => [`${option} %`, `${option} €`])];
    const rows = codes.map((code) => [
      code,
      ...KEY_OPTIONS.flatMap((option) => {
        const entry = comparison.options[option].years[key];
        return entry.available
          ? [entry.municipalities[code].sharePct, number(entry.municipalities[code].contribution)]
          : ['n.b.', 'n.b.'];
      }),
    ]);
    parts.push(textTable(header, rows));
  }
  parts.push('', 'Stabiliteit (gemiddelde en grootste verschuiving van het aandeel per jaar, procentpunt):');
  for (const option of KEY_OPTIONS) {
    const { meanAbsShareChangePct, maxAbsShareChangePct } = comparison.options[option].stability;
    parts.push(
      `  ${option.padEnd(12)} ${meanAbsShareChangePct === null ? 'n.b. (te weinig jaren met gegevens)' : `gemiddeld ${meanAbsShareChangePct}, hoogstens ${maxAbsShareChangePct}`}`,
    );
  }
  return parts.join('\n');
}

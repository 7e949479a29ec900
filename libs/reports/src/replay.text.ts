import { formatAmountNl, formatDecimalNl, formatEuroNl } from '@libs/money';
import { KeyComparison, KEY_OPTIONS, KeyOption, ReplayReport } from '@libs/projections';
import { keyLabel } from './event-labels';
import { MUNICIPALITY_BW_LABELS, MUNICIPALITY_MO_LABELS } from './labels';
import { textTable } from './text-table';

const euro = formatEuroNl;
const number = formatAmountNl;

/** A revision of a what-if, in words: "objectieve sleutel BW (bw-objective) v1", "reserveafspraak vanaf 2023 (v1)". */
export function revisionLabel(revision: { type: string; identity: string }): string {
  const agreement = /from (\d{4}) \(v(\d+)\)$/.exec(revision.identity);
  if (revision.type === 'AdoptReserveAgreement' && agreement)
    return `reserveafspraak vanaf ${agreement[1]} (v${agreement[2]})`;
  if (revision.type === 'AdoptSolidarityAgreement' && agreement)
    return `solidariteitsafspraak vanaf ${agreement[1]} (v${agreement[2]})`;
  const key = /^(\S+) v(\d+)$/.exec(revision.identity);
  if (revision.type === 'AdoptDistributionKey' && key) return `${keyLabel(key[1])} (${key[1]}) v${key[2]}`;
  return revision.identity;
}

const LINE_LABELS = { bw: MUNICIPALITY_BW_LABELS, mo: MUNICIPALITY_MO_LABELS } as const;

/** The AEF's key options in words. */
export const KEY_OPTION_LABELS: Readonly<Record<KeyOption, string>> = {
  inhabitants: 'inwoners',
  income: 'inkomsten',
  use: 'gebruik',
};

/** Per year and municipality: recorded, replayed and the difference, for the lines that change. */
export function renderReplayText(report: ReplayReport): string {
  const parts = [
    `Wat-als voor ${report.regionId}: ${report.revisions.map((revision) => `${revisionLabel(revision)}${revision.replaced ? ' (vervangt de vastgelegde)' : ' (toegevoegd)'}`).join('; ')}`,
  ];
  for (const [year, { recorded, replayed, difference }] of Object.entries(report.years)) {
    parts.push('', year);
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
            `${scheme.toUpperCase()} ${(LINE_LABELS[scheme] as Record<string, string>)[field] ?? field}`,
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
    const header = [
      'Gemeente',
      ...KEY_OPTIONS.flatMap((option) => [`${KEY_OPTION_LABELS[option]} %`, `${KEY_OPTION_LABELS[option]} €`]),
    ];
    const rows = codes.map((code) => [
      code,
      ...KEY_OPTIONS.flatMap((option) => {
        const entry = comparison.options[option].years[key];
        return entry.available
          ? [formatDecimalNl(entry.municipalities[code].sharePct), number(entry.municipalities[code].contribution)]
          : ['n.b.', 'n.b.'];
      }),
    ]);
    parts.push(textTable(header, rows));
  }
  parts.push('', 'Stabiliteit (gemiddelde en grootste verschuiving van het aandeel per jaar, procentpunt):');
  for (const option of KEY_OPTIONS) {
    const { meanAbsShareChangePct, maxAbsShareChangePct } = comparison.options[option].stability;
    parts.push(
      `  ${KEY_OPTION_LABELS[option].padEnd(12)} ${meanAbsShareChangePct === null || maxAbsShareChangePct === null ? 'n.b. (te weinig jaren met gegevens)' : `gemiddeld ${formatDecimalNl(meanAbsShareChangePct)}, hoogstens ${formatDecimalNl(maxAbsShareChangePct)}`}`,
    );
  }
  return parts.join('\n');
}

import { formatEuro, parseAmount } from '@libs/money';
import { textTable } from '@libs/reports';
import { IntakeReport } from './intake';
import { REASONS } from './reasons';

/**
 * The preview of an intake in Dutch, per sheet: rows, what they do against what is recorded
 * (new, identical = records nothing, conflicting), and the totals per year and scheme.
 */
export function renderIntakeReport(report: IntakeReport): string {
  const heading = report.recorded
    ? `Regio ${report.regionId}: vastgelegd (${report.events} gebeurtenis(sen)).`
    : report.dryRun && report.issues.length === 0 && report.moreIssues === 0
      ? `Regio ${report.regionId}: proefdraai — er is niets vastgelegd; toepassen zou ${report.events} gebeurtenis(sen) vastleggen.`
      : `Regio ${report.regionId}: er is niets vastgelegd — ${report.issues.length + report.moreIssues} fout(en).`;
  const lines = [heading, ''];
  if (report.sheets.length === 0) {
    lines.push('Geen bladen met gegevens gevonden.');
  } else {
    lines.push(
      textTable(
        ['blad', 'bestand', 'rijen', 'opdrachten', 'nieuw', 'al vastgelegd', 'in strijd', 'afgewezen'],
        report.sheets.map((sheet) => [
          sheet.sheet,
          sheet.file,
          String(sheet.rows),
          String(sheet.commands),
          String(sheet.new),
          String(sheet.identical),
          String(sheet.conflicting),
          String(sheet.rejected),
        ]),
        ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    );
    const totals = report.sheets.flatMap((sheet) =>
      sheet.totals.map((total) => [
        sheet.sheet,
        String(total.year),
        total.scheme ?? '',
        formatEuro(parseAmount(total.amount)),
      ]),
    );
    if (totals.length > 0) {
      lines.push('', 'Totalen per jaar en regeling:');
      lines.push(textTable(['blad', 'jaar', 'regeling', 'bedrag'], totals, ['left', 'right', 'left', 'right']));
    }
  }
  if (report.ignoredSheets.length > 0)
    lines.push(
      '',
      `Niet gelezen (onbekende bladen): ${report.ignoredSheets.map((ignored) => `${ignored.file}:${ignored.sheet}`).join(', ')}`,
    );
  if (report.issues.length > 0) lines.push('', 'Fouten:', ...report.issues.map((found) => `  ${found.message}`));
  if (report.moreIssues > 0) lines.push(`  ${REASONS.moreIssues(report.moreIssues)}`);
  lines.push(
    '',
    '"al vastgelegd": de rij staat al zo in het grootboek en legt niets opnieuw vast; "in strijd": een id of versie staat al vastgelegd met een andere inhoud.',
  );
  return lines.join('\n');
}

import { RegionView } from '@libs/domain/model';
import type { Replayed } from './replay';
import { replayYear, reportYears, statementDifference } from './replay';
import { reaches } from './replay-history';
import { buildStatement } from './statement.projection';
import { Statement } from './statement.types';
import { writtenValue, zeroedJson } from './zeroed-json';

/** The region as recorded, as a replay's report reads it (see replayReportJson). */
export interface RecordedSide {
  /** the recorded state's active years */
  readonly years: ReadonlySet<number>;
  /** a year's recorded statement as JSON.stringify wrote it (a statement read model current for the recorded state) */
  readonly text: (year: number) => string | undefined;
  /** the recorded state itself, to build a year without such a text from; without it, such a report is not written */
  readonly state?: RegionView;
}

/**
 * The JSON text of a replay's report, exactly JSON.stringify(replayReportOf(replayed, recorded state)),
 * written without building again what is known as text: the recorded side's `text` of a year. A year the
 * replay left as recorded has the recorded statement as its replayed one and a difference of zeros: it is
 * that text twice and the text with its amounts zeroed (see zeroedJson). A year it decided again has the
 * text as its recorded statement and, read back, as the side its difference is taken from; only its
 * replayed statement is built. A year without a text that reads exactly as JSON.stringify writes is written
 * from its statements, as replayReportOf writes it; without the recorded state to build it from, the
 * report is undefined.
 */
export function replayReportJson(replayed: Replayed, recorded: RecordedSide & { readonly state: RegionView }): string;
export function replayReportJson(replayed: Replayed, recorded: RecordedSide): string | undefined;
export function replayReportJson(replayed: Replayed, recorded: RecordedSide): string | undefined {
  // the years in the order the report object holds its fields (integer-like names first, ascending)
  const years: Record<string, string> = {};
  for (const year of reportYears(recorded.years, replayed.replayed)) {
    const json = yearFromText(replayed, year, recorded.text(year));
    if (json !== undefined) years[String(year)] = json;
    else if (recorded.state)
      years[String(year)] = JSON.stringify(replayYear(recorded.state, replayed.replayed, replayed.reach, year));
    else return undefined;
  }
  const parts: string[] = [];
  for (const name of Object.keys(years)) parts.push(`${JSON.stringify(name)}:${years[name]}`);
  return `{"regionId":${JSON.stringify(replayed.regionId)},"revisions":${JSON.stringify(replayed.applied)},"years":{${parts.join(',')}}}`;
}

/** A year of the report from its recorded statement's text; undefined when the text is not as JSON.stringify writes it. */
function yearFromText(replayed: Replayed, year: number, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!reaches(replayed.reach, year)) {
    const zeros = zeroedJson(text);
    return zeros === undefined ? undefined : `{"recorded":${text},"replayed":${text},"difference":${zeros}}`;
  }
  const before = writtenValue(text)?.value as Statement | undefined;
  if (before === undefined) return undefined;
  const after = buildStatement(replayed.replayed, year);
  return `{"recorded":${text},"replayed":${JSON.stringify(after)},"difference":${JSON.stringify(statementDifference(after, before))}}`;
}

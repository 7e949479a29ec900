import { DomainError, RegionState, Scheme } from '@libs/domain';
import { Ledger, RegionView, replayJson } from '@libs/ledger';
import {
  Balances,
  buildBalances,
  buildStatement,
  buildYearContext,
  compareKeys,
  explainAccount,
  Explanation,
  KeyComparison,
  LedgerEvent,
  replayFromHistory,
  ReplayReport,
  Revision,
  Statement,
  Trace,
  tracePayment,
  YearContext,
} from '@libs/projections';
import { Locale, withDerivations, withViaText } from '@libs/reports';
import { YearRange } from './query-parameters';

/** A question about a region, as recorded now or at `asOf`. */
export interface RegionQuestion {
  readonly regionId: string;
  readonly asOf?: Date;
}

/** A question about one budget year of a region. */
export interface YearQuestion extends RegionQuestion {
  readonly year: number;
}

/**
 * Whether the asker may read the region, given its registered state: throws the edge's own refusal
 * (HTTP: 403). The CLI reads everything it can open.
 */
export type ReadCheck = (regionId: string, state: RegionState) => void;

const anyone: ReadCheck = () => undefined;

/** A region that is registered: its view with the registration itself, never undefined. */
export interface RegisteredRegion extends RegionView {
  readonly registration: NonNullable<RegionState['region']>;
}

const asOfText = (asOf: Date | undefined) => (asOf ? ` as of ${asOf.toISOString()}` : '');

/** Whether a year has anything recorded for the region: a year without data is "not found" (see RegionQueries). */
export const yearHasData = (state: RegionState, year: number): boolean => state.activeYears.has(year);

/** A region's registration, once it is registered (now or at `asOf`) and the asker may read it. */
function readable(regionId: string, state: RegionState, mayRead: ReadCheck, asOf?: Date) {
  const registration = state.region;
  if (!registration) throw regionNotRegistered(regionId, asOf);
  mayRead(regionId, state);
  return registration;
}

/** The one answer to a region that is not registered (or was not yet at `asOf`), on both edges. */
export function regionNotRegistered(regionId: string, asOf?: Date): DomainError {
  return new DomainError('NOT_FOUND', `region "${regionId}" is not registered${asOfText(asOf)}`, 'regionId');
}

/**
 * The questions the CLI and the HTTP API both answer, each decided here once: an unknown region and
 * a year with nothing recorded are "not found" (CLI exit 1, HTTP 404) — never an all-zero statement,
 * which would pass for a real settlement that came out even. The edges parse their parameters with
 * the query parameters' rules, call these, and render the answer.
 */
export class RegionQueries {
  constructor(readonly ledger: Ledger) {}

  /** A registered region as recorded (now or at `asOf`) with its ledger hash, once the asker may read it. */
  async region(question: RegionQuestion, mayRead: ReadCheck = anyone): Promise<RegisteredRegion> {
    const view = await this.ledger.regionView(question.regionId, question.asOf);
    return { ...view, registration: readable(question.regionId, view.state, mayRead, question.asOf) };
  }

  /** The year statement, with the ledger hash of the history it was read from. */
  async statement(question: YearQuestion, mayRead: ReadCheck = anyone): Promise<Statement & { ledgerHash?: string }> {
    return this.statementOf(await this.yearView(question, mayRead), question.year);
  }

  /** The year statement of a region's view (see yearView), with the ledger hash of that history. */
  statementOf(view: RegionView, year: number): Statement & { ledgerHash?: string } {
    return { ...buildStatement(view.state, year), ledgerHash: view.ledgerHash };
  }

  /** The statement with what the year's documents show beside it (keys, agreements in force): workbooks, letters. */
  async yearReport(
    question: YearQuestion,
    mayRead: ReadCheck = anyone,
  ): Promise<{ readonly statement: Statement & { ledgerHash?: string }; readonly context: YearContext }> {
    const view = await this.yearView(question, mayRead);
    return { statement: this.statementOf(view, question.year), context: buildYearContext(view.state, question.year) };
  }

  /**
   * What settlement letters show: the year report and the member municipalities to write to (all of
   * them, or those asked for; one that is not a member is not found).
   */
  async letters(
    question: YearQuestion & { readonly municipalities?: readonly string[] },
    mayRead: ReadCheck = anyone,
  ): Promise<{
    readonly statement: Statement & { ledgerHash?: string };
    readonly context: YearContext;
    readonly municipalities: readonly string[];
  }> {
    const report = await this.yearReport(question, mayRead);
    const members = Object.keys(report.statement.municipalities);
    const asked = [...new Set(question.municipalities ?? [])];
    const strangers = asked.filter((code) => !members.includes(code));
    if (strangers.length > 0)
      throw new DomainError(
        'NOT_FOUND',
        `${strangers.join(', ')} ${strangers.length === 1 ? 'is not a member' : 'are not members'} of region "${question.regionId}"`,
        'municipality',
      );
    return { ...report, municipalities: asked.length > 0 ? asked : members };
  }

  async balances(question: YearQuestion, mayRead: ReadCheck = anyone): Promise<Balances> {
    const { state } = await this.yearView(question, mayRead);
    return buildBalances(state, question.year);
  }

  /**
   * Every posting on an account in a year with data, each derivation in `locale` (JSON's default `en`,
   * the machine form); an account without postings in it explains to none.
   */
  async explain(
    question: YearQuestion & { readonly account: string; readonly locale?: Locale },
    mayRead = anyone,
  ): Promise<Explanation> {
    const { state } = await this.yearView(question, mayRead);
    const events = await this.ledger.regionEvents(question.regionId);
    const explanation = explainAccount(state, events, question.year, question.account, question.asOf);
    return withDerivations(explanation, question.locale ?? 'en');
  }

  /** Where a Rijk payment's money went, `via` in `locale` (default `en`); a payment not recorded (by `asOf`) is not found. */
  async trace(
    question: RegionQuestion & { readonly paymentId: string; readonly locale?: Locale },
    mayRead = anyone,
  ): Promise<Trace> {
    await this.region(question, mayRead);
    const events = await this.ledger.regionEvents(question.regionId);
    return withViaText(
      tracePayment(question.regionId, events, question.paymentId, question.asOf),
      question.locale ?? 'en',
    );
  }

  /** What if: the history replayed in memory with revised keys or agreements (see revisionRefusal). */
  async replay(
    question: { readonly regionId: string; readonly revisions: readonly Revision[] },
    mayRead: ReadCheck = anyone,
  ): Promise<ReplayReport> {
    const { state } = await this.region(question, mayRead);
    // only the parts of the history the revisions reach are read (see replayFromHistory)
    return replayFromHistory(
      question.regionId,
      (choose) => this.ledger.replayHistory(question.regionId, choose),
      state,
      [...question.revisions],
    );
  }

  /**
   * The what-if's report as JSON text, exactly JSON.stringify(await this.replay(question)): the recorded
   * statements are spliced from the statement read models where they are current (see replayJson), instead
   * of the region being folded and every statement built and written again.
   */
  async replayJson(
    question: { readonly regionId: string; readonly revisions: readonly Revision[] },
    mayRead: ReadCheck = anyone,
  ): Promise<string> {
    // asked of the region as configured (registration, keys, agreements), from the history the replay reads
    return replayJson(this.ledger, question.regionId, (configured) => {
      readable(question.regionId, configured, mayRead);
      return question.revisions;
    });
  }

  async compareKeys(
    question: { readonly regionId: string; readonly years: YearRange; readonly scheme: Scheme },
    mayRead: ReadCheck = anyone,
  ): Promise<KeyComparison> {
    const { state } = await this.region(question, mayRead);
    return compareKeys(state, question.years.from, question.years.to, question.scheme);
  }

  /** The region's events and ledger hash for a journal; a year, when given, must have data. */
  async journal(
    question: { readonly regionId: string; readonly year?: number },
    mayRead: ReadCheck = anyone,
  ): Promise<{ readonly events: readonly LedgerEvent[]; readonly ledgerHash?: string }> {
    const { year } = question;
    const view =
      year === undefined ? await this.region(question, mayRead) : await this.yearView({ ...question, year }, mayRead);
    return { events: await this.ledger.regionEvents(question.regionId), ledgerHash: view.ledgerHash };
  }

  /**
   * The region, once the asker may read it, and the year must have something recorded (as of `asOf`):
   * what every answer about a year starts from. Its ledger hash names the history it was read from.
   */
  async yearView(question: YearQuestion, mayRead: ReadCheck = anyone): Promise<RegionView> {
    const view = await this.region(question, mayRead);
    if (!yearHasData(view.state, question.year))
      throw new DomainError(
        'NOT_FOUND',
        `region "${question.regionId}" has nothing recorded for ${question.year}${asOfText(question.asOf)}`,
        'year',
      );
    return view;
  }
}

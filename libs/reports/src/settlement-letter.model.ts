import {
  Cents,
  formatAmountNl,
  formatDateLongNl,
  formatDateTimeLongNl,
  formatDecimalNl,
  formatEuroNl,
  formatPercentNl,
  parseAmount,
} from '@libs/money';
import { Statement, YearContext } from '@libs/projections';
import { choiceLabel, keyLabel } from './event-labels';
import { BW_LABELS, dueWords } from './labels';

export interface LetterColumn {
  readonly header: string;
  readonly align: 'left' | 'right';
  /** share of the text width */
  readonly width: number;
}

export interface LetterRow {
  readonly cells: readonly string[];
  readonly bold?: boolean;
  /** a thin line above the row (a subtotal or total) */
  readonly rule?: boolean;
}

export interface LetterTable {
  readonly columns: readonly LetterColumn[];
  readonly rows: readonly LetterRow[];
}

/** A part of a section: a paragraph, a table, or a line in a fixed-width font (a hash, a command). */
export type LetterBlock =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'table'; readonly table: LetterTable }
  | { readonly kind: 'code'; readonly text: string };

export interface LetterSection {
  readonly heading: string;
  readonly blocks: readonly LetterBlock[];
}

/**
 * A settlement letter (afrekeningsbrief) as words and numbers, before any layout: what the PDF
 * prints, in that order. Built from the statement and what was in force, so a letter states exactly
 * the statement's amounts.
 */
export interface SettlementLetterModel {
  readonly code: string;
  readonly municipality: string;
  readonly title: string;
  readonly subtitle: string;
  readonly recipient: readonly string[];
  readonly meta: readonly (readonly [string, string])[];
  readonly salutation: string;
  readonly intro: readonly string[];
  /** the amount due in words and figures: the letter's point */
  readonly outcome: { readonly text: string; readonly amount: string; readonly words: string };
  readonly sections: readonly LetterSection[];
  readonly closing: readonly string[];
  readonly footer: string;
  /** document properties */
  readonly subject: string;
}

export interface LetterOptions {
  /** when the letter was generated (printed in Dutch time) */
  readonly generatedAt: Date;
}

const amount = (value: string | Cents) => formatAmountNl(value);
const sum = (...values: string[]) => values.reduce((total, value) => total + parseAmount(value), 0n);

type MunicipalityStatement = Statement['municipalities'][string];

const NONE = '—';

/** The letter to one municipality for the statement's year. */
export function buildSettlementLetter(
  statement: Statement,
  context: YearContext,
  code: string,
  options: LetterOptions,
): SettlementLetterModel {
  const municipality = statement.municipalities[code];
  if (!municipality) throw new RangeError(`${code} is not a member of region ${statement.regionId}`);
  const { year, regionName, regionId } = statement;
  const central = context.centralMunicipality;
  const due = municipality.due;
  const words = dueWords(due);
  const absolute = due.replace(/^-/, '');
  return {
    code,
    municipality: municipality.name,
    title: `Regio ${regionName}`,
    subtitle: `Afrekening beschermd wonen en maatschappelijke opvang ${year}`,
    recipient: ['Aan het college van burgemeester en wethouders', `van de gemeente ${municipality.name} (${code})`],
    meta: [
      ['Datum', formatDateLongNl(options.generatedAt)],
      ['Onderwerp', `Afrekening ${year} beschermd wonen (BW) en maatschappelijke opvang (MO)`],
      ['Kenmerk', `${regionId}/${year}/${code}`],
      ['Afzender', `centrumgemeente ${central.name} (${central.code}), namens de regio`],
    ],
    salutation: 'Geacht college,',
    intro: [
      `Hierbij ontvangt u de afrekening over ${year} van de regionale middelen voor beschermd wonen (BW) en maatschappelijke opvang (MO) in de regio ${regionName}. De centrumgemeente ${central.name} ontvangt het historische budget BW en het MO-budget van het Rijk, betaalt daaruit de regionale voorzieningen en verrekent met iedere gemeente haar aandeel, haar bijdrage en de afrekening van het regionale resultaat.`,
      ...(statement.closed
        ? []
        : [
            `Let op: het jaar ${year} is nog niet afgesloten. Deze afrekening is voorlopig; de bedragen kunnen nog veranderen.`,
          ]),
    ],
    outcome: { text: outcomeText(words, central.name, code === central.code), amount: `€ ${amount(absolute)}`, words },
    sections: letterSections(statement, context, code, municipality),
    closing: ['Met vriendelijke groet,', '', `namens de regio ${regionName},`, `de centrumgemeente ${central.name}`],
    footer: `Gegenereerd door Geldstroom op ${formatDateTimeLongNl(options.generatedAt)} (Nederlandse tijd) · ${regionId}/${year}/${code}`,
    subject: `Afrekening ${year} ${municipality.name} (${code}), regio ${regionName}`,
  };
}

/**
 * The outcome in words. The central municipality holds the region's money itself, so its letter cannot say it
 * receives from or pays to the central municipality: its due is its share of that money or its part in it
 * (short enough for one line of the letter's box).
 */
function outcomeText(words: string, centralName: string, toCentral: boolean): string {
  if (words === 'te ontvangen')
    return toCentral ? 'Uw aandeel als centrumgemeente' : `U ontvangt van de centrumgemeente ${centralName}`;
  if (words === 'te betalen')
    return toCentral ? 'Uw bijdrage als centrumgemeente' : `U betaalt aan de centrumgemeente ${centralName}`;
  return 'Er valt niets te verrekenen';
}

const text = (value: string): LetterBlock => ({ kind: 'text', text: value });

/** A table with a rule's name and its BW and MO amounts. */
const threeColumns = (rows: LetterRow[]): LetterBlock => ({
  kind: 'table',
  table: {
    columns: [
      { header: 'Regel', align: 'left', width: 0.56 },
      { header: 'BW', align: 'right', width: 0.22 },
      { header: 'MO', align: 'right', width: 0.22 },
    ],
    rows,
  },
});

function letterSections(
  statement: Statement,
  context: YearContext,
  code: string,
  municipality: MunicipalityStatement,
): LetterSection[] {
  const { year } = statement;
  const keyRows = keyWeightRows(context, code);
  const keyNotes = context.keys.map((key) => `${keyLabel(key.keyId)} v${key.version}: ${key.basis}`);
  const sections: LetterSection[] = [
    {
      heading: `Uw afrekening ${year}`,
      blocks: [
        text('Bedragen in euro; plus is ten gunste van uw gemeente, min ten laste van uw gemeente.'),
        threeColumns(municipalityLines(municipality)),
        text(
          'Het objectieve budget dat u rechtstreeks van het Rijk ontvangt en uw eigen uitgaven vallen buiten deze afrekening.',
        ),
      ],
    },
    {
      heading: `Verdeelsleutels en afspraken in ${year}`,
      blocks: [
        {
          kind: 'table',
          table: {
            columns: [
              { header: 'Verdeelsleutel', align: 'left', width: 0.46 },
              { header: 'Versie', align: 'left', width: 0.1 },
              { header: 'Uw gewicht', align: 'right', width: 0.26 },
              { header: 'Uw aandeel', align: 'right', width: 0.18 },
            ],
            rows: keyRows.length > 0 ? keyRows : [{ cells: ['geen verdeelsleutel van kracht', '', '', ''] }],
          },
        },
        ...keyNotes.map((note) => text(`Grondslag ${note}`)),
        ...agreementNotes(context).map(text),
      ],
    },
    {
      heading: `Regionale totalen ${year}`,
      blocks: [threeColumns(regionTotals(statement)), ...reserveNotes(statement).map(text)],
    },
  ];
  const verification = verificationSection(statement);
  if (verification) sections.push(verification);
  return sections;
}

/** The municipality's own settlement, rule by rule, per scheme. */
function municipalityLines(municipality: MunicipalityStatement): LetterRow[] {
  const { bw, mo, due } = municipality;
  // the municipality's regional money per scheme (domain.md §6): due = regional money + advances
  const bwRegional = parseAmount(bw.due) - parseAmount(bw.advances);
  const moRegional = parseAmount(mo.due) - parseAmount(mo.advances);
  return [
    { cells: ['Historisch aandeel', amount(bw.historicalShare), NONE] },
    { cells: ['Regionaal aandeel', NONE, amount(mo.regionalShare)] },
    { cells: ['Bijdrage regionale voorzieningen', amount(bw.regionalContribution), NONE] },
    { cells: ['Afrekening regionaal resultaat', amount(bw.regionalSettlement), amount(mo.regionalSettlement)] },
    { cells: ['Reserve (aanvulling − / uitkering +)', amount(bw.reserve), amount(mo.reserve)] },
    { cells: ['Fondsen', amount(bw.funds), amount(mo.funds)] },
    { cells: ['Solidariteit', amount(bw.solidarity), NONE] },
    { cells: ['Regionale middelen', amount(bwRegional), amount(moRegional)], rule: true },
    { cells: ['Voorschotten (door u betaald +, aan u betaald −)', amount(bw.advances), amount(mo.advances)] },
    {
      cells: ['Te ontvangen (+) / te betalen (−)', amount(bw.due), amount(mo.due)],
      rule: true,
      bold: true,
    },
    { cells: ['Totaal BW en MO', '', amount(due)], bold: true },
  ];
}

/** The municipality's weight and share in each key in force. */
function keyWeightRows(context: YearContext, code: string): LetterRow[] {
  return context.keys.map((key) => ({
    cells: [
      `${keyLabel(key.keyId)} (${key.keyId})`,
      `v${key.version}`,
      `${formatDecimalNl(key.members[code]?.weight ?? '0')} van ${formatDecimalNl(key.weightSum)}`,
      formatPercentNl(key.members[code]?.sharePct ?? '0'),
    ],
  }));
}

/** The budgets, reserve agreement and solidarity agreement in force, one sentence each. */
function agreementNotes(context: YearContext): string[] {
  const notes: string[] = [];
  for (const scheme of ['BW', 'MO'] as const) {
    const budget = context.budgets[scheme];
    if (budget)
      notes.push(
        `Regionale begroting ${scheme} v${budget.version}: ${formatEuroNl(budget.amount)}${budget.objectivePct !== null ? `, waarvan ${formatPercentNl(budget.objectivePct)} uit de objectieve budgetten (bijdragen)` : ''}.`,
      );
  }
  const reserveAgreement = context.reserveAgreement;
  if (reserveAgreement)
    notes.push(
      `Reserveafspraak v${reserveAgreement.version} (vanaf ${reserveAgreement.validFrom}): ${formatPercentNl(reserveAgreement.toReservePct)} van een resultaat gaat naar of komt uit de reserve; bandbreedte ${formatPercentNl(reserveAgreement.minPct)} tot ${formatPercentNl(reserveAgreement.maxPct)} van ${formatEuroNl(reserveAgreement.baseAmount)}, dat is ${formatEuroNl(reserveAgreement.min)} tot ${formatEuroNl(reserveAgreement.max)}.`,
    );
  const solidarity = context.solidarityAgreement;
  if (solidarity)
    notes.push(
      `Solidariteitsafspraak v${solidarity.version} (vanaf ${solidarity.validFrom}): grondslag ${choiceLabel(solidarity.baseline)}, uitvoeringskosten ${choiceLabel(solidarity.executionCosts)}${solidarity.surchargePct ? ` (${formatPercentNl(solidarity.surchargePct)})` : ''}, plafond ${solidarity.cap ? 'aan' : 'uit'}, beleidscorrecties ${solidarity.policyCorrections ? 'meegeteld' : 'niet meegeteld'}, eigen rekening ${formatPercentNl(solidarity.ownAccountPct)}.`,
    );
  return notes;
}

/** The region's flows per scheme, and what all municipalities together receive or pay. */
function regionTotals(statement: Statement): LetterRow[] {
  const codes = Object.keys(statement.municipalities);
  const dueOfAll = (pick: (code: string) => string) => amount(sum(...codes.map(pick)));
  const region = statement;
  return [
    {
      cells: [
        'Rijk: historisch budget BW, MO-budget centrumgemeente',
        amount(region.bw.rijkHistorical),
        amount(region.mo.rijkRegional),
      ],
    },
    { cells: [BW_LABELS.skimmed, amount(region.bw.skimmed), amount(region.mo.skimmed)] },
    { cells: ['Verdeeld over de gemeenten', amount(region.bw.distributed), amount(region.mo.distributed)] },
    { cells: ['Bijdragen gemeenten', amount(region.bw.contributions), NONE] },
    { cells: [BW_LABELS.coPayments, amount(region.bw.coPayments), amount(region.mo.coPayments)] },
    { cells: [BW_LABELS.costs, amount(region.bw.costs), amount(region.mo.costs)] },
    { cells: [BW_LABELS.result, amount(region.bw.result), amount(region.mo.result)], rule: true },
    { cells: [BW_LABELS.toReserve, amount(region.bw.toReserve), amount(region.mo.toReserve)] },
    {
      cells: [
        BW_LABELS.settledWithMunicipalities,
        amount(region.bw.settledWithMunicipalities),
        amount(region.mo.settledWithMunicipalities),
      ],
    },
    {
      cells: [
        'Te ontvangen / te betalen, alle gemeenten samen',
        dueOfAll((each) => statement.municipalities[each].bw.due),
        dueOfAll((each) => statement.municipalities[each].mo.due),
      ],
      rule: true,
    },
  ];
}

function reserveNotes(statement: Statement): string[] {
  const { year } = statement;
  const notes = statement.reserve
    ? [
        `Regionale reserve: stand begin ${year} ${formatEuroNl(statement.reserve.opening)}, toevoegingen ${formatEuroNl(statement.reserve.additions)}, onttrekkingen ${formatEuroNl(statement.reserve.withdrawals)}, stand einde ${year} ${formatEuroNl(statement.reserve.closing)}.`,
      ]
    : [];
  if (statement.solidarity)
    notes.push(`Onderlinge solidariteit (BW): volume ${formatEuroNl(statement.solidarity.volume)}.`);
  return notes;
}

/** How a reader checks that the letter was made from the history as recorded; only when the ledger has a hash. */
function verificationSection(statement: Statement): LetterSection | undefined {
  const { ledgerHash: hash, regionName, regionId } = statement;
  if (!hash) return undefined;
  return {
    heading: 'Controle van de gegevens',
    blocks: [
      text(
        `Deze brief is opgesteld uit de vastgelegde geschiedenis van de regio ${regionName}. De ledger-hash is de vingerafdruk van die geschiedenis; elke wijziging van een eerder vastgelegd feit verandert hem:`,
      ),
      { kind: 'code', text: hash },
      text(
        'Iedereen met toegang tot het grootboek kan nagaan dat de geschiedenis nog precies die is waaruit deze brief is opgesteld:',
      ),
      { kind: 'code', text: `geldstroom verify --region ${regionId} \\` },
      { kind: 'code', text: `  --expect ${hash}` },
      text(
        'Is er na deze brief nog iets vastgelegd, dan heeft de regio een nieuwe ledger-hash; deze hash staat dan als tussenstand in de keten (elke vastgelegde gebeurtenis draagt de hash tot en met zichzelf).',
      ),
    ],
  };
}

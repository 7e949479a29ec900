import type PDFDocument from 'pdfkit';
import { LetterSection, LetterTable, SettlementLetterModel } from './settlement-letter.model';

/**
 * PDF's standard fonts need no embedding and every reader has them; they cover WinAnsi (Windows-1252):
 * € and the Dutch diacritics (ë, é, ï, ü, â, …) are in it. A character outside it would print as
 * garbage, so text goes through `winAnsi` first.
 */
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';

/** The code points WinAnsi has above Latin-1 (pdfkit maps them to their WinAnsi bytes). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c,
  0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/**
 * Text as the standard fonts can print it: a minus sign (U+2212) becomes an en dash, a letter with an
 * accent WinAnsi lacks loses the accent (ő → o), anything else unprintable becomes "?", tabs and line
 * breaks become spaces and other control characters are dropped. Dutch text, € and the usual punctuation pass unchanged.
 */
export function winAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/\u2212/g, '\u2013')) {
    const code = char.codePointAt(0) ?? 0;
    if (code === 0x09 || code === 0x0a || code === 0x0d) {
      out += ' ';
      continue;
    }
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    if (code <= 0xff || WIN_ANSI_EXTRA.has(code)) {
      out += char;
      continue;
    }
    const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    out += Array.from(base).every((each) => (each.codePointAt(0) ?? 0) <= 0xff) && base !== '' ? base : '?';
  }
  return out;
}

export interface PdfOptions {
  /** the PDF's creation date (its /ID is derived from it): the same date gives the same bytes */
  readonly generatedAt: Date;
}

/** One municipality's letter as a PDF. */
export function renderSettlementLetterPdf(letter: SettlementLetterModel, options: PdfOptions): Promise<Buffer> {
  return renderSettlementLettersPdf([letter], options, letter.subject);
}

/** Several letters in one PDF (for printing), each starting on a new page with its own page numbers. */
export function renderSettlementLettersPdf(
  letters: readonly SettlementLetterModel[],
  options: PdfOptions,
  title = letters.length === 1 ? letters[0].subject : 'Afrekeningsbrieven',
): Promise<Buffer> {
  // pdfkit and its fonts load in about 50 ms: only the commands that write a letter pay for it
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand (typed by typeof import)
  const Pdf = require('pdfkit') as typeof PDFDocument;
  const doc = new Pdf({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    autoFirstPage: false,
    lang: 'nl-NL',
    displayTitle: true,
    info: {
      Title: winAnsi(title),
      Author: 'Geldstroom',
      Subject: winAnsi(title),
      Creator: 'Geldstroom',
      Producer: 'Geldstroom (PDFKit)',
      CreationDate: options.generatedAt,
      ModDate: options.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const ranges: { first: number; count: number; footer: string }[] = [];
  for (const letter of letters) {
    doc.addPage();
    const first = doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
    writeLetter(doc, letter);
    const range = doc.bufferedPageRange();
    ranges.push({ first, count: range.start + range.count - first, footer: letter.footer });
  }
  for (const { first, count, footer } of ranges) {
    for (let index = 0; index < count; index += 1) {
      doc.switchToPage(first + index);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const y = doc.page.height - 40;
      doc.font(FONT).fontSize(7.5).fillColor('#555555');
      doc.text(winAnsi(footer), doc.page.margins.left, y, { width: textWidth(doc) - 80, lineBreak: false });
      doc.text(`pagina ${index + 1} van ${count}`, doc.page.margins.left, y, {
        width: textWidth(doc),
        align: 'right',
        lineBreak: false,
      });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return done;
}

type Doc = PDFKit.PDFDocument;

const textWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const left = (doc: Doc) => doc.page.margins.left;
const bottomLimit = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page when less than `height` points are left. */
function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function paragraph(doc: Doc, text: string, size = 9.5): void {
  doc.font(FONT).fontSize(size).fillColor('#000000');
  ensureRoom(doc, doc.heightOfString(winAnsi(text), { width: textWidth(doc) }));
  doc.text(winAnsi(text), left(doc), doc.y, { width: textWidth(doc), align: 'left' });
  doc.moveDown(0.4);
}

function writeLetter(doc: Doc, letter: SettlementLetterModel): void {
  writeLetterhead(doc, letter);
  writeAddressAndMeta(doc, letter);
  paragraph(doc, letter.salutation, 10);
  for (const text of letter.intro) paragraph(doc, text);
  doc.moveDown(0.3);
  writeOutcomeBox(doc, letter.outcome);
  for (const section of letter.sections) writeSection(doc, section);
  writeClosing(doc, letter.closing);
}

/** Title, subtitle and the rule under them. */
function writeLetterhead(doc: Doc, letter: SettlementLetterModel): void {
  const width = textWidth(doc);
  doc.font(BOLD).fontSize(15).fillColor('#1f3a5f').text(winAnsi(letter.title), left(doc), doc.y, { width });
  doc.font(FONT).fontSize(11).fillColor('#1f3a5f').text(winAnsi(letter.subtitle), { width });
  doc.moveDown(0.3);
  doc
    .moveTo(left(doc), doc.y)
    .lineTo(left(doc) + width, doc.y)
    .lineWidth(1)
    .strokeColor('#1f3a5f')
    .stroke();
  doc.moveDown(1);
}

/** The recipient's address lines, then the label/value lines (date, reference, …) beside each other. */
function writeAddressAndMeta(doc: Doc, letter: SettlementLetterModel): void {
  const width = textWidth(doc);
  doc.font(FONT).fontSize(10).fillColor('#000000');
  for (const line of letter.recipient) doc.text(winAnsi(line), left(doc), doc.y, { width });
  doc.moveDown(0.8);
  doc.fontSize(9);
  for (const [label, value] of letter.meta) {
    const y = doc.y;
    doc.font(BOLD).text(winAnsi(label), left(doc), y, { width: 70 });
    doc.font(FONT).text(winAnsi(value), left(doc) + 72, y, { width: width - 72 });
  }
  doc.moveDown(1);
}

/** The amount due, in a box: the letter's point. */
function writeOutcomeBox(doc: Doc, outcome: SettlementLetterModel['outcome']): void {
  const width = textWidth(doc);
  ensureRoom(doc, 46);
  const boxTop = doc.y;
  doc.rect(left(doc), boxTop, width, 40).fillColor('#e8eef5').fill();
  doc.rect(left(doc), boxTop, 4, 40).fillColor('#1f3a5f').fill();
  doc
    .font(BOLD)
    .fontSize(11)
    .fillColor('#000000')
    .text(winAnsi(outcome.text), left(doc) + 14, boxTop + 8, { width: width - 190 });
  doc
    .font(FONT)
    .fontSize(9)
    .text(outcome.words, left(doc) + 14, boxTop + 24, { width: width - 190 });
  doc
    .font(BOLD)
    .fontSize(15)
    .text(winAnsi(outcome.amount), left(doc) + width - 180, boxTop + 12, { width: 168, align: 'right' });
  doc.x = left(doc);
  doc.y = boxTop + 52;
}

function writeSection(doc: Doc, section: LetterSection): void {
  const width = textWidth(doc);
  // a heading never stays behind at the foot of a page: it goes with its first block
  const first = section.blocks[0];
  const firstHeight =
    first?.kind === 'table'
      ? ROW_HEIGHT * (first.table.rows.length + 1) + 2
      : first
        ? doc.font(FONT).fontSize(8.5).heightOfString(winAnsi(first.text), { width })
        : 0;
  ensureRoom(doc, 30 + Math.min(firstHeight, 300));
  doc.moveDown(0.4);
  doc.font(BOLD).fontSize(11).fillColor('#1f3a5f').text(winAnsi(section.heading), left(doc), doc.y, { width });
  doc.moveDown(0.3);
  section.blocks.forEach((block, index) => {
    if (block.kind === 'text') paragraph(doc, block.text, 8.5);
    else if (block.kind === 'table') table(doc, block.table);
    else {
      doc.font(MONO).fontSize(8).fillColor('#000000');
      ensureRoom(doc, doc.heightOfString(winAnsi(block.text), { width }) + 4);
      doc.text(winAnsi(block.text), left(doc) + 8, doc.y, { width: width - 8 });
      // lines of code stay together (a command over two lines); a paragraph after them gets air
      doc.moveDown(section.blocks[index + 1]?.kind === 'code' ? 0.1 : 0.5);
    }
  });
}

function writeClosing(doc: Doc, closing: readonly string[]): void {
  doc.moveDown(1);
  ensureRoom(doc, 14 * closing.length);
  doc.font(FONT).fontSize(10).fillColor('#000000');
  for (const line of closing) doc.text(winAnsi(line) || ' ', left(doc), doc.y, { width: textWidth(doc) });
}

const ROW_HEIGHT = 13;

function table(doc: Doc, table: LetterTable): void {
  const width = textWidth(doc);
  const x0 = left(doc);
  const columns = table.columns.map((column, index) => {
    const start = table.columns.slice(0, index).reduce((sum, each) => sum + each.width, 0);
    return { ...column, x: x0 + start * width, w: column.width * width };
  });
  const header = () => {
    const y = doc.y;
    doc.font(BOLD).fontSize(8.5).fillColor('#000000');
    for (const column of columns)
      doc.text(winAnsi(column.header), column.x + 2, y + 2, {
        width: column.w - 4,
        align: column.align,
        lineBreak: false,
      });
    doc
      .moveTo(x0, y + ROW_HEIGHT)
      .lineTo(x0 + width, y + ROW_HEIGHT)
      .lineWidth(0.6)
      .strokeColor('#000000')
      .stroke();
    doc.y = y + ROW_HEIGHT + 2;
  };
  // a table that fits on a page is kept together; a longer one starts with at least three rows
  const height = ROW_HEIGHT * (table.rows.length + 1) + 2;
  ensureRoom(doc, height <= bottomLimit(doc) - doc.page.margins.top ? height : ROW_HEIGHT * 4);
  header();
  for (const row of table.rows) {
    if (doc.y + ROW_HEIGHT > bottomLimit(doc)) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    if (row.rule)
      doc
        .moveTo(x0, y)
        .lineTo(x0 + width, y)
        .lineWidth(0.4)
        .strokeColor('#888888')
        .stroke();
    doc
      .font(row.bold ? BOLD : FONT)
      .fontSize(8.5)
      .fillColor('#000000');
    columns.forEach((column, index) =>
      doc.text(winAnsi(row.cells[index] ?? ''), column.x + 2, y + 2, {
        width: column.w - 4,
        align: column.align,
        lineBreak: false,
        ellipsis: true,
      }),
    );
    doc.y = y + ROW_HEIGHT;
  }
  doc.x = x0;
  doc.moveDown(0.5);
}

import type { Entry, ZipFile } from 'yauzl';
import { IntakeError, IntakeIssue, issue } from './intake.errors';
import { REASONS } from './reasons';
import { MAX_ROWS } from './sheet-table';
import {
  MAX_OTHER_PART_BYTES,
  MAX_SHEET_XML_BYTES,
  MAX_WORKBOOK_PARTS,
  MAX_WORKBOOK_XML_BYTES,
} from './workbook-limits';

/** Sizes are rounded up and bounds down, so a refusal never reads "53 MB, meer dan 53 MB". */
const megabytes = (bytes: number): number => Math.ceil(bytes / 1_000_000);
const bound = (bytes: number): number => Math.floor(bytes / 1_000_000);

/**
 * Refuses a workbook whose parts unpack to more than MAX_ROWS rows can need (workbook-limits.ts), or
 * that is no workbook at all, before anything of it is loaded: it reads the zip's directory, then
 * unpacks every part once, a chunk at a time, to make sure none unpacks to more than the directory
 * says (a zip bomb can lie there). Memory stays at a chunk whatever the file.
 */
export async function checkWorkbookSize(file: string, data: Buffer): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, like exceljs
  const yauzl = require('yauzl') as typeof import('yauzl');
  const unreadable = (error: unknown): IntakeError =>
    new IntakeError([
      issue(
        { file },
        REASONS.unreadableWorkbook,
        'INVALID_FILE',
        (error instanceof Error ? error.message : String(error)).split('\n')[0],
      ),
    ]);
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (error, opened) =>
        error ? reject(error) : resolve(opened),
      ),
    );
  } catch (error) {
    throw unreadable(error);
  }
  try {
    const entries = await directoryOf(
      zip,
      () => new IntakeError([issue({ file }, REASONS.tooManyWorkbookParts(MAX_WORKBOOK_PARTS), 'INVALID_FILE')]),
    );
    const names = new Set(entries.map((entry) => entry.fileName));
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml'))
      throw unreadable(new Error('the zip file has no [Content_Types].xml or xl/workbook.xml'));
    const sheetNames = await sheetNamesOf(zip, entries);
    const issues: IntakeIssue[] = [];
    let total = 0;
    for (const entry of entries) {
      total += entry.uncompressedSize;
      const tooLarge = oversize(file, entry, sheetNames);
      if (tooLarge) issues.push(tooLarge);
    }
    if (issues.length > 0) throw new IntakeError(issues);
    if (total > MAX_WORKBOOK_XML_BYTES)
      throw new IntakeError([
        issue({ file }, REASONS.workbookTooLarge(megabytes(total), bound(MAX_WORKBOOK_XML_BYTES)), 'INVALID_FILE'),
      ]);
    for (const entry of entries) {
      try {
        await drain(zip, entry);
      } catch (error) {
        if (/too many bytes|uncompressed size/i.test((error as Error).message))
          throw new IntakeError([
            issue({ file }, REASONS.workbookUnpacksLarger, 'INVALID_FILE', (error as Error).message),
          ]);
        throw unreadable(error);
      }
    }
  } catch (error) {
    if (error instanceof IntakeError) throw error;
    throw unreadable(error);
  } finally {
    zip.close();
  }
}

function oversize(file: string, entry: Entry, sheetNames: ReadonlyMap<string, string>): IntakeIssue | undefined {
  const size = entry.uncompressedSize;
  const sheet = sheetNames.get(entry.fileName);
  if (sheet !== undefined || /^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName)) {
    if (size <= MAX_SHEET_XML_BYTES) return undefined;
    return issue(
      { file, sheet: sheet ?? entry.fileName },
      REASONS.sheetTooLarge(megabytes(size), bound(MAX_SHEET_XML_BYTES), MAX_ROWS),
      'INVALID_FILE',
    );
  }
  if (entry.fileName === 'xl/sharedStrings.xml') {
    if (size <= MAX_SHEET_XML_BYTES) return undefined;
    return issue(
      { file },
      REASONS.sharedStringsTooLarge(megabytes(size), bound(MAX_SHEET_XML_BYTES), MAX_ROWS),
      'INVALID_FILE',
    );
  }
  if (size <= MAX_OTHER_PART_BYTES) return undefined;
  return issue(
    { file },
    REASONS.workbookPartTooLarge(entry.fileName, megabytes(size), bound(MAX_OTHER_PART_BYTES)),
    'INVALID_FILE',
  );
}

function directoryOf(zip: ZipFile, tooMany: () => IntakeError): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/')) entries.push(entry);
      if (entries.length > MAX_WORKBOOK_PARTS) {
        reject(tooMany());
        return;
      }
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** Unpacks one part, a chunk at a time, keeping at most `keep` bytes of it (none by default). */
function drain(zip: ZipFile, entry: Entry, keep = 0): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) {
        reject(error);
        return;
      }
      const chunks: Buffer[] = [];
      let kept = 0;
      stream.on('data', (chunk: Buffer) => {
        if (kept < keep) {
          chunks.push(chunk);
          kept += chunk.length;
        }
      });
      stream.once('error', reject);
      stream.once('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** The sheets' names by the part that holds each (xl/worksheets/sheet3.xml → Rijksbetalingen), for the refusal. */
async function sheetNamesOf(zip: ZipFile, entries: readonly Entry[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const part = async (name: string): Promise<string> => {
    const entry = entries.find((candidate) => candidate.fileName === name);
    if (!entry || entry.uncompressedSize > MAX_OTHER_PART_BYTES) return '';
    return (await drain(zip, entry, entry.uncompressedSize)).toString('utf8');
  };
  const workbook = await part('xl/workbook.xml');
  const relations = await part('xl/_rels/workbook.xml.rels');
  const targets = new Map<string, string>();
  for (const [tag] of relations.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id !== undefined && target !== undefined)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  for (const [tag] of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const id = attribute(tag, 'r:id') ?? attribute(tag, 'id');
    const target = id !== undefined ? targets.get(id) : undefined;
    if (name !== undefined && target !== undefined) names.set(target, name);
  }
  return names;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag);
  return match ? unescapeXml(match[1]) : undefined;
}

const unescapeXml = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');

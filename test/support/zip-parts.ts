import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/** One part of a zip file as written: its deflated bytes and the sizes its headers state (which may lie). */
export interface ZipPart {
  readonly name: string;
  readonly deflated: Buffer;
  readonly crc: number;
  readonly statedSize: number;
}

export const partOf = (name: string, data: Buffer | string): ZipPart => {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return { name, deflated: deflateRawSync(bytes), crc: crc32(bytes), statedSize: bytes.length };
};

/** A part that unpacks to `size` spaces, deflated a megabyte at a time (so never held unpacked). */
export async function spacesPart(name: string, size: number): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.once('end', resolve));
  const chunk = Buffer.alloc(1 << 20, 0x20);
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    const piece = chunk.subarray(0, Math.min(chunk.length, size - written));
    crc = crc32(piece, crc);
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return { name, deflated: Buffer.concat(out), crc, statedSize: size };
}

/** The unpacked parts of a zip file, by name. */
export function partsOf(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error) {
        reject(error);
        return;
      }
      const parts = new Map<string, Buffer>();
      file.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          file.readEntry();
          return;
        }
        file.openReadStream(entry, (failed, stream) => {
          if (failed) {
            reject(failed);
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.once('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.once('end', () => resolve(parts));
      file.readEntry();
    });
  });
}

/** A zip file of deflated parts (local headers, central directory, end record), stating each part's statedSize. */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.deflated.length, 18);
    local.writeUInt32LE(part.statedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.deflated.length, 20);
    central.writeUInt32LE(part.statedSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.deflated);
    centrals.push(central, name);
    offset += local.length + name.length + part.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * `template` with `rows` rows of text in Rijksbetalingen (the template's third sheet), as someone
 * would paste a bank export into it: every column filled, every text distinct.
 */
export async function withTextRows(template: Buffer, rows: number): Promise<Buffer> {
  const parts = await partsOf(template);
  const sheet = 'xl/worksheets/sheet3.xml';
  const xml = parts.get(sheet)!.toString('utf8');
  const lines: string[] = [];
  // after the rows the template formats (its drop-down lists reach row 1001)
  for (let row = 2001; row < 2001 + rows; row += 1) {
    const cells = 'ABCDEFGH'
      .split('')
      .map((column) => `<c r="${column}${row}" t="inlineStr"><is><t>tekst ${column}${row}</t></is></c>`);
    lines.push(`<row r="${row}">${cells.join('')}</row>`);
  }
  const filled = xml.replace('</sheetData>', `${lines.join('')}</sheetData>`);
  return zipOf([...parts].map(([name, data]) => partOf(name, name === sheet ? filled : data)));
}

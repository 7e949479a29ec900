import ExcelJS from 'exceljs';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { SqliteEventStore } from '@libs/event-store';
import { COMMAND_CATALOGUE, COMMAND_TYPES } from '@libs/domain';
import { createApp, CreatedApp, loadApiConfig } from '@libs/http';
import { Statement } from '@libs/projections';
import { tempDir } from '../support/cli';
import { exampleCommands, fillWorkbook, namesOf, SHEET_COMMANDS } from '../support/workbook';
import { withTextRows } from '../support/zip-parts';

const REGION = 'holland-rijnland';
const hr = exampleCommands('holland-rijnland.jsonl');
const setup = hr.filter(
  (command) => !SHEET_COMMANDS.has(command.command) && !['RunAllocation', 'CloseYear'].includes(command.command),
);
const facts = hr.filter((command) => SHEET_COMMANDS.has(command.command));

/** Reads a binary response body (supertest buffers only text by default). */
const binary = (response: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

/** A Rijksbetalingen CSV of `rows` rows, each refused at its jaar column (row 2 onwards). */
const badYears = (rows: number) =>
  Buffer.from(
    [
      'betaling;jaar;regeling;grondslag;ontvanger;bedrag',
      ...Array.from({ length: rows }, (_, index) => `b-${index};twintig;BW;objectief;GM0546;10,00`),
    ].join('\n'),
  );

describe('POST /api/v1/regions/{regionId}/imports and the command schemas', () => {
  const temp = tempDir('geldstroom-imports-');
  let created: CreatedApp;
  let store: SqliteEventStore;
  let http: ReturnType<typeof request>;
  const token: Record<string, string> = {};
  const as = (role: string) => ({ Authorization: `Bearer ${token[role]}` });
  const count = async () => (await store.readAll()).length;
  let workbook: Buffer;

  beforeAll(async () => {
    store = new SqliteEventStore(join(temp.dir, 'ledger.db'));
    const config = loadApiConfig(
      {},
      {
        tokensFile: join(temp.dir, 'tokens.json'),
        idempotencyFile: join(temp.dir, 'idempotency.db'),
        logLevel: 'silent',
      },
    );
    created = await createApp(config, { store, logger: pino({ level: 'silent' }) });
    await created.app.init();
    http = request(created.app.getHttpServer());
    token.admin = created.tokens.create({ actor: 'anna.admin', role: 'admin' }).token;
    token.recorder = created.tokens.create({ actor: 'rob.recorder', role: 'recorder' }).token;
    token.controller = created.tokens.create({ actor: 'carla.controller', role: 'controller' }).token;
    token.elsewhere = created.tokens.create({ actor: 'x', role: 'recorder', region: 'voorbeeld' }).token;
    await http.post('/api/v1/commands').set(as('admin')).send(setup).expect(201);
    const template = await http
      .get(`/api/v1/regions/${REGION}/template?year=2024`)
      .set(as('recorder'))
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /spreadsheetml/);
    workbook = await fillWorkbook(template.body as Buffer, facts, namesOf(hr));
  });
  afterAll(async () => {
    await created.app.close();
    temp.cleanup();
  });

  const upload = (body: Buffer, name = 'werkboek.xlsx', role = 'recorder', query = '') =>
    http.post(`/api/v1/regions/${REGION}/imports${query}`).set(as(role)).attach('file', body, name);

  it('previews with ?dryRun=true and records nothing', async () => {
    const before = await count();
    const response = await upload(workbook, 'werkboek.xlsx', 'recorder', '?dryRun=true').expect(200);
    expect(response.body).toMatchObject({
      regionId: REGION,
      dryRun: true,
      recorded: false,
      commands: 68,
      new: 68,
      events: 68,
      issues: [],
    });
    expect(response.body.sheets.map((sheet: { sheet: string; rows: number }) => [sheet.sheet, sheet.rows])).toEqual([
      ['Rijksbetalingen', 18],
      ['Begroting', 4],
      ['Regionale kosten', 5],
      ['Eigen bijdragen', 2],
      ['Lokale uitgaven', 0],
      ['Beleidscorrecties', 0],
      ['Voorschotten', 39],
    ]);
    expect(response.body.sheets[0].totals).toContainEqual({ year: 2023, scheme: 'BW', amount: '38750000.00' });
    expect(await count()).toBe(before);
  });

  it('records the workbook once (201), with upload:<file>:<sheet>:<row> as the source, and nothing the second time (200)', async () => {
    const before = await count();
    const first = await upload(workbook).expect(201);
    expect(first.body).toMatchObject({ recorded: true, new: 68, events: 68 });
    expect(await count()).toBe(before + 68);
    const advance = (await store.readAll()).find((event) => event.type === 'AdvanceRecorded')!;
    expect(advance.metadata).toMatchObject({ source: 'upload:werkboek.xlsx:Voorschotten:2', actor: 'rob.recorder' });
    const second = await upload(workbook).expect(200);
    expect(second.body).toMatchObject({ recorded: true, new: 0, identical: 68, events: 0 });
    expect(await count()).toBe(before + 68);
  });

  it("the template's instructions show a refusal exactly as the intake words it when that cell is uploaded", async () => {
    const instructions = async (file: Buffer) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file as unknown as ArrayBuffer);
      return Array.from(book.getWorksheet('Instructies')!.getColumn(1).values, (value) =>
        typeof value === 'string' ? value : '',
      );
    };
    const example = (await instructions(workbook)).find((line) => line.trim().startsWith('werkboek.xlsx:'))!.trim();
    expect(example).toBe(
      'werkboek.xlsx:Rijksbetalingen:7: bedrag: heeft meer dan twee decimalen: "12,345"; een bedrag is in hele centen',
    );
    const [, sheet, row, column, value] = /^werkboek\.xlsx:([^:]+):(\d+): ([^:]+): [^"]*"([^"]+)"/.exec(example)!;
    const bad = await fillWorkbook(workbook, [], new Map(), (book) => {
      const worksheet = book.getWorksheet(sheet)!;
      const header = (worksheet.getRow(1).values as ExcelJS.CellValue[]).indexOf(column);
      worksheet.getRow(Number(row)).getCell(header).value = value;
    });
    const response = await upload(bad, 'werkboek.xlsx', 'recorder', '?dryRun=true').expect(400);
    expect(response.body.detail).toBe(example);
  });

  it('refuses a bad cell as problem+json naming sheet, row and column, with or without dryRun, recording nothing', async () => {
    const bad = await fillWorkbook(workbook, [], new Map(), (book) => {
      const sheet = book.getWorksheet('Eigen bijdragen')!;
      sheet.addRow(['eb-nieuw', 2024, 'BW', 'twaalf']);
    });
    const before = await count();
    for (const query of ['', '?dryRun=true']) {
      const response = await upload(bad, 'werkboek.xlsx', 'recorder', query).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 400,
        code: 'INVALID_FIELD',
        detail:
          'werkboek.xlsx:Eigen bijdragen:4: bedrag: is geen bedrag: "twaalf"; schrijf het als 1.234.567,89 (of zonder punten: 1234567,89)',
        sheet: 'Eigen bijdragen',
        row: 4,
        column: 'bedrag',
        field: 'bedrag',
        invalidParams: [
          {
            name: 'Eigen bijdragen:4:bedrag',
            code: 'INVALID_FIELD',
            reason: expect.stringMatching(/^is geen bedrag/),
          },
        ],
      });
      expect(response.body.preview).toMatchObject({ identical: 68, rejected: 1 });
      expect(response.body.moreIssues).toBe(0);
    }
    expect(await count()).toBe(before);
  });

  it('lists the first 100 refused rows in file order and counts the rest in moreIssues, recording nothing', async () => {
    const before = await count();
    for (const query of ['', '?dryRun=true']) {
      const response = await upload(badYears(250), 'rijksbetalingen.csv', 'recorder', query).expect(400);
      const body = response.body as {
        detail: string;
        issues: { row: number; column: string; message: string }[];
        invalidParams: { name: string }[];
        moreIssues: number;
        preview: { rejected: number; issues: unknown[]; moreIssues: number };
      };
      expect(body.issues.map((found) => [found.row, found.column])).toEqual(
        Array.from({ length: 100 }, (_, index) => [index + 2, 'jaar']),
      );
      expect(body.detail).toBe(body.issues[0].message);
      expect(body.invalidParams).toHaveLength(100);
      expect(body.moreIssues).toBe(150);
      expect(body.preview).toMatchObject({ rejected: 250, moreIssues: 150 });
      expect(body.preview.issues).toEqual(body.issues);
    }
    expect(await count()).toBe(before);
  });

  it('refuses 165.000 rows of text (under the upload limit) by their size, as problem+json, recording nothing', async () => {
    const template = await http
      .get(`/api/v1/regions/${REGION}/template?year=2024`)
      .set(as('recorder'))
      .buffer(true)
      .parse(binary)
      .expect(200);
    const big = await withTextRows(template.body as Buffer, 165_000);
    expect(big.length).toBeLessThan(10 * 1024 * 1024);
    const before = await count();
    for (const query of ['', '?dryRun=true']) {
      const response = await upload(big, 'groot.xlsx', 'recorder', query).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 400,
        code: 'INVALID_FILE',
        sheet: 'Rijksbetalingen',
        detail: expect.stringMatching(
          /^groot\.xlsx:Rijksbetalingen: is uitgepakt \d+ MB, meer dan de 52 MB waarin 50\.000 rijen passen; splits het werkboek/,
        ),
      });
    }
    expect(await count()).toBe(before);
  });

  it('answers 409 for an id recorded with other content', async () => {
    const changed = await fillWorkbook(workbook, [], new Map(), (book) => {
      book.getWorksheet('Regionale kosten')!.getCell('D2').value = 5135000.01;
    });
    const response = await upload(changed).expect(409);
    expect(response.body).toMatchObject({ code: 'ID_REUSED', sheet: 'Regionale kosten', row: 2, column: 'kostenpost' });
    // the reason in Dutch, the ledger's own words beside it and never inside it
    expect(response.body.detail).toMatch(
      /^werkboek\.xlsx:Regionale kosten:2: kostenpost: "[^"]+" staat al vastgelegd met een andere inhoud; /,
    );
    expect(response.body.original).toMatch(/^costId "[^"]+" is already recorded with other content$/);
    expect(response.body.detail).not.toContain('already');
    expect(response.body.issues[0]).toMatchObject({ original: response.body.original });
    expect(response.body.invalidParams[0]).toMatchObject({
      reason: expect.stringMatching(/staat al vastgelegd/),
      original: response.body.original,
    });
  });

  it('reads a CSV sheet named by its file', async () => {
    const csv = Buffer.from(
      '\uFEFFid;jaar;regeling;gemeente;bedrag;datum\nvs-2024-q4-GM0484;2024;BW;Alphen aan den Rijn;20.303,81;2024-12-15\n',
    );
    const response = await upload(csv, 'voorschotten.csv').expect(201);
    expect(response.body.sheets).toEqual([expect.objectContaining({ sheet: 'Voorschotten', new: 1 })]);
    const advance = (await store.readAll()).find(
      (event) =>
        event.type === 'AdvanceRecorded' && (event.data as { advanceId: string }).advanceId === 'vs-2024-q4-GM0484',
    )!;
    expect(advance.metadata.source).toBe('upload:voorschotten.csv:Voorschotten:2');
  });

  it('takes an advance from a recorder through /commands too, and the statement shows it in advances and due', async () => {
    const before = (await http.get(`/api/v1/regions/${REGION}/statements/2024`).set(as('recorder')).expect(200)).body;
    await http
      .post('/api/v1/commands')
      .set(as('recorder'))
      .send({
        command: 'RecordAdvance',
        regionId: REGION,
        advanceId: 'vs-2024-extra-GM0534',
        year: 2024,
        scheme: 'MO',
        municipality: 'GM0534',
        amount: '1000.00',
        date: '2024-11-01',
      })
      .expect(201);
    const after = (await http.get(`/api/v1/regions/${REGION}/statements/2024`).set(as('recorder')).expect(200)).body;
    const cents = (amount: string) => BigInt(amount.replace('.', ''));
    const hillegom = (statement: Statement) => statement.municipalities.GM0534.mo;
    expect(cents(hillegom(after).advances) - cents(hillegom(before).advances)).toBe(100000n);
    expect(cents(hillegom(after).due) - cents(hillegom(before).due)).toBe(100000n);
  });

  it('keeps to roles, media types and limits', async () => {
    await upload(workbook, 'werkboek.xlsx', 'controller').expect(403);
    await upload(workbook, 'werkboek.xlsx', 'elsewhere').expect(403);
    await http.post(`/api/v1/regions/${REGION}/imports`).attach('file', workbook, 'werkboek.xlsx').expect(401);
    const csv = Buffer.from('id;jaar;regeling;gemeente;bedrag\nv;2024;BW;GM0546;1\n');
    const unknown = await http
      .post(`/api/v1/regions/nergens/imports`)
      .set(as('admin'))
      .attach('file', csv, 'voorschotten.csv')
      .expect(404);
    expect(unknown.body.detail).toMatch(/^voorschotten\.csv: regio "nergens" is niet geregistreerd/);
    const other = await http
      .post(`/api/v1/regions/aef-income/imports`)
      .set(as('admin'))
      .attach('file', workbook, 'werkboek.xlsx')
      .expect(400);
    expect(other.body.detail).toBe(
      'werkboek.xlsx:Regio:1: regio: het werkboek is voor regio "holland-rijnland", niet voor "aef-income"',
    );
    const json = await http
      .post(`/api/v1/regions/${REGION}/imports`)
      .set(as('recorder'))
      .send({ file: 'x' })
      .expect(415);
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await upload(Buffer.from('%PDF-1.4'), 'brief.pdf').expect(415)).body.detail).toMatch(/not a workbook/);
    // what is wrong with the form is said as such, naming the field, never as invalid JSON or in multer's English
    const note = await http
      .post(`/api/v1/regions/${REGION}/imports`)
      .set(as('recorder'))
      .field('note', 'x')
      .expect(400);
    const wrongField = await http
      .post(`/api/v1/regions/${REGION}/imports`)
      .set(as('recorder'))
      .attach('other', workbook, 'w.xlsx')
      .expect(400);
    for (const refused of [note, wrongField])
      expect(refused.body).toMatchObject({
        code: 'INVALID_UPLOAD',
        field: 'file',
        detail: expect.stringMatching(/^het formulier klopt niet: stuur één bestand in het veld "file"/),
      });
    const huge = await upload(Buffer.alloc(10 * 1024 * 1024 + 1), 'groot.xlsx').expect(413);
    expect(huge.body).toMatchObject({
      status: 413,
      field: 'file',
      detail: 'het bestand is groter dan 10 MB; splits het en stuur de delen apart',
    });
    await upload(workbook, 'werkboek.xlsx', 'recorder', '?dryRun=ja').expect(400);
    const garbage = await upload(Buffer.from('PK\u0003\u0004 niet echt'), 'kapot.xlsx').expect(400);
    expect(garbage.body.detail).toMatch(/^kapot\.xlsx: is geen leesbaar werkboek \(\.xlsx\)/);
    expect(typeof garbage.body.original).toBe('string');
  });

  it('documents one request schema per command, discriminated on command, with an example the API accepts', async () => {
    const document = (await http.get('/openapi.json').expect(200)).body;
    const command = document.components.schemas.Command;
    expect(command.discriminator.propertyName).toBe('command');
    expect(Object.keys(command.discriminator.mapping)).toEqual(COMMAND_TYPES);
    expect(command.oneOf).toHaveLength(COMMAND_TYPES.length);
    const payment = document.components.schemas.RecordRijkPaymentCommand;
    expect(payment.properties.amount).toMatchObject({ type: 'string', pattern: expect.any(String) });
    expect(payment.properties.scheme.enum).toEqual(['BW', 'MO']);
    expect(payment.additionalProperties).toBe(false);
    const body = document.paths['/commands'].post.requestBody.content['application/json'];
    expect(Object.keys(body.examples)).toEqual(COMMAND_TYPES);
    expect(document.components.schemas.CommandRequestDto).toBeUndefined();
    const imports = document.paths['/regions/{regionId}/imports'].post;
    expect(Object.keys(imports.requestBody.content)).toEqual(['multipart/form-data']);
    expect(imports.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['regionId', 'dryRun']);
    for (const type of COMMAND_TYPES) {
      const response = await http.post('/api/v1/commands').set(as('admin')).send(body.examples[type].value);
      expect([type, response.status]).toEqual([type, 201]);
    }
    expect(COMMAND_CATALOGUE.RecordAdvance.example.regionId).toBe('voorbeeld');
  });
});

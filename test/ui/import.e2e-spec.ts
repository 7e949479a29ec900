import { commandsOf, startApi, TestApi } from '../support/api';
import { fillWorkbook, namesOf, RawCommand } from '../support/workbook';

/**
 * The spreadsheet upload of the pages (HTTP level): a workbook made from the template, its dry-run
 * preview as Dutch tables, "Vastleggen", Dutch errors naming sheet, row and column, the form token,
 * and the roles that see no form and get a 403.
 */
const ORIGIN = 'http://127.0.0.1';
const regionOf = (file: string) =>
  String(commandsOf(file).find((command) => command.command === 'RegisterRegion')!.regionId);
const textOf = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

let api: TestApi;
const region = regionOf('holland-rijnland.jsonl');
const names = namesOf(commandsOf('holland-rijnland.jsonl') as unknown as RawCommand[]);
const payments: RawCommand[] = [
  {
    command: 'RecordRijkPayment',
    regionId: region,
    paymentId: 'iu-bw-2025',
    year: 2025,
    scheme: 'BW',
    basis: 'historical',
    recipient: 'GM0546',
    amount: '37500000.00',
    reference: 'Integratie-uitkering BW 2025',
  },
  {
    command: 'RecordRijkPayment',
    regionId: region,
    paymentId: 'du-mo-2025',
    year: 2025,
    scheme: 'MO',
    basis: 'objective',
    recipient: 'GM0546',
    amount: '10125000.50',
    reference: 'Decentralisatie-uitkering MO 2025',
  },
];
let workbook: Buffer;
let template: Buffer;

beforeAll(async () => {
  api = await startApi(['holland-rijnland.jsonl']);
  api.token('recorder', { actor: 'rita', role: 'recorder', region });
  api.token('controller', { actor: 'carla', role: 'controller' });
  api.token('leiden', { actor: 'leiden', role: 'municipality', municipality: 'GM0546' });
  const made = await api.http
    .get(`/api/v1/regions/${region}/template?year=2025`)
    .set(api.as('admin'))
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  template = made.body as Buffer;
  workbook = await fillWorkbook(template, payments, names);
});
afterAll(() => api.close());

/** Logs in through the form: the session cookie. */
async function login(name: string): Promise<string> {
  const response = await api.http
    .post('/ui/login')
    .set('Origin', ORIGIN)
    .set('Host', '127.0.0.1')
    .type('form')
    .send({ token: api.as(name).Authorization.slice('Bearer '.length) })
    .expect(303);
  return ([] as string[]).concat(response.headers['set-cookie'])[0].split(';')[0];
}

const formTokenOf = (page: string) => /name="formulier" value="([^"]*)"/.exec(page)?.[1] ?? '';
const pendingOf = (page: string) => /name="voorbeeld" value="([^"]*)"/.exec(page)?.[1] ?? '';

describe('uploading a spreadsheet on the pages', () => {
  it('a recorder previews a template-made workbook, records it, and the year appears', async () => {
    const cookie = await login('recorder');
    const regionPage = await api.http.get(`/ui/regions/${region}`).set('Cookie', cookie).expect(200);
    expect(regionPage.text).toContain(`href="/ui/regions/${region}/import"`);
    await api.http.get(`/ui/regions/${region}/2025`).set('Cookie', cookie).expect(404);
    const form = await api.http.get(`/ui/regions/${region}/import`).set('Cookie', cookie).expect(200);
    expect(form.text).toContain('enctype="multipart/form-data"');
    const token = formTokenOf(form.text);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const preview = await api.http
      .post(`/ui/regions/${region}/import`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .set('Host', '127.0.0.1')
      .field('formulier', token)
      .attach('bestand', workbook, 'begroting-2025.xlsx')
      .expect(200);
    const previewText = textOf(preview.text);
    expect(previewText).toContain('Voorbeeld: begroting-2025.xlsx');
    expect(previewText).toContain('Er is nog niets vastgelegd. Vastleggen legt 2 gebeurtenissen vast');
    expect(previewText).toMatch(/Rijksbetalingen RecordRijkPayment 2 2 2 0 0 0 2/);
    expect(previewText).toContain('Rijksbetalingen 2025 BW € 37.500.000,00');
    expect(previewText).toContain('Rijksbetalingen 2025 MO € 10.125.000,50');
    await api.http.get(`/ui/regions/${region}/2025`).set('Cookie', cookie).expect(404);

    const recorded = await api.http
      .post(`/ui/regions/${region}/import/vastleggen`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ formulier: token, voorbeeld: pendingOf(preview.text) })
      .expect(201);
    expect(textOf(recorded.text)).toContain('Vastgelegd: 2 gebeurtenissen uit 2 rijen');
    const year = await api.http.get(`/ui/regions/${region}/2025`).set('Cookie', cookie).expect(200);
    expect(textOf(year.text)).toContain('€ 37.500.000,00');
    // the same preview cannot be recorded twice; the same file again records nothing
    await api.http
      .post(`/ui/regions/${region}/import/vastleggen`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ formulier: token, voorbeeld: pendingOf(preview.text) })
      .expect(410);
    const again = await api.http
      .post(`/ui/regions/${region}/import`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .set('Host', '127.0.0.1')
      .field('formulier', token)
      .attach('bestand', workbook, 'begroting-2025.xlsx')
      .expect(200);
    expect(textOf(again.text)).toContain('Alles in dit bestand staat al zo vastgelegd');
    expect(again.text).not.toContain('name="voorbeeld"');
  });

  it('an empty template is previewed as holding no rows to record, not as a file recorded already', async () => {
    const cookie = await login('recorder');
    const form = await api.http.get(`/ui/regions/${region}/import`).set('Cookie', cookie).expect(200);
    const empty = await fillWorkbook(template, [], names);
    const preview = await api.http
      .post(`/ui/regions/${region}/import`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .set('Host', '127.0.0.1')
      .field('formulier', formTokenOf(form.text))
      .attach('bestand', empty, 'leeg.xlsx')
      .expect(200);
    expect(textOf(preview.text)).toContain('Dit bestand bevat geen ingevulde rijen: er valt niets vast te leggen.');
    expect(textOf(preview.text)).not.toContain('staat al zo vastgelegd');
    expect(preview.text).not.toContain('name="voorbeeld"');
  });

  it('a bad cell is a Dutch message naming sheet, row and column; nothing is recorded and no stack trace shown', async () => {
    const bad = await fillWorkbook(
      (
        await api.http
          .get(`/api/v1/regions/${region}/template?year=2026`)
          .set(api.as('admin'))
          .buffer(true)
          .parse((response, done) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => done(null, Buffer.concat(chunks)));
          })
      ).body as Buffer,
      [{ ...payments[0], paymentId: 'iu-bw-2026', year: 2026, amount: '12.345' }],
      names,
    );
    const page = await api.http
      .post(`/ui/regions/${region}/import`)
      .set(api.as('recorder'))
      .attach('bestand', bad, 'fout.xlsx')
      .expect(400);
    const text = textOf(page.text);
    expect(text).toContain('Er is niets vastgelegd: 1 fout');
    expect(text).toMatch(
      /Blad Rijksbetalingen, rij 2, kolom bedrag heeft meer dan twee decimalen \(de cel bevat 12,345\)/,
    );
    expect(page.text).not.toMatch(/at \w+ \(|\.ts:\d+/);
    expect(page.text).not.toContain('name="voorbeeld"');

    // a refusal of the command parser: the intake's Dutch reason as is, without the parser's English words
    const year = await api.http
      .post(`/ui/regions/${region}/import`)
      .set(api.as('recorder'))
      .attach(
        'bestand',
        Buffer.from('betaling;jaar;regeling;grondslag;ontvanger;bedrag\nb-1;twintig;BW;objectief;GM0546;10,00\n'),
        'rijksbetalingen.csv',
      )
      .expect(400);
    const yearText = textOf(year.text);
    expect(yearText).toContain(
      'Blad Rijksbetalingen, rij 2, kolom jaar is geen jaar: "twintig"; schrijf een jaar van 1900 tot en met 2999, zoals 2024',
    );
    expect(yearText).not.toMatch(/must be|integer year/);

    const notXlsx = await api.http
      .post(`/ui/regions/${region}/import`)
      .set(api.as('recorder'))
      .attach('bestand', Buffer.from('hallo'), 'brief.txt')
      .expect(415);
    expect(textOf(notXlsx.text)).toContain('"brief.txt" is geen werkboek (.xlsx) of CSV-bestand (.csv).');
    const broken = await api.http
      .post(`/ui/regions/${region}/import`)
      .set(api.as('recorder'))
      .attach('bestand', Buffer.from('geen zip'), 'kapot.xlsx')
      .expect(400);
    expect(textOf(broken.text)).toContain('Bestand kapot.xlsx is geen leesbaar werkboek (.xlsx)');
    // a file over the limit is said in Dutch, not in the upload library's English ("File too large")
    const huge = await api.http
      .post(`/ui/regions/${region}/import`)
      .set(api.as('recorder'))
      .attach('bestand', Buffer.alloc(10 * 1024 * 1024 + 1), 'groot.xlsx')
      .expect(413);
    expect(textOf(huge.text)).toContain('het bestand is groter dan 10 MB; splits het en stuur de delen apart');
    expect(huge.text).not.toContain('File too large');
  });

  it('a file with more than 100 errors shows the first 100 and how many more there are', async () => {
    const rows = [
      'betaling;jaar;regeling;grondslag;ontvanger;bedrag',
      ...Array.from({ length: 250 }, (_, index) => `b-${index};twintig;BW;objectief;GM0546;10,00`),
    ];
    const before = await api.eventCount();
    const page = await api.http
      .post(`/ui/regions/${region}/import`)
      .set(api.as('recorder'))
      .attach('bestand', Buffer.from(rows.join('\n')), 'rijksbetalingen.csv')
      .expect(400);
    const text = textOf(page.text);
    expect(text).toContain('Er is niets vastgelegd: 250 fouten, hieronder de eerste 100.');
    expect(text).toContain('… en nog 150 bezwaren; herstel deze eerst');
    expect(page.text.match(/<th scope="row">Blad Rijksbetalingen, rij \d+, kolom jaar<\/th>/g)).toHaveLength(100);
    expect(text).toContain('Blad Rijksbetalingen, rij 101, kolom jaar');
    expect(text).not.toContain('rij 102,');
    expect(await api.eventCount()).toBe(before);
  });

  it('a form without its session token, or from another site, is refused with a 403 and records nothing', async () => {
    const cookie = await login('recorder');
    const withoutToken = await api.http
      .post(`/ui/regions/${region}/import`)
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .set('Host', '127.0.0.1')
      .field('formulier', 'geraden')
      .attach('bestand', workbook, 'begroting-2025.xlsx')
      .expect(403);
    expect(textOf(withoutToken.text)).toContain('dit formulier hoort niet bij uw sessie');
    await api.http
      .post(`/ui/regions/${region}/import`)
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .set('Host', '127.0.0.1')
      .attach('bestand', workbook, 'begroting-2025.xlsx')
      .expect(403);
  });

  it('a controller or a municipality sees no upload and gets a 403 on the form and the POST', async () => {
    for (const name of ['controller', 'leiden']) {
      const cookie = await login(name);
      const regionPage = await api.http.get(`/ui/regions/${region}`).set('Cookie', cookie).expect(200);
      expect(regionPage.text).not.toContain('/import"');
      await api.http.get(`/ui/regions/${region}/import`).set('Cookie', cookie).expect(403);
      const page = await api.http
        .post(`/ui/regions/${region}/import`)
        .set(api.as(name))
        .attach('bestand', workbook, 'begroting-2025.xlsx')
        .expect(403);
      expect(textOf(page.text)).toContain('alleen een vastlegger of beheerder van deze regio mag spreadsheets inlezen');
    }
  });
});

import { parseAmount, formatEuro } from '@libs/money';
import { INPUT_LABELS } from '@libs/reports';
import { get as httpGet, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { LiveService } from '../../libs/http/src/ui/live/live.service';
import { commandsOf, startApi, TestApi } from '../support/api';
import { nonDutchNumbers, nonDutchWords, wordsOfData } from '../support/dutch-text';

const ORIGIN = 'http://127.0.0.1';

/** The region id of an example file (its RegisterRegion line), so that nothing depends on a name. */
const regionOf = (file: string) =>
  String(commandsOf(file).find((command) => command.command === 'RegisterRegion')!.regionId);
const regionsOf = (file: string) =>
  commandsOf(file)
    .filter((command) => command.command === 'RegisterRegion')
    .map((command) => String(command.regionId));

const euro = (amount: string) => formatEuro(parseAmount(amount));
/** The words the examples bring (references, descriptions): the data's own, whatever their language. */
const DATA_WORDS = wordsOfData(['holland-rijnland.jsonl'].flatMap((file) => commandsOf(file)));
/** The weights a what-if form offers, by field name (gewicht.GM…), as typed in it. */
const weightsOf = (page: string): Record<string, string> =>
  Object.fromEntries(
    [...page.matchAll(/name="(gewicht\.GM\d{4})"\s+value="([^"]+)"/g)].map((match) => [match[1], match[2]]),
  );
/** The visible text of a page, tags dropped and entities of the euro amounts undone. */
const textOf = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

let api: TestApi;
let holland: string;

beforeAll(async () => {
  api = await startApi(['holland-rijnland.jsonl', 'regio-zuid-meerjarig.jsonl', 'aef-solidarity.jsonl']);
  holland = regionOf('holland-rijnland.jsonl');
  api.token('controller', { actor: 'carla', role: 'controller' });
  api.token('leiden', { actor: 'leiden', role: 'municipality', municipality: 'GM0546' });
});
afterAll(() => api.close());

/** Logs in through the form and returns the session cookie. */
async function login(token: string): Promise<string> {
  const response = await api.http
    .post('/ui/login')
    .set('Origin', ORIGIN)
    .set('Host', '127.0.0.1')
    .type('form')
    .send({ token, terug: `/ui/regions/${holland}` })
    .expect(303);
  expect(response.headers.location).toBe(`/ui/regions/${holland}`);
  const cookie = ([] as string[]).concat(response.headers['set-cookie'])[0];
  expect(cookie).toMatch(/^geldstroom_sessie=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
  expect(cookie).not.toContain(token);
  return cookie.split(';')[0];
}

/** A posting's stored inputs as the JSON API gives them (unchanged by the page's Dutch names). */
async function explainedInputs(account: string, year: number, eventType: string) {
  const body = (
    await api.http.get(`/api/v1/regions/${holland}/explain`).query({ year, account }).set(api.as('admin')).expect(200)
  ).body as { postings: { eventType: string; inputs?: Record<string, unknown> }[] };
  return body.postings.find((posting) => posting.eventType === eventType)?.inputs;
}

const tokenOf = (name: string) => api.as(name).Authorization.slice('Bearer '.length);

describe('signing in to the pages', () => {
  it('a page without a session or token redirects to the login (303); the API keeps answering 401 problem+json', async () => {
    const page = await api.http.get(`/ui/regions/${holland}/2024`).expect(303);
    expect(page.headers.location).toBe(`/ui/login?terug=${encodeURIComponent(`/ui/regions/${holland}/2024`)}`);
    expect((await api.http.get('/').expect(303)).headers.location).toBe('/ui/login');
    const apiAnswer = await api.http.get('/api/v1/regions').expect(401);
    expect(apiAnswer.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('a token pasted once gives an httpOnly, SameSite=Strict session cookie that holds no token; logout ends it', async () => {
    const cookie = await login(tokenOf('controller'));
    const page = await api.http.get(`/ui/regions/${holland}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('carla · controller');
    await api.http.post('/ui/logout').set('Cookie', cookie).set('Origin', ORIGIN).set('Host', '127.0.0.1').expect(303);
    await api.http.get(`/ui/regions/${holland}`).set('Cookie', cookie).expect(303);
  });

  it('the cookie is Secure when the page is served over https', async () => {
    const response = await api.http
      .post('/ui/login')
      .set('Origin', 'https://geldstroom.example')
      .set('Host', 'geldstroom.example')
      .set('X-Forwarded-Proto', 'https')
      .type('form')
      .send({ token: tokenOf('controller') })
      .expect(303);
    expect(([] as string[]).concat(response.headers['set-cookie'])[0]).toMatch(/; Secure$/);
  });

  it('a wrong token is a 401 page; a login or form post from another origin, or without one, is refused', async () => {
    const wrong = await api.http
      .post('/ui/login')
      .set('Origin', ORIGIN)
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ token: 'gst_nope' })
      .expect(401);
    expect(wrong.text).toContain('Dit token is onbekend of ingetrokken.');
    await api.http
      .post('/ui/login')
      .set('Origin', 'https://evil.example')
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ token: tokenOf('controller') })
      .expect(403);
    await api.http
      .post('/ui/login')
      .set('Host', '127.0.0.1')
      .type('form')
      .send({ token: tokenOf('controller') })
      .expect(403);
    const cookie = await login(tokenOf('controller'));
    const forged = await api.http
      .post(`/ui/regions/${holland}/verify`)
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .set('Host', '127.0.0.1')
      .expect(403);
    expect(forged.headers['content-type']).toMatch(/^text\/html/);
  });

  it('a revoked token ends its sessions at the next request', async () => {
    const made = api.token('short', { actor: 'kort', role: 'controller' });
    const cookie = await login(made.token);
    await api.http.get('/').set('Cookie', cookie).expect(200);
    api.created.tokens.revoke(made.principal.tokenId);
    await api.http.get('/').set('Cookie', cookie).expect(303);
  });

  it('pages accept the API bearer token; a municipality sees its own region only', async () => {
    const home = await api.http.get('/').set(api.as('leiden')).expect(200);
    expect(home.text).toContain(`/ui/regions/${holland}"`);
    expect(home.text).not.toContain('/ui/regions/regio-zuid"');
    const other = await api.http.get('/ui/regions/regio-zuid').set(api.as('leiden')).expect(403);
    expect(other.text).toContain('Geen toegang');
    await api.http.get(`/ui/regions/${holland}/2024`).set(api.as('leiden')).expect(200);
    await api.http.get('/ui/regions/regio-zuid/2025/jaaroverzicht.csv').set(api.as('leiden')).expect(403);
  });

  it('pages have their own content security policy (own scripts, styles and images only, never framed); the API keeps its own', async () => {
    const page = await api.http.get('/').set(api.as('admin')).expect(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    const apiAnswer = await api.http.get('/api/v1/regions').set(api.as('admin')).expect(200);
    expect(apiAnswer.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.text).not.toMatch(/<script>|\sstyle="|<style|https?:\/\/(?!www\.w3\.org)/);
  });
});

describe('the pages of every example region', () => {
  const files = ['holland-rijnland.jsonl', 'regio-zuid-meerjarig.jsonl', 'aef-solidarity.jsonl'];

  it('render the region and each of its years, with the statement’s due amounts in the settlement table', async () => {
    const timings: string[] = [];
    for (const regionId of files.flatMap(regionsOf)) {
      const started = process.hrtime.bigint();
      const region = await api.http.get(`/ui/regions/${regionId}`).set(api.as('controller')).expect(200);
      timings.push(`${regionId}: ${Number(process.hrtime.bigint() - started) / 1e6} ms`);
      expect(region.text).toContain('<svg role="img"');
      const years = (await api.http.get(`/api/v1/regions/${regionId}`).set(api.as('controller')).expect(200)).body
        .years;
      for (const { year } of years as { year: number }[]) {
        const page = await api.http.get(`/ui/regions/${regionId}/${year}`).set(api.as('controller')).expect(200);
        const statement = (
          await api.http.get(`/api/v1/regions/${regionId}/statements/${year}`).set(api.as('controller')).expect(200)
        ).body;
        const text = textOf(page.text);
        for (const [code, member] of Object.entries(
          statement.municipalities as Record<string, { due: string; name: string }>,
        )) {
          const row = new RegExp(`<tr data-code="${code}">[\\s\\S]*?</tr>`).exec(page.text)![0];
          expect(textOf(row)).toContain(euro(member.due));
        }
        expect(text).toContain(euro(statement.bw.result));
      }
    }
    console.log(`server time of the region pages (first render, cold): ${timings.join(', ')}`);
  });

  it('total the lines per municipality of each scheme and the Rijk payments, to the cent of the statement and the payments', async () => {
    const page = (await api.http.get(`/ui/regions/${holland}/2024`).set(api.as('controller')).expect(200)).text;
    const statement = (
      await api.http.get(`/api/v1/regions/${holland}/statements/2024`).set(api.as('controller')).expect(200)
    ).body as { municipalities: Record<string, Record<'bw' | 'mo', Record<string, string>>> };
    const footOf = (caption: RegExp) => {
      const table = new RegExp(`<caption>\\s*${caption.source}[\\s\\S]*?</table>`).exec(page)![0];
      return textOf(/<tfoot>[\s\S]*?<\/tfoot>/.exec(table)![0])
        .trim()
        .split(/\s{2,}/);
    };
    const members = Object.values(statement.municipalities);
    const sum = (amounts: string[]) => formatEuro(amounts.reduce((total, value) => total + parseAmount(value), 0n));
    for (const [scheme, block] of [
      ['BW', 'bw'],
      ['MO', 'mo'],
    ] as const) {
      const fields = Object.keys(members[0][block]).filter((field) => field !== 'advances' && field !== 'due');
      expect(footOf(new RegExp(`${scheme} per gemeente`))).toEqual([
        'Totaal',
        ...fields.map((field) => sum(members.map((member) => member[block][field]))),
      ]);
    }
    const payments = commandsOf('holland-rijnland.jsonl').filter(
      (command) => command.command === 'RecordRijkPayment' && command.year === 2024,
    );
    expect(payments.length).toBeGreaterThan(2);
    expect(footOf(/Elke betaling/)).toEqual(['Totaal', sum(payments.map((payment) => String(payment.amount)))]);
  });

  it('name the distribution keys in Dutch, in the table of keys in force and in the what-if choice, not by their ids', async () => {
    const region = textOf((await api.http.get(`/ui/regions/${holland}`).set(api.as('controller')).expect(200)).text);
    expect(region).toMatch(
      /Jaar\s+Historische sleutel BW\s+Objectieve sleutel BW\s+Objectieve sleutel MO\s+Reserveafspraak/,
    );
    const whatIf = await api.http.get(`/ui/regions/${holland}/what-if`).set(api.as('controller')).expect(200);
    const options = [...whatIf.text.matchAll(/<option[^>]*>([^<]+)<\/option>/g)].map((match) => match[1].trim());
    expect(options).toEqual([
      'Historische sleutel BW v1 (vanaf 2023)',
      'Objectieve sleutel BW v1 (vanaf 2023)',
      'Objectieve sleutel MO v1 (vanaf 2023)',
    ]);
    for (const text of [region, textOf(whatIf.text)])
      expect(text).not.toMatch(/bw-historical|bw-objective|mo-objective/);
  });

  it('unknown regions and years are 404 pages, not problem documents', async () => {
    const region = await api.http.get('/ui/regions/nergens').set(api.as('admin')).expect(404);
    expect(region.headers['content-type']).toMatch(/^text\/html/);
    await api.http.get(`/ui/regions/${holland}/2061`).set(api.as('admin')).expect(404);
    await api.http.get(`/ui/regions/${holland}/twee`).set(api.as('admin')).expect(404);
  });

  it('a path under /ui that is no page is a Dutch 404 page, not a problem document; the API keeps problem+json', async () => {
    for (const path of [`/ui/regions/${holland}/statements/2024`, '/ui/bestaat-niet', '/ui/regions/a/b/c/d/e']) {
      const page = await api.http.get(path).set(api.as('admin')).expect(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Niet gevonden');
      expect(page.text).toContain('Deze pagina bestaat niet');
      expect(page.text).not.toContain('Cannot GET');
    }
    // signed in by the page session as any page is, and without one: the login first
    const cookie = await login(tokenOf('controller'));
    const bySession = await api.http.get('/ui/bestaat-niet').set('Cookie', cookie).expect(404);
    expect(bySession.text).toContain('Deze pagina bestaat niet');
    expect(bySession.text).toContain('carla · controller');
    const anonymous = await api.http.get('/ui/bestaat-niet').expect(303);
    expect(anonymous.headers.location).toBe(`/ui/login?terug=${encodeURIComponent('/ui/bestaat-niet')}`);
    const api404 = await api.http.get('/api/v1/bestaat-niet').set(api.as('admin')).expect(404);
    expect(api404.headers['content-type']).toMatch(/^application\/problem\+json/);
    // the pages themselves still answer
    await api.http.get(`/ui/regions/${holland}/2024`).set(api.as('admin')).expect(200);
    await api.http.get('/ui/login').expect(200);
  });
});

describe('drill-down', () => {
  it('every amount of the settlement table is a link, and its explanation adds up to it', async () => {
    const statement = (await api.http.get(`/api/v1/regions/${holland}/statements/2024`).set(api.as('admin'))).body;
    const page = await api.http.get(`/ui/regions/${holland}/2024`).set(api.as('admin')).expect(200);
    const table = /<table class="data settlement"[\s\S]*?<\/tbody>/.exec(page.text)![0];
    const cells = table.match(/<td class="num[^"]*">[\s\S]*?<\/td>/g)!;
    expect(cells.length).toBe(7 * Object.keys(statement.municipalities).length);
    for (const cell of cells) expect(cell).toMatch(/<a class="amount[^"]*" href="\/ui\/regions\//);
    // the contribution of the first municipality, in the detailed lines
    const [code, member] = Object.entries(
      statement.municipalities as Record<string, { bw: { regionalContribution: string }; due: string }>,
    )[0];
    const explain = await api.http
      .get(`/ui/regions/${holland}/2024/uitleg`)
      .query({ account: `municipality:${code}:bw`, soort: 'BwContributionsCharged' })
      .set(api.as('admin'))
      .expect(200);
    expect(/data-explained-total>([^<]+)</.exec(explain.text)![1].trim()).toBe(euro(member.bw.regionalContribution));
    expect(textOf(explain.text)).toContain('bw-objective v');
    const due = await api.http
      .get(`/ui/regions/${holland}/2024/uitleg`)
      .query({ gemeente: code })
      .set(api.as('admin'))
      .expect(200);
    expect(/data-explained-total>([^<]+)</.exec(due.text)![1].trim()).toBe(euro(member.due));
    // a name that is no account (a hand-edited link) is not explained to nothing and € 0,00
    const typo = await api.http
      .get(`/ui/regions/${holland}/2024/uitleg`)
      .query({ account: `municipality:${code}` })
      .set(api.as('admin'))
      .expect(404);
    expect(textOf(typo.text)).toContain(`"municipality:${code}" is geen rekening`);
    // nor is another region's account, a municipality that is no member or a fund the region never set up
    for (const account of ['region:evil:reserve', 'municipality:GM0363:bw', `region:${holland}:fund:frictie`]) {
      const foreign = await api.http
        .get(`/ui/regions/${holland}/2024/uitleg`)
        .query({ account })
        .set(api.as('admin'))
        .expect(404);
      expect(textOf(foreign.text)).toContain(`"${account}" is geen rekening van Holland Rijnland`);
    }
  });

  it('the explanation and the trace read Dutch: every derivation and flow in the words of the reports', async () => {
    const cells = async (account: string, year: number) => {
      const page = await api.http
        .get(`/ui/regions/${holland}/${year}/uitleg`)
        .query({ account })
        .set(api.as('controller'))
        .expect(200);
      // the derivation, without the stored inputs listed under it
      return [...page.text.matchAll(/<td class="derivation">([\s\S]*?)(?:<details|<\/td>)/g)].map((match) =>
        textOf(match[1]).replace(/\s+/g, ' ').trim(),
      );
    };
    const reserve = await cells(`region:${holland}:reserve`, 2023);
    expect(reserve).toContain(
      'resultaat BW € -115.593,00 × 100 / 100, afgerond = € -115.593,00 naar (+) of uit (−) de reserve (reserveafspraak v1)',
    );
    const member = await cells('municipality:GM0484:bw', 2023);
    expect(member).toContain(
      'aandeel 24,3 / 100,0 × € 32.947.593,00 = € 8.006.265,10 (afronding grootste restmethode +0,01), historische sleutel BW v1; Rijksbetalingen historisch budget € 38.750.000,00 − afroming € 5.802.407,00 = te verdelen € 32.947.593,00',
    );
    const texts = [...reserve, ...member, ...(await cells(`region:${holland}:bw-provisions`, 2024))];
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) {
      for (const english of [
        'round(',
        'result ',
        'reserve agreement',
        'skimmed',
        'largest remainder',
        ' to (+)',
        'key ',
      ])
        expect([text, text.includes(english)]).toEqual([text, false]);
      expect(nonDutchWords(text, DATA_WORDS)).toEqual([]);
    }
    const trace = await api.http
      .get(`/ui/regions/${holland}/2023/trace/iu-bw-2023`)
      .set(api.as('controller'))
      .expect(200);
    const flows = [...trace.text.matchAll(/<span class="note">([^<]*)<\/span>/g)].map((match) => match[1]);
    expect(flows).toContain('Verdeling historisch budget BW');
    for (const flow of flows) expect(nonDutchWords(textOf(flow), DATA_WORDS)).toEqual([]);
  });

  it('the inputs under a member’s share are listed by their Dutch names, with the field name, and Dutch amounts', async () => {
    const page = await api.http
      .get(`/ui/regions/${holland}/2023/uitleg`)
      .query({ account: 'municipality:GM0484:bw', soort: 'BwHistoricalDistributed' })
      .set(api.as('controller'))
      .expect(200);
    const list = /<details class="inputs">([\s\S]*?)<\/details>/.exec(page.text)![1];
    const entries = [
      ...list.matchAll(/<dt>([\s\S]*?)<code class="field">(\w+)<\/code><\/dt>\s*<dd[^>]*>([\s\S]*?)<\/dd>/g),
    ].map((match) => [
      textOf(match[1]).trim(),
      match[2],
      textOf(match[3])
        .replace(/\u00a0/g, ' ')
        .trim(),
    ]);
    expect(entries).toEqual(
      expect.arrayContaining([
        ['Rijksbetalingen historisch budget', 'historicalPayments', '€ 38.750.000,00'],
        ['afroming', 'skim', '€ 5.802.407,00'],
        ['te verdelen', 'remainder', '€ 32.947.593,00'],
      ]),
    );
    // every stored input of the rule, none under its field name alone, every amount and percentage Dutch
    expect(entries.map(([, field]) => field)).toEqual(
      Object.keys((await explainedInputs('municipality:GM0484:bw', 2023, 'BwHistoricalDistributed'))!),
    );
    for (const [label, field, value] of entries) {
      expect([field, label]).not.toEqual([field, field]);
      expect(nonDutchWords(label, DATA_WORDS)).toEqual([]);
      expect(nonDutchNumbers(value)).toEqual([]);
    }
    expect(entries.find(([, field]) => field === 'objectivePct')![2]).toMatch(/^\d+(,\d+)? %$/);
    // and so is every name any rule's input has, on whichever page it shows
    for (const { label } of Object.values(INPUT_LABELS)) expect(nonDutchWords(label, new Set())).toEqual([]);
  });

  it('every Rijk payment links to its trace, a tree whose top is the payment', async () => {
    const page = await api.http.get(`/ui/regions/${holland}/2024`).set(api.as('admin')).expect(200);
    const links = [...page.text.matchAll(/href="(\/ui\/regions\/[^"]+\/2024\/trace\/[^"]+)"/g)].map(
      (match) => match[1],
    );
    expect(links.length).toBeGreaterThan(3);
    const trace = await api.http.get(links[0].replace(/&amp;/g, '&')).set(api.as('admin')).expect(200);
    expect(trace.text).toContain('<ul class="tree"');
    // a payment that is not recorded (a hand-edited link) is the page's 404, in Dutch
    const unknown = await api.http.get(`/ui/regions/${holland}/2024/trace/onbekend`).set(api.as('admin')).expect(404);
    expect(textOf(unknown.text)).toContain('betaling "onbekend" is voor Holland Rijnland niet vastgelegd');
  });
});

describe('downloads', () => {
  it('stream the same bytes as the API routes, authorised by the page session', async () => {
    const cookie = await login(tokenOf('controller'));
    const csv = await api.http.get(`/ui/regions/${holland}/2024/jaaroverzicht.csv`).set('Cookie', cookie).expect(200);
    const apiCsv = await api.http
      .get(`/api/v1/regions/${holland}/statements/2024?format=csv`)
      .set(api.as('controller'))
      .expect(200);
    expect(csv.text).toBe(apiCsv.text);
    const journal = await api.http.get(`/ui/regions/${holland}/journaal?jaar=2024`).set('Cookie', cookie).expect(200);
    const apiJournal = await api.http
      .get(`/api/v1/regions/${holland}/export?format=hledger&year=2024`)
      .set(api.as('controller'))
      .expect(200);
    expect(journal.text).toBe(apiJournal.text);
    const xlsx = await api.http
      .get(`/ui/regions/${holland}/2024/jaaroverzicht.xlsx`)
      .set('Cookie', cookie)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const binary = (request: ReturnType<typeof api.http.get>) =>
      request.buffer(true).parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    for (const [page, route] of [
      [`/ui/regions/${holland}/2024/brieven.pdf`, `/api/v1/regions/${holland}/letters/2024`],
      [`/ui/regions/${holland}/2024/brieven/GM0484`, `/api/v1/regions/${holland}/letters/2024/GM0484`],
    ]) {
      const letters = await binary(api.http.get(page).set('Cookie', cookie)).expect(200);
      const apiLetters = await binary(api.http.get(route).set(api.as('controller'))).expect(200);
      expect(letters.headers['content-type']).toBe('application/pdf');
      expect((letters.body as Buffer).equals(apiLetters.body as Buffer)).toBe(true);
    }
  });
});

describe('what-if', () => {
  /** The weights the what-if form offers for Holland Rijnland's bw-objective v1, as a controller gets them. */
  const hollandFormWeights = async () => {
    const form = await api.http
      .get(`/ui/regions/${holland}/what-if?sleutel=bw-objective:1`)
      .set(api.as('controller'))
      .expect(200);
    return weightsOf(form.text);
  };

  it('shows the recorded weights with a decimal comma, as the form takes them back, in the column and the fields', async () => {
    const form = await api.http
      .get(`/ui/regions/${holland}/what-if?sleutel=bw-objective:1`)
      .set(api.as('controller'))
      .expect(200);
    const key = commandsOf('holland-rijnland.jsonl').find(
      (command) => command.command === 'AdoptDistributionKey' && command.keyId === 'bw-objective',
    )!;
    const recorded = Object.entries(key.weights as Record<string, string>);
    expect(recorded.some(([, weight]) => weight.includes('.'))).toBe(true);
    const dutch = (weight: string) => weight.replace('.', ',');
    expect(weightsOf(form.text)).toEqual(
      Object.fromEntries(recorded.map(([code, weight]) => [`gewicht.${code}`, dutch(weight)])),
    );
    for (const [code, weight] of recorded)
      expect(form.text).toMatch(new RegExp(`for="gewicht-${code}"[\\s\\S]*?<td class="num">${dutch(weight)}</td>`));
    expect(form.text).not.toMatch(/<td class="num">\d+\.\d+<\/td>/);
  });

  it('replays edited weights and a revision file, shows the differences, and records nothing', async () => {
    const before = await api.eventCount();
    const weights = await hollandFormWeights();
    expect(Object.keys(weights).length).toBe(13);
    const [first, second] = Object.keys(weights);
    // move 1.5 percentage point from the first municipality to the second (a key in percent keeps its sum), typed the Dutch way
    const tenths = (text: string) => Math.round(Number(text.replace(',', '.')) * 10);
    const typed = (value: number) => `${Math.trunc(value / 10)},${value % 10}`;
    const edited = {
      ...weights,
      [first]: typed(tenths(weights[first]) - 15),
      [second]: typed(tenths(weights[second]) + 15),
    };
    const result = await api.http
      .post(`/ui/regions/${holland}/what-if`)
      .set(api.as('controller'))
      .type('form')
      .send({ sleutel: 'bw-objective:1', ...edited })
      .expect(200);
    expect(result.text).toContain('er is niets vastgelegd');
    expect(textOf(result.text)).toContain('Uitkomst: objectieve sleutel BW v1 met aangepaste gewichten');
    expect(result.text).toContain('id="wat-als-verschillen"');
    expect(result.text).toMatch(/<td class="num strong">\s*<span class="amount negative">€ -[\d.]+,\d\d/);
    // per year the recorded total is the statement's, and the difference of the totals is shown beside it
    const foot = textOf(/<table class="data what-if-table"[\s\S]*?<tfoot>([\s\S]*?)<\/tfoot>/.exec(result.text)![1])
      .trim()
      .split(/\s{2,}/);
    const cells: string[] = ['Totaal'];
    for (const year of [2023, 2024]) {
      const statement = (
        await api.http.get(`/api/v1/regions/${holland}/statements/${year}`).set(api.as('controller')).expect(200)
      ).body as { municipalities: Record<string, { due: string }> };
      const recorded = Object.values(statement.municipalities).reduce(
        (sum, member) => sum + parseAmount(member.due),
        0n,
      );
      const replayed = parseAmount(foot[cells.length + 1].replace(/[€ .]/g, '').replace(',', '.'));
      cells.push(formatEuro(recorded), formatEuro(replayed), formatEuro(replayed - recorded));
    }
    expect(foot).toEqual(cells);

    const revisions = commandsOf('revised-keys.jsonl')
      .map((command) => JSON.stringify({ ...command, regionId: holland }))
      .join('\n');
    const upload = await api.http
      .post(`/ui/regions/${holland}/what-if`)
      .set(api.as('controller'))
      .attach('herziening', Buffer.from(revisions), 'herziening.jsonl')
      .expect(200);
    expect(upload.text).toContain('Uitkomst: herziening.jsonl');
    // what the file revises, in words: the key by its Dutch name and id, the agreement by its start
    const revised = [...upload.text.matchAll(/<li>([^<]+)<\/li>/g)].map((match) => match[1].trim());
    expect(revised).toEqual([
      'Objectieve sleutel BW (bw-objective) v1 (vervangt de vastgelegde)',
      'Reserveafspraak vanaf 2023 (v1) (vervangt de vastgelegde)',
    ]);
    const bad = await api.http
      .post(`/ui/regions/${holland}/what-if`)
      .set(api.as('controller'))
      .attach('herziening', Buffer.from('{"command": "RecordRijkPayment"}\n'), 'fout.jsonl')
      .expect(400);
    expect(textOf(bad.text)).toContain('fout.jsonl:1');
    expect(await api.eventCount()).toBe(before);
  });

  it('lists the municipalities in one order, by name, in the weights form, the chart, its table and the comparison', async () => {
    // Regio Zuid's codes run Centrumstad, Rivierdorp, Heuvelrug, Polderland, and its keys list them by code
    const byName = ['Centrumstad', 'Heuvelrug', 'Polderland', 'Rivierdorp'];
    const labels = (page: string) =>
      [...page.matchAll(/<label for="gewicht-(GM\d{4})"\s*>([^<]+)<\/label/g)].map((match) => match[2].trim());
    const form = await api.http
      .get('/ui/regions/regio-zuid/what-if?sleutel=bw-objective:1')
      .set(api.as('controller'))
      .expect(200);
    expect(labels(form.text)).toEqual(byName);
    const weights = weightsOf(form.text);
    const result = await api.http
      .post('/ui/regions/regio-zuid/what-if')
      .set(api.as('controller'))
      .type('form')
      .send({ sleutel: 'bw-objective:1', ...weights, 'gewicht.GM0101': '43,2', 'gewicht.GM0102': '23,9' })
      .expect(200);
    expect(labels(result.text)).toEqual(byName);
    const figure = /<figure[^>]*aria-labelledby="verschil-caption">([\s\S]*?)<\/figure>/.exec(result.text)![1];
    const [chart, chartTable] = figure.split('<details');
    const axis = [...chart.matchAll(/<text[^>]*>([^<]+)<\/text>/g)]
      .map((match) => match[1])
      .filter((text) => byName.includes(text));
    expect(axis).toEqual(byName);
    const rows = (table: string) => [...table.matchAll(/<th scope="row">([^<]+)<\/th>/g)].map((match) => match[1]);
    expect(rows(chartTable)).toEqual(byName);
    // the municipalities' rows, the Totaal row below them apart
    const comparison = /<table class="data what-if-table"[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(result.text)![1];
    expect(rows(comparison)).toEqual(byName);
  });

  it('a typed weight that is no number, or percentages that do not sum to 100, is a 400 page saying so in Dutch, not a server error', async () => {
    const weights = await hollandFormWeights();
    const [first] = Object.keys(weights);
    const result = await api.http
      .post(`/ui/regions/${holland}/what-if`)
      .set(api.as('controller'))
      .type('form')
      .send({ sleutel: 'bw-objective:1', ...weights, [first]: 'abc' })
      .expect(400);
    const code = first.slice('gewicht.'.length);
    expect(textOf(result.text)).toContain(
      `${code}: is geen geldig gewicht: "abc"; een gewicht is een getal van 0 of meer (zoals 24,3)`,
    );
    expect(textOf(result.text)).not.toContain('Er ging iets mis');
    const more = (Number(weights[first].replace(',', '.')) + 5).toFixed(1).replace('.', ',');
    const sum = await api.http
      .post(`/ui/regions/${holland}/what-if`)
      .set(api.as('controller'))
      .type('form')
      .send({ sleutel: 'bw-objective:1', ...weights, [first]: more })
      .expect(400);
    expect(textOf(sum.text)).toMatch(/de percentages tellen op tot 10[45](,\d+)? in plaats van 100 \(± 1\)/);
    for (const page of [result.text, sum.text]) expect(textOf(page)).not.toMatch(/must be|must sum|replaying|--unit/);
  });

  it('a field the form does not have (a weight of a code that is no member of the key, a typo) is a 400 page naming it in Dutch', async () => {
    const weights = await hollandFormWeights();
    for (const field of ['gewicht.GM9999', 'foo']) {
      const refused = await api.http
        .post(`/ui/regions/${holland}/what-if`)
        .set(api.as('controller'))
        .type('form')
        .send({ sleutel: 'bw-objective:1', ...weights, [field]: '1' })
        .expect(400);
      expect(textOf(refused.text)).toContain(
        `${field}: dit veld kent het formulier niet (het kent sleutel en een gewicht per gemeente van de objectieve sleutel BW v1)`,
      );
      expect(refused.text).not.toContain('id="wat-als-verschillen"');
    }
    const withFile = await api.http
      .post(`/ui/regions/${holland}/what-if`)
      .set(api.as('controller'))
      .field('foo', '1')
      .attach('herziening', Buffer.from('{}'), 'herziening.jsonl')
      .expect(400);
    expect(textOf(withFile.text)).toContain('foo: dit veld kent het formulier niet (het kent sleutel)');
  });

  it('a field given twice (a weight, the key) is a 400 page naming it in Dutch, not taken for a missing key or weights', async () => {
    const weights = await hollandFormWeights();
    const [first] = Object.keys(weights);
    const fields = new URLSearchParams({ sleutel: 'bw-objective:1', ...weights });
    for (const [field, value] of [
      [first, '99'],
      ['sleutel', 'mo-objective:1'],
    ]) {
      const twice = new URLSearchParams(fields);
      twice.append(field, value);
      const refused = await api.http
        .post(`/ui/regions/${holland}/what-if`)
        .set(api.as('controller'))
        .type('form')
        .send(twice.toString())
        .expect(400);
      expect(textOf(refused.text)).toContain(
        `${field}: dit veld staat meer dan één keer in het formulier; geef het één keer`,
      );
      expect(refused.text).not.toContain('id="wat-als-verschillen"');
    }
    const withFile = await api.http
      .post(`/ui/regions/${holland}/what-if`)
      .set(api.as('controller'))
      .field('sleutel', 'bw-objective:1')
      .field('sleutel', 'bw-objective:1')
      .attach('herziening', Buffer.from('{}'), 'herziening.jsonl')
      .expect(400);
    expect(textOf(withFile.text)).toContain('sleutel: dit veld staat meer dan één keer in het formulier');
  });
});

describe('verify', () => {
  it('the button runs the verify use case and says what it found', async () => {
    const page = await api.http.post(`/ui/regions/${holland}/verify`).set(api.as('controller')).expect(201);
    expect(textOf(page.text)).toMatch(/Gecontroleerd: \d+ gebeurtenissen, de hashketen klopt/);
  });
});

describe('live', () => {
  it('an open page hears of new events of its region, once per burst, and not of other regions', async () => {
    const server = api.created.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const page = await api.http.get(`/ui/regions/${holland}`).set(api.as('admin')).expect(200);
    const position = /data-position="(\d+)"/.exec(page.text)![1];
    const received: string[] = [];
    const stream = httpGet(`http://127.0.0.1:${port}/ui/regions/${holland}/live?na=${position}`, {
      headers: api.as('admin'),
    });
    const response = await new Promise<IncomingMessage>((resolve) => stream.on('response', resolve));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    response.on('data', (chunk: Buffer) => received.push(chunk.toString()));
    const record = (command: Record<string, unknown>) =>
      api.http.post('/api/v1/commands').set(api.as('admin')).send(command).expect(201);
    await record({
      command: 'RecordRijkPayment',
      regionId: 'regio-zuid',
      paymentId: 'live-other',
      year: 2027,
      scheme: 'MO',
      basis: 'objective',
      recipient: 'GM0101',
      amount: '1.00',
    });
    await record({
      command: 'RecordRijkPayment',
      regionId: holland,
      paymentId: 'live-1',
      year: 2025,
      scheme: 'MO',
      basis: 'objective',
      recipient: 'GM0546',
      amount: '100.00',
    });
    for (let waited = 0; waited < 5000 && !received.join('').includes('event: vastgelegd'); waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const text = received.join('');
    expect(text.match(/event: vastgelegd/g)).toHaveLength(1);
    expect(text).toMatch(/data: \{"events":1,"revision":"\d+","types":\["RijkPaymentRecorded"\]\}/);
    const live = api.created.app.get(LiveService);
    expect(live.open).toBe(1);
    stream.destroy();
    for (let waited = 0; waited < 2000 && live.open > 0; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(live.open).toBe(0);
  });
});

describe('shutdown', () => {
  it('closes the service while a page is following it live', async () => {
    const own = await startApi(['aef-solidarity.jsonl']);
    const server = own.created.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const regionId = regionsOf('aef-solidarity.jsonl')[0];
    const stream = httpGet(`http://127.0.0.1:${port}/ui/regions/${regionId}/live`, { headers: own.as('admin') });
    stream.on('error', () => undefined);
    const response = await new Promise<IncomingMessage>((resolve) => stream.on('response', resolve));
    expect(response.statusCode).toBe(200);
    const ended = new Promise((resolve) => response.on('end', resolve));
    response.resume();
    const started = Date.now();
    await own.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

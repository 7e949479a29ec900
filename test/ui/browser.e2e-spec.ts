import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { commandsOf, startApi, TestApi } from '../support/api';
import { fillWorkbook, namesOf, RawCommand } from '../support/workbook';
import { ROOT } from '../support/cli';

/**
 * The pages in a real headless Chromium (Debian's chromium package; .ci/run installs it): log in with
 * a token, open every page of the example region and of a region the pages were not written for,
 * click an amount and read its explanation, run a what-if, see a live update after a POST, and run
 * axe-core. Screenshots go to test-artifacts/ (GELDSTROOM_SCREENSHOTS=docs also writes docs/images/).
 */
const CHROMIUM = process.env.GELDSTROOM_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = join(ROOT, 'test-artifacts', 'ui');
const DOCS = join(ROOT, 'docs', 'images');
const available = existsSync(CHROMIUM);

if (!available) {
  const message = `BROWSER TESTS NOT RUN: ${CHROMIUM} is missing (apt-get install -y chromium)`;
  console.warn(message);
  if (process.env.CI) throw new Error(`${message}; CI must run them`);
}

const regionOf = (file: string) =>
  String(commandsOf(file).find((command) => command.command === 'RegisterRegion')!.regionId);

(available ? describe : describe.skip)('the pages in Chromium', () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base: string;
  const region = regionOf('holland-rijnland.jsonl');
  const unseen = regionOf('regio-zuid-meerjarig.jsonl');
  const pageErrors: string[] = [];

  async function shot(name: string, docs = false): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    if (docs && process.env.GELDSTROOM_SCREENSHOTS === 'docs') {
      mkdirSync(DOCS, { recursive: true });
      await page.screenshot({ path: join(DOCS, `${name}.png`), fullPage: false });
    }
  }

  /** axe-core in the page (evaluated through the DevTools protocol, which the page's CSP does not govern). */
  async function accessibilityProblems(): Promise<string[]> {
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const results = await page.evaluate<{
      violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
    }>(`axe.run(document, { resultTypes: ['violations'] })`);
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
            .map((node) => node.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  }

  /** One part of the page, for the README. */
  async function docsShot(selector: string, name: string): Promise<void> {
    if (process.env.GELDSTROOM_SCREENSHOTS !== 'docs') return;
    mkdirSync(DOCS, { recursive: true });
    await page
      .locator(selector)
      .first()
      .screenshot({ path: join(DOCS, `${name}.png`) });
  }

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl', 'regio-zuid-meerjarig.jsonl', 'aef-solidarity.jsonl']);
    api.token('anna', { actor: 'anna', role: 'controller' });
    const server = api.created.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('logs in with a token and lands on the page it asked for', async () => {
    await page.goto(`${base}/ui/regions/${region}`);
    expect(new URL(page.url()).pathname).toBe('/ui/login');
    await shot('login', true);
    await page.fill('#token', api.as('anna').Authorization.slice(7));
    await page.click('form.login button[type=submit]');
    await page.waitForURL(`${base}/ui/regions/${region}`);
    const cookies = await page.context().cookies();
    expect(cookies.map((cookie) => [cookie.name, cookie.httpOnly, cookie.sameSite])).toEqual([
      ['geldstroom_sessie', true, 'Strict'],
    ]);
    await page.goto(`${base}/`);
    await shot('regios', true);
    expect(await page.locator('.card h2 a').count()).toBe(6);
  });

  it('shows the region: years with their state, integrity, and the multi-year charts as SVG with tables', async () => {
    await page.goto(`${base}/ui/regions/${region}`);
    expect(await page.locator('table.years tbody tr').count()).toBe(2);
    expect(await page.locator('figure.chart svg[role=img]').count()).toBe(4);
    expect(await page.locator('[data-ledger-hash]').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await shot('regio', true);
    await docsShot('section[aria-labelledby=meerjarig]', 'regio-meerjarig');
    await page.click('text=Controleer de geschiedenis');
    await page.waitForSelector('.notice.ok');
    expect(await page.locator('.notice.ok').textContent()).toContain('de hashketen klopt');
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('shows the year with its Sankey, waterfalls and settlement table; an amount opens its explanation', async () => {
    await page.goto(`${base}/ui/regions/${region}/2024`);
    expect(await page.locator('#sankey-caption').count()).toBe(1);
    await shot('jaar', true);
    await docsShot('section[aria-labelledby=stromen]', 'jaar-stromen');
    await docsShot('section[aria-labelledby=resultaat] > .pair', 'jaar-waterval');
    expect(await accessibilityProblems()).toEqual([]);
    const statement = (await api.http.get(`/api/v1/regions/${region}/statements/2024`).set(api.as('anna'))).body;
    const [code, member] = Object.entries(statement.municipalities as Record<string, { due: string }>)[0];
    const dueLink = page.locator(`tr[data-code="${code}"] td.strong a.amount`);
    const shown = (await dueLink.textContent())!.trim();
    await dueLink.click();
    await page.waitForSelector('[data-explained-total]');
    expect((await page.locator('[data-explained-total]').textContent())!.trim()).toBe(shown);
    expect(shown).toBe(
      `€ ${member.due.startsWith('-') ? '-' : ''}${Number(member.due.replace('-', '').split('.')[0]).toLocaleString('nl-NL')},${member.due.split('.')[1]}`,
    );
    await shot('afrekening-gemeente');
    await page.locator('table.lines a.amount').nth(1).click();
    await page.waitForSelector('table.explain');
    expect(await page.locator('table.explain tbody tr').count()).toBeGreaterThan(0);
    await shot('uitleg', true);
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('follows a Rijk payment through its trace tree', async () => {
    await page.goto(`${base}/ui/regions/${region}/2024`);
    await page.locator('#rijk ~ table a.amount, section[aria-labelledby=rijk] a.amount').first().click();
    await page.waitForSelector('ul.tree');
    expect(await page.locator('ul.tree li').count()).toBeGreaterThan(3);
    await shot('spoor', true);
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('runs a what-if with edited weights and records nothing', async () => {
    const before = await api.eventCount();
    await page.goto(`${base}/ui/regions/${region}/what-if`);
    await page.selectOption('#sleutel', 'bw-objective:1');
    await page.click('form.inline button');
    await page.waitForSelector('form.weights');
    const inputs = page.locator('form.weights input[name^="gewicht."]');
    const first = Number((await inputs.nth(0).inputValue()).replace(',', '.'));
    const second = Number((await inputs.nth(1).inputValue()).replace(',', '.'));
    await inputs.nth(0).fill(String(Math.round((first - 2) * 10) / 10).replace('.', ','));
    await inputs.nth(1).fill(String(Math.round((second + 2) * 10) / 10).replace('.', ','));
    await page.click('form.weights button[type=submit]');
    await page.waitForSelector('#wat-als-verschillen');
    expect(await page.locator('#wat-als-verschillen tbody tr').count()).toBe(13);
    await shot('wat-als', true);
    expect(await accessibilityProblems()).toEqual([]);
    expect(await api.eventCount()).toBe(before);
  });

  it('updates an open page without a reload when new events are recorded', async () => {
    await page.goto(`${base}/ui/regions/${region}`);
    await page.waitForSelector('body[data-live-connected=true]');
    await page.evaluate(`window.marker = 'same page'`);
    expect(await page.locator('table.years tbody tr').count()).toBe(2);
    await api.http
      .post('/api/v1/commands')
      .set(api.as('admin'))
      .send({
        command: 'RecordRijkPayment',
        regionId: region,
        paymentId: 'browser-live-2025',
        year: 2025,
        scheme: 'BW',
        basis: 'historical',
        recipient: commandsOf('holland-rijnland.jsonl')[0].centralMunicipality,
        amount: '1000000.00',
      })
      .expect(201);
    // a function, not a string: the page's CSP forbids eval, which a string predicate would need
    const threeYears = () =>
      (
        globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }
      ).document.querySelectorAll('table.years tbody tr').length === 3;
    await page.waitForFunction(threeYears, undefined, {
      timeout: 10_000,
    });
    expect(await page.evaluate(`window.marker`)).toBe('same page');
    expect(await page.locator('[data-live-status]').textContent()).toContain('Bijgewerkt om');
    await shot('live-bijgewerkt');
  });

  it('fits the settlement table at 1366×768: the Totaal column ends inside the viewport and inside its box', async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${base}/ui/regions/${region}/2024`);
    const edges = await page.evaluate(`(() => {
      const table = document.querySelector('#afrekening-tabel');
      const box = table.parentElement.getBoundingClientRect();
      const last = table.querySelector('thead th:last-child').getBoundingClientRect();
      const cells = [...table.querySelectorAll('tbody td:last-child')].map((cell) => cell.getBoundingClientRect().right);
      return { last: last.right, box: box.right, cells: Math.max(...cells), viewport: window.innerWidth,
        page: document.documentElement.scrollWidth };
    })()`);
    const { last, box, cells, viewport, page: pageWidth } = edges as Record<string, number>;
    expect(last).toBeLessThanOrEqual(box + 0.5);
    expect(cells).toBeLessThanOrEqual(box + 0.5);
    expect(box).toBeLessThanOrEqual(viewport);
    expect(pageWidth).toBeLessThanOrEqual(viewport);
    await shot('jaar-1366');
    for (const [width, height] of [
      [1920, 1080],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      await page.goto(`${base}/ui/regions/${region}/2024`);
      // on a phone the table scrolls in its own box; the page itself does not get wider than the screen
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
      await shot(`jaar-${width}`);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('keeps what a person reads on a phone (390 wide) readable: captions wrap, amounts stay on screen, charts keep their size', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const at of [`/ui/regions/${region}/2024`, `/ui/regions/${region}`]) {
      await page.goto(`${base}${at}`);
      const seen = await page.evaluate<Record<string, unknown>>(`(() => {
        const width = window.innerWidth;
        const right = (element) => element.getBoundingClientRect().right;
        return {
          page: document.documentElement.scrollWidth <= width,
          // a caption is cut off where it leaves the screen, even when its table scrolls
          captions: [...document.querySelectorAll('table.data caption')]
            .filter((caption) => right(caption) > width + 0.5)
            .map((caption) => caption.textContent.trim()),
          // a table of a name and an amount: the amount on the screen without scrolling
          amounts: [...document.querySelectorAll('table.lines td.num')]
            .filter((cell) => right(cell) > width + 0.5)
            .map((cell) => cell.textContent.trim()),
          // an amount in a sentence on one line, the euro sign not left at the end of the one above
          split: [...document.querySelectorAll('figcaption .amount, h2 .amount, td .amount')]
            .filter((amount) => amount.getClientRects().length > 1)
            .map((amount) => amount.textContent),
          // a chart drawn at the size its labels were set for, in a box that scrolls, not shrunk to a third
          shrunk: [...document.querySelectorAll('.chart-canvas svg')]
            .filter((svg) => svg.getBoundingClientRect().width < Number(svg.getAttribute('width')) - 0.5)
            .map((svg) => svg.getAttribute('aria-label')),
          charts: document.querySelectorAll('.chart-canvas svg').length,
        };
      })()`);
      expect({ at, ...seen }).toEqual({
        at,
        page: true,
        captions: [],
        amounts: [],
        split: [],
        shrunk: [],
        charts: expect.any(Number),
      });
      expect(seen.charts).toBeGreaterThanOrEqual(3);
      await shot(`telefoon-${at === `/ui/regions/${region}` ? 'regio' : 'jaar'}`);
      expect({ at, problems: await accessibilityProblems() }).toEqual({ at, problems: [] });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  it('names municipality, year and € amount in the tooltip of a chart’s bars', async () => {
    await page.goto(`${base}/ui/regions/${region}`);
    const titles = await page.locator('#afrekening-caption ~ .chart-canvas svg title').allTextContents();
    expect(titles.length).toBeGreaterThan(12);
    expect(titles.every((title) => /^.+, \d{4}: afrekening € -?[\d.]+,\d\d$/.test(title))).toBe(true);
    await page.goto(`${base}/ui/regions/${region}/2024`);
    const flows = await page.locator('#sankey-caption ~ .chart-canvas svg title').allTextContents();
    expect(flows.some((title) => /^Rijk → .+: € [\d.]+,\d\d$/.test(title))).toBe(true);
  });

  it('a recorder uploads a template-made workbook: preview, Vastleggen, and the year page has the new figures', async () => {
    api.token('rita', { actor: 'rita', role: 'recorder' });
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const recorder = await context.newPage();
    recorder.on('pageerror', (error) => pageErrors.push(error.message));
    const template = await api.http
      .get(`/api/v1/regions/${region}/template?year=2026`)
      .set(api.as('admin'))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const commands = commandsOf('holland-rijnland.jsonl') as unknown as RawCommand[];
    const workbook = await fillWorkbook(
      template.body as Buffer,
      [
        {
          command: 'RecordRijkPayment',
          regionId: region,
          paymentId: 'browser-upload-2026',
          year: 2026,
          scheme: 'BW',
          basis: 'historical',
          recipient: commands[0].centralMunicipality,
          amount: '36250000.00',
          reference: 'Integratie-uitkering BW 2026',
        },
      ],
      namesOf(commands),
    );
    await recorder.goto(`${base}/ui/login`);
    await recorder.fill('#token', api.as('rita').Authorization.slice(7));
    await recorder.click('form.login button[type=submit]');
    await recorder.goto(`${base}/ui/regions/${region}`);
    await recorder.click('text=Spreadsheet inlezen');
    await recorder.waitForSelector('input[type=file]#bestand');
    await recorder.setInputFiles('#bestand', {
      name: 'begroting-2026.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    await recorder.click('form.upload button[type=submit]');
    await recorder.waitForSelector('#voorbeeld-totalen');
    expect(await recorder.locator('#voorbeeld-totalen tbody').textContent()).toMatch(/2026\s*BW\s*€ 36\.250\.000,00/);
    await recorder.screenshot({ path: join(ARTIFACTS, 'inlezen-voorbeeld.png'), fullPage: true });
    if (process.env.GELDSTROOM_SCREENSHOTS === 'docs')
      await recorder.screenshot({ path: join(DOCS, 'inlezen-voorbeeld.png'), fullPage: false });
    const before = await api.eventCount();
    await recorder.click('button:has-text("Vastleggen")');
    await recorder.waitForSelector('.notice.ok');
    expect(await recorder.locator('.notice.ok').textContent()).toContain('Vastgelegd: 1 gebeurtenis');
    expect(await api.eventCount()).toBe(before + 1);
    await recorder.screenshot({ path: join(ARTIFACTS, 'inlezen-vastgelegd.png'), fullPage: true });
    await recorder.click('#uitkomst ~ p a');
    await recorder.waitForURL(`${base}/ui/regions/${region}/2026`);
    expect(await recorder.locator('main').textContent()).toContain('€ 36.250.000,00');
    await context.close();

    // the controller's session sees no upload, and the page is a 403
    await page.goto(`${base}/ui/regions/${region}`);
    expect(await page.locator('text=Spreadsheet inlezen').count()).toBe(0);
    const forbidden = await page.goto(`${base}/ui/regions/${region}/import`);
    expect(forbidden?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('Geen toegang');
    // the browser logs the 403 it was just shown; that one is expected, any other error is not
    const logged = pageErrors.indexOf('Failed to load resource: the server responded with a status of 403 (Forbidden)');
    expect(logged).toBeGreaterThanOrEqual(0);
    pageErrors.splice(logged, 1);
  });

  it('works for a region it was not written for, to the statement’s cent', async () => {
    await page.goto(`${base}/ui/regions/${unseen}`);
    expect(await page.locator('figure.chart svg[role=img]').count()).toBe(4);
    await shot('andere-regio');
    for (const year of [2024, 2025, 2026]) {
      await page.goto(`${base}/ui/regions/${unseen}/${year}`);
      const statement = (await api.http.get(`/api/v1/regions/${unseen}/statements/${year}`).set(api.as('anna'))).body;
      for (const [code, member] of Object.entries(statement.municipalities as Record<string, { due: string }>)) {
        const cell = (await page.locator(`tr[data-code="${code}"] td.strong`).textContent())!.trim();
        expect([code, cell.replace(/\s/g, '')]).toEqual([
          code,
          `€${member.due.startsWith('-') ? '-' : ''}${Number(member.due.replace('-', '').split('.')[0]).toLocaleString('nl-NL')},${member.due.split('.')[1]}`,
        ]);
      }
      if (year === 2025) await shot('andere-regio-jaar');
      expect(await accessibilityProblems()).toEqual([]);
    }
    expect(pageErrors).toEqual([]);
  });
});

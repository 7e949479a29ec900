import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commandsOf, startApi, TestApi } from '../support/api';
import { ROOT, tempDir } from '../support/cli';
import { start, waitFor } from '../support/processes';

const RULESET = join(__dirname, 'adr-ruleset.yaml');
const SPECTRAL = join(dirname(require.resolve('@stoplight/spectral-cli/package.json')), 'dist', 'index.js');

interface Finding {
  code: string;
  message: string;
  severity: number;
  path: string[];
}

/** Lints an OpenAPI document with the NL API Design Rules ruleset through the Spectral CLI; every finding. */
function lint(document: unknown, dir: string): Finding[] {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  const run = spawnSync(
    process.execPath,
    [SPECTRAL, 'lint', '--ruleset', RULESET, '--format', 'json', '--quiet', file],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  if (run.status !== 0 && run.status !== 1) throw new Error(`spectral failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout || '[]') as Finding[];
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const readable = (findings: Finding[]) =>
  findings.map(
    (finding) => `${SEVERITY[finding.severity]} ${finding.code} at ${finding.path.join('.')}: ${finding.message}`,
  );

describe('NL API Design Rules (the Logius Spectral ruleset) on the served OpenAPI document', () => {
  let api: TestApi;
  const contact = {
    GELDSTROOM_CONTACT_NAME: 'Team Geldstroom, regio Holland Rijnland',
    GELDSTROOM_CONTACT_EMAIL: 'geldstroom@example.org',
    GELDSTROOM_CONTACT_URL: 'https://example.org/geldstroom',
  };

  beforeAll(async () => {
    api = await startApi(['holland-rijnland.jsonl'], {}, contact);
  });
  afterAll(() => api.close());

  it('reports no error and no warning', async () => {
    const document = (await api.http.get('/openapi.json').expect(200)).body;
    expect(readable(lint(document, api.dir))).toEqual([]);
  });

  it('is published at /openapi.json and /api/v1/openapi.json, readable from other origins', async () => {
    const root = await api.http.get('/openapi.json').expect(200);
    const versioned = await api.http.get('/api/v1/openapi.json').expect(200);
    expect(versioned.body).toEqual(root.body);
    for (const response of [root, versioned]) {
      expect(response.headers['access-control-allow-origin']).toBe('*');
      expect(response.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('says what the service does: version, servers, tokens, replay status', async () => {
    const document = (await api.http.get('/openapi.json').expect(200)).body;
    const answer = await api.http.get('/api/v1/regions').set(api.as('admin')).expect(200);
    expect(answer.headers['api-version']).toBe(document.info.version);
    expect(document.info.contact).toEqual({
      name: contact.GELDSTROOM_CONTACT_NAME,
      email: contact.GELDSTROOM_CONTACT_EMAIL,
      url: contact.GELDSTROOM_CONTACT_URL,
    });
    expect(document.servers).toEqual([{ url: '/api/v1', description: expect.any(String) }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.securitySchemes.bearer.bearerFormat).not.toMatch(/jwt/i);
    const replay = document.paths['/regions/{regionId}/replay'].post.responses;
    expect(Object.keys(replay)).toContain('200');
    expect(Object.keys(replay)).not.toContain('201');
    await api.http
      .post('/api/v1/regions/holland-rijnland/replay')
      .set(api.as('admin'))
      .send(commandsOf('revised-keys.jsonl'))
      .expect(200);
  });

  it('without a configured contact (a plain start) also passes, naming an honest placeholder and its own /docs', async () => {
    const plain = await startApi();
    try {
      const response = await plain.http.get('/openapi.json').expect(200);
      expect(readable(lint(response.body, plain.dir))).toEqual([]);
      const address = (response.request as unknown as { url: string }).url.replace(/\/openapi\.json$/, '');
      expect(response.body.info.contact).toEqual({
        name: 'Beheerder van deze Geldstroom-installatie (stel GELDSTROOM_CONTACT_* in)',
        email: 'beheerder@geldstroom.invalid',
        url: `${address}/docs`,
      });
      // the documentation the contact points at is there
      expect((await plain.http.get('/docs')).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('takes what is configured and fills in only what is not', async () => {
    const partly = await startApi([], {}, { GELDSTROOM_CONTACT_EMAIL: 'financien@regio.example.org' });
    try {
      const { contact } = (await partly.http.get('/api/v1/openapi.json').expect(200)).body.info;
      expect(contact).toMatchObject({
        name: 'Beheerder van deze Geldstroom-installatie (stel GELDSTROOM_CONTACT_* in)',
        email: 'financien@regio.example.org',
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/docs$/),
      });
    } finally {
      await partly.close();
    }
  });
});

describe('npm start (serve --example, nothing configured)', () => {
  it('serves a document with no error and no warning, and warns at start that the contact is a placeholder', async () => {
    const temp = tempDir();
    const run = start(['serve', '--example', '--port', '0', '--store', temp.store], {
      GELDSTROOM_TOKENS: join(temp.dir, 'tokens.json'),
      GELDSTROOM_IDEMPOTENCY: join(temp.dir, 'idempotency.db'),
      HOST: '',
      LOG_LEVEL: 'info',
    });
    try {
      const url = (await waitFor(run, /Geldstroom API on (http:\/\/127\.0\.0\.1:\d+)/))[1];
      const document = (await (await fetch(`${url}/openapi.json`)).json()) as { info: { contact: unknown } };
      expect(readable(lint(document, temp.dir))).toEqual([]);
      expect(document.info.contact).toMatchObject({ email: 'beheerder@geldstroom.invalid', url: `${url}/docs` });
      const warning = run
        .output()
        .stdout.split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string; unset?: string[] })
        .find((line) => line.unset !== undefined);
      expect(warning).toMatchObject({
        level: 40,
        unset: ['GELDSTROOM_CONTACT_NAME', 'GELDSTROOM_CONTACT_EMAIL', 'GELDSTROOM_CONTACT_URL'],
        msg: expect.stringContaining('placeholder contact'),
      });
    } finally {
      run.child.kill('SIGTERM');
      await run.ended;
      temp.cleanup();
    }
  });
});

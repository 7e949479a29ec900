import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commandsOf, startApi, TestApi } from '../support/api';
import { ROOT } from '../support/cli';

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

  it('without a configured contact, names the missing contact and nothing else', async () => {
    const plain = await startApi();
    try {
      const document = (await plain.http.get('/openapi.json').expect(200)).body;
      expect(lint(document, plain.dir).map((finding) => finding.code)).toEqual(['nlgov:info-contact-fields-exist']);
    } finally {
      await plain.close();
    }
  });
});

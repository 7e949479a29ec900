import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import request from 'supertest';
import { SqliteEventStore } from '@libs/event-store';
import { ApiConfig, createApp, CreatedApp, loadApiConfig } from '@libs/http';
import { Principal } from '@libs/access';
import { EXAMPLES, tempDir } from './cli';

/** The moment the test API generates its letters and workbooks. */
export const TEST_NOW = new Date('2026-01-15T09:30:00Z');

/** The commands of an example file, in order. */
export const commandsOf = (file: string): Record<string, unknown>[] =>
  readFileSync(join(EXAMPLES, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line));

/** A regional cost of the example region in 2025 (BW, € 1.234,56 from "Elders"), with `extra` on top. */
export const regionalCost = (costId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  command: 'RecordRegionalCost',
  regionId: 'holland-rijnland',
  costId,
  year: 2025,
  scheme: 'BW',
  amount: '1234.56',
  provider: 'Elders',
  ...extra,
});

export interface TestApi {
  readonly created: CreatedApp;
  readonly store: SqliteEventStore;
  readonly http: ReturnType<typeof request>;
  readonly dir: string;
  readonly tokensFile: string;
  /** Authorization header of a token made with `token(name, …)`. */
  as(name: string): { Authorization: string };
  token(name: string, principal: Omit<Principal, 'tokenId'>): { token: string; principal: Principal };
  eventCount(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The HTTP API over a fresh SQLite store in a temporary directory, as `serve` builds it, with an
 * admin token "admin" and the given example files recorded through the API.
 */
export async function startApi(
  examples: readonly string[] = [],
  overrides: Partial<ApiConfig> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TestApi> {
  const temp = tempDir('geldstroom-api-');
  const store = new SqliteEventStore(join(temp.dir, 'ledger.db'));
  const tokensFile = join(temp.dir, 'tokens.json');
  const config = loadApiConfig(env, {
    tokensFile,
    idempotencyFile: join(temp.dir, 'idempotency.db'),
    logLevel: 'silent',
    ...overrides,
  });
  // documents say when they were generated: a fixed clock makes two answers comparable byte for byte
  const created = await createApp(config, { store, logger: pino({ level: 'silent' }), clock: () => TEST_NOW });
  await created.app.init();
  const http = request(created.app.getHttpServer());
  const tokens = new Map<string, string>();
  const api: TestApi = {
    created,
    store,
    http,
    dir: temp.dir,
    tokensFile,
    as: (name) => {
      const token = tokens.get(name);
      if (!token) throw new Error(`no test token "${name}"`);
      return { Authorization: `Bearer ${token}` };
    },
    token: (name, principal) => {
      const made = created.tokens.create(principal);
      tokens.set(name, made.token);
      return made;
    },
    eventCount: async () => (await store.readAll()).length,
    close: async () => {
      await created.app.close();
      temp.cleanup();
    },
  };
  api.token('admin', { actor: 'admin', role: 'admin' });
  for (const file of examples) {
    const response = await http.post('/api/v1/commands').set(api.as('admin')).send(commandsOf(file));
    if (response.status !== 201) throw new Error(`${file}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return api;
}

/** The problem document of a refusal: asserts the status, the media type and that it is no server error. */
export function expectProblem(response: request.Response, status: number): Record<string, unknown> {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  return response.body as Record<string, unknown>;
}

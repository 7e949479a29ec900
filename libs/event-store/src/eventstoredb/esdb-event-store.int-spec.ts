import { createServer } from 'node:net';
import { EventStoreError } from '../event-store.errors';
import { describeEventStoreContract } from '../testing/event-store.contract.spec-helper';
import { EsdbEventStore } from './esdb-event-store';

const server = process.env.GELDSTROOM_TEST_ESDB;

if (server) {
  describeEventStoreContract(`EventStoreDB at ${server}`, async () => {
    const store = new EsdbEventStore(server);
    return { store, reopen: async () => store, cleanup: () => store.close() };
  });
} else {
  // said once, plainly, instead of a suite that passes without having run
  console.warn('EventStoreDB contract suite skipped: GELDSTROOM_TEST_ESDB is not set (e.g. GELDSTROOM_TEST_ESDB=esdb://localhost:2113?tls=false)');
}

async function closedPort(): Promise<number> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as { port: number };
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  return port;
}

describe('EventStoreDB adapter against no server', () => {
  it('fails within seconds with a typed error that names the server', async () => {
    const url = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
    const store = new EsdbEventStore(url);
    const started = Date.now();
    const error = await store.readStream('region-west').catch((caught: unknown) => caught);
    const elapsedMs = Date.now() - started;
    await store.close();
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((error as Error).message).toContain(url);
    expect(elapsedMs).toBeLessThan(5000);
  });

  it('refuses a connection string it cannot read', () => {
    expect(() => new EsdbEventStore('esdb://')).toThrow(EventStoreError);
  });
});

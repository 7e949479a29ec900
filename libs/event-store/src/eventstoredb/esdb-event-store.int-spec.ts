import { createServer, Server, Socket } from 'node:net';
import { EventStoreError } from '../event-store.errors';
import { openEventStore } from '../open-event-store';
import { describeEventStoreContract } from '../testing/event-store.contract-spec-helper';
import { redactUrl } from './esdb-settings';

const serverUrl = process.env.GELDSTROOM_TEST_ESDB;

describeEventStoreContract(
  `EventStoreDB${serverUrl ? ` (${redactUrl(serverUrl)})` : ''}`,
  async () => {
    let current = await openEventStore(serverUrl);
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = await openEventStore(serverUrl);
        return current;
      },
    };
  },
  {
    refusesStoredEventIds: false,
    reopens: true,
    appendsAcrossStreams: false,
    skipBecause: serverUrl
      ? undefined
      : 'GELDSTROOM_TEST_ESDB is not set (to run it: GELDSTROOM_TEST_ESDB=kurrentdb://localhost:2113?tls=false npm test)',
  },
);

/** These need no server: they are about what happens when there is none. */
describe('EventStoreDB adapter without a server', () => {
  it('fails within seconds on a closed port, with a typed error naming the URL', async () => {
    const url = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
    const { error, elapsedMs } = await timedFailure(openEventStore(url));

    expect(error).toBeInstanceOf(EventStoreError);
    expect(error.constructor).toBe(EventStoreError);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(error.message).toMatch(
      new RegExp(`^EventStoreDB at ${escape(url)} is unreachable \\(connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\)`),
    );
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('fails after the connect timeout on a server that accepts connections but never answers', async () => {
    const silent = await listen((socket) => socket.on('error', () => undefined));
    try {
      const url = `esdb://127.0.0.1:${port(silent)}?tls=false&connectTimeout=700`;
      const { error, elapsedMs } = await timedFailure(openEventStore(url));

      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(error.message).toBe(
        `EventStoreDB at ${url} did not answer within 700 ms; is the server running, and are host, port and tls= right?`,
      );
      expect(elapsedMs).toBeGreaterThanOrEqual(650);
      expect(elapsedMs).toBeLessThan(3_000);
    } finally {
      await close(silent);
    }
  });

  it.each([
    ['gossip seeds', async () => `esdb://127.0.0.1:${await closedPort()},127.0.0.1:${await closedPort()}?tls=false`],
    ['DNS discovery', async () => `esdb+discover://127.0.0.1:${await closedPort()}?tls=false`],
  ])('gives up cluster discovery (%s) within seconds when no node answers', async (_how, makeUrl) => {
    const url = await makeUrl();
    const { error, elapsedMs } = await timedFailure(openEventStore(url));

    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(error.message).toContain(`EventStoreDB at ${url}: no cluster node answered`);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('lets discovery run its course against seeds that accept and never answer (a black hole), then names the cluster', async () => {
    const silent = [await listen(ignore), await listen(ignore)];
    try {
      // 2 rounds × (2 seeds × 1 s gossip deadline + 0.5 s pause) = 5 s
      const url = `kurrentdb://${silent.map((server) => `127.0.0.1:${port(server)}`).join(',')}?tls=false&maxDiscoverAttempts=2`;
      const { error, elapsedMs } = await timedFailure(openEventStore(url));

      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(error.message).toContain(
        `EventStoreDB at ${url}: no cluster node answered (Failed to discover after 2 attempts)`,
      );
      expect(elapsedMs).toBeGreaterThanOrEqual(4_500);
      expect(elapsedMs).toBeLessThan(8_000);
    } finally {
      await Promise.all(silent.map(close));
    }
  });

  it('asks again with backoff while waiting is allowed, then says how long it waited', async () => {
    const url = `kurrentdb://127.0.0.1:${await closedPort()}?tls=false`;
    const retries: { attempt: number; delayMs: number }[] = [];
    const { error, elapsedMs } = await timedFailure(
      openEventStore(url, { waitMs: 2_000, onRetry: ({ attempt, delayMs }) => retries.push({ attempt, delayMs }) }),
    );

    expect(retries).toEqual([
      { attempt: 1, delayMs: 500 },
      { attempt: 2, delayMs: 1_000 },
    ]);
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(error.message).toMatch(
      new RegExp(`^EventStoreDB at ${escape(url)} is unreachable .*\\(gave up after 3 attempts over 1\\.\\d s\\)$`),
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(1_500);
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('does not wait for a URL that can never work', async () => {
    const onRetry = jest.fn();
    const { error } = await timedFailure(
      openEventStore('kurrentdb://localhost:port?tls=false', { waitMs: 10_000, onRetry }),
    );
    expect(error.message).toContain('invalid EventStoreDB URL "kurrentdb://localhost:port?tls=false"');
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('refuses a malformed URL before connecting, hiding the password', async () => {
    const { error } = await timedFailure(openEventStore('esdb://admin:changeit@localhost:port?tls=false'));
    expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(error.message).toContain('invalid EventStoreDB URL "esdb://admin:***@localhost:port?tls=false"');
    expect(error.message).not.toContain('changeit');
  });
});

async function timedFailure(promise: Promise<unknown>): Promise<{ error: Error; elapsedMs: number }> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return { error: error as Error, elapsedMs: performance.now() - started };
  }
  throw new Error('expected the store not to open');
}

async function closedPort(): Promise<number> {
  const server = await listen(() => undefined);
  const free = port(server);
  await close(server);
  return free;
}

const sockets = new WeakMap<Server, Set<Socket>>();

function listen(onConnection: (socket: Socket) => void): Promise<Server> {
  return new Promise((resolve) => {
    const open = new Set<Socket>();
    const server = createServer((socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      onConnection(socket);
    });
    sockets.set(server, open);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const ignore = (socket: Socket) => socket.on('error', () => undefined);

function port(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP port');
  return address.port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets.get(server) ?? []) socket.destroy();
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = (file: string) => parse(read(file), { merge: true }) as Compose;
const databases = (file: string) =>
  Object.entries(compose(file).services).filter(([, service]) => service.image?.includes('kurrentdb'));
const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.cluster.yml'];

/**
 * No Docker engine runs on the build machines, so the deployment files are held to their promises
 * here, against KurrentDB 26.0's documented settings and endpoints.
 */
describe('deployment files', () => {
  it.each(COMPOSE_FILES)('%s publishes every port on 127.0.0.1 only', (file) => {
    const ports = Object.values(compose(file).services).flatMap((service) => service.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });

  it.each(COMPOSE_FILES)('%s runs the current KurrentDB LTS, pinned to a patch release', (file) => {
    const images = databases(file).map(([, service]) => service.image);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^docker\.kurrent\.io\/kurrent-lts\/kurrentdb:26\.0\.\d+$/);
  });

  it.each(COMPOSE_FILES)('%s sets no deprecated, redundant or client-misleading KurrentDB settings', (file) => {
    for (const [, service] of databases(file)) {
      const keys = Object.keys(service.environment ?? {});
      expect(keys.filter((key) => /ADVERTISE_.*TO_CLIENT/.test(key))).toEqual([]);
      expect(keys.filter((key) => key.includes('ATOM_PUB'))).toEqual([]);
      expect(keys.filter((key) => /START_STANDARD_PROJECTIONS|RUN_PROJECTIONS/.test(key))).toEqual([]);
      expect(keys.every((key) => key.startsWith('KURRENTDB_'))).toBe(true);
      expect(service.environment).toMatchObject({ KURRENTDB_INSECURE: 'true' });
    }
    expect(read(file)).not.toMatch(/\t/);
  });

  it.each([
    ['docker-compose.yml', /grep -Eq '"state": \*"leader"'/],
    ['docker-compose.cluster.yml', /grep -Eq '"state": \*"\(leader\|follower\)"'/],
  ])('%s calls a node healthy when it leads or follows a leader, not merely when it is live', (file, state) => {
    for (const [, service] of databases(file)) {
      const test = service.healthcheck!.test;
      expect(test[0]).toBe('CMD-SHELL');
      expect(test[1]).toMatch(/^curl -fsS http:\/\/localhost:2113\/info \| /);
      expect(test[1]).toMatch(state);
      expect(test[1]).not.toMatch(/health\/live/);
    }
  });

  it.each(COMPOSE_FILES)(
    '%s starts the service once every node is healthy, reaching them inside the compose network, and lets it wait',
    (file) => {
      const { services, volumes } = compose(file);
      const service = services.geldstroom;
      const nodes = databases(file);
      expect(service.depends_on).toEqual(
        Object.fromEntries(nodes.map(([name]) => [name, { condition: 'service_healthy' }])),
      );
      const url = String(service.environment!.GELDSTROOM_STORE);
      expect(url).toMatch(/^kurrentdb:\/\/[^?]+\?tls=false$/);
      const reachable = nodes.flatMap(([name, node]) => [
        `${name}:2113`,
        ...Object.values(Array.isArray(node.networks) ? {} : (node.networks ?? {})).map(
          (network) => `${network.ipv4_address}:2113`,
        ),
      ]);
      const hosts = url.slice('kurrentdb://'.length, url.indexOf('?')).split(',');
      for (const host of hosts) expect(reachable).toContain(host);
      expect(hosts).toHaveLength(nodes.length);
      expect(Number(service.environment!.GELDSTROOM_STORE_WAIT)).toBeGreaterThanOrEqual(60);
      for (const [, node] of nodes)
        for (const volume of node.volumes ?? []) expect(Object.keys(volumes!)).toContain(volume.split(':')[0]);
    },
  );

  it('the cluster has three nodes, each with its own replication address, gossiping with the other two', () => {
    const nodes = databases('docker-compose.cluster.yml');
    expect(nodes).toHaveLength(3);
    const addresses = nodes.map(
      ([, node]) => (node.networks as Record<string, { ipv4_address: string }>).cluster.ipv4_address,
    );
    for (const [index, [, node]] of nodes.entries()) {
      expect(node.environment).toMatchObject({
        KURRENTDB_CLUSTER_SIZE: '3',
        KURRENTDB_DISCOVER_VIA_DNS: 'false',
        KURRENTDB_REPLICATION_IP: addresses[index],
      });
      const seeds = String(node.environment!.KURRENTDB_GOSSIP_SEED).split(',');
      expect(seeds.sort()).toEqual(
        addresses
          .filter((_, other) => other !== index)
          .map((address) => `${address}:2113`)
          .sort(),
      );
    }
  });

  it('the image runs on a pinned Node.js LTS, listens beyond loopback in the container, production dependencies only, non-root', () => {
    const dockerfile = read('Dockerfile');
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toMatch(/^node:(22|24)\.\d+\.\d+-[a-z]+-slim@sha256:[0-9a-f]{64}$/);
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((match) => match[1]);
    expect(froms.length).toBeGreaterThanOrEqual(3);
    for (const from of froms) expect(['${NODE_IMAGE}', 'toolchain']).toContain(from);
    expect(dockerfile).toMatch(/^\s+HOST=0\.0\.0\.0 \\$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "--max-semi-space-size=4", "bin\/geldstroom\.js"\]/);
    // the image moves to a current LTS; the code keeps running on the Node.js 20 of the build machines
    expect((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node).toBe('>=20');
  });

  it('the service is launched with the same Node flags and allocator settings by npm start, the container, the README, the start-up hint and the bench', () => {
    // the memory the bench measures is the memory of the service as users launch it
    const flags = '--max-semi-space-size=4';
    const env = { MALLOC_ARENA_MAX: '2', MALLOC_TRIM_THRESHOLD_: '131072' };
    const envWords = Object.entries(env)
      .map(([name, value]) => `${name}=${value}`)
      .join(' ');
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe(`${envWords} node ${flags} bin/geldstroom.js serve --example`);
    expect(read('Dockerfile')).toContain(`ENTRYPOINT ["node", "${flags}", "bin/geldstroom.js"]`);
    const dockerEnv = /^ENV ((?:.*\\\n)*.*)$/m.exec(read('Dockerfile'))?.[1] ?? '';
    for (const [name, value] of Object.entries(env))
      expect(dockerEnv).toMatch(new RegExp(`^\\s*${name}=${value} \\\\$`, 'm'));
    const readme = read('README.md').replace(/\s+/g, ' ');
    expect(readme).toContain(`${envWords} node ${flags} bin/geldstroom.js serve`);
    // every launch of the service the README shows has both
    expect(readme.split(`node ${flags} bin/geldstroom.js serve`).length).toBe(
      readme.split(`${envWords} node ${flags} bin/geldstroom.js serve`).length,
    );
    expect(read('test/bench/suite/measure-http.ts')).toContain(`SERVICE_NODE_FLAGS = ['${flags}']`);
    expect(read('test/bench/suite/measure-http.ts')).toContain(
      `SERVICE_ENV = { ${Object.entries(env)
        .map(([name, value]) => `${name}: '${value}'`)
        .join(', ')} }`,
    );
    // and the build keeps the service's compiled code under them (V8 refuses code compiled under other flags)
    const bundle = (JSON.parse(read('package.json')) as { scripts: { bundle: string } }).scripts.bundle;
    expect(bundle).toContain(`node ${flags} bin/load-compiled.js dist/apps/cli/geldstroom-serve.js`);
    // and the hint the example prints at start names the same launch
    expect(read('apps/cli/src/commands/serve.command.ts')).toContain(
      `${envWords} node ${flags} bin/geldstroom.js serve --store`,
    );
  });
});

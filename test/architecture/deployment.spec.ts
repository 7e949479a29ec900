import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** No Docker engine runs on the build machines, so the deployment files are held to their promises here. */
describe('deployment files', () => {
  it.each(['docker-compose.yml', 'docker-compose.cluster.yml'])(
    '%s pins the database image, checks its health and keeps data in named volumes',
    (file) => {
      const compose = read(file);
      const images = [...compose.matchAll(/image:\s*(\S+)/g)]
        .map((match) => match[1])
        .filter((image) => !image.startsWith('geldstroom'));
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect(image).toMatch(/:\d+\.\d+\.\d+$/);
      expect(compose).toMatch(/health\/live/);
      expect(compose).toMatch(/KURRENTDB_INSECURE: "true"/);
      expect(compose).toMatch(/GELDSTROOM_STORE: "esdb:\/\/[^"]+tls=false/);
      expect(compose).toMatch(/^volumes:\n(\s+[\w-]+:\n)+/m);
      expect(compose).not.toMatch(/\t/);
    },
  );

  it('the cluster has three nodes that gossip with each other', () => {
    const compose = read('docker-compose.cluster.yml');
    expect(compose).toMatch(/KURRENTDB_CLUSTER_SIZE: "3"/);
    expect([...compose.matchAll(/KURRENTDB_GOSSIP_SEED/g)]).toHaveLength(3);
  });

  it('the image is multi-stage, installs production dependencies only and runs as a non-root user', () => {
    const dockerfile = read('Dockerfile');
    expect([...dockerfile.matchAll(/^FROM /gm)].length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/ENTRYPOINT \["node", "bin\/geldstroom\.js"\]/);
  });
});

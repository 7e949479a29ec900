import { build, Plugin } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { libphonenumberWhenUsed, nestDateFormatWhenUsed } from './bundle-plugins';

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * Each plugin of the service's bundle against the package as it is: a small script run once bundled with
 * the plugin and once as it is (its packages from node_modules) reports what it loaded and what it got.
 */
describe("the service's bundle plugins", () => {
  const dir = mkdtempSync(join(tmpdir(), 'geldstroom-bundle-plugins-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function bundledAndAsItIs(name: string, script: string, plugin: Plugin): Promise<[unknown, unknown]> {
    const source = join(dir, `${name}.js`);
    const bundled = join(dir, `${name}.bundled.js`);
    writeFileSync(source, script);
    await build({
      stdin: { contents: script, resolveDir: ROOT, loader: 'js' },
      bundle: true,
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      external: ['@nestjs/microservices', '@nestjs/websockets', 'class-transformer/storage'],
      plugins: [plugin],
      outfile: bundled,
    });
    const run = (file: string): unknown => {
      // NODE_PATH: the bundle's own requires (a package it leaves in node_modules) are resolved from the repository
      const result = spawnSync(process.execPath, [file], {
        encoding: 'utf8',
        env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules'), TZ: 'Europe/Amsterdam' },
      });
      if (result.status !== 0) throw new Error(`${file} exited ${result.status}: ${result.stderr}`);
      return JSON.parse(result.stdout) as unknown;
    };
    return [run(bundled), run(source)];
  }

  it('class-validator checks phone numbers as before, but loads libphonenumber-js only when one is checked', async () => {
    const script = `
      const loaded = () => Object.keys(require.cache).some((file) => file.includes('libphonenumber-js'));
      const validator = require('class-validator');
      const atStart = loaded();
      const numbers = ['+31 6 12345678', '+31201234567', '020 123 4567', 'abc', '+1 202-555-0123', ' +31201234567'];
      const answers = numbers.flatMap((number) => [validator.isPhoneNumber(number), validator.isPhoneNumber(number, 'NL')]);
      process.stdout.write(JSON.stringify({ atStart, answers, afterUse: loaded() }));
    `;
    const [bundled, asItIs] = await bundledAndAsItIs('phone', script, libphonenumberWhenUsed);
    expect(bundled).toEqual({ ...(asItIs as object), atStart: false });
    expect(asItIs).toMatchObject({ atStart: true, afterUse: true });
    // the answers say something: some numbers are valid, some are not
    expect((asItIs as { answers: boolean[] }).answers).toEqual(expect.arrayContaining([true, false]));
  });

  it("Nest's loggers print the same time, but make their date format only when they first print one", async () => {
    const script = `
      let made = 0;
      const DateTimeFormat = Intl.DateTimeFormat;
      Intl.DateTimeFormat = new Proxy(DateTimeFormat, {
        construct: (target, args) => { made += 1; return new target(...args); },
        apply: (target, self, args) => { made += 1; return target(...args); },
      });
      const { ConsoleLogger, Logger } = require('@nestjs/common');
      const atStart = made;
      Date.now = () => Date.UTC(2026, 11, 2, 6, 30, 15);
      const logger = new ConsoleLogger();
      const times = [Logger.getTimestamp(), logger.getTimestamp(), Logger.getTimestamp(), logger.getTimestamp()];
      process.stdout.write(JSON.stringify({ atStart, times, made }));
    `;
    const [bundled, asItIs] = await bundledAndAsItIs('nest-logger', script, nestDateFormatWhenUsed);
    expect(asItIs).toMatchObject({ atStart: 2, made: 2 });
    expect(bundled).toEqual({ ...(asItIs as object), atStart: 0 });
    expect((asItIs as { times: string[] }).times[0]).toMatch(/2026/);
  });
});

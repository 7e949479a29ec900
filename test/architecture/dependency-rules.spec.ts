import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const RUNTIME_CONFIG = join(ROOT, '.dependency-cruiser.runtime.cjs');

interface Rule {
  name: string;
  from: { path: string[] };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the configuration is CommonJS, as depcruise reads it
const foldRule = (require(RUNTIME_CONFIG) as { forbidden: Rule[] }).forbidden[0];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [relative(ROOT, path)];
  });
}

/** The violations of the fold rule when it also starts from `extraFrom`, as depcruise reports them. */
function foldViolations(extraFrom: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'depcruise-'));
  try {
    const config = join(dir, 'config.cjs');
    writeFileSync(
      config,
      `const c = require(${JSON.stringify(RUNTIME_CONFIG)});
       const [rule] = c.forbidden;
       module.exports = { ...c, forbidden: [{ ...rule, from: { ...rule.from, path: [...rule.from.path, ${JSON.stringify(extraFrom)}] } }] };`,
    );
    // depcruise exits non-zero when it finds violations; its JSON report is on stdout either way
    const { stdout } = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'depcruise'),
      ['libs', '--config', config, '--output-type', 'json'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const result = JSON.parse(stdout) as { summary: { violations: { from: string; to: string }[] } };
    return result.summary.violations.map(({ from, to }) => `${from} → ${to}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the dependency rule that no fold or replay path reaches a command parser', () => {
  it('starts from modules that exist (a renamed file does not silently empty the rule)', () => {
    const sources = files(join(ROOT, 'libs'));
    const unmatched = foldRule.from.path.filter((pattern) => !sources.some((file) => new RegExp(pattern).test(file)));
    expect(foldRule.name).toBe('no-fold-reaches-a-command-parser');
    expect(unmatched).toEqual([]);
  });

  it('would notice one: the full domain entry point, which the edges use, does reach the parsers', () => {
    expect(foldViolations('^libs/domain/src/index[.]ts$')).toContain(
      'libs/domain/src/index.ts → libs/domain/src/commands/parse-command.ts',
    );
  }, 60000);
});

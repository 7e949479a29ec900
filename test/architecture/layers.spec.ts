import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|spec-helper|contract-spec-helper)\.ts$/.test(path)
      ? [path]
      : [];
  });
}

// The layering itself (which library may import which, apps through @libs aliases only) is dependency-cruiser's:
// .dependency-cruiser.cjs, run by `npm run lint`. What follows is what an import graph cannot show.
describe('layering', () => {
  it('the domain and money libraries use no JavaScript numbers for money', () => {
    const suspicious = [...sourceFiles(join(ROOT, 'libs/money')), ...sourceFiles(join(ROOT, 'libs/domain'))].flatMap(
      (file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => /parseFloat\(|Number\([^)]*amount|amount: number|toFixed\(\d\)/.test(line))
          .map(({ index }) => `${relative(ROOT, file)}:${index + 1}`),
    );
    expect(suspicious).toEqual([]);
  });

  it('every project nest-cli.json lists exists, with its entry file', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
      projects: Record<string, { root: string; sourceRoot: string; entryFile: string }>;
    };
    const missing = Object.entries(config.projects)
      .map(([name, project]) => ({ name, entry: join(project.sourceRoot, `${project.entryFile}.ts`) }))
      .filter(({ entry }) => !existsSync(join(ROOT, entry)))
      .map(({ name, entry }) => `${name}: ${entry}`);
    expect(missing).toEqual([]);
    const libraries = readdirSync(join(ROOT, 'libs')).map((name) => `libs/${name}`);
    expect(libraries.filter((lib) => !Object.values(config.projects).some((project) => project.root === lib))).toEqual(
      [],
    );
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** What each library may import besides its own relative files (architecture.md: arrows point down only). */
const ALLOWED: Record<string, readonly string[]> = {
  'libs/money': ['decimal.js'],
  'libs/domain': ['@libs/money'],
  'libs/event-store': ['rxjs', 'better-sqlite3', '@eventstore/db-client', 'node:fs', 'node:path', 'node:crypto'],
  'libs/projections': ['@libs/money', '@libs/domain', '@libs/event-store', '@libs/ledger', 'rxjs'],
  'libs/ledger': [
    '@libs/money',
    '@libs/domain',
    '@libs/event-store',
    '@libs/projections',
    'node:crypto',
    'rxjs',
    'json-canonicalize',
  ],
  'libs/reports': [
    '@libs/money',
    '@libs/domain',
    '@libs/projections',
    'exceljs',
    'csv-stringify',
    'csv-parse',
    'pdfkit',
  ],
  'libs/intake': ['@libs/money', '@libs/domain', '@libs/ledger', '@libs/reports', 'exceljs', 'csv-parse', 'node:path'],
  // the questions both edges answer, and the rules of their parameters
  'libs/queries': ['@libs/domain', '@libs/event-store', '@libs/ledger', '@libs/projections', '@libs/reports'],
  // who may do what: tokens and the read and record rules, without the HTTP stack (`token` starts fast)
  'libs/access': ['@libs/domain', 'node:crypto', 'node:fs', 'node:path'],
  // the HTTP application (NestJS): `geldstroom serve` and the tests start it
  'libs/http': [
    '@libs/money',
    '@libs/domain',
    '@libs/event-store',
    '@libs/ledger',
    '@libs/projections',
    '@libs/reports',
    '@libs/intake',
    '@libs/access',
    '@libs/queries',
    '@nestjs/common',
    '@nestjs/core',
    '@nestjs/platform-express',
    '@nestjs/swagger',
    'class-transformer',
    'reflect-metadata',
    'class-validator',
    'express',
    'helmet',
    'pino',
    'pino-http',
    'nestjs-pino',
    'better-sqlite3',
    'echarts',
    'lru-cache',
    'rxjs',
    'node:crypto',
    'node:fs',
    'node:http',
    'node:net',
    'node:path',
  ],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec|spec-helper|contract-spec-helper)\.ts$/.test(path)
      ? [path]
      : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/g),
    ...text.matchAll(/(?:^|\n)\s*import\s+'([^']+)'/g),
    ...text.matchAll(/(?:require|import)\(\s*'([^']+)'\s*\)/g),
  ];
  return specifiers.map((match) => match[1]);
}

describe('layering', () => {
  it.each(Object.entries(ALLOWED))('%s imports only what it may', (lib, allowed) => {
    const offending = sourceFiles(join(ROOT, lib)).flatMap((file) =>
      importsOf(file)
        .filter(
          (specifier) =>
            !specifier.startsWith('.') && !allowed.some((ok) => specifier === ok || specifier.startsWith(`${ok}/`)),
        )
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(offending).toEqual([]);
  });

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

  it('an application reaches other code through the @libs aliases only, never by a path out of its own directory', () => {
    const apps = readdirSync(join(ROOT, 'apps')).map((name) => join(ROOT, 'apps', name));
    const escaping = apps.flatMap((app) =>
      sourceFiles(app).flatMap((file) =>
        importsOf(file)
          .filter((specifier) => specifier.startsWith('.'))
          .filter((specifier) => relative(app, resolve(dirname(file), specifier)).startsWith('..'))
          .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
      ),
    );
    expect(escaping).toEqual([]);
  });

  it('would notice a forbidden import (the check itself works)', () => {
    expect(importsOf(__filename)).toContain('node:fs');
  });
});

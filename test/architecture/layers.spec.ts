import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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

  it('would notice a forbidden import (the check itself works)', () => {
    expect(importsOf(__filename)).toContain('node:fs');
  });
});

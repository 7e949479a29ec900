// dependency-cruiser: the layering of the README's architecture table, no cycles, no orphans, and no path
// from the fold or the replay to a command parser (.dependency-cruiser.runtime.cjs, on the graph of what runs).
// `npm run lint` runs both over apps/, libs/ and test/.

/** What each library's own code may import besides its own files: our libraries below it, npm packages, Node. */
const LAYERS = {
  money: { libs: [], packages: ['decimal.js'] },
  domain: { libs: ['money'], packages: [] },
  'event-store': { libs: [], packages: ['rxjs', 'better-sqlite3', '@eventstore/db-client'], node: true },
  projections: { libs: ['money', 'domain', 'event-store'], packages: ['rxjs'] },
  ledger: {
    libs: ['money', 'domain', 'event-store', 'projections'],
    packages: ['rxjs', 'json-canonicalize'],
    node: true,
  },
  reports: { libs: ['money', 'domain', 'projections'], packages: ['exceljs', 'csv-stringify', 'csv-parse', 'pdfkit'] },
  intake: { libs: ['money', 'domain', 'ledger', 'reports'], packages: ['exceljs', 'csv-parse', 'yauzl'], node: true },
  // the questions both edges answer, and the rules of their parameters
  queries: { libs: ['domain', 'event-store', 'ledger', 'projections', 'reports'], packages: [] },
  // who may do what: tokens and the read and record rules, without the HTTP stack (`token` starts fast)
  access: { libs: ['domain'], packages: [], node: true },
  // the HTTP application (NestJS) that `geldstroom serve`, the tests and the bench start
  http: {
    libs: ['money', 'domain', 'event-store', 'ledger', 'projections', 'reports', 'intake', 'access', 'queries'],
    packages: [
      '@nestjs/common',
      '@nestjs/core',
      '@nestjs/platform-express',
      '@nestjs/swagger',
      'class-transformer',
      'class-validator',
      'reflect-metadata',
      'express',
      'helmet',
      'fresh',
      'pino',
      'pino-http',
      'nestjs-pino',
      'better-sqlite3',
      'echarts',
      'lru-cache',
      'rxjs',
    ],
    node: true,
  },
};

/**
 * What is started, not imported: the geldstroom command (bin/geldstroom.js: main, or serve-main for `serve`), npm run
 * docs, npm run bench, and the scripts of worker threads (*.worker.ts).
 */
const ENTRY_POINTS =
  '^apps/cli/src/(serve-)?main[.]ts$|^apps/cli/src/tools/|^test/bench/bench[.]ts$|^libs/[^/]+/src/.*[.]worker[.]ts$';
const TESTS = '[.](spec|int-spec|e2e-spec)[.]ts$|[-.]spec-helper[.]ts$|/testing/';
const alternatives = (names) => names.map((name) => name.replace(/[.]/g, '[.]')).join('|');

const layerRules = Object.entries(LAYERS).flatMap(([lib, allowed]) => [
  {
    name: `layer-${lib}`,
    comment: `libs/${lib} imports only the libraries below it (${allowed.libs.join(', ') || 'none'}), through their @libs alias`,
    severity: 'error',
    from: { path: `^libs/${lib}/`, pathNot: TESTS },
    to: {
      path: '^libs/',
      pathNot: [`^libs/${lib}/`, ...allowed.libs.map((name) => `^libs/${name}/src/(index|model)[.]ts$`)],
    },
  },
  {
    name: `packages-${lib}`,
    comment: `libs/${lib} uses only ${allowed.packages.join(', ') || 'no npm package'}${allowed.node ? ' and Node' : ' and no Node I/O'}`,
    severity: 'error',
    from: { path: `^libs/${lib}/`, pathNot: TESTS },
    to: {
      dependencyTypes: allowed.node
        ? ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown']
        : ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'],
      pathNot: allowed.packages.length ? `^node_modules/(${alternatives(allowed.packages)})/` : undefined,
    },
  },
]);

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'apps-through-libs-aliases',
      comment:
        'an application reaches other code through the @libs/* aliases only, never by a path out of its own directory',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^(apps|libs|test)/', pathNot: ['^apps/$1/', '^libs/[^/]+/src/(index|model)[.]ts$'] },
    },
    {
      name: 'no-deep-lib-imports',
      comment: 'other packages use a library through its index (or @libs/domain/model), never a file inside it',
      severity: 'error',
      from: { path: '^(apps|libs/[^/]+)/', pathNot: TESTS },
      to: { path: '^libs/', pathNot: ['^libs/[^/]+/src/(index|model)[.]ts$', '^$1'] },
    },
    {
      name: 'no-circular',
      comment: 'no module depends on itself through others',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'a module nothing imports is dead weight, unless it is a test, an entry point or a configuration',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          TESTS,
          '[.]d[.]ts$',
          ENTRY_POINTS,
          '^test/support/totals-reporter[.]js$', // jest's reporter (jest.config.js)
        ],
      },
      to: {},
    },
    {
      name: 'no-dead-modules',
      comment:
        'every module of apps/ and libs/ is reached from an entry point (the geldstroom command, npm run docs, npm run bench): a module only tests use is dead weight',
      severity: 'error',
      from: { path: ENTRY_POINTS },
      to: { path: '^(apps|libs)/', pathNot: [TESTS, ENTRY_POINTS], reachable: false },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves (a typo in a path or alias is found here, not at run time)',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-packages',
      comment: 'a package the code uses is in package.json (dependencies, or devDependencies for tests)',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-dev-packages-in-production',
      comment: 'what dist/ runs uses dependencies only; devDependencies are for tests, the bench and tools',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [TESTS, '^apps/cli/src/tools/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^test/fixtures/'] },
    // what runs: an import used only for its types is no arrow (as TypeScript emits the code)
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    skipAnalysisNotInRules: true,
  },
};

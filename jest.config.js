/** One jest run over every tier: *.spec.ts (pure), *.int-spec.ts (a real store), *.e2e-spec.ts (CLI/HTTP). */
const aliases = [
  'money',
  'domain',
  'event-store',
  'ledger',
  'projections',
  'reports',
  'intake',
  'access',
  'queries',
  'http',
];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  moduleNameMapper: {
    // the domain without its command parsers: what the fold and the read models import
    '^@libs/domain/model$': '<rootDir>/libs/domain/src/model.ts',
    ...Object.fromEntries(aliases.map((name) => [`^@libs/${name}$`, `<rootDir>/libs/${name}/src/index.ts`])),
  },
  reporters: ['default', '<rootDir>/test/support/totals-reporter.js'],
  testTimeout: 60000,
};

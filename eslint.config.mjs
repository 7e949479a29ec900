// ESLint: typescript-eslint's strict and stylistic type-checked rules over apps/, libs/ and test/.
// Formatting is Prettier's alone (eslint-config-prettier, last, switches off every rule it would fight).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const maxLines = { max: 70, skipBlankLines: true, skipComments: true, IIFEs: true };

/** Is this function the body of a `describe(…)` or `describe.each(…)(…)` block, or a `describeX(…)` that declares one? */
function isDescribeBody(node) {
  if (node.type === 'FunctionDeclaration' && /^describe[A-Z]/.test(node.id?.name ?? '')) return true;
  const call = node.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(node)) return false;
  let callee = call.callee;
  // describe.each(…)(…), describe.skip(…), (skip ? describe.skip : describe)(…)
  for (;;) {
    if (callee.type === 'CallExpression') callee = callee.callee;
    else if (callee.type === 'MemberExpression') callee = callee.object;
    else if (callee.type === 'ConditionalExpression') callee = callee.alternate;
    else break;
  }
  return callee.type === 'Identifier' && callee.name === 'describe';
}

/** ESLint's own max-lines-per-function, silent about a describe block's body (see the tests' section). */
const coreMaxLines = builtinRules.get('max-lines-per-function');
const maxLinesOutsideDescribe = {
  meta: coreMaxLines.meta,
  create(context) {
    const report = (descriptor) => isDescribeBody(descriptor.node) || context.report(descriptor);
    return coreMaxLines.create(Object.create(context, { report: { value: report } }));
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', 'test-artifacts/', 'test/fixtures/', 'examples/'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { geldstroom: { rules: { 'max-lines-per-function': maxLinesOutsideDescribe } } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      'max-lines-per-function': ['error', maxLines],
      // numbers (counts, line numbers, years) read the same in any template; objects, null and undefined are still refused
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => void f()`-style shorthand callbacks (`res.on('end', () => resolve())`) are clear as they are
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Without noUncheckedIndexedAccess (439 compile errors today) TypeScript types `xs[0]` and `record[key]` as always
      // there, so this rule calls every guard against an empty list or a missing key unnecessary, and it reads a flag a
      // callback sets as constant: most of its findings would remove checks that matter
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `process.env.X || fallback` deliberately treats an empty string as not set
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // a Nest module is a class that only carries its @Module decorator
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // a path parameters DTO is plain data that the validation pipe made an instance: spreading it into a question is meant
      '@typescript-eslint/no-misused-spread': [
        'error',
        {
          allow: [
            { from: 'file', name: ['RegionParamsDto', 'RegionYearParamsDto', 'TraceParamsDto', 'LetterParamsDto'] },
          ],
        },
      ],
      // an `async` method of a Promise-returning port without an await still turns a throw into a rejection
      '@typescript-eslint/require-await': 'off',
      // a leading underscore says "deliberately unused" (a destructured field left out, a positional argument)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      '**/*spec-helper.ts',
      '**/testing/**',
      'test/**/*.ts',
    ],
    rules: {
      // A describe block is a list of cases, not a function read top to bottom: every helper and every `it`
      // keeps the 70-line limit, the body of `describe(…, () => {…})` may hold as many cases as it needs.
      'max-lines-per-function': 'off',
      'geldstroom/max-lines-per-function': ['error', maxLines],
      // HTTP answers (supertest's `body`) and JSON.parse are `any` by their typings; a test reads them only to
      // hold them against expect(), which is the check — typing each answer first would add casts, not safety
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      // a value a test expects to be there: when it is not, the test fails on that line, which is what it should do
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // plain JavaScript (jest's reporter, the config files): no type information to check against
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    // these files are CommonJS (the bin shim, jest's and dependency-cruiser's configuration)
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

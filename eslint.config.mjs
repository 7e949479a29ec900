// ESLint: typescript-eslint's strict and stylistic type-checked rules over apps/, libs/ and test/.
// Formatting is Prettier's alone (eslint-config-prettier, last, switches off every rule it would fight).
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const maxLines = { max: 70, skipBlankLines: true, skipComments: true, IIFEs: true };

/** Is this function the body of a `describe(…)` or `describe.each(…)(…)` block? */
function isDescribeBody(node) {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(node)) return false;
  let callee = call.callee;
  while (callee.type === 'CallExpression' || callee.type === 'MemberExpression') {
    callee = callee.type === 'CallExpression' ? callee.callee : callee.object;
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
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
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
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },
  prettier,
);

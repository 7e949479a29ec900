// dependency-cruiser on the graph of what runs (as TypeScript emits it: an import used only for its types
// is no arrow): history is never parsed as input. The rest of the rules are in .dependency-cruiser.cjs.
const { options } = require('./.dependency-cruiser.cjs');

/** The command side of the domain: the parsers of command input and what describes them. */
const COMMAND_PARSERS =
  '^libs/domain/src/commands/(parse-command|fields|command[.]shapes|command[.]types|field-schema|command[.]schema|command[.]catalogue)[.]ts$';

/** The fold, reading a stored event, the parser-free domain entry, the ledger's load-decide-append, the replay, every read model. */
const FOLD_AND_REPLAY = [
  '^libs/domain/src/state/',
  '^libs/domain/src/events/',
  '^libs/domain/src/model[.]ts$',
  '^libs/ledger/src/ledger[.]ts$',
  '^libs/projections/src/',
];

const TESTS = '[.](spec|int-spec|e2e-spec)[.]ts$|[-.]spec-helper[.]ts$|/testing/';

module.exports = {
  forbidden: [
    {
      name: 'no-fold-reaches-a-command-parser',
      comment:
        'history is never parsed as input: no fold, stored-event reader, ledger load or read model reaches a command parser at run time (import @libs/domain/model, not @libs/domain)',
      severity: 'error',
      from: { path: FOLD_AND_REPLAY, pathNot: TESTS },
      to: { path: COMMAND_PARSERS, reachable: true },
    },
  ],
  options: { ...options, tsPreCompilationDeps: false },
};

#!/usr/bin/env node
'use strict';
// The compiled CLI; `npm install` / `npm ci` build it (the "prepare" script).
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('geldstroom: not built yet; run `npm run build` (npm install does it)\n');
  process.exit(3);
}
require(main)
  .runCli(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });

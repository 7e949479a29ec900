import { renderCommandsDoc } from '@libs/intake';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `npm run docs`: writes docs/commands.md from the command shapes (the test in test/docs checks it is current). */
const target = join(__dirname, '..', '..', '..', '..', '..', 'docs', 'commands.md');
mkdirSync(join(target, '..'), { recursive: true });
writeFileSync(target, renderCommandsDoc());
process.stdout.write(`wrote ${target}\n`);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_TYPES } from '@libs/domain';
import { renderCommandsDoc, SHEETS } from '@libs/intake';

const DOC = join(__dirname, '..', '..', 'docs', 'commands.md');

describe('docs/commands.md', () => {
  it('is what `npm run docs` generates from the command shapes today (run it after changing a command)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderCommandsDoc());
  });

  it('names every command, every field and every sheet column', () => {
    const doc = renderCommandsDoc();
    for (const type of COMMAND_TYPES) expect(doc).toContain(`## ${type}\n`);
    expect(doc).toContain('| `bookDate` | boekdatum | date | no |');
    for (const sheet of SHEETS) {
      expect(doc).toContain(`### ${sheet.name}\n`);
      for (const column of sheet.columns) expect(doc).toContain(`| ${column.header} | \`${column.field}\` |`);
    }
  });

  it('would notice a change of a field rule', () => {
    expect(renderCommandsDoc()).toMatch(
      /\| `amount` \| bedrag \| amount \| yes \| .*at most 12 digits before the point/,
    );
  });
});

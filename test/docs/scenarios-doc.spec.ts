import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from '../support/scenarios';
import { renderScenariosDoc } from './scenarios.doc';

const DOC = join(__dirname, '..', '..', 'docs', 'scenarios.md');

describe('docs/scenarios.md', () => {
  // `npm run docs` sets GELDSTROOM_WRITE_DOCS to write the file instead of checking it
  if (process.env.GELDSTROOM_WRITE_DOCS) writeFileSync(DOC, renderScenariosDoc());

  it('is the rendering of the examples and their expected statements today (run `npm run docs` after changing them)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderScenariosDoc());
  });

  it('shows every scenario, every expected statement and the numbers a controller checks first', () => {
    const doc = renderScenariosDoc();
    for (const scenario of SCENARIOS) {
      expect(doc).toContain(`## ${scenario.title}\n`);
      for (const [, , expected] of scenario.statements)
        expect(doc).toContain(`test/fixtures/expected/${expected}.json`);
    }
    // the memo's figures: the 2023 skim and the reserve band of Holland Rijnland
    expect(doc).toContain('| Afroming regionale voorzieningen | € 5.802.407,00 | € 4.600.000,00 |');
    expect(doc).toMatch(/\| Ondergrens bandbreedte \| € 290\.120,35 \|/);
  });
});

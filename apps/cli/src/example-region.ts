import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root';

/** The example's region id says what it is: illustrative figures never pass for a real region's. */
export const EXAMPLE_REGION_ID = 'voorbeeld-holland-rijnland';
export const EXAMPLE_SOURCE = 'examples/holland-rijnland.jsonl';
const SOURCE_REGION_ID = 'holland-rijnland';

/**
 * The Holland Rijnland example as a command file for the region `voorbeeld-holland-rijnland`, named
 * "Holland Rijnland (voorbeeld)". Line numbers stay those of the example file, so every event's
 * source points at the line it came from.
 */
export function exampleCommandFile(): { name: string; text: string } {
  const text = readFileSync(join(packageRoot(), EXAMPLE_SOURCE), 'utf8')
    .split('\n')
    .map((line) => {
      if (!line.trim().startsWith('{')) return line;
      const command = JSON.parse(line) as { command: string; regionId?: string; name?: string };
      if (command.regionId !== SOURCE_REGION_ID) return line;
      command.regionId = EXAMPLE_REGION_ID;
      if (command.command === 'RegisterRegion') command.name = `${command.name} (voorbeeld)`;
      return JSON.stringify(command);
    })
    .join('\n');
  return { name: EXAMPLE_SOURCE, text };
}

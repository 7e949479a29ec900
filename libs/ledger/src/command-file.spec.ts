import fc from 'fast-check';
import { commandFileInputs } from './command-file';

/** The lines as a split on line breaks numbers them: what the reader in place must give. */
function bySplit(file: string, text: string) {
  const inputs: unknown[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const raw = line.trim();
    if (raw === '' || raw.startsWith('#')) return;
    let read: { value: unknown } | { unreadable: { code: string } };
    try {
      read = { value: JSON.parse(raw) as unknown };
    } catch {
      read = { unreadable: { code: 'INVALID_JSON' } };
    }
    inputs.push({ place: { file, line: index + 1 }, source: `${file}:${index + 1}`, ...read });
  });
  return inputs;
}

const withoutReasons = (inputs: Iterable<unknown>) =>
  [...inputs].map((input) =>
    typeof input === 'object' && input !== null && 'unreadable' in input
      ? { ...input, unreadable: { code: (input.unreadable as { code: string }).code } }
      : input,
  );

describe('commandFileInputs', () => {
  it('numbers, skips and reads the lines as a split on \\n or \\r\\n does', () => {
    const piece = fc.constantFrom(
      '\n',
      '\r\n',
      '\r',
      ' ',
      '\t',
      '#',
      '{"command":"RunAllocation"}',
      '{',
      '1',
      '"x"',
      '',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(withoutReasons(commandFileInputs('f.jsonl', text))).toEqual(withoutReasons(bySplit('f.jsonl', text)));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each command its file and line, past blank and comment lines', () => {
    const text = '# header\r\n\r\n{"a":1}\n  \n{"b":2}  \n{broken\n';
    expect([...commandFileInputs('x.jsonl', text)].map((input) => [input.source, 'value' in input])).toEqual([
      ['x.jsonl:3', true],
      ['x.jsonl:5', true],
      ['x.jsonl:6', false],
    ]);
  });
});

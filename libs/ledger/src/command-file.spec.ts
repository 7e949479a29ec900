import fc from 'fast-check';
import { checkedInOrder, CommandsRefused } from './apply-commands';
import { checkedFileCommands, commandFileInputs, commandFileText, CommandFileError } from './command-file';

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

describe('checkedFileCommands', () => {
  /** The commands a reader gives, then what it throws (a refusal's issues), as plain data to compare. */
  function outcome(read: () => Iterable<unknown>) {
    const items: unknown[] = [];
    try {
      for (const item of read()) items.push(item);
      return { items };
    } catch (error) {
      if (!(error instanceof CommandsRefused)) throw error;
      return { items, kind: error.kind, issues: error.issues as unknown[] };
    }
  }

  it('gives the commands and the refusal that checkedInOrder over commandFileInputs gives', () => {
    const piece = fc.constantFrom(
      '\n',
      '\r\n',
      ' ',
      '#',
      '{"command":"RunAllocation","regionId":"r","year":2024}',
      '{"command":"RecordRegionalCost","regionId":"r","costId":"c1","year":2024,"scheme":"BW","amount":"12.50"}',
      '{"command":"RunAllocation","regionId":"r"}',
      '{"command":"RunAllocation","regionId":"R","year":"x"}',
      '{"command":"Nope"}',
      '[]',
      '{',
      '"x"',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (pieces) => {
        const text = pieces.join('');
        expect(outcome(() => checkedFileCommands('f.jsonl', text))).toEqual(
          outcome(() => checkedInOrder(commandFileInputs('f.jsonl', text))),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('commandFileText', () => {
  const refusal = (data: Buffer) => {
    try {
      commandFileText('f.jsonl', data);
    } catch (error) {
      return error instanceof CommandFileError ? [error.line, error.code] : error;
    }
    return 'read';
  };

  it('reads UTF-8, with or without BOM and with CRLF, as it is', () => {
    const text = '\uFEFF# Súdwest-Fryslân\r\n{"command": "RunAllocation"}\r\n';
    expect(commandFileText('f.jsonl', Buffer.from(text, 'utf8'))).toBe(text);
  });

  it('refuses bytes that are not UTF-8, naming the line of the first one', () => {
    expect(refusal(Buffer.from('a\nb\ncaf\xe9\nd\xe9', 'latin1'))).toEqual([3, 'INVALID_FILE']);
    expect(refusal(Buffer.from('caf\xe9', 'latin1'))).toEqual([1, 'INVALID_FILE']);
    expect(refusal(Buffer.concat([Buffer.from('ok\n'), Buffer.from('€', 'utf8').subarray(0, 2)]))).toEqual([
      2,
      'INVALID_FILE',
    ]);
  });
});

describe('a key given twice', () => {
  it('is refused naming the line and the key, not read as the last one given', () => {
    const text =
      '{"command":"RunAllocation","regionId":"r","year":2024}\n{"command":"RunAllocation","regionId":"r","year":2024,"year":2099}\n';
    expect([...commandFileInputs('f.jsonl', text)][1]).toEqual({
      place: { file: 'f.jsonl', line: 2 },
      source: 'f.jsonl:2',
      unreadable: { code: 'INVALID_JSON', reason: 'gives the key "year" twice in one object; give each key once' },
    });
    expect(() => [...checkedFileCommands('f.jsonl', text)]).toThrow(CommandsRefused);
  });
});

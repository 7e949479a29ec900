import { duplicateJsonKey } from './json-duplicate-key';

describe('duplicateJsonKey', () => {
  it.each([
    ['{"year":2024,"year":2099}', 'year'],
    ['{"a":1, "b":{"c":1,"c" : 2}}', 'c'],
    ['[{"a":1},{"b":[{"x":1,"x":1}]}]', 'x'],
    ['{"a\\u0062":1,"ab":2}', 'ab'],
    ['{"a":{"k":1},"b":{"k":2},"a":3}', 'a'],
  ])('finds the key given twice in one object of %s', (text, key) => {
    expect(duplicateJsonKey(text, JSON.parse(text))).toBe(key);
    expect(duplicateJsonKey(Buffer.from(text, 'utf8'), JSON.parse(text))).toBe(key);
  });

  it('finds a key given twice in UTF-8 bytes, beside keys and values outside ASCII', () => {
    const text = '{"café":"€ 1,00","straße":{"ü":1,"ü":2}}';
    expect(duplicateJsonKey(Buffer.from(text, 'utf8'), JSON.parse(text))).toBe('ü');
  });

  it.each([
    '{"year":2024}',
    '{"a":{"k":1},"b":{"k":2},"k":3}',
    '[{"a":1},{"a":2}]',
    '{"a":"\\"a\\":1","b":"a:"}',
    '{"at":"2024-01-01T10:00:00Z","by":"x"}',
    '{"a":["a","a"],"b":"\\\\"}',
    '"a"',
    '{}',
  ])('finds none in %s', (text) => {
    expect(duplicateJsonKey(text, JSON.parse(text))).toBeUndefined();
    expect(duplicateJsonKey(Buffer.from(text, 'utf8'), JSON.parse(text))).toBeUndefined();
  });

  it('reads a long string in one step', () => {
    const text = `{"a":"${'x\\"'.repeat(300_000)}","a":1}`;
    expect(duplicateJsonKey(text, JSON.parse(text))).toBe('a');
  });

  it('reads a line nested deeper than the stack', () => {
    const deep = (inner: string) => `${'{"a":'.repeat(100_000)}${inner}${'}'.repeat(100_000)}`;
    expect(duplicateJsonKey(deep('1'), JSON.parse(deep('1')))).toBeUndefined();
    const twice = deep('{"b":1,"b":2}');
    expect(duplicateJsonKey(twice, JSON.parse(twice))).toBe('b');
  });
});

import { memberSchemeSlot, memberSlot, schemeSlot } from './slot-keys';

describe('slot keys', () => {
  it('are the texts RegionView documents, the same string each time', () => {
    expect(memberSchemeSlot(2024, 'GM0543', 'BW')).toBe('2024:GM0543:BW');
    expect(memberSchemeSlot(2024, 'GM0543', 'MO')).toBe('2024:GM0543:MO');
    expect(memberSlot(2031, 'GM1692')).toBe('2031:GM1692');
    expect(schemeSlot(2023, 'MO')).toBe('2023:MO');
    // a key written anew finds what was filed under the kept one
    const year = 2025;
    const code = 'GM0627';
    const amounts = new Map([[memberSchemeSlot(year, code, 'BW'), 1]]);
    expect(amounts.get(`${year}:${code}:BW`)).toBe(1);
  });

  it('stay right when a table fills up and starts over', () => {
    for (let code = 0; code < 25_000; code += 1) {
      const member = `GM${String(code).padStart(5, '0')}`;
      expect(memberSchemeSlot(2024, member, 'MO')).toBe(`2024:${member}:MO`);
      expect(memberSlot(1900 + (code % 12_000), member)).toBe(`${1900 + (code % 12_000)}:${member}`);
    }
    expect(memberSchemeSlot(2024, 'GM00001', 'MO')).toBe('2024:GM00001:MO');
  });
});

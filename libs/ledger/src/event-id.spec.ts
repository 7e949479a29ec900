import { createHash } from 'node:crypto';
import { uuidV5 } from './event-id';

/** RFC 9562's construction written out byte by byte, as the ids of every stored event were made. */
function byTheBook(name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from('5b0c1d9e7a4f4c1e9d3b2a6f8e0c4d71', 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe('uuidV5', () => {
  it('gives the ids the stored events have: the same bytes as the construction written out', () => {
    const names = [
      '',
      'region-holland-rijnland@0',
      'region-ü-€@12345',
      // longer than the kept buffer, and names of every length around its edge
      'x'.repeat(5000),
      ...Array.from({ length: 12 }, (_, index) => '€'.repeat(336 + index)),
      ...Array.from({ length: 12 }, (_, index) => 'a'.repeat(1018 + index)),
      ...Array.from({ length: 2000 }, (_, index) => `region-r${index % 44}@${index}`),
    ];
    for (const name of names) expect([name, uuidV5(name)]).toEqual([name, byTheBook(name)]);
  });

  it('is a version 5 UUID of the RFC variant', () => {
    expect(uuidV5('region-a@0')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

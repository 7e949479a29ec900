import { createHash, randomUUID } from 'node:crypto';

/** RFC 9562 namespace for Geldstroom's deterministic event ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('5b0c1d9e7a4f4c1e9d3b2a6f8e0c4d71', 'hex');

/** A name-based (version 5) UUID: the same name always gives the same id, so a retried append is recognised. */
export function uuidV5(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newCommandId = (): string => randomUUID();

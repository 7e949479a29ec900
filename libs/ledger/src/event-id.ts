import * as crypto from 'node:crypto';

/** RFC 9562 namespace for Geldstroom's deterministic event ids (a fixed random UUID). */
const NAMESPACE = Buffer.from('5b0c1d9e7a4f4c1e9d3b2a6f8e0c4d71', 'hex');

/** Names up to this many UTF-8 bytes are written after the namespace into one buffer kept for the purpose. */
const SCRATCH_NAME_BYTES = 1024;
const scratch = Buffer.alloc(NAMESPACE.length + SCRATCH_NAME_BYTES);
NAMESPACE.copy(scratch);

/** SHA-1 of the namespace followed by the name (UTF-8), as 40 hex digits. */
const sha1Hex: (name: string) => string =
  // one-shot hashing where Node has it (20.12 and later): a hash object per event costs more than the hash;
  // the name is written into a kept buffer behind the namespace, not into two new ones joined in a third
  typeof crypto.hash === 'function'
    ? (name) => {
        // a UTF-8 byte per UTF-16 unit at most 3: a name that may not fit is joined the plain way
        if (name.length * 3 > SCRATCH_NAME_BYTES)
          return crypto.hash('sha1', Buffer.concat([NAMESPACE, Buffer.from(name, 'utf8')]), 'hex');
        const written = scratch.write(name, NAMESPACE.length, 'utf8');
        return crypto.hash('sha1', scratch.subarray(0, NAMESPACE.length + written), 'hex');
      }
    : (name) => crypto.createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest('hex');

/** The variant's hex digit: the two high bits of the byte set to 10. */
const VARIANT = '89ab89ab89ab89ab';

/** A name-based (version 5) UUID: the same name always gives the same id, so a retried append is recognised. */
export function uuidV5(name: string): string {
  const hex = sha1Hex(name);
  // the version nibble (byte 6's high half) is 5, the variant bits (byte 8's two high bits) are 10
  const variant = VARIANT[parseInt(hex[16], 16)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const newCommandId = (): string => crypto.randomUUID();

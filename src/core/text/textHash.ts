/**
 * A 64-bit content hash of a text (two independent 32-bit FNV-1a style hashes and the
 * length), for remembering which texts a document had (git revisions) without keeping them.
 * Not cryptographic: a collision only makes a reload look like a known revision.
 */
import type { Rope } from './rope';

export function textHash(text: Rope | string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  let n = 0;
  const feed = (chunk: string) => {
    for (let k = 0; k < chunk.length; k++) {
      const c = chunk.charCodeAt(k);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    n += chunk.length;
  };
  if (typeof text === 'string') feed(text);
  else text.forEachChunk(feed);
  return `${n.toString(36)}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

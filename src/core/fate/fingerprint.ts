/**
 * Content fingerprints of AI spans: enough to find a span's text again in a reopened or
 * reloaded document, without ever writing the text itself to disk.
 *
 * A fingerprint is the length and two independent 32-bit polynomial hashes of the text
 * ("len:hhhhhhhhhhhhhhhh"). The hashes roll, so every window of a document can be checked
 * in one pass (Rabin-Karp); 64 bits make an accidental match in a large file unlikely
 * (about n / 2^64 per search).
 */

export type Fingerprint = string;

const B1 = 0x01000193; // FNV prime: odd, so multiplication mod 2^32 is invertible
const B2 = 0x5bd1e995; // MurmurHash2's multiplier

export function fingerprint(text: string, start = 0, end = text.length): Fingerprint {
  let h1 = 0;
  let h2 = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    h1 = (Math.imul(h1, B1) + c) >>> 0;
    h2 = (Math.imul(h2, B2) + c) >>> 0;
  }
  return `${end - start}:${hex(h1)}${hex(h2)}`;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** B^(len) mod 2^32, for removing the character that leaves the window. */
function power(base: number, len: number): number {
  let p = 1;
  for (let k = 0; k < len; k++) p = Math.imul(p, base) >>> 0;
  return p;
}

/** Every offset at which a window of `text` has fingerprint `fp`, in order. */
export function findFingerprint(text: string, fp: Fingerprint): number[] {
  const colon = fp.indexOf(':');
  const len = Number(fp.slice(0, colon));
  if (!Number.isInteger(len) || len <= 0 || len > text.length) return [];
  const want1 = parseInt(fp.slice(colon + 1, colon + 9), 16) >>> 0;
  const want2 = parseInt(fp.slice(colon + 9, colon + 17), 16) >>> 0;
  const p1 = power(B1, len);
  const p2 = power(B2, len);
  let h1 = 0;
  let h2 = 0;
  const found: number[] = [];
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    h1 = (Math.imul(h1, B1) + c) >>> 0;
    h2 = (Math.imul(h2, B2) + c) >>> 0;
    if (k >= len) {
      const out = text.charCodeAt(k - len);
      h1 = (h1 - Math.imul(out, p1)) >>> 0;
      h2 = (h2 - Math.imul(out, p2)) >>> 0;
    }
    if (k >= len - 1 && h1 === want1 && h2 === want2) found.push(k - len + 1);
  }
  return found;
}

/**
 * git-ai notes (refs/notes/ai), read apart from the commit log and only as far as needed.
 *
 * A repository that records every commit with git-ai has a note per commit, and a note can be
 * large (its JSON metadata may hold whole prompt transcripts). What the review needs from a
 * note is two facts: whether its attestation section names AI lines, and the first agent its
 * metadata names. So notes are listed once (`git ls-tree -r -z refs/notes/ai`), their blobs
 * streamed once (`git cat-file --batch`), and of each blob only the attestation section up to
 * its first entry and a few bytes after the first `"tool"` key are decoded; the rest is
 * skipped as bytes. Nothing here decodes a note as a whole or runs a regular expression over it.
 */
import type { GitAiNoteSummary } from './aiEvidence';

/** Arguments after `git` that list the notes: `<mode> blob <oid>\t<fan-out path>\0` per note. */
export const NOTES_REF = 'refs/notes/ai';
export function listNotesArgs(): string[] {
  return ['ls-tree', '-r', '-z', '--full-tree', NOTES_REF];
}

/** Reads `git ls-tree -r -z` output of a notes tree: commit hash → note blob id. Entries that are not notes are skipped. */
export function parseNotesTree(output: string): Map<string, string> {
  const notes = new Map<string, string>();
  for (const entry of output.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, oid] = entry.slice(0, tab).split(' ');
    const commit = entry.slice(tab + 1).replace(/\//g, '');
    if (type === 'blob' && oid !== undefined && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) notes.set(commit, oid);
  }
  return notes;
}

const NL = 10;
const latin = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
const TOOL_KEY = new TextEncoder().encode('"tool"');

/** Index of `needle` in `hay` at or after `from`, or -1. */
function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let p = hay.indexOf(first, from); p >= 0 && p + needle.length <= hay.length; p = hay.indexOf(first, p + 1)) {
    let k = 1;
    while (k < needle.length && hay[p + k] === needle[k]) k++;
    if (k === needle.length) return p;
  }
  return -1;
}

/** Whether bytes [s, e) are a line of only "---" (optionally with spaces and a CR). */
function isDivider(b: Uint8Array, s: number, e: number): boolean {
  let p = s;
  while (p < e && (b[p] === 32 || b[p] === 9)) p++;
  if (e - p < 3 || b[p] !== 45 || b[p + 1] !== 45 || b[p + 2] !== 45) return false;
  p += 3;
  while (p < e && (b[p] === 32 || b[p] === 9 || b[p] === 13)) p++;
  return p === e;
}

/** "  <prompt id> <ranges>": indented, then two fields. */
function isAttestationEntry(b: Uint8Array, s: number, e: number): boolean {
  if (s >= e || (b[s] !== 32 && b[s] !== 9)) return false;
  const line = latin.decode(b.subarray(s, Math.min(e, s + 200)));
  return /^\s+\S+\s+\S/.test(line);
}

/**
 * What a git-ai note says (see aiEvidence.ts for the format): it attests AI lines when an
 * indented entry comes before the "---" divider, or when it has no divider at all (another
 * format). The tool is the value of the first "tool" key after the divider.
 */
export function summarizeGitAiNote(note: Uint8Array): GitAiNoteSummary {
  let divider = -1;
  let entry = false;
  let nonBlank = false;
  for (let s = 0; s < note.length; ) {
    let e = note.indexOf(NL, s);
    if (e < 0) e = note.length;
    if (isDivider(note, s, e)) {
      divider = e;
      break;
    }
    if (!entry && isAttestationEntry(note, s, e)) entry = true;
    if (!nonBlank) for (let p = s; p < e; p++) if (note[p] !== 32 && note[p] !== 9 && note[p] !== 13) nonBlank = true;
    s = e + 1;
  }
  if (divider < 0) return { attestsAi: nonBlank, tool: undefined };
  let tool: string | undefined;
  const key = indexOf(note, TOOL_KEY, divider);
  if (key >= 0) {
    const m = /^\s*:\s*"([^"\\]{1,40})"/.exec(utf8.decode(note.subarray(key + TOOL_KEY.length, Math.min(note.length, key + TOOL_KEY.length + 64))));
    if (m !== null) tool = m[1];
  }
  return { attestsAi: entry, tool };
}

/**
 * A streaming reader of `git cat-file --batch` output: "<oid> <type> <size>\n<bytes>\n" per
 * object, or "<oid> missing\n". Each object's bytes are copied once into a buffer of the size
 * git announced (never re-concatenated), and handed to `onObject`; a missing object is
 * reported with null.
 */
export class CatFileBatchReader {
  private header: Uint8Array | undefined;
  private body: Uint8Array | undefined;
  private oid = '';
  private filled = 0;
  /** Bytes of the "\n" after a body still to skip. */
  private trailer = 0;

  constructor(private readonly onObject: (oid: string, bytes: Uint8Array | null) => void) {}

  push(chunk: Uint8Array): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.trailer > 0) {
        pos++;
        this.trailer--;
        continue;
      }
      if (this.body !== undefined) {
        const n = Math.min(this.body.length - this.filled, chunk.length - pos);
        this.body.set(chunk.subarray(pos, pos + n), this.filled);
        this.filled += n;
        pos += n;
        if (this.filled === this.body.length) {
          const body = this.body;
          this.body = undefined;
          this.trailer = 1;
          this.onObject(this.oid, body);
        }
        continue;
      }
      const nl = chunk.indexOf(NL, pos);
      const part = chunk.subarray(pos, nl < 0 ? chunk.length : nl);
      this.header = this.header === undefined ? part.slice() : concat(this.header, part);
      if (nl < 0) return;
      pos = nl + 1;
      const line = utf8.decode(this.header);
      this.header = undefined;
      const [oid, type, size] = line.split(' ');
      if (type === 'missing' || type === 'ambiguous') {
        this.onObject(oid ?? '', null);
        continue;
      }
      const bytes = Number(size);
      if (oid === undefined || !Number.isSafeInteger(bytes) || bytes < 0) throw new Error(`git cat-file wrote an object header it should not have: "${line.slice(0, 80)}"`);
      this.oid = oid;
      this.filled = 0;
      this.body = new Uint8Array(bytes);
      if (bytes === 0) {
        this.body = undefined;
        this.trailer = 1;
        this.onObject(oid, new Uint8Array(0));
      }
    }
  }

  /** Whether the input ended between objects, as it should. */
  get complete(): boolean {
    return this.body === undefined && this.header === undefined && this.trailer === 0;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

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
 * format, if not blank). The tool is the value of the first "tool" key after the divider.
 * The same reader as the streaming one (GitAiNoteScanner), over bytes already in hand.
 */
export function summarizeGitAiNote(note: Uint8Array): GitAiNoteSummary {
  let summary: GitAiNoteSummary = { attestsAi: false, tool: undefined };
  const scanner = new GitAiNoteScanner((s) => (summary = s));
  scanner.push(note);
  scanner.end();
  return summary;
}

/** Where an object's bytes go as they arrive; `push` answers true when it needs no more of them. */
export interface ObjectSink {
  push(bytes: Uint8Array): boolean;
  /** The object ended (all its bytes were offered, or the sink said it needed no more). */
  end(): void;
}

/** A sink that keeps the whole object, for contents that are diffed. */
export function collect(size: number, done: (bytes: Uint8Array) => void): ObjectSink {
  const body = new Uint8Array(size);
  let filled = 0;
  return {
    push(bytes) {
      body.set(bytes, filled);
      filled += bytes.length;
      return false;
    },
    end: () => done(body),
  };
}

/**
 * A streaming reader of `git cat-file --batch` output: "<oid> <type> <size>\n<bytes>\n" per
 * object, or "<oid> missing\n". `open` is asked for a sink per object (null size: missing);
 * the object's bytes go to it chunk by chunk as they arrive, never concatenated, and once the
 * sink needs no more they are skipped without being looked at.
 */
export class CatFileBatchReader {
  private header: Uint8Array | undefined;
  private sink: ObjectSink | undefined;
  /** Bytes of the current object still to come. */
  private remaining = 0;
  /** The current object's sink needs no more; its remaining bytes are skipped. */
  private skipping = false;
  /** Bytes of the "\n" after a body still to skip. */
  private trailer = 0;

  constructor(private readonly open: (oid: string, size: number | null) => ObjectSink | undefined) {}

  push(chunk: Uint8Array): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.trailer > 0) {
        pos++;
        this.trailer--;
        continue;
      }
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - pos);
        if (!this.skipping && this.sink !== undefined && this.sink.push(chunk.subarray(pos, pos + n))) this.skipping = true;
        this.remaining -= n;
        pos += n;
        if (this.remaining === 0) this.endObject();
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
        this.open(oid ?? '', null)?.end();
        continue;
      }
      const bytes = Number(size);
      if (oid === undefined || !Number.isSafeInteger(bytes) || bytes < 0) throw new Error(`git cat-file wrote an object header it should not have: "${line.slice(0, 80)}"`);
      this.sink = this.open(oid, bytes);
      this.skipping = false;
      this.remaining = bytes;
      if (bytes === 0) this.endObject();
    }
  }

  private endObject(): void {
    const sink = this.sink;
    this.sink = undefined;
    this.trailer = 1;
    sink?.end();
  }

  /** Whether the input ended between objects, as it should. */
  get complete(): boolean {
    return this.remaining === 0 && this.header === undefined && this.trailer === 0;
  }
}

/** How many bytes of a line are kept to judge it: a divider is short, an entry's start says what it is. */
const LINE_HEAD = 256;
/** Bytes after the "tool" key that can hold its value: `"tool" : "<up to 40 characters>"`. */
const TOOL_WINDOW = 64;

/**
 * Reads a git-ai note as it streams and stops as soon as it knows what summarizeGitAiNote
 * would say: the attestation section line by line (keeping at most LINE_HEAD bytes of a
 * line), then, past the divider, only until the first "tool" key and its value.
 */
export class GitAiNoteScanner implements ObjectSink {
  private entry = false;
  private nonBlank = false;
  private divider = false;
  private readonly line = new Uint8Array(LINE_HEAD);
  private lineLength = 0;
  /** Past the divider: the last bytes seen, for a key split between chunks; then the bytes after the key. */
  private window: number[] = [];
  private keyFound = false;
  private tool: string | undefined;
  private settled = false;

  constructor(private readonly done: (summary: GitAiNoteSummary) => void) {}

  push(bytes: Uint8Array): boolean {
    let pos = 0;
    while (!this.divider && pos < bytes.length) {
      const nl = bytes.indexOf(NL, pos);
      const end = nl < 0 ? bytes.length : nl;
      const room = LINE_HEAD - Math.min(this.lineLength, LINE_HEAD);
      if (room > 0) this.line.set(bytes.subarray(pos, pos + Math.min(room, end - pos)), this.lineLength);
      this.lineLength += end - pos;
      if (!this.nonBlank) for (let p = pos; p < end; p++) if (bytes[p] !== 32 && bytes[p] !== 9 && bytes[p] !== 13) this.nonBlank = true;
      if (nl < 0) return false;
      this.endLine();
      pos = nl + 1;
    }
    if (this.divider && pos < bytes.length) return this.scanMetadata(bytes.subarray(pos));
    return this.settled;
  }

  end(): void {
    if (!this.divider && this.lineLength > 0) this.endLine();
    if (this.keyFound && this.tool === undefined) this.readTool();
    this.done(this.divider ? { attestsAi: this.entry, tool: this.tool } : { attestsAi: this.nonBlank, tool: undefined });
  }

  private endLine(): void {
    const n = Math.min(this.lineLength, LINE_HEAD);
    if (this.lineLength <= LINE_HEAD && isDivider(this.line, 0, n)) this.divider = true;
    else if (!this.entry && isAttestationEntry(this.line, 0, n)) this.entry = true;
    this.lineLength = 0;
  }

  private scanMetadata(bytes: Uint8Array): boolean {
    if (this.settled) return true;
    if (this.keyFound) {
      for (let k = 0; k < bytes.length && this.window.length < TOOL_WINDOW; k++) this.window.push(bytes[k]!);
      if (this.window.length >= TOOL_WINDOW) this.readTool();
      return this.settled;
    }
    // The key may straddle the previous chunk and this one: look at the seam first.
    const seam = [...this.window, ...bytes.subarray(0, TOOL_KEY.length - 1)];
    let at = indexOf(Uint8Array.from(seam), TOOL_KEY, 0);
    let after: Uint8Array;
    if (at >= 0) {
      after = bytes.subarray(at + TOOL_KEY.length - this.window.length);
    } else {
      at = indexOf(bytes, TOOL_KEY, 0);
      if (at < 0) {
        // Keep the last bytes seen (of this chunk, or of earlier ones when it is short) for the next seam.
        this.window = [...this.window, ...bytes.subarray(Math.max(0, bytes.length - (TOOL_KEY.length - 1)))].slice(-(TOOL_KEY.length - 1));
        return false;
      }
      after = bytes.subarray(at + TOOL_KEY.length);
    }
    this.keyFound = true;
    this.window = [];
    return this.scanMetadata(after);
  }

  private readTool(): void {
    const m = /^\s*:\s*"([^"\\]{1,40})"/.exec(utf8.decode(Uint8Array.from(this.window)));
    this.tool = m === null ? undefined : m[1];
    this.settled = true;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

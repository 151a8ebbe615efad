/**
 * A streaming parser of `git log -p --unified=0` output in the format of historyLogArgs().
 *
 * Input is raw bytes in chunks of any size (straight from git's stdout); output is one
 * ParsedCommit per commit, in output order, through a callback. Only what line tracking
 * needs is kept: paths, whether a file is binary, new, deleted, renamed or copied, and the
 * hunk headers. Added and removed line contents are skipped without being decoded, which is
 * what makes the parser fast: the hunk header already says which lines go and which come.
 *
 * Framing: a commit header starts with a NUL byte at the start of a line and holds
 * HEADER_FIELDS NUL-terminated fields. A diff line never starts with NUL (content lines start
 * with '+', '-', ' ' or '\'), and a commit message cannot contain NUL, so the framing is exact.
 */

/**
 * The header format: hash, parents, author time, author name, author e-mail, the message.
 * Notes are not in the log: git-ai notes are read apart, and only as far as needed
 * (gitAiNotes.ts), instead of whole notes for every commit.
 */
export function commitHeaderArgs(): string[] {
  return ['--no-notes', '--format=%x00%H%x00%P%x00%at%x00%an%x00%ae%x00%B%x00'];
}

/**
 * `-c` settings the history log needs whatever the repository's config says, and the
 * options every history log takes. Each one closes a way a repository's config could make
 * git's output mean something else:
 * - log.showRoot=true: with `log.showRoot=false` git shows no diff for the root commit, and
 *   every later hunk would land on lines never seen;
 * - diff.renameLimit=0 (no limit): past git's default of 1,000 files, a commit that renames
 *   many files shows them deleted and added again, counting every line as new;
 * - --inter-hunk-context=0: diff.interHunkContext would fuse nearby hunks with the unchanged
 *   lines between them, counting those as rewritten;
 * - --submodule=short, --no-relative, prefixes, quoting, encoding: one output shape to parse.
 * The git port adds --no-ext-diff and --no-textconv and turns the repository's programs off.
 */
export function historyConfigArgs(): string[] {
  return [
    '-c', 'core.quotePath=false',
    '-c', 'diff.noprefix=false',
    '-c', 'diff.mnemonicPrefix=false',
    '-c', 'log.showRoot=true',
    '-c', 'diff.renameLimit=0',
    '-c', 'diff.renames=true',
  ];
}

/**
 * Arguments after `git` for the log this parser reads, mainline oldest first, with diffs
 * (git 2.31 or later, for --diff-merges). The caller appends the range (HEAD) and `--`.
 */
export function historyLogArgs(): string[] {
  return [
    ...historyConfigArgs(),
    'log',
    '--reverse',
    '--first-parent',
    '--diff-merges=first-parent',
    '-p',
    '--unified=0',
    '--inter-hunk-context=0',
    '-M',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-relative',
    '--submodule=short',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    '--encoding=UTF-8',
    ...commitHeaderArgs(),
  ];
}

/**
 * The same mainline, but only what changed per file (`--raw`), never file contents: for a
 * partial clone, where reading a blob that was never downloaded would make git fetch it (or
 * fail). Renames only when exact (`-M100%`): finding inexact ones reads contents.
 */
export function historyRawLogArgs(): string[] {
  return [
    ...historyConfigArgs(),
    'log',
    '--reverse',
    '--first-parent',
    '--diff-merges=first-parent',
    '--raw',
    '--no-abbrev',
    '-M100%',
    '--no-color',
    '--no-relative',
    '--encoding=UTF-8',
    ...commitHeaderArgs(),
  ];
}

const HEADER_FIELDS = 6;

export interface FileDiff {
  /** Path before the commit; null for a new file. */
  oldPath: string | null;
  /** Path after the commit; null for a deleted file. */
  newPath: string | null;
  binary: boolean;
  /** A copy keeps the source file; a rename moves it. */
  copy: boolean;
  /** Hunk headers as flat quadruples: old start, old count, new start, new count (git's numbering). */
  hunks: number[];
  /** The new content is not known (its blob is not in a partial clone): its lines are of unknown origin from here on. */
  unknown?: boolean;
}

/** One line of `git log --raw --no-abbrev`: what happened to a file, by blob id. */
export interface RawChange {
  readonly oldMode: string;
  readonly newMode: string;
  readonly oldOid: string;
  readonly newOid: string;
  /** A, M, D, R, C, T (and a score for R and C, dropped). */
  readonly status: string;
  readonly oldPath: string | null;
  readonly newPath: string | null;
}

export interface ParsedCommit {
  hash: string;
  parents: string[];
  /** Author time, epoch milliseconds. */
  authorTime: number;
  authorName: string;
  authorEmail: string;
  /** The full message, subject first. */
  message: string;
  files: FileDiff[];
  /** `--raw` lines, in raw mode only. */
  raw: RawChange[];
}

export interface ParseWarning {
  /** 1-based line of git's output. */
  readonly line: number;
  readonly message: string;
}

const NL = 10;
const utf8 = new TextDecoder('utf-8');

function startsWith(buf: Uint8Array, s: number, e: number, prefix: string): boolean {
  if (e - s < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[s + k] !== prefix.charCodeAt(k)) return false;
  return true;
}

/** Undoes git's C-style quoting of a path ("a/t\303\251st\tx"); leaves an unquoted path as is. */
export function unquotePath(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"') || text.length < 2) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let k = 0; k < body.length; k++) {
    const c = body[k]!;
    if (c !== '\\') {
      for (const b of new TextEncoder().encode(c)) bytes.push(b);
      continue;
    }
    const next = body[k + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(k + 1, k + 4), 8) & 0xff);
      k += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      k += 1;
    }
  }
  return utf8.decode(new Uint8Array(bytes));
}

/** "a/x" → "x"; "/dev/null" → null; strips the tab git appends after names with spaces. */
function headerPath(raw: string): string | null {
  let text = raw.endsWith('\t') ? raw.slice(0, -1) : raw;
  if (text === '/dev/null') return null;
  text = unquotePath(text);
  return text.startsWith('a/') || text.startsWith('b/') ? text.slice(2) : text;
}

/** Both paths of "diff --git a/P b/Q" when they can be told apart without the later header lines. */
function diffGitPaths(rest: string): { oldPath: string; newPath: string } | undefined {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest, 0);
    if (end < 0) return undefined;
    const a = headerPath(rest.slice(0, end + 1));
    const b = headerPath(rest.slice(end + 2));
    return a !== null && b !== null ? { oldPath: a, newPath: b } : undefined;
  }
  if (rest.endsWith('"')) {
    const start = rest.lastIndexOf(' "');
    if (start < 0) return undefined;
    const a = headerPath(rest.slice(0, start));
    const b = headerPath(rest.slice(start + 1));
    return a !== null && b !== null ? { oldPath: a, newPath: b } : undefined;
  }
  // Unquoted and the same path on both sides: "a/P b/P" has odd length and splits in the middle.
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const a = rest.slice(0, half);
    const b = rest.slice(half + 1);
    if (a.startsWith('a/') && b.startsWith('b/') && a.slice(2) === b.slice(2)) return { oldPath: a.slice(2), newPath: b.slice(2) };
  }
  return undefined;
}

function closingQuote(text: string, open: number): number {
  for (let k = open + 1; k < text.length; k++) {
    if (text[k] === '\\') k++;
    else if (text[k] === '"') return k;
  }
  return -1;
}

/** '+', '-', ' ' or '\\': the first byte of a line of a hunk's body. */
function isContentStart(c: number): boolean {
  return c === 43 || c === 45 || c === 32 || c === 92;
}

/** Whether the line ending at buf[e] ends with the gitlink mode 160000 (a submodule). */
function isSubmoduleMode(buf: Uint8Array, e: number): boolean {
  const mode = ' 160000';
  if (e < mode.length) return false;
  for (let k = 0; k < mode.length; k++) if (buf[e - mode.length + k] !== mode.charCodeAt(k)) return false;
  return true;
}

/** Reads a decimal number at buf[pos]; returns [value, next position] or [-1, pos] when there is none. */
function readInt(buf: Uint8Array, pos: number, end: number): [number, number] {
  let value = 0;
  let p = pos;
  while (p < end && buf[p]! >= 48 && buf[p]! <= 57) value = value * 10 + (buf[p++]! - 48);
  return p === pos ? [-1, pos] : [value, p];
}

export class GitLogParser {
  private pending: Uint8Array | undefined;
  private commit: ParsedCommit | undefined;
  private file: FileDiff | undefined;
  private fileLine = 0;
  /** Whether the current file's header is done (a hunk was seen): '+' and '-' lines are content. */
  private inHunks = false;
  private lineNo = 1;
  private ended = false;
  /** Inside a content line whose end has not arrived yet. */
  private skipping = false;
  readonly warnings: ParseWarning[] = [];

  constructor(private readonly onCommit: (commit: ParsedCommit) => void) {}

  /** Feeds the next chunk of git's output. */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('GitLogParser: push after end');
    let buf = chunk;
    if (this.skipping) {
      // The rest of a long content line: nothing in it is needed, so it is never buffered.
      const nl = chunk.indexOf(NL);
      if (nl < 0) return;
      this.skipping = false;
      this.lineNo++;
      buf = chunk.subarray(nl + 1);
    } else if (this.pending !== undefined && this.pending.length > 0) {
      buf = new Uint8Array(this.pending.length + chunk.length);
      buf.set(this.pending, 0);
      buf.set(chunk, this.pending.length);
    }
    const pos = this.consume(buf, false);
    if (pos < buf.length && this.inHunks && isContentStart(buf[pos]!)) {
      // An unfinished added or removed line (a minified file, say): skip it instead of
      // buffering it, so a line of many megabytes costs no more than its bytes once.
      this.skipping = true;
      this.pending = undefined;
      return;
    }
    // Copy the tail: the caller may reuse its chunk buffer.
    this.pending = pos < buf.length ? buf.slice(pos) : undefined;
  }

  /** Ends the input: parses what is left and emits the last commit. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.pending !== undefined && this.pending.length > 0) {
      const buf = this.pending;
      this.pending = undefined;
      const pos = this.consume(buf, true);
      if (pos < buf.length) this.warn(`git's output ended inside a commit header (${buf.length - pos} bytes left unread)`);
    }
    this.finishCommit();
  }

  private consume(buf: Uint8Array, final: boolean): number {
    let pos = 0;
    const length = buf.length;
    while (pos < length) {
      if (buf[pos] === 0) {
        const end = this.readHeader(buf, pos);
        if (end < 0) return pos;
        pos = end;
        continue;
      }
      let nl = buf.indexOf(NL, pos);
      if (nl < 0) {
        if (!final) return pos;
        nl = length;
      }
      this.line(buf, pos, nl);
      this.lineNo++;
      pos = nl + 1;
    }
    return Math.min(pos, length);
  }

  /** Parses a commit header starting at buf[start] (a NUL); returns the position after it, or -1 when incomplete. */
  private readHeader(buf: Uint8Array, start: number): number {
    const bounds: number[] = [];
    let p = start;
    for (let k = 0; k <= HEADER_FIELDS; k++) {
      p = buf.indexOf(0, k === 0 ? p : p + 1);
      if (p < 0) return -1;
      bounds.push(p);
    }
    this.finishCommit();
    const field = (k: number) => utf8.decode(buf.subarray(bounds[k]! + 1, bounds[k + 1]!));
    const seconds = Number(field(2));
    this.commit = {
      hash: field(0),
      parents: field(1) === '' ? [] : field(1).split(' '),
      authorTime: Number.isFinite(seconds) ? seconds * 1000 : 0,
      authorName: field(3),
      authorEmail: field(4),
      message: field(5).replace(/\n+$/, ''),
      files: [],
      raw: [],
    };
    if (!/^[0-9a-f]{7,64}$/.test(this.commit.hash)) this.warn(`a commit header without a hash ("${this.commit.hash.slice(0, 20)}")`);
    // Lines inside the message are not lines of the diff; keep the count right for warnings.
    for (let k = start; k < bounds[HEADER_FIELDS]!; k++) if (buf[k] === NL) this.lineNo++;
    return bounds[HEADER_FIELDS]! + 1;
  }

  private line(buf: Uint8Array, s: number, e: number): void {
    const c = buf[s];
    if (this.inHunks && isContentStart(c!)) return;
    if (s === e) return;
    switch (c) {
      case 64: // @
        if (startsWith(buf, s, e, '@@ -')) this.hunk(buf, s, e);
        return;
      case 100: // d
        if (startsWith(buf, s, e, 'diff --git ')) {
          this.startFile(utf8.decode(buf.subarray(s + 11, e)));
        } else if (startsWith(buf, s, e, 'deleted file mode') && this.file !== undefined) {
          this.file.newPath = null;
          if (isSubmoduleMode(buf, e)) this.file.binary = true;
        }
        return;
      case 110: // n
        if (startsWith(buf, s, e, 'new file mode') && this.file !== undefined) this.file.oldPath = null;
        if (this.file !== undefined && isSubmoduleMode(buf, e)) this.file.binary = true;
        return;
      case 105: // i
        // "index abc..def 160000": a submodule's commit pointer, not lines of code.
        if (startsWith(buf, s, e, 'index ') && this.file !== undefined && isSubmoduleMode(buf, e)) this.file.binary = true;
        return;
      case 114: // r
        if (this.file !== undefined) {
          if (startsWith(buf, s, e, 'rename from ')) this.file.oldPath = unquotePath(utf8.decode(buf.subarray(s + 12, e)));
          else if (startsWith(buf, s, e, 'rename to ')) this.file.newPath = unquotePath(utf8.decode(buf.subarray(s + 10, e)));
        }
        return;
      case 99: // c
        if (this.file !== undefined) {
          if (startsWith(buf, s, e, 'copy from ')) {
            this.file.oldPath = unquotePath(utf8.decode(buf.subarray(s + 10, e)));
            this.file.copy = true;
          } else if (startsWith(buf, s, e, 'copy to ')) this.file.newPath = unquotePath(utf8.decode(buf.subarray(s + 8, e)));
        }
        return;
      case 66: // B
        if (startsWith(buf, s, e, 'Binary files ') && this.file !== undefined) this.file.binary = true;
        return;
      case 71: // G
        if (startsWith(buf, s, e, 'GIT binary patch') && this.file !== undefined) this.file.binary = true;
        return;
      case 58: // :
        if (this.file === undefined) this.rawLine(utf8.decode(buf.subarray(s, e)));
        return;
      case 45: // -
        if (startsWith(buf, s, e, '--- ') && this.file !== undefined) this.file.oldPath = headerPath(utf8.decode(buf.subarray(s + 4, e)));
        return;
      case 43: // +
        if (startsWith(buf, s, e, '+++ ') && this.file !== undefined) this.file.newPath = headerPath(utf8.decode(buf.subarray(s + 4, e)));
        return;
      default:
        // index, similarity, mode lines, submodule summaries: nothing to track.
        return;
    }
  }

  private rawLine(text: string): void {
    if (this.commit === undefined) {
      this.warn('a raw line before any commit header; skipped');
      return;
    }
    const tab = text.indexOf('\t');
    const [oldMode, newMode, oldOid, newOid, status] = text.slice(1, tab < 0 ? text.length : tab).split(' ');
    const paths = tab < 0 ? [] : text.slice(tab + 1).split('\t').map(unquotePath);
    if (newOid === undefined || status === undefined || paths.length === 0) {
      this.warn(`a raw line git did not write ("${text.slice(0, 40)}"); skipped`);
      return;
    }
    const kind = status[0]!;
    const two = kind === 'R' || kind === 'C';
    this.commit.raw.push({
      oldMode: oldMode!,
      newMode: newMode!,
      oldOid: oldOid!,
      newOid,
      status: kind,
      oldPath: kind === 'A' ? null : paths[0]!,
      newPath: kind === 'D' ? null : two ? (paths[1] ?? paths[0]!) : paths[0]!,
    });
  }

  private startFile(rest: string): void {
    this.finishFile();
    this.inHunks = false;
    if (this.commit === undefined) {
      this.warn('a diff before any commit header; skipped');
      return;
    }
    const paths = diffGitPaths(rest);
    // Paths that cannot be split here are filled in by rename/copy or ---/+++ lines.
    this.file = { oldPath: paths?.oldPath ?? '', newPath: paths?.newPath ?? '', binary: false, copy: false, hunks: [] };
    this.fileLine = this.lineNo;
  }

  private hunk(buf: Uint8Array, s: number, e: number): void {
    if (this.file === undefined) {
      this.warn('a hunk outside any file diff; skipped');
      return;
    }
    this.inHunks = true;
    let [oldStart, p] = readInt(buf, s + 4, e);
    let oldCount = 1;
    if (buf[p] === 44 /* , */) [oldCount, p] = readInt(buf, p + 1, e);
    if (buf[p] !== 32 || buf[p + 1] !== 43 /* " +" */) oldStart = -1;
    const [newStart, q] = readInt(buf, p + 2, e);
    const newCount = buf[q] === 44 ? readInt(buf, q + 1, e)[0] : 1;
    if (oldStart < 0 || oldCount < 0 || newStart < 0 || newCount < 0) {
      this.warn(`a hunk header git did not write ("${utf8.decode(buf.subarray(s, Math.min(e, s + 40)))}"); this file's change is skipped`);
      this.file.binary = true; // untracked from here, rather than tracked wrongly
      this.file.hunks.length = 0;
      return;
    }
    this.file.hunks.push(oldStart, oldCount, newStart, newCount);
  }

  private finishFile(): void {
    const file = this.file;
    this.file = undefined;
    if (file === undefined || this.commit === undefined) return;
    if (file.oldPath === '' || file.newPath === '') {
      const line = this.lineNo;
      this.lineNo = this.fileLine;
      this.warn('a file diff whose paths could not be read; skipped');
      this.lineNo = line;
      return;
    }
    this.commit.files.push(file);
  }

  private finishCommit(): void {
    this.finishFile();
    this.inHunks = false;
    const commit = this.commit;
    this.commit = undefined;
    if (commit !== undefined) this.onCommit(commit);
  }

  private warn(message: string): void {
    if (this.warnings.length < 100) this.warnings.push({ line: this.lineNo, message });
  }
}

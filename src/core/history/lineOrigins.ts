/**
 * Line origins along a linear history: for every live line of every file, the commit that
 * added it. Fed commits oldest first (mainline only), it reports each line a later commit
 * removes or replaces, with the commit that added it, so churn can be measured per commit.
 *
 * Invariants:
 * - A file's origins array has exactly one entry per line of the file after the commits fed
 *   so far, as long as the diffs are consistent with each other. When they are not (a
 *   history that starts in the middle, a shallow clone), missing lines are filled with
 *   UNKNOWN_ORIGIN and counted in `inconsistencies`; removing them is never charged to anyone.
 * - Lines of a file that git shows as binary are not tracked: a binary file has no lines.
 *   A file whose content is not known (it was binary, or its blob is missing from a partial
 *   clone) is `open`: the lines tracked are right where they are, but what lies past them is
 *   of unknown origin and length. Hunks reaching past them are then expected, not counted as
 *   inconsistencies; the file stays open until it is deleted or created anew.
 * - Origins are commit indices in feeding order; times belong to the caller.
 */
import type { FileDiff } from './gitLogParser';

export const UNKNOWN_ORIGIN = -1;

/** Called once per removed line: `origin` added it, `rewritten` is true when the hunk also added lines in its place. */
export type RemovedLineSink = (origin: number, rewritten: boolean) => void;

interface Lines {
  data: Int32Array;
  length: number;
  /** Content past `length` is unknown (see the invariants). */
  open?: boolean;
}

const EMPTY = new Int32Array(0);

export class LineOrigins {
  private readonly files = new Map<string, Lines>();
  /** Hunks that reached past the end of the file as tracked, or overlapped. */
  inconsistencies = 0;
  /** The first few paths with an inconsistency, to name them. */
  readonly inconsistentPaths: string[] = [];
  /** Files whose content became unknown (binary at some point, or missing from a partial clone). */
  readonly unknownContentPaths = new Set<string>();

  /**
   * Applies one file's diff of commit `commit` (UNKNOWN_ORIGIN: lines whose author is not
   * known, as at a shallow clone's boundary); returns the number of lines it added (0 for
   * binary files). `oldUnknown`: the old side was never tracked (a lock file), so it is open.
   */
  apply(commit: number, diff: FileDiff, removed: RemovedLineSink, oldUnknown = false): number {
    const source = diff.oldPath === null ? undefined : oldUnknown ? { data: EMPTY, length: 0, open: true } : this.files.get(diff.oldPath);
    if (diff.oldPath !== null && !diff.copy && diff.oldPath !== diff.newPath) this.files.delete(diff.oldPath);
    if (diff.binary || diff.unknown === true) {
      // Text that becomes binary (or a binary file that goes) loses its lines all at once.
      if (source !== undefined) for (let k = 0; k < source.length; k++) this.charge(source.data[k]!, diff.newPath !== null, removed);
      if (diff.newPath !== null) {
        // What comes next is diffed against content never seen: open, not inconsistent.
        this.files.set(diff.newPath, { data: EMPTY, length: 0, open: true });
        this.unknownContentPaths.add(diff.newPath);
      }
      return 0;
    }
    const old: Lines = source ?? { data: EMPTY, length: 0 };
    const open = old.open === true;
    const hunks = diff.hunks;
    if (hunks.length === 0 && diff.newPath !== null) {
      // A rename, copy, mode change or new empty file: the lines (if any) move unchanged.
      if (source !== undefined) this.files.set(diff.newPath, diff.copy ? { data: source.data.slice(0, source.length), length: source.length, open: source.open } : source);
      else if (diff.oldPath === null) this.files.set(diff.newPath, { data: EMPTY, length: 0 });
      return 0;
    }
    if (hunks.length === 0 && diff.newPath === null) {
      // A deletion read without its contents (a partial clone): every tracked line goes.
      for (let k = 0; k < old.length; k++) this.charge(old.data[k]!, false, removed);
      if (diff.oldPath !== null) this.files.delete(diff.oldPath);
      return 0;
    }
    let capacity = old.length;
    let pad = 0;
    for (let h = 0; h < hunks.length; h += 4) {
      capacity += hunks[h + 3]!;
      const from = hunks[h + 1]! > 0 ? hunks[h]! - 1 : hunks[h]!;
      pad = Math.max(pad, from - old.length);
    }
    const next = new Int32Array(capacity + pad);
    let out = 0;
    let cursor = 0; // next old line (0-based) not yet copied or removed
    let added = 0;
    for (let h = 0; h < hunks.length; h += 4) {
      const oldStart = hunks[h]!;
      const oldCount = hunks[h + 1]!;
      const newCount = hunks[h + 3]!;
      // git numbers from 1; a hunk that removes nothing names the line it inserts after.
      const from = oldCount > 0 ? oldStart - 1 : oldStart;
      if (from < cursor) {
        this.inconsistent(diff);
        continue;
      }
      const keep = Math.min(from, old.length) - cursor;
      if (keep > 0) next.set(old.data.subarray(cursor, cursor + keep), out);
      out += Math.max(keep, 0);
      if (!open && (from > old.length || from + oldCount > old.length)) this.inconsistent(diff);
      for (let k = Math.max(old.length, cursor); k < from; k++) next[out++] = UNKNOWN_ORIGIN;
      const rewritten = newCount > 0;
      for (let k = from; k < from + oldCount; k++) if (k < old.length) this.charge(old.data[k]!, rewritten, removed);
      next.fill(commit, out, out + newCount);
      out += newCount;
      added += newCount;
      cursor = from + oldCount;
    }
    if (cursor < old.length) {
      next.set(old.data.subarray(cursor, old.length), out);
      out += old.length - cursor;
    }
    if (diff.newPath === null) {
      // A deleted file: its hunk removes every line; whatever is left is a tracking mismatch.
      for (let k = 0; k < out; k++) this.charge(next[k]!, false, removed);
      if (out > 0) this.inconsistent(diff);
      if (diff.oldPath !== null) this.files.delete(diff.oldPath);
    } else {
      // A file created anew is known again; one diffed from open content stays open.
      this.files.set(diff.newPath, { data: next, length: out, open });
    }
    return added;
  }

  private inconsistent(diff: FileDiff): void {
    this.inconsistencies++;
    const path = diff.newPath ?? diff.oldPath;
    if (path !== null && this.inconsistentPaths.length < 5 && !this.inconsistentPaths.includes(path)) this.inconsistentPaths.push(path);
  }

  /** Live lines of `path` added by each origin, in file order (for tests and diagnostics). */
  origins(path: string): number[] {
    const lines = this.files.get(path);
    return lines === undefined ? [] : Array.from(lines.data.subarray(0, lines.length));
  }

  get fileCount(): number {
    return this.files.size;
  }

  private charge(origin: number, rewritten: boolean, removed: RemovedLineSink): void {
    if (origin !== UNKNOWN_ORIGIN) removed(origin, rewritten);
  }
}

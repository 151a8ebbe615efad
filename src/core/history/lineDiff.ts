/**
 * Line diffs of two file contents as git's `--unified=0` hunk headers, for the one case where
 * git cannot be asked: a partial clone, where `git log -p` would fetch (or fail on) contents
 * never downloaded. Any correct line diff keeps the line tracking exact (a line kept is a
 * line unchanged); git's own algorithm may pair some changed lines differently.
 *
 * Binary, as git decides by default: a NUL byte in the first 8,000 bytes.
 */
import { diffArrays } from 'diff';

const BINARY_PROBE = 8000;
/** Past this many edits the diff is one replacement of the changed middle: still a correct diff, only coarser. */
const MAX_EDITS = 4000;

export function isBinaryContent(bytes: Uint8Array): boolean {
  return bytes.subarray(0, BINARY_PROBE).includes(0);
}

const latin = new TextDecoder('latin1');

/** Lines as git counts them: split after each "\n"; a last line without one is a line too. */
export function splitLines(bytes: Uint8Array): string[] {
  if (bytes.length === 0) return [];
  const text = latin.decode(bytes); // one char per byte: equal bytes, equal strings
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else lines[lines.length - 1] += '\u0000'; // "no newline at end": not equal to the same text with one
  return lines;
}

/** Hunks (old start, old count, new start, new count, git's numbering) turning `before` into `after`, or 'binary'. */
export function lineDiffHunks(before: Uint8Array, after: Uint8Array): number[] | 'binary' {
  if (isBinaryContent(before) || isBinaryContent(after)) return 'binary';
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const hunks: number[] = [];
  const push = (oldFrom: number, oldCount: number, newFrom: number, newCount: number) => {
    if (oldCount === 0 && newCount === 0) return;
    // git names the line before an empty range, and the first line of a non-empty one.
    hunks.push(oldCount > 0 ? oldFrom + 1 : oldFrom, oldCount, newCount > 0 ? newFrom + 1 : newFrom, newCount);
  };
  if (midA.length === 0 || midB.length === 0) {
    push(head, midA.length, head, midB.length);
    return hunks;
  }
  const changes = diffArrays(midA, midB, { maxEditLength: MAX_EDITS });
  if (changes === undefined) {
    push(head, midA.length, head, midB.length);
    return hunks;
  }
  let oldLine = head;
  let newLine = head;
  let runOld = -1;
  let runNew = -1;
  let removed = 0;
  let added = 0;
  const flush = () => {
    if (runOld >= 0) push(runOld, removed, runNew, added);
    runOld = -1;
    removed = 0;
    added = 0;
  };
  for (const c of changes) {
    const n = c.count ?? c.value.length;
    if (!c.added && !c.removed) {
      flush();
      oldLine += n;
      newLine += n;
      continue;
    }
    if (runOld < 0) {
      runOld = oldLine;
      runNew = newLine;
    }
    if (c.removed) {
      removed += n;
      oldLine += n;
    } else {
      added += n;
      newLine += n;
    }
  }
  flush();
  return hunks;
}

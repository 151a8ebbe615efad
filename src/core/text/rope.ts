/**
 * An immutable rope: a document's text as a balanced tree of string chunks.
 *
 * Why: every consumer in the session (classifier, fate, coach, exercises) needs a document's
 * text, and some need it as it was a moment ago (the text before a change whose attribution
 * settles a second later, the text before an AI burst for "Show AI changes"). A flat string
 * costs O(file) per keystroke to update and a full copy per remembered version; a rope costs
 * O(log n + chunk) per change, and an old version is just a reference that shares every
 * untouched chunk with the new one (a version kept across k later edits costs O(k log n)).
 *
 * Invariants:
 * - Nodes are never mutated after construction; `apply` returns a new rope.
 * - Leaves hold 1..MAX_LEAF UTF-16 code units (the empty rope is a single empty leaf); a leaf
 *   is shorter than MIN_LEAF only where the whole text is, or next to an edit that could not
 *   borrow a neighbour. Heights follow the AVL rule (children differ by at most one).
 * - `len` and `nl` (line feeds) of a node are the sums over its leaves, so offsets and lines
 *   are found in O(log n).
 */

/** Leaves are cut to at most this many code units. */
export const MAX_LEAF = 1024;
const MIN_LEAF = MAX_LEAF >> 2;

interface Leaf {
  readonly h: 0;
  readonly len: number;
  readonly nl: number;
  readonly s: string;
}
interface Branch {
  readonly h: number;
  readonly len: number;
  readonly nl: number;
  readonly l: Node;
  readonly r: Node;
}
type Node = Leaf | Branch;

function isLeaf(n: Node): n is Leaf {
  return n.h === 0;
}

function countLf(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

function leaf(s: string): Leaf {
  return { h: 0, len: s.length, nl: countLf(s), s };
}

function branch(l: Node, r: Node): Branch {
  return { h: Math.max(l.h, r.h) + 1, len: l.len + r.len, nl: l.nl + r.nl, l, r };
}

function rotateLeft(n: Branch): Branch {
  const r = n.r as Branch;
  return branch(branch(n.l, r.l), r.r);
}

function rotateRight(n: Branch): Branch {
  const l = n.l as Branch;
  return branch(l.l, branch(l.r, n.r));
}

/** A branch over `l` and `r` whose heights differ by at most two, rebalanced. */
function balance(l: Node, r: Node): Branch {
  if (l.h > r.h + 1) {
    const ll = l as Branch;
    if (ll.l.h >= ll.r.h) return rotateRight(branch(l, r));
    return rotateRight(branch(rotateLeft(ll), r));
  }
  if (r.h > l.h + 1) {
    const rr = r as Branch;
    if (rr.r.h >= rr.l.h) return rotateLeft(branch(l, r));
    return rotateLeft(branch(l, rotateRight(rr)));
  }
  return branch(l, r);
}

/** Concatenates two trees of any heights in O(|h(a) - h(b)|). */
function join(a: Node | null, b: Node | null): Node | null {
  if (a === null || a.len === 0) return b;
  if (b === null || b.len === 0) return a;
  if (a.h > b.h + 1) {
    const x = a as Branch;
    return balance(x.l, join(x.r, b)!);
  }
  if (b.h > a.h + 1) {
    const y = b as Branch;
    return balance(join(a, y.l)!, y.r);
  }
  return branch(a, b);
}

/** A balanced tree over leaves cut from `s` (empty: null). */
function build(s: string): Node | null {
  if (s.length === 0) return null;
  const count = Math.ceil(s.length / MAX_LEAF);
  const size = Math.ceil(s.length / count);
  const leaves: Node[] = [];
  for (let k = 0; k < s.length; k += size) leaves.push(leaf(s.slice(k, k + size)));
  return buildFrom(leaves, 0, leaves.length);
}

function buildFrom(nodes: readonly Node[], from: number, to: number): Node {
  if (to - from === 1) return nodes[from]!;
  const mid = (from + to) >> 1;
  return branch(buildFrom(nodes, from, mid), buildFrom(nodes, mid, to));
}

/**
 * Splits at offset `k`: the whole leaves before the leaf holding `k`, that leaf's text cut in
 * two, and the whole leaves after. Keeping the cut leaf as strings lets the caller merge it
 * with the new text instead of leaving fragments behind.
 */
function split(n: Node | null, k: number): [Node | null, string, string, Node | null] {
  if (n === null) return [null, '', '', null];
  if (isLeaf(n)) return [null, n.s.slice(0, k), n.s.slice(k), null];
  if (k <= n.l.len) {
    const [a, x, y, b] = split(n.l, k);
    return [a, x, y, join(b, n.r)];
  }
  const [a, x, y, b] = split(n.r, k - n.l.len);
  return [join(n.l, a), x, y, b];
}

/** The last leaf's text and the tree without it. */
function popLast(n: Node | null): [Node | null, string] {
  if (n === null) return [null, ''];
  if (isLeaf(n)) return [null, n.s];
  const [rest, s] = popLast(n.r);
  return [join(n.l, rest), s];
}

/** The first leaf's text and the tree without it. */
function popFirst(n: Node | null): [string, Node | null] {
  if (n === null) return ['', null];
  if (isLeaf(n)) return [n.s, null];
  const [s, rest] = popFirst(n.l);
  return [s, join(rest, n.r)];
}

/** Replaces the leaf holding offset `k` (k < len) with `next`, copying the path to it. */
function replaceLeafAt(n: Node, k: number, next: Leaf): Node {
  if (isLeaf(n)) return next;
  if (k < n.l.len) return branch(replaceLeafAt(n.l, k, next), n.r);
  return branch(n.l, replaceLeafAt(n.r, k - n.l.len, next));
}

/** Finds the leaf holding offset `k` (k < len), and `k` within it. */
function leafAt(n: Node, k: number): [Leaf, number] {
  while (!isLeaf(n)) {
    if (k < n.l.len) n = n.l;
    else {
      k -= n.l.len;
      n = n.r;
    }
  }
  return [n, k];
}

/** One replacement, offsets into the rope it applies to. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export class Rope {
  static readonly EMPTY = new Rope(leaf(''));

  private constructor(private readonly root: Node) {}

  static from(text: string): Rope {
    const n = build(text);
    return n === null ? Rope.EMPTY : new Rope(n);
  }

  get length(): number {
    return this.root.len;
  }

  /** Line feeds in the text: the number of lines minus one. */
  get lineFeeds(): number {
    return this.root.nl;
  }

  charCodeAt(k: number): number {
    if (k < 0 || k >= this.root.len) return NaN;
    const [l, at] = leafAt(this.root, k);
    return l.s.charCodeAt(at);
  }

  /** The text from `start` to `end` (clamped like String.prototype.slice with non-negative arguments). */
  slice(start = 0, end = this.root.len): string {
    start = Math.max(0, Math.min(start, this.root.len));
    end = Math.max(start, Math.min(end, this.root.len));
    if (start === end) return '';
    const parts: string[] = [];
    collect(this.root, start, end, parts);
    return parts.length === 1 ? parts[0]! : parts.join('');
  }

  toString(): string {
    return this.slice(0, this.root.len);
  }

  /**
   * One replacement. Throws RangeError when the range is not inside the text. Small edits
   * inside one leaf copy only the path to it.
   */
  replace(offset: number, length: number, text: string): Rope {
    const end = offset + length;
    if (!(offset >= 0 && length >= 0 && end <= this.root.len)) {
      throw new RangeError(`edit ${offset}..${end} is outside the text (length ${this.root.len})`);
    }
    if (length === 0 && text.length === 0) return this;
    const root = this.root;
    if (root.len === 0) return Rope.from(text);
    // Fast path: the edit stays inside one leaf, which stays within its size bounds.
    const probe = offset < root.len ? offset : offset - 1;
    const [l, at] = leafAt(root, probe);
    const within = offset === root.len ? l.len : at;
    if (within + length <= l.len) {
      const size = l.len - length + text.length;
      if (size <= MAX_LEAF && (size >= MIN_LEAF || root.h === 0)) {
        const s = l.s.slice(0, within) + text + l.s.slice(within + length);
        if (size === 0) return Rope.EMPTY;
        // Line feeds: the leaf's, less those removed, plus those inserted (not a recount of the leaf).
        const nl = l.nl - (length === 0 ? 0 : countLf(l.s.slice(within, within + length))) + (text.length === 1 ? (text === '\n' ? 1 : 0) : countLf(text));
        return new Rope(replaceLeafAt(root, probe, { h: 0, len: size, nl, s }));
      }
    }
    // General path: cut out the range, merge the cut leaves with the new text, and rebuild
    // that stretch; borrow a neighbour leaf when the stretch is too small to stand alone.
    const [left, lf, rf1, right1] = split(root, offset);
    let rf: string;
    let right: Node | null;
    if (length <= rf1.length) {
      rf = rf1.slice(length);
      right = right1;
    } else {
      const [, , tail, rest] = split(right1, length - rf1.length);
      rf = tail;
      right = rest;
    }
    let middle = lf + text + rf;
    let before = left;
    let after = right;
    if (middle.length < MIN_LEAF && before !== null) {
      const [rest, s] = popLast(before);
      before = rest;
      middle = s + middle;
    }
    if (middle.length < MIN_LEAF && after !== null) {
      const [s, rest] = popFirst(after);
      after = rest;
      middle += s;
    }
    const n = join(join(before, build(middle)), after);
    return n === null ? Rope.EMPTY : new Rope(n);
  }

  /**
   * Applies the content changes of one editor change event: offsets refer to the text before
   * the event and ranges do not overlap (VS Code's `contentChanges`). Throws RangeError when
   * a range is outside the text or two ranges overlap.
   */
  apply(changes: readonly TextEdit[]): Rope {
    if (changes.length === 1) {
      const c = changes[0]!;
      return this.replace(c.offset, c.length, c.text);
    }
    const sorted = [...changes].sort((a, b) => b.offset - a.offset);
    for (let k = 1; k < sorted.length; k++) {
      const c = sorted[k]!;
      if (c.offset + c.length > sorted[k - 1]!.offset) throw new RangeError(`edits overlap at ${c.offset}..${c.offset + c.length}`);
    }
    return sorted.reduce<Rope>((rope, c) => rope.replace(c.offset, c.length, c.text), this);
  }

  /** 0-based line of offset `k` (the line that `k` is on, or ends: k may equal length). */
  lineAt(k: number): number {
    k = Math.max(0, Math.min(k, this.root.len));
    let n = this.root;
    let line = 0;
    while (!isLeaf(n)) {
      if (k < n.l.len) {
        n = n.l;
        continue;
      }
      line += n.l.nl;
      k -= n.l.len;
      n = n.r;
    }
    return line + countLf(n.s.slice(0, k));
  }

  /** Offset where 0-based `line` starts (length when past the last line). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line > this.root.nl) return this.root.len;
    let n = this.root;
    let offset = 0;
    let want = line; // line feeds to pass
    while (!isLeaf(n)) {
      if (want <= n.l.nl) n = n.l;
      else {
        want -= n.l.nl;
        offset += n.l.len;
        n = n.r;
      }
    }
    let k = -1;
    for (let m = 0; m < want; m++) k = n.s.indexOf('\n', k + 1);
    return offset + k + 1;
  }

  /** Offset of the end of 0-based `line` (before its line feed). */
  lineEnd(line: number): number {
    if (line >= this.root.nl) return this.root.len;
    return this.lineStart(line + 1) - 1;
  }

  /** Calls `f` with each leaf's text in order (for hashing or searching without a full copy). */
  forEachChunk(f: (chunk: string) => void): void {
    const stack: Node[] = [this.root];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (isLeaf(n)) {
        if (n.len > 0) f(n.s);
      } else {
        stack.push(n.r, n.l);
      }
    }
  }

  /** Tree height (for tests of the balance invariant). */
  get height(): number {
    return this.root.h;
  }

  /** Checks the structural invariants; returns a problem or null (tests). */
  check(): string | null {
    return checkNode(this.root, true);
  }
}

function collect(n: Node, start: number, end: number, out: string[]): void {
  if (isLeaf(n)) {
    out.push(start === 0 && end === n.len ? n.s : n.s.slice(start, end));
    return;
  }
  const ll = n.l.len;
  if (start < ll) collect(n.l, start, Math.min(end, ll), out);
  if (end > ll) collect(n.r, Math.max(0, start - ll), end - ll, out);
}

function checkNode(n: Node, root: boolean): string | null {
  if (isLeaf(n)) {
    if (n.len !== n.s.length || n.nl !== countLf(n.s)) return 'leaf counts';
    if (n.len > MAX_LEAF) return `leaf of ${n.len}`;
    if (n.len === 0 && !root) return 'empty leaf';
    return null;
  }
  if (Math.abs(n.l.h - n.r.h) > 1) return `unbalanced at height ${n.h}`;
  if (n.h !== Math.max(n.l.h, n.r.h) + 1 || n.len !== n.l.len + n.r.len || n.nl !== n.l.nl + n.r.nl) return 'branch counts';
  return checkNode(n.l, false) ?? checkNode(n.r, false);
}

/**
 * JSON files people write by hand (the team profile, exercise packs): parsed with positions
 * so that every problem, syntax or schema, points at the right place in the file.
 *
 * Invariants:
 * - Parsing never throws. A broken file yields problems and whatever could be read.
 * - Checking costs time linear in the file: the size and the nesting depth are bounded
 *   (a file over either limit is one clear problem, not a parse), each object's keys are
 *   indexed once, positions come from one index of line starts, and the number of problems
 *   reported is capped.
 * - A key set twice in one object is a problem at both places and neither value is read:
 *   a checker that validated one value while another applied would mislead its reader.
 * - Objects read from a file have no prototype: a key such as "__proto__" or "constructor"
 *   is only ever an own property.
 */
import { createScanner, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

export interface JsonProblem {
  /** UTF-16 offset and length of the text the problem is about. */
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface JsonLimits {
  /** Longest text read, in UTF-16 code units. */
  readonly maxChars: number;
  /** Deepest nesting of objects and arrays. */
  readonly maxDepth: number;
  /** Most problems reported; the rest are counted in one last problem. */
  readonly maxProblems: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxChars: 1_000_000, maxDepth: 64, maxProblems: 200 };

export interface ParsedJson {
  readonly root: Node | undefined;
  /** The document's value (as far as it parsed, without keys set twice), or undefined when there is none. */
  readonly value: unknown;
  readonly problems: JsonProblem[];
  /** Per object node, its properties by key (keys set once only). */
  readonly properties: ReadonlyMap<Node, ReadonlyMap<string, Node>>;
}

const EMPTY: ReadonlyMap<Node, ReadonlyMap<string, Node>> = new Map();

// jsonc-parser's SyntaxKind is a const enum, which isolated modules cannot import.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

function kb(chars: number): string {
  return chars >= 1_000_000 ? `${(chars / 1_000_000).toFixed(1)} million characters` : `${Math.ceil(chars / 1000)} thousand characters`;
}

/** The offset where nesting first goes deeper than `maxDepth`, or -1. One pass of the scanner: no recursion. */
function tooDeepAt(text: string, maxDepth: number): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      if (++depth > maxDepth) return scanner.getTokenOffset();
    } else if ((token === CLOSE_BRACE || token === CLOSE_BRACKET) && depth > 0) depth--;
  }
  return -1;
}

/** Parses JSON with comments and trailing commas (as VS Code's own settings files allow). */
export function parseJsonWithPositions(text: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): ParsedJson {
  const none = (problem: JsonProblem): ParsedJson => ({ root: undefined, value: undefined, problems: [problem], properties: EMPTY });
  if (text.trim() === '') return none({ offset: 0, length: 0, message: 'The file is empty: expected a JSON object.', severity: 'error' });
  if (text.length > limits.maxChars) {
    return none({ offset: 0, length: 0, message: `The file is too big to check: ${kb(text.length)}, at most ${kb(limits.maxChars)}.`, severity: 'error' });
  }
  const deep = tooDeepAt(text, limits.maxDepth);
  if (deep >= 0) return none({ offset: deep, length: 1, message: `Nested too deep: more than ${limits.maxDepth} levels of objects and arrays. Nothing in the file was read.`, severity: 'error' });
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: JsonProblem[] = errors.map((e) => ({ offset: e.offset, length: Math.max(e.length, 1), message: `JSON syntax: ${describeParseError(printParseErrorCode(e.error))}`, severity: 'error' }));
  const properties = new Map<Node, ReadonlyMap<string, Node>>();
  const value = root === undefined ? undefined : valueOf(root, properties, problems);
  return { root, value, problems, properties };
}

/** The value of a node, indexing each object's keys; a key set twice is dropped, with a problem at each place. Depth is bounded by the caller. */
function valueOf(node: Node, index: Map<Node, ReadonlyMap<string, Node>>, problems: JsonProblem[]): unknown {
  switch (node.type) {
    case 'array':
      return (node.children ?? []).map((child) => valueOf(child, index, problems));
    case 'object': {
      const byKey = new Map<string, Node>();
      const twice = new Map<string, Node[]>();
      for (const property of node.children ?? []) {
        const keyNode = property.children?.[0];
        if (keyNode === undefined || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        const first = byKey.get(key);
        if (first === undefined && !twice.has(key)) byKey.set(key, property);
        else {
          const seen = twice.get(key) ?? [first!];
          seen.push(property);
          twice.set(key, seen);
          byKey.delete(key);
        }
      }
      for (const [key, places] of twice) {
        for (const property of places) {
          const keyNode = property.children![0]!;
          problems.push({ offset: keyNode.offset, length: keyNode.length, message: `"${key}" is set ${places.length} times in this object: neither value applies. Keep one.`, severity: 'error' });
        }
      }
      index.set(node, byKey);
      const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const [key, property] of byKey) {
        const valueNode = property.children?.[1];
        if (valueNode !== undefined) object[key] = valueOf(valueNode, index, problems);
      }
      return object;
    }
    case 'null':
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    default:
      return undefined;
  }
}

function describeParseError(code: string): string {
  // "CommaExpected" -> "comma expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The node at a path, as deep as the path goes in the file; each step is one map or array lookup. */
function nodeAt(parsed: ParsedJson, path: readonly (string | number)[]): { node: Node; depth: number } | undefined {
  if (parsed.root === undefined) return undefined;
  let node = parsed.root;
  let depth = 0;
  for (const segment of path) {
    let next: Node | undefined;
    if (node.type === 'object' && typeof segment === 'string') next = parsed.properties.get(node)?.get(segment)?.children?.[1];
    else if (node.type === 'array' && typeof segment === 'number') next = node.children?.[segment];
    if (next === undefined) break;
    node = next;
    depth++;
  }
  return { node, depth };
}

/** Where an issue path points: the value node, or for an unknown key the key itself. */
function locate(parsed: ParsedJson, path: readonly PropertyKey[], key?: string): { offset: number; length: number } {
  if (parsed.root === undefined) return { offset: 0, length: 0 };
  const segments = path.filter((p): p is string | number => typeof p !== 'symbol');
  const found = nodeAt(parsed, segments)!;
  const { node } = found;
  if (key !== undefined && found.depth === segments.length && node.type === 'object') {
    const keyNode = parsed.properties.get(node)?.get(key)?.children?.[0];
    if (keyNode !== undefined) return { offset: keyNode.offset, length: keyNode.length };
  }
  // A property's value: point at the value; when the value is an object, at its key instead (less noise).
  if (node.type === 'object' && node.parent?.type === 'property') {
    const keyNode = node.parent.children?.[0];
    if (keyNode !== undefined) return { offset: keyNode.offset, length: keyNode.length };
  }
  return { offset: node.offset, length: node.length };
}

export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** Schema problems of a parsed document, each at the node it is about. Unknown keys are warnings: they are ignored, not fatal. */
export function schemaProblems(parsed: ParsedJson, schema: z.ZodType, what: string): JsonProblem[] {
  if (parsed.root === undefined) return [];
  const result = schema.safeParse(parsed.value);
  if (result.success) return [];
  const problems: JsonProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = locate(parsed, issue.path, key);
        const where = pathText([...issue.path, key]);
        problems.push({ ...at, message: `"${where}" is not part of ${what}; it is ignored.`, severity: 'warning' });
      }
      continue;
    }
    const at = locate(parsed, issue.path);
    const where = pathText(issue.path);
    problems.push({ ...at, message: where === '' ? `${what}: ${issue.message}` : `${where}: ${issue.message}`, severity: 'error' });
  }
  return problems;
}

/** The value at a path, if there is one (own properties only; keys set twice are not there). */
export function valueAt(parsed: ParsedJson, path: readonly (string | number)[]): { found: boolean; value: unknown } {
  let value = parsed.value;
  if (value === undefined) return { found: false, value: undefined };
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return { found: false, value: undefined };
    value = (value as Record<string | number, unknown>)[segment];
  }
  return { found: true, value };
}

/** At most `max` problems: the first ones, then one that says how many more there are. */
export function capProblems(problems: readonly JsonProblem[], max: number): JsonProblem[] {
  if (problems.length <= max) return [...problems];
  const kept = problems.slice(0, max);
  const last = kept[kept.length - 1];
  kept.push({ offset: last?.offset ?? 0, length: 0, message: `${problems.length - max} more problems are not shown. Fix these first.`, severity: problems.some((p) => p.severity === 'error') ? 'error' : 'warning' });
  return kept;
}

/**
 * Line starts of a text, built once: positions for any number of offsets in linear time
 * overall. Lines end at "\r\n", "\n" or "\r", as VS Code counts them.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let k = 0; k < text.length; k++) {
      const c = text.charCodeAt(k);
      if (c === 13 && text.charCodeAt(k + 1) === 10) k++;
      if (c === 10 || c === 13) this.starts.push(k + 1);
    }
  }

  /** 0-based line and UTF-16 character of an offset (clamped to the text). */
  position(offset: number): { line: number; character: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: at - this.starts[lo]! };
  }
}

/** 0-based line and character of one offset. For many offsets of one text, build a LineIndex once. */
export function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  return new LineIndex(text).position(offset);
}

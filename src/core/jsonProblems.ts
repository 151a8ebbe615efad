/**
 * JSON files people write by hand (the team profile, exercise packs): parsed with positions
 * so that every problem, syntax or schema, points at the right place in the file.
 *
 * Invariant: parsing never throws. A broken file yields problems and whatever could be read.
 */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

export interface JsonProblem {
  /** UTF-16 offset and length of the text the problem is about. */
  readonly offset: number;
  readonly length: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export interface ParsedJson {
  readonly root: Node | undefined;
  /** The document's value (as far as it parsed), or undefined when there is none. */
  readonly value: unknown;
  readonly problems: JsonProblem[];
}

/** Parses JSON with comments and trailing commas (as VS Code's own settings files allow). */
export function parseJsonWithPositions(text: string): ParsedJson {
  if (text.trim() === '') return { root: undefined, value: undefined, problems: [{ offset: 0, length: 0, message: 'The file is empty: expected a JSON object.', severity: 'error' }] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const problems: JsonProblem[] = errors.map((e) => ({ offset: e.offset, length: Math.max(e.length, 1), message: `JSON syntax: ${describeParseError(printParseErrorCode(e.error))}`, severity: 'error' }));
  return { root, value: root === undefined ? undefined : getNodeValue(root), problems };
}

function describeParseError(code: string): string {
  // "CommaExpected" -> "comma expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Where an issue path points: the value node, or for an unknown key the key itself. */
function locate(root: Node | undefined, path: readonly PropertyKey[], key?: string): { offset: number; length: number } {
  if (root === undefined) return { offset: 0, length: 0 };
  const segments = path.filter((p): p is string | number => typeof p !== 'symbol');
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, segments.slice(0, n));
    if (node === undefined) continue;
    if (key !== undefined && n === segments.length && node.type === 'object') {
      const property = node.children?.find((p) => p.children?.[0]?.value === key);
      const keyNode = property?.children?.[0];
      if (keyNode !== undefined) return { offset: keyNode.offset, length: keyNode.length };
    }
    // A property's value: point at the value; when the value is an object, at its key instead (less noise).
    if (node.type === 'object' && node.parent?.type === 'property') {
      const keyNode = node.parent.children?.[0];
      if (keyNode !== undefined) return { offset: keyNode.offset, length: keyNode.length };
    }
    return { offset: node.offset, length: node.length };
  }
  return { offset: root.offset, length: 1 };
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
        const at = locate(parsed.root, issue.path, key);
        const where = pathText([...issue.path, key]);
        problems.push({ ...at, message: `"${where}" is not a ${what} setting; it is ignored.`, severity: 'warning' });
      }
      continue;
    }
    const at = locate(parsed.root, issue.path);
    const where = pathText(issue.path);
    problems.push({ ...at, message: where === '' ? `${what}: ${issue.message}` : `${where}: ${issue.message}`, severity: 'error' });
  }
  return problems;
}

/** The value at a path, if there is one. */
export function valueAt(parsed: ParsedJson, path: readonly (string | number)[]): { found: boolean; value: unknown } {
  if (parsed.root === undefined) return { found: false, value: undefined };
  const node = findNodeAtLocation(parsed.root, [...path]);
  return node === undefined ? { found: false, value: undefined } : { found: true, value: getNodeValue(node) };
}

/** 0-based line and character of an offset, for messages naming the line. */
export function lineAndCharacter(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Reading an exercise pack file: the pack when it is valid, and every problem at its place. */
import { capProblems, parseJsonWithPositions, schemaProblems, type JsonLimits, type JsonProblem } from '../jsonProblems';
import { packSchema, type Pack } from './packSchema';

export interface PackFile {
  /** Undefined when the file has errors: a half-valid pack is not offered. */
  readonly pack: Pack | undefined;
  readonly problems: readonly JsonProblem[];
}

/** The built-in pack is about 20 thousand characters; a pack's schema bounds its depth at about 6. */
export const PACK_LIMITS: JsonLimits = { maxChars: 1_000_000, maxDepth: 16, maxProblems: 200 };

export function readPackFile(text: string): PackFile {
  const parsed = parseJsonWithPositions(text, PACK_LIMITS);
  const problems = capProblems([...parsed.problems, ...schemaProblems(parsed, packSchema, 'an exercise pack')], PACK_LIMITS.maxProblems);
  if (problems.some((p) => p.severity === 'error')) return { pack: undefined, problems };
  const result = packSchema.safeParse(parsed.value);
  return { pack: result.success ? result.data : undefined, problems };
}

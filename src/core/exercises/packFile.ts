/** Reading an exercise pack file: the pack when it is valid, and every problem at its place. */
import { parseJsonWithPositions, schemaProblems, type JsonProblem } from '../jsonProblems';
import { packSchema, type Pack } from './packSchema';

export interface PackFile {
  /** Undefined when the file has errors: a half-valid pack is not offered. */
  readonly pack: Pack | undefined;
  readonly problems: readonly JsonProblem[];
}

export function readPackFile(text: string): PackFile {
  const parsed = parseJsonWithPositions(text);
  const problems = [...parsed.problems, ...schemaProblems(parsed, packSchema, 'exercise pack')];
  if (problems.some((p) => p.severity === 'error')) return { pack: undefined, problems };
  const result = packSchema.safeParse(parsed.value);
  return { pack: result.success ? result.data : undefined, problems };
}

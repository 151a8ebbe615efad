/**
 * Reading a team profile file: every problem at its place, and every setting that is valid
 * kept even when others are not (a bad preset does not cost the team its test commands).
 * A setting whose key is set twice (or sits in a section set twice) is not applied at all.
 */
import { capProblems, parseJsonWithPositions, schemaProblems, valueAt, type JsonLimits, type JsonProblem } from '../jsonProblems';
import { RELATIVE_PATH } from '../settings/values';
import { PROFILE_KEYS, PROFILE_SETTINGS, profileFileSchema, profilePath, type ProfileValues } from './profileSchema';

export interface TeamProfile {
  readonly values: ProfileValues;
  /** Pack files named by the profile, relative to its workspace folder, as written (only paths inside the folder). */
  readonly packFiles: readonly string[];
  readonly problems: readonly JsonProblem[];
}

export const EMPTY_PROFILE: TeamProfile = { values: {}, packFiles: [], problems: [] };

/** A profile is a few hundred characters; these bounds keep a hostile one from costing more than a few milliseconds. */
export const PROFILE_LIMITS: JsonLimits = { maxChars: 1_000_000, maxDepth: 16, maxProblems: 200 };

export function readTeamProfile(text: string): TeamProfile {
  const parsed = parseJsonWithPositions(text, PROFILE_LIMITS);
  const problems = [...parsed.problems];
  if (parsed.root !== undefined && parsed.root.type !== 'object') {
    problems.push({ offset: parsed.root.offset, length: parsed.root.length, message: 'A team profile is a JSON object, such as { "coach": { "preset": "standard" } }.', severity: 'error' });
    return { values: {}, packFiles: [], problems };
  }
  problems.push(...schemaProblems(parsed, profileFileSchema, 'a team profile'));
  const values: Record<string, unknown> = {};
  for (const key of PROFILE_KEYS) {
    const at = valueAt(parsed, profilePath(key));
    if (!at.found) continue;
    const checked = PROFILE_SETTINGS[key].safeParse(at.value);
    if (checked.success) values[key] = checked.data;
  }
  const files = valueAt(parsed, ['exercises', 'packFiles']);
  const packFiles = Array.isArray(files.value) ? files.value.filter((f): f is string => RELATIVE_PATH.safeParse(f).success) : [];
  return { values: values as ProfileValues, packFiles, problems: capProblems(problems, PROFILE_LIMITS.maxProblems) };
}

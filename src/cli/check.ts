/**
 * `deliberate check FILE...`: checks team profiles and exercise packs as the extension does,
 * for a repository's CI. Prints one `file:line:column: severity: message` line per problem
 * (as compilers do, so CI problem matchers pick them up) and exits 1 when there is any.
 *
 * Which kind a file is comes from its name: `deliberate.json` is a team profile;
 * `*.deliberate-pack.json` or any `.json` file in a `deliberate-packs` folder is an exercise
 * pack. A profile's `exercises.packFiles` are checked too (a missing one is a problem at
 * its entry in the profile).
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PACK_LIMITS, readPackFile } from '../core/exercises/packFile';
import { LineIndex, parseJsonWithPositions, type JsonProblem } from '../core/jsonProblems';
import { PROFILE_LIMITS, readTeamProfile } from '../core/profile/teamProfile';

export type CheckedKind = 'profile' | 'pack';

export function kindOf(file: string): CheckedKind | undefined {
  const base = path.basename(file);
  if (base === 'deliberate.json') return 'profile';
  if (base.endsWith('.deliberate-pack.json')) return 'pack';
  if (base.endsWith('.json') && path.basename(path.dirname(file)) === 'deliberate-packs') return 'pack';
  return undefined;
}

export interface CheckOutput {
  readonly lines: string[];
  readonly problems: number;
  readonly files: number;
}

/** A file too big to read whole is refused before it is read: the limit is what the extension reads too. */
const MAX_BYTES = Math.max(PROFILE_LIMITS.maxChars, PACK_LIMITS.maxChars) * 4;

function readText(file: string): { text: string } | { error: string } {
  try {
    const size = statSync(file).size;
    if (size > MAX_BYTES) return { error: `the file is too big to check: ${size} bytes` };
    // A byte order mark is not part of the JSON; VS Code skips it too.
    return { text: readFileSync(file, 'utf8').replace(/^\uFEFF/, '') };
  } catch (error) {
    return { error: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

function format(file: string, text: string, problems: readonly JsonProblem[]): string[] {
  const lines = new LineIndex(text);
  return problems.map((p) => {
    const { line, character } = lines.position(p.offset);
    return `${file}:${line + 1}:${character + 1}: ${p.severity}: ${p.message}`;
  });
}

/** Pack files a profile names, with the place of each entry in the profile. */
function packEntries(text: string): { file: string; offset: number; length: number }[] {
  const parsed = parseJsonWithPositions(text, PROFILE_LIMITS);
  const entries: { file: string; offset: number; length: number }[] = [];
  const root = parsed.root;
  if (root?.type !== 'object') return entries;
  const exercises = parsed.properties.get(root)?.get('exercises')?.children?.[1];
  const list = exercises === undefined ? undefined : parsed.properties.get(exercises)?.get('packFiles')?.children?.[1];
  for (const item of list?.type === 'array' ? (list.children ?? []) : []) {
    if (typeof item.value === 'string') entries.push({ file: item.value, offset: item.offset, length: item.length });
  }
  return entries;
}

export function check(files: readonly string[]): CheckOutput {
  const lines: string[] = [];
  let problems = 0;
  const seen = new Set<string>();
  const pending: string[] = [];
  const checkOne = (file: string, kind: CheckedKind): void => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    const read = readText(file);
    if ('error' in read) {
      lines.push(`${file}:1:1: error: ${read.error}`);
      problems++;
      return;
    }
    const found: JsonProblem[] = [];
    if (kind === 'pack') found.push(...readPackFile(read.text).problems);
    else {
      const profile = readTeamProfile(read.text);
      found.push(...profile.problems);
      // Pack files are relative to the workspace folder: the parent of `.vscode`, else the profile's own folder.
      const dir = path.dirname(file);
      const folder = path.basename(dir) === '.vscode' ? path.dirname(dir) : dir;
      const named = new Set(profile.packFiles);
      for (const entry of packEntries(read.text)) {
        if (!named.has(entry.file)) continue; // not a path inside the folder: already a problem of the profile
        const packPath = path.join(folder, entry.file);
        let exists: boolean;
        try {
          exists = statSync(packPath).isFile();
        } catch {
          exists = false;
        }
        if (!exists) found.push({ offset: entry.offset, length: entry.length, message: `exercises.packFiles: ${entry.file} is not a file in ${folder === '.' ? 'this folder' : folder}.`, severity: 'error' });
        else pending.push(packPath);
      }
    }
    lines.push(...format(file, read.text, found));
    problems += found.length;
  };
  for (const file of files) {
    const kind = kindOf(file);
    if (kind === undefined) {
      lines.push(`${file}:1:1: error: not a file deliberate checks: name a team profile deliberate.json and an exercise pack *.deliberate-pack.json`);
      problems++;
      continue;
    }
    checkOne(file, kind);
    while (pending.length > 0) checkOne(pending.shift()!, 'pack');
  }
  return { lines, problems, files: seen.size };
}

export const CHECK_USAGE = `  deliberate check FILE...
      checks team profiles (.vscode/deliberate.json, and the pack files they name) and exercise
      packs (*.deliberate-pack.json): one "file:line:column: severity: message" line per problem;
      exit 1 when there are any`;

/**
 * The subcommand: prints the problems on standard output, a summary on standard error, and
 * returns the exit code: 0 no problems, 1 problems, 2 a usage error.
 */
export function checkCommand(args: readonly string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`), err: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): number {
  const dashes = args.indexOf('--');
  const options = (dashes < 0 ? args : args.slice(0, dashes)).filter((a) => a.startsWith('-'));
  const files = dashes < 0 ? args.filter((a) => !a.startsWith('-')) : [...args.slice(0, dashes).filter((a) => !a.startsWith('-')), ...args.slice(dashes + 1)];
  const usage = options.length > 0 ? `unknown option ${options[0]}` : files.length === 0 ? 'check needs at least one file' : undefined;
  if (usage !== undefined) {
    err(`deliberate: ${usage}\nusage:\n${CHECK_USAGE}`);
    return 2;
  }
  const result = check(files);
  for (const line of result.lines) out(line);
  err(result.problems === 0 ? `deliberate: ${result.files} file${result.files === 1 ? '' : 's'} checked, no problems` : `deliberate: ${result.problems} problem${result.problems === 1 ? '' : 's'} in ${result.files} file${result.files === 1 ? '' : 's'} checked`);
  return result.problems === 0 ? 0 : 1;
}

/**
 * The value vocabulary settings share with the rest of the core: habits, presets, quiet
 * hours, command lines. Each check is one zod schema, so that the schema VS Code shows
 * (a `pattern`), the settings reader and the team profile checker reject exactly the same
 * values (settingsModel.ts builds all three from these).
 *
 * Regular expressions here are written to mean the same with and without the `u` flag:
 * VS Code compiles a setting's `pattern` one way, the JSON language service the other.
 */
import * as z from 'zod';

/** The four habits of coaching-evidence.md. */
export const HABITS = ['iterate', 'validate', 'decompose', 'learn'] as const;
export type HabitName = (typeof HABITS)[number];

export const PRESETS = ['quiet', 'standard', 'learner'] as const;
export type Preset = (typeof PRESETS)[number];

/**
 * "HH:MM-HH:MM" on the 24-hour clock (one-digit hours too: `9:00-17:00`), spaces allowed
 * around the dash, or empty for none.
 */
export const QUIET_HOURS_PATTERN = /^$|^([01]?[0-9]|2[0-3]):([0-5][0-9])\s*-\s*([01]?[0-9]|2[0-3]):([0-5][0-9])$/;

/** Minutes of the day for a quiet-hours value, or null for empty; throws on anything else. */
export function parseQuietHours(text: string): { from: number; to: number } | null {
  const s = text.trim();
  if (s === '') return null;
  const m = QUIET_HOURS_PATTERN.exec(s);
  if (m === null || m[1] === undefined) throw new Error(`quiet hours "${text}" are not of the form HH:MM-HH:MM`);
  return { from: Number(m[1]) * 60 + Number(m[2]), to: Number(m[3]) * 60 + Number(m[4]) };
}

/* eslint-disable no-control-regex -- these patterns exist to find control characters */

/**
 * No control characters (C0, DEL, C1) and no line or paragraph separators. In a command a
 * line break is a second command; anywhere else such characters only hide what a value says.
 */
export const NO_CONTROL_PATTERN = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;
export const NO_CONTROL_MESSAGE = 'No line breaks, tabs or other control characters.';

/**
 * A string matching `pattern`, whose message VS Code shows too (`patternErrorMessage`
 * travels with the pattern into every JSON schema built from it).
 */
export function patterned(pattern: RegExp, message: string, max: number) {
  return z.string().max(max).regex(pattern, message).meta({ patternErrorMessage: message });
}

/** A single line of plain text: no control characters, at most `max` characters. */
export function lineText(max: number, message = NO_CONTROL_MESSAGE) {
  return patterned(NO_CONTROL_PATTERN, message, max);
}

/** A command line Deliberate may send to a terminal: one line, so it can only ever be one command. */
export const COMMAND_LINE = lineText(500, 'One line only: a line break or a control character would run a second command.');

/** Ids of exercise packs and exercises: lower-case letters, digits, "." and "-". */
export const ID_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;
export const ID_MESSAGE = 'Use lower-case letters, digits, "." and "-".';
export const PACK_ID = patterned(ID_PATTERN, ID_MESSAGE, 100);

/** A program name as a terminal shows it (`my-agent`): no spaces, slashes or control characters. */
export const PROGRAM_NAME = patterned(/^[^\s\u0000-\u001f\u007f-\u009f/\\]+$/, 'A program name, such as my-agent: no spaces or slashes.', 100);

/**
 * A path relative to the workspace folder that stays inside it: forward slashes, no `..`
 * segment, not absolute, no home (`~`) or drive letter.
 */
export const RELATIVE_PATH = patterned(
  /^(?![/\\~])(?![A-Za-z]:)(?!.*(^|[/\\])\.\.([/\\]|$))[^\u0000-\u001f\u007f-\u009f]+$/,
  'A path inside the workspace folder, such as .vscode/deliberate-packs/team.deliberate-pack.json: no "..", not absolute.',
  500,
);

/** An array whose items are all different, said so in the JSON schema too. */
export function uniqueArray<T extends z.ZodType>(item: T, message: string, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((a) => new Set(a).size === a.length, message)
    .meta({ uniqueItems: true });
}

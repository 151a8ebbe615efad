/**
 * Consent before Deliberate sends a command to a terminal ("Run tests"). Pure: what to do
 * for a command and where it came from, given what the person has seen and allowed before.
 *
 * Rules:
 * - A command with a line break or another control character is never run: in a terminal it
 *   would be more than the one command shown.
 * - A command the person did not write (from the workspace's settings or a team profile) runs
 *   only after they said Run to exactly that text; the answer is remembered per command.
 * - A command the person wrote or ran themselves (their settings, or the last one they ran)
 *   runs, and is shown to them the first time and whenever it changes.
 */
import { NO_CONTROL_PATTERN } from './values';

export type CommandOrigin = 'user' | 'workspace' | 'profile' | 'default' | 'observed';

/** What the person has seen and allowed, as kept between sessions. */
export interface ConsentMemory {
  readonly version: 1;
  /** Commands the person said Run to, most recent last. */
  readonly allowed: readonly string[];
  /** The last command shown (or allowed) before it ran. */
  readonly lastShown: string | null;
}

export const EMPTY_CONSENT: ConsentMemory = { version: 1, allowed: [], lastShown: null };
/** Allowed commands remembered; the oldest are forgotten first (and asked about again). */
export const MAX_ALLOWED = 100;
export const MAX_COMMAND_CHARS = 500;

export type ConsentStep =
  /** Never run it; say why. */
  | { readonly kind: 'refuse'; readonly reason: string }
  /** Ask first (Run / Cancel), showing the exact command and where it came from. */
  | { readonly kind: 'ask' }
  /** Run it and show the exact command. */
  | { readonly kind: 'show' }
  /** Run it: the person has seen it unchanged. */
  | { readonly kind: 'run' };

export function needsAsking(origin: CommandOrigin): boolean {
  return origin === 'workspace' || origin === 'profile';
}

export function consentStep(command: string, origin: CommandOrigin, memory: ConsentMemory): ConsentStep {
  if (command.trim() === '') return { kind: 'refuse', reason: 'the command is empty' };
  if (command.length > MAX_COMMAND_CHARS) return { kind: 'refuse', reason: `the command is longer than ${MAX_COMMAND_CHARS} characters` };
  if (!NO_CONTROL_PATTERN.test(command)) return { kind: 'refuse', reason: 'the command has a line break or another control character, so it could run more than one command' };
  if (needsAsking(origin) && !memory.allowed.includes(command)) return { kind: 'ask' };
  return memory.lastShown === command ? { kind: 'run' } : { kind: 'show' };
}

/** The memory after the person saw `command` run, or said Run to it. */
export function remember(memory: ConsentMemory, command: string, allowed: boolean): ConsentMemory {
  const list = allowed ? [...memory.allowed.filter((c) => c !== command), command].slice(-MAX_ALLOWED) : memory.allowed;
  return { version: 1, allowed: list, lastShown: command };
}

/** Reads stored memory defensively: anything malformed is the empty memory (everything is asked again). */
export function reviveConsent(value: unknown): ConsentMemory {
  if (typeof value !== 'object' || value === null) return EMPTY_CONSENT;
  const v = value as Partial<ConsentMemory>;
  if (v.version !== 1 || !Array.isArray(v.allowed)) return EMPTY_CONSENT;
  return {
    version: 1,
    allowed: v.allowed.filter((c): c is string => typeof c === 'string').slice(-MAX_ALLOWED),
    lastShown: typeof v.lastShown === 'string' ? v.lastShown : null,
  };
}

/** Words for where a command came from, for the question and the notice. */
export function originText(origin: CommandOrigin): string {
  switch (origin) {
    case 'workspace':
      return "this workspace's settings (deliberate.validation.commands)";
    case 'profile':
      return "the team profile (.vscode/deliberate.json)";
    case 'user':
      return 'your settings (deliberate.validation.commands)';
    case 'observed':
      return 'the last test command run in a terminal';
    case 'default':
      return 'Deliberate';
  }
}

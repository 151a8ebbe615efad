/**
 * The team profile: a file a team lead commits (`.vscode/deliberate.json`) to recommend
 * Deliberate settings to everyone who opens the repository.
 *
 * Invariants:
 * - Every recommendable setting is listed once, in PROFILE_SETTINGS, under the key it has in
 *   the `deliberate.` settings namespace; the file nests that key (`coach.preset` is
 *   `{ "coach": { "preset": ... } }`). The file's zod schema and the JSON schema contributed
 *   for editing it are both built from this list.
 * - The profile only recommends: the person's own settings win (see precedence.ts).
 * - A profile holds settings and pack file names, never data; nothing here reads or sends any.
 */
import * as z from 'zod';

export const HABITS = ['iterate', 'validate', 'decompose', 'learn'] as const;
export type HabitName = (typeof HABITS)[number];

export const COACH_PRESETS = ['quiet', 'standard', 'learner'] as const;
export type CoachPreset = (typeof COACH_PRESETS)[number];

const QUIET_HOURS = /^$|^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** Setting key (without `deliberate.`) to the schema of its value. */
export const PROFILE_SETTINGS = {
  'coach.enabled': z.boolean().meta({ description: 'Recommend the coach on or off (deliberate.coach.enabled).' }),
  'coach.preset': z.enum(COACH_PRESETS).meta({
    description: 'How often the coach speaks (deliberate.coach.preset): quiet, standard or learner.',
    markdownEnumDescriptions: ['Rare nudges, only the clearest moments.', 'The default balance.', 'More nudges and explanations, for people learning the habits.'],
  }),
  'coach.dailyBudget': z.int().min(0).max(50).meta({ description: 'Most nudges in one day (deliberate.coach.dailyBudget).' }),
  'coach.quietHours': z.string().regex(QUIET_HOURS, 'expected "HH:MM-HH:MM" (24-hour clock) or "" for none').meta({
    description: 'Hours with no nudges, as "HH:MM-HH:MM", or "" for none (deliberate.coach.quietHours).',
  }),
  'coach.emphasis': z.array(z.enum(HABITS)).meta({ description: 'The habits the team wants to emphasise: iterate, validate, decompose, learn (deliberate.coach.emphasis).' }),
  'coach.largeBurstLines': z.int().min(1).max(100_000).meta({ description: 'An AI edit burst this many lines long counts as large (deliberate.coach.largeBurstLines).' }),
  'coach.markAiCode': z.boolean().meta({ description: 'Mark AI-written code in the editor (deliberate.coach.markAiCode).' }),
  'validation.commands': z.array(z.string().min(1)).meta({
    description: "The team's test and lint commands, for example \"npm test\" or \"make lint\" (deliberate.validation.commands). Running one counts as validating.",
  }),
  'exercises.packs': z.array(z.string().min(1)).meta({ description: 'Ids of the exercise packs to offer; empty offers every pack found (deliberate.exercises.packs).' }),
} as const;

export type ProfileKey = keyof typeof PROFILE_SETTINGS;
export const PROFILE_KEYS = Object.keys(PROFILE_SETTINGS) as ProfileKey[];
export type ProfileValue<K extends ProfileKey> = z.infer<(typeof PROFILE_SETTINGS)[K]>;
export type ProfileValues = { readonly [K in ProfileKey]?: ProfileValue<K> };

/** Fields of the file that are not settings. */
const packFiles = z.array(z.string().min(1)).meta({
  description: 'Exercise pack files shipped with the repository, relative to the workspace folder (for example ".vscode/deliberate-packs/team.deliberate-pack.json").',
});

function section<P extends string>(prefix: P) {
  const shape: Record<string, z.ZodType> = {};
  for (const key of PROFILE_KEYS) if (key.startsWith(`${prefix}.`)) shape[key.slice(prefix.length + 1)] = PROFILE_SETTINGS[key].optional();
  return shape;
}

export const profileFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    coach: z.strictObject(section('coach')).optional().meta({ description: "Recommended coach settings. The person's own settings win." }),
    validation: z.strictObject(section('validation')).optional().meta({ description: 'How the team validates code.' }),
    exercises: z
      .strictObject({ ...section('exercises'), packFiles: packFiles.optional() })
      .optional()
      .meta({ description: 'Which guided exercises to offer, and the team’s own packs.' }),
  })
  .meta({
    title: 'Deliberate team profile',
    description: "Settings a team recommends for Deliberate. Each person's own settings win over these; the profile never collects or sends data.",
  });

export type ProfileFile = z.infer<typeof profileFileSchema>;

/** The JSON schema contributed through `jsonValidation` (checked in under schemas/; a unit test keeps it equal to this). */
export function profileJsonSchema(): object {
  return z.toJSONSchema(profileFileSchema, { target: 'draft-7' });
}

/** Path of a setting inside the file: "coach.preset" is ["coach", "preset"]. */
export function profilePath(key: ProfileKey): string[] {
  return key.split('.');
}

/** A profile file written from values (for example the current effective settings), in key order. */
export function profileFileFrom(values: ProfileValues, extra: { schema?: string; packFiles?: readonly string[] } = {}): ProfileFile {
  const file: Record<string, unknown> = {};
  if (extra.schema !== undefined) file.$schema = extra.schema;
  for (const key of PROFILE_KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    const [group, name] = profilePath(key) as [string, string];
    const target = (file[group] ??= {}) as Record<string, unknown>;
    target[name] = value;
  }
  if (extra.packFiles !== undefined && extra.packFiles.length > 0) ((file.exercises ??= {}) as Record<string, unknown>).packFiles = [...extra.packFiles];
  return file as ProfileFile;
}

/**
 * The team profile: a file a team lead commits (`.vscode/deliberate.json`) to recommend
 * Deliberate settings to everyone who opens the repository.
 *
 * Invariants:
 * - Which settings a profile may recommend, and what values they take, come from the one
 *   settings model (core/settings/settingsModel.ts, `profile: true`): the same validator as
 *   the settings editor and the reader. The file nests a setting's key (`coach.preset` is
 *   `{ "coach": { "preset": ... } }`). The file's zod schema and the JSON schema contributed
 *   for editing it are both built here from that list.
 * - The profile only recommends: the person's own settings win (see precedence.ts).
 * - A profile holds settings and pack file names, never data; nothing here reads or sends any.
 */
import * as z from 'zod';
import { enumDescriptionsFor } from '../settings/generate';
import { PROFILE_KEYS as MODEL_PROFILE_KEYS, SETTINGS, plainText, withoutSettingLinks, type ProfileKey as ModelProfileKey, type Settings } from '../settings/settingsModel';
import { HABITS, PRESETS, RELATIVE_PATH, type HabitName, type Preset } from '../settings/values';

export { HABITS, type HabitName };
export const COACH_PRESETS = PRESETS;
export type CoachPreset = Preset;

export type ProfileKey = ModelProfileKey;
export const PROFILE_KEYS: readonly ProfileKey[] = MODEL_PROFILE_KEYS;

/** A setting whose value may be null ("the preset's") is recommended by leaving it out, never as null. */
type Recommended<S> = S extends z.ZodNullable<infer I> ? I : S;

function recommended<K extends ProfileKey>(key: K): Recommended<Settings[K]['schema']> {
  const spec = SETTINGS[key];
  const schema = spec.schema instanceof z.ZodNullable ? (spec.schema.unwrap() as z.ZodType) : spec.schema;
  return schema.meta({
    description: `${plainText(spec.markdownDescription)} (deliberate.${key})`,
    markdownDescription: `${withoutSettingLinks(spec.markdownDescription)} (\`deliberate.${key}\`)`,
  }) as Recommended<Settings[K]['schema']>;
}

/** Setting key (without `deliberate.`) to the schema of its recommended value. */
export const PROFILE_SETTINGS = Object.fromEntries(PROFILE_KEYS.map((k) => [k, recommended(k)])) as { readonly [K in ProfileKey]: Recommended<Settings[K]['schema']> };

export type ProfileValue<K extends ProfileKey> = z.output<(typeof PROFILE_SETTINGS)[K]>;
export type ProfileValues = { readonly [K in ProfileKey]?: ProfileValue<K> };

/** Fields of the file that are not settings. */
const packFiles = z
  .array(RELATIVE_PATH)
  .max(50)
  .meta({ description: 'Exercise pack files shipped with the repository, relative to the workspace folder (for example ".vscode/deliberate-packs/team.deliberate-pack.json").' });

/** The file's sections, one per first part of a recommendable key. */
const SECTIONS: Readonly<Record<string, string>> = {
  coach: "Recommended coach settings. The person's own settings win.",
  validation: 'How the team validates code.',
  exercises: 'Which guided exercises to offer, and the team’s own packs.',
};

function section(prefix: string): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const key of PROFILE_KEYS) if (key.startsWith(`${prefix}.`)) shape[key.slice(prefix.length + 1)] = PROFILE_SETTINGS[key].optional();
  return shape;
}

const prefixes = [...new Set(PROFILE_KEYS.map((k) => k.split('.')[0]!))];
for (const p of prefixes) if (!Object.hasOwn(SECTIONS, p)) throw new Error(`the team profile has no words for its "${p}" section`);

export const profileFileSchema = z
  .strictObject({
    $schema: z.string().max(500).optional(),
    ...Object.fromEntries(
      prefixes.map((p) => {
        const shape = p === 'exercises' ? { ...section(p), packFiles: packFiles.optional() } : section(p);
        return [p, z.strictObject(shape).optional().meta({ description: SECTIONS[p]! })];
      }),
    ),
  })
  .meta({
    title: 'Deliberate team profile',
    description: "Settings a team recommends for Deliberate. Each person's own settings win over these; the profile never collects or sends data.",
  });

export type ProfileFile = Record<string, unknown>;

/** The JSON schema contributed through `jsonValidation` (checked in under schemas/; a unit test keeps it equal to this). */
export function profileJsonSchema(): object {
  const schema = z.toJSONSchema(profileFileSchema, { target: 'draft-7' }) as { properties: Record<string, { properties?: Record<string, Record<string, unknown>> }> };
  for (const key of PROFILE_KEYS) {
    const [group, name] = profilePath(key) as [string, string];
    const at = schema.properties[group]?.properties?.[name];
    const descriptions = SETTINGS[key].enumDescriptions;
    if (at !== undefined && descriptions !== undefined) enumDescriptionsFor(at, descriptions, `deliberate.${key}`, 'markdownEnumDescriptions');
  }
  return schema;
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
  return file;
}

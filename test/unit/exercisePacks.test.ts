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

describe('exercise packs against hostile files', () => {
  const pack = (over: Record<string, unknown> = {}, exercise: Record<string, unknown> = {}) =>
    JSON.stringify({ id: 'team.pack', title: 'Team', exercises: [{ id: 'one', title: 'One', habit: 'iterate', summary: 's', why: 'w', steps: [{ title: 'Do it', done: { when: 'save' } }], ...exercise }], ...over });

  it('a 5 MB title is one clean problem and the pack is not offered', () => {
    const read = readPackFile(pack({ title: 'x'.repeat(5_000_000) }));
    assert.deepEqual([read.pack, read.problems.map((p) => p.message)], [undefined, ['The file is too big to check: 5.0 million characters, at most 1.0 million characters.']]);
  });

  it('every text field has a length a person would write', () => {
    const read = readPackFile(pack({ title: 'x'.repeat(121), description: 'd'.repeat(2001) }, { summary: 's'.repeat(501), why: 'w'.repeat(2001), title: 'Two\nlines' }));
    assert.equal(read.pack, undefined);
    assert.deepEqual(read.problems.map((p) => p.message), [
      'title: Too big: expected string to have <=120 characters',
      'description: Too big: expected string to have <=2000 characters',
      'exercises[0].title: No line breaks, tabs or other control characters.',
      'exercises[0].summary: Too big: expected string to have <=500 characters',
      'exercises[0].why: Too big: expected string to have <=2000 characters',
    ]);
  });

  it('at most 50 exercises of at most 12 steps', () => {
    const exercises = Array.from({ length: 51 }, (_, k) => ({ id: `e${k}`, title: 'E', habit: 'learn', summary: 's', why: 'w', steps: [{ title: 'Do it', done: { when: 'save' } }] }));
    assert.deepEqual(readPackFile(JSON.stringify({ id: 'p', title: 'P', exercises })).problems.map((p) => p.message), ['exercises: Too big: expected array to have <=50 items']);
  });

  it('conditions named like Object.prototype members are unknown conditions, not a crash', () => {
    for (const when of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const read = readPackFile(pack({}, { steps: [{ title: 'Do it', done: { when } }] }));
      assert.equal(read.pack, undefined, when);
      assert.match(read.problems[0]!.message, /^exercises\[0\]\.steps\[0\]\.done\.when: Invalid discriminator value/, when);
    }
  });

  it('a key set twice in a pack is an error at both places, and the pack is not offered', () => {
    const text = '{ "id": "a.pack", "title": "A", "id": "b.pack", "exercises": [] }';
    const read = readPackFile(text);
    assert.equal(read.pack, undefined);
    assert.deepEqual(read.problems.slice(0, 2).map((p) => [p.offset, p.message]), [
      [text.indexOf('"id"'), '"id" is set 2 times in this object: neither value applies. Keep one.'],
      [text.lastIndexOf('"id"'), '"id" is set 2 times in this object: neither value applies. Keep one.'],
    ]);
  });
});

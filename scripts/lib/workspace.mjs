// A small demo workspace, made fresh for each run: a JavaScript project in a git repository,
// so the tests and the try-it command see what a person's project looks like. Its README is
// the try-it guide; `.deliberate-demo` tells the try-it's stand-in AI (demo/ai-stand-in) that
// this is the project it knows. Tests rely on: hello.ts, src/temperature.js, one commit.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './processes.mjs';

export const DEMO_README = `# Try Deliberate

This is a small demo project. **Demo AI** (bottom right) is a scripted stand-in for an AI
assistant, installed only in this workbench: it knows a few lines of this project and makes no
network requests. Everything below takes about five minutes.

## 1. Accept an AI suggestion

Open \`src/temperature.js\` (Ctrl+P, then type its name). On the empty last line, type:

\`\`\`js
export function isFreezing(
\`\`\`

Grey text appears: the demo AI's suggestion. Press **Tab** to accept it. A dotted line in the
margin now marks AI code you have not reviewed or run yet, and a line above it says so. Hover
the dotted line to see what Deliberate knows.

## 2. Revise it

Water freezes at 0 °C, but the suggestion says \`celsius < 0\`. Make it \`celsius <= 0\`.
Treating AI output as a draft is the first habit: *iterate*.

## 3. Let an agent make a bigger change

Press **F1** and run **Demo AI: Make an Agent Change**. It writes a forecast feature across
three files in a few seconds, and tells Deliberate which files it wrote through its agent hook,
as an agent with hooks set up does. When it stops, Deliberate asks whether you can review that
much at once: a **nudge**. Try **Show diff**, or **Why?** to see the evidence behind it.

## 4. Run the tests

Open a terminal (Ctrl+\`) and run:

\`\`\`sh
npm test
\`\`\`

The tests cover your revision and the agent's code. Once the code has run, its margin marks go
away: that is the second habit, *validate*.

## 5. Commit

In Source Control (Ctrl+Shift+G) type a message and commit, or in the terminal:

\`\`\`sh
git add -A && git commit -m "Freezing point and forecast"
\`\`\`

Had you committed AI code that never ran, Deliberate would have said so, once, without
blocking anything.

## 6. See your progress

Click the Deliberate icon in the activity bar: **My Progress** shows where today's code came
from, what happened to the AI edits (kept, revised, committed) and whether they ran before the
commit. Everything stays on this machine.

Next: the walkthrough (*Get started with Deliberate*) offers short exercises, one habit each.
`;

const FILES = {
  'README.md': DEMO_README,
  'hello.ts': 'export function hello(name: string): string {\n  return `Hello, ${name}!`;\n}\n',
  'package.json': JSON.stringify({ name: 'deliberate-demo', private: true, type: 'module', scripts: { test: 'node --test' } }, null, 2) + '\n',
  // JavaScript, so the tests run on whatever Node the person's terminal has.
  'src/temperature.js': '/** @param {number} celsius */\nexport function toFahrenheit(celsius) {\n  return (celsius * 9) / 5 + 32;\n}\n\n',
  'src/index.js': "export * from './temperature.js';\n",
  'src/temperature.test.js': [
    "import { test } from 'node:test';",
    "import assert from 'node:assert/strict';",
    "import * as temperature from './temperature.js';",
    '',
    "test('water freezes at 32 °F', () => {",
    '  assert.equal(temperature.toFahrenheit(0), 32);',
    '});',
    '',
    "test('0 °C counts as freezing', { skip: typeof temperature.isFreezing !== 'function' && 'write isFreezing first (README, step 1)' }, () => {",
    '  assert.equal(temperature.isFreezing(0), true);',
    '  assert.equal(temperature.isFreezing(4), false);',
    '});',
    '',
  ].join('\n'),
  '.gitignore': 'node_modules/\n',
};

export async function makeWorkspace(dir) {
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  // Names this copy of the demo, so the stand-in AI opens the guide once per fresh workspace.
  writeFileSync(path.join(dir, '.deliberate-demo'), `${randomUUID()}\n`);
  const git = async (...args) => {
    const result = await run('git', ['-c', 'user.name=Deliberate Demo', '-c', 'user.email=demo@deliberate.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, timeoutMs: 30_000 });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed in the demo workspace: ${result.output}`);
  };
  await git('init', '-q');
  // The demo's commits need an author even on a machine with no git identity set.
  await git('config', 'user.name', 'Deliberate Demo');
  await git('config', 'user.email', 'demo@deliberate.invalid');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Demo workspace');
  return dir;
}

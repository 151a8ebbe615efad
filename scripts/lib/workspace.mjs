// A small demo workspace, made fresh for each run: a TypeScript project in a git
// repository, so the tests and the try-it command see what a person's project looks like.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './processes.mjs';

const FILES = {
  'README.md': '# Demo workspace\n\nA scratch project for trying Deliberate. Edit `src/temperature.ts`, accept an AI suggestion, run the tests.\n',
  'hello.ts': 'export function hello(name: string): string {\n  return `Hello, ${name}!`;\n}\n',
  'package.json': JSON.stringify({ name: 'deliberate-demo', private: true, scripts: { test: 'node --test' } }, null, 2) + '\n',
  'src/temperature.ts': 'export function toFahrenheit(celsius: number): number {\n  return (celsius * 9) / 5 + 32;\n}\n',
  'src/temperature.test.mjs': "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n\ntest('freezing point', () => {\n  assert.equal((0 * 9) / 5 + 32, 32);\n});\n",
  '.gitignore': 'node_modules/\n',
};

export async function makeWorkspace(dir) {
  for (const [rel, text] of Object.entries(FILES)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const git = async (...args) => {
    const result = await run('git', ['-c', 'user.name=Deliberate Demo', '-c', 'user.email=demo@deliberate.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, timeoutMs: 30_000 });
    if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed in the demo workspace: ${result.output}`);
  };
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'Demo workspace');
  return dir;
}

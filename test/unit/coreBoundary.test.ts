import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

/**
 * The core's purity is a lint rule, not a convention. These tests run the project's real
 * ESLint configuration on snippets placed under src/core, and on the real tree.
 */
const root = path.resolve(__dirname, '../../..');

async function lintAs(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('core boundary lint rule', function () {
  this.timeout(60_000);

  const forbidden: [string, string, RegExp][] = [
    ['vscode', "import * as vscode from 'vscode';\nexport const x = vscode;\n", /no-restricted-imports: .*adapter/],
    ['fs', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", /no-restricted-imports: .*port/],
    ['timers', 'export function f(): void { setTimeout(() => undefined, 1); }\n', /no-restricted-globals/],
    ['Date.now', 'export const t = (): number => Date.now();\n', /no-restricted-properties: .*Clock/],
    ['new Date()', 'export const t = (): Date => new Date();\n', /no-restricted-syntax: .*Clock/],
    ['Math.random', 'export const r = (): number => Math.random();\n', /no-restricted-properties: .*randomness/],
    ['adapters', "import { Disposable } from '../adapters/disposable';\nexport const x = Disposable;\n", /no-restricted-imports/],
  ];
  for (const [what, code, expected] of forbidden) {
    it(`rejects ${what} in src/core`, async () => {
      const messages = await lintAs('src/core/probe.ts', code);
      assert.ok(messages.some((m) => expected.test(m)), `expected ${String(expected)}, got ${JSON.stringify(messages)}`);
    });
  }

  it('allows the same code in an adapter', async () => {
    const messages = await lintAs('src/adapters/probe.ts', 'export const t = (): number => Date.now();\n');
    assert.deepEqual(messages, []);
  });

  it('passes on the real src/core tree', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['src/core/**/*.ts']);
    assert.ok(results.length >= 4, `linted ${results.length} files`);
    const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
    assert.deepEqual(problems, []);
  });
});

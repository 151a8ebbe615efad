// ESLint flat config. The block for src/core/** is the architecture rule from
// DEVELOPERS.md: the core is pure, so it may not reach VS Code, the file system,
// processes, timers, the wall clock or randomness; those come in through ports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export const coreRestrictions = {
  'no-restricted-imports': [
    'error',
    {
      paths: [
        { name: 'vscode', message: 'src/core is pure: reach VS Code through an adapter in src/adapters.' },
        ...['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'child_process', 'node:child_process', 'timers', 'node:timers', 'timers/promises', 'node:timers/promises', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'worker_threads', 'node:worker_threads', 'os', 'node:os', 'process', 'node:process', 'crypto', 'node:crypto'].map((name) => ({
          name,
          message: 'src/core is pure: file system, processes, network, timers and randomness come in through a port (src/core/ports.ts).',
        })),
      ],
      patterns: [{ group: ['**/adapters/**', '**/extension'], message: 'src/core may not depend on adapters or I/O libraries.' }],
    },
  ],
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'performance', 'process', 'require', 'fetch', 'crypto'].map((name) => ({
      name,
      message: 'src/core is pure: time, scheduling and I/O come in through a port (src/core/ports.ts).',
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'src/core reads time through the Clock port.' },
    { object: 'Math', property: 'random', message: 'src/core gets randomness through a port.' },
    { object: 'performance', property: 'now', message: 'src/core reads time through the Clock port.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core reads time through the Clock port: `new Date()` is the wall clock.' },
    { selector: "CallExpression[callee.name='Date']", message: 'src/core reads time through the Clock port: `Date()` is the wall clock.' },
    { selector: "ImportExpression", message: 'src/core does not load modules dynamically.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'artifacts/**', '.cache/**', '.vscode-test/**', 'test/fixtures/**', 'test/corpus/project/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js', 'test/corpus/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', fetch: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['src/core/**/*.ts'], rules: coreRestrictions },
);

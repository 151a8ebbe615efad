/**
 * Whether a terminal command runs, tests, builds, lints or type-checks code: the
 * "validate" habit. Matches the program and its first argument after wrappers, for the
 * common ecosystems. (The coaching issue adds team patterns on top.)
 */
import { programOf } from '../attribution/commands';

const PROGRAMS = new Set([
  'jest', 'vitest', 'mocha', 'ava', 'tap', 'playwright', 'cypress', 'karma',
  'pytest', 'tox', 'nox', 'ruff', 'mypy', 'pyright', 'flake8', 'pylint', 'black',
  'tsc', 'eslint', 'biome', 'prettier', 'deno', 'bun',
  'make', 'cmake', 'ctest', 'ninja', 'bazel', 'mvn', 'gradle', 'gradlew', 'sbt',
  'rspec', 'rake', 'phpunit', 'mix',
]);
const SUBCOMMANDS: Readonly<Record<string, RegExp>> = {
  npm: /^(test|t|run|start|exec)\b/,
  // `yarn <script>` runs a package script; package management is not a run.
  yarn: /^(?!(install|add|remove|upgrade|up|init|dlx|why|info|cache|config)\b)(test|run\s+\S+|[\w:-]+)$/,
  pnpm: /^(test|t|run|build|lint|start|exec)\b/,
  go: /^(test|build|vet|run)\b/,
  cargo: /^(test|build|check|clippy|run|nextest)\b/,
  dotnet: /^(test|build|run)\b/,
  python: /^(-m\s+(pytest|unittest|mypy|ruff)|\S+\.py)/,
  python3: /^(-m\s+(pytest|unittest|mypy|ruff)|\S+\.py)/,
  node: /^(--test\b|\S+\.(c|m)?js)/,
};

export function isValidationCommand(commandLine: string): boolean {
  const program = programOf(commandLine);
  if (PROGRAMS.has(program)) return true;
  const pattern = SUBCOMMANDS[program];
  if (pattern === undefined) return false;
  const rest = commandLine.slice(commandLine.indexOf(program) + program.length).trim();
  return pattern.test(rest);
}

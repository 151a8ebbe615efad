/**
 * Whether a terminal command runs, tests, builds, lints or type-checks code (the "validate"
 * habit), and which of those it is. Matches the program and its first argument after
 * wrappers, for the common ecosystems; a team adds its own commands on top
 * (`deliberate.validation.commands`).
 */
import type { RunKind } from '../metrics';
import { programOf } from '../attribution/commands';

/** Programs that are a run by themselves, with what kind of run. */
const PROGRAMS: Readonly<Record<string, RunKind>> = {
  jest: 'test', vitest: 'test', mocha: 'test', ava: 'test', tap: 'test', playwright: 'test', cypress: 'test', karma: 'test',
  pytest: 'test', tox: 'test', nox: 'test', rspec: 'test', phpunit: 'test', ctest: 'test',
  ruff: 'lint', flake8: 'lint', pylint: 'lint', black: 'lint', eslint: 'lint', biome: 'lint', prettier: 'lint',
  mypy: 'typecheck', pyright: 'typecheck', tsc: 'typecheck',
  deno: 'run', bun: 'run', rake: 'run', mix: 'run',
  make: 'build', cmake: 'build', ninja: 'build', bazel: 'build', mvn: 'build', gradle: 'build', gradlew: 'build', sbt: 'build',
};

/** Programs that run something only with certain subcommands. */
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

/** The kind of a run from the words after the program (script names, subcommands, tools run through `-m`). */
function kindFromWords(words: string): RunKind {
  if (/(^|[\s:/_-])(test|tests|spec|pytest|unittest|jest|vitest|mocha|nextest|--test)\b/i.test(words)) return 'test';
  if (/(^|[\s:/_-])(lint|eslint|ruff|clippy|vet|flake8|format|fmt|prettier|style)\b/i.test(words)) return 'lint';
  if (/(^|[\s:/_-])(typecheck|type-check|types|tsc|mypy|pyright|check)\b/i.test(words)) return 'typecheck';
  if (/(^|[\s:/_-])(build|compile|bundle|package)\b/i.test(words)) return 'build';
  return 'run';
}

/**
 * A team pattern: a command-line prefix (`npm run verify`, `./scripts/check.sh`) or, written
 * between slashes, a regular expression (`/^just (test|lint)/`). A malformed expression
 * matches nothing; `invalidTeamPatterns` names them so the settings can say so.
 */
function teamMatch(commandLine: string, pattern: string): boolean {
  const p = pattern.trim();
  if (p === '') return false;
  if (p.length > 2 && p.startsWith('/') && p.endsWith('/')) {
    try {
      return new RegExp(p.slice(1, -1)).test(commandLine.trim());
    } catch {
      return false;
    }
  }
  const line = commandLine.trim();
  return line === p || line.startsWith(`${p} `);
}

export function invalidTeamPatterns(patterns: readonly string[]): string[] {
  return patterns.filter((p) => {
    const s = p.trim();
    if (!(s.length > 2 && s.startsWith('/') && s.endsWith('/'))) return false;
    try {
      new RegExp(s.slice(1, -1));
      return false;
    } catch {
      return true;
    }
  });
}

/** What kind of run a command line is, or null when it is not one. Team patterns come first. */
export function classifyCommand(commandLine: string, teamPatterns: readonly string[] = []): RunKind | null {
  for (const p of teamPatterns) {
    if (!teamMatch(commandLine, p)) continue;
    const kind = kindFromWords(commandLine);
    return kind === 'run' ? 'test' : kind; // the setting lists test and lint commands
  }
  const program = programOf(commandLine);
  const own = PROGRAMS[program];
  const rest = commandLine.slice(commandLine.indexOf(program) + program.length).trim();
  if (own !== undefined) {
    // `make test`, `mvn verify`, `gradle lint`: the target says more than the program.
    if (own === 'build' && rest !== '') {
      const byTarget = kindFromWords(rest);
      return byTarget === 'run' ? 'build' : byTarget;
    }
    return own;
  }
  const pattern = SUBCOMMANDS[program];
  if (pattern === undefined || !pattern.test(rest)) return null;
  if (program === 'cargo' && /^check\b/.test(rest)) return 'typecheck';
  if (program === 'go' && /^vet\b/.test(rest)) return 'lint';
  return kindFromWords(rest);
}

/** The kind of a VS Code task run, from its group and name. */
export function classifyTask(name: string, group: 'test' | 'build' | null): RunKind | null {
  if (group === 'test') return 'test';
  if (group === 'build') {
    const byName = kindFromWords(name);
    return byName === 'run' ? 'build' : byName;
  }
  return null;
}

export function isValidationCommand(commandLine: string, teamPatterns: readonly string[] = []): boolean {
  return classifyCommand(commandLine, teamPatterns) !== null;
}

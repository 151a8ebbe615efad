/**
 * The history review on repositories built for each edge it met on real projects: a large
 * rename, git's warnings, a clone not fetched for months, shallow, partial and bare clones,
 * `log.showRoot=false`, files that were binary for a while, git-ai notes, every marker an
 * assistant or review bot writes, and what the report says about it all.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PERSON_RAN_IT } from '../../src/adapters/git';
import { reviewRepositoryHistory } from '../../src/adapters/historyGit';
import { aiEvidence } from '../../src/core/history/aiEvidence';
import { CatFileBatchReader, collect, GitAiNoteScanner, summarizeGitAiNote } from '../../src/core/history/gitAiNotes';
import { lineDiffHunks } from '../../src/core/history/lineDiff';
import { DAY_MS, HistoryRetrospective, type HistoryReviewResult } from '../../src/core/history/retrospective';
import { historyHostToWebviewSchema, toHistoryView } from '../../src/shared/historyMessages';
import { formatHistoryReport } from '../../src/shared/historyReport';
import { generateHistory, lines, testGit, TestRepository } from '../support/historyRepo';

const enc = new TextEncoder();
const AI = 'Co-authored-by: Claude <noreply@anthropic.com>';
const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `deliberate-edge-${name}-`));
const review = (dir: string, extra: { git?: string } = {}) => reviewRepositoryHistory(dir, { trust: PERSON_RAN_IT, ...extra });
const churned = (r: HistoryReviewResult, group: 'ai' | 'other', w: number) => r[group].windows[w]!.rewritten + r[group].windows[w]!.deleted;

describe('history edges: what git shows', function () {
  this.timeout(120_000);

  it('follows every file of a rename of 1,100 files with edits: only the edits are new lines', async () => {
    const repo = new TestRepository(tmp('rename'));
    const before: Record<string, string> = {};
    for (let k = 0; k < 1100; k++) before[`old/f${k}.txt`] = lines(`f${k}`, 20);
    repo.commit('Add 1,100 files', before);
    const moved: Record<string, string | null> = {};
    for (let k = 0; k < 1100; k++) {
      moved[`old/f${k}.txt`] = null;
      moved[`new/g${k}.txt`] = lines(`f${k}`, 20) + `edit ${k}\n`;
    }
    repo.commit('Move them all and add a line to each', moved);
    const r = await review(repo.dir);
    assert.equal(r.other.linesAdded, 1100 * 20 + 1100, "git's default limit of 1,000 files would count 22,000 lines as new again");
    assert.equal(r.other.largest?.linesAdded, 22_000);
    assert.deepEqual(r.gitMessages, [], 'no "rename detection was skipped" warning');
    assert.equal(r.inconsistencies, 0);
  });

  it("keeps git's warnings and shows them", async () => {
    const repo = new TestRepository(tmp('warn'));
    repo.commit('one', { 'a.txt': lines('a', 3) });
    // A git that warns, as git does when it skips work or cannot read something.
    const wrapper = path.join(repo.dir, '..', `warning-git-${path.basename(repo.dir)}`);
    writeFileSync(wrapper, '#!/bin/sh\nfor a in "$@"; do [ "$a" = "-p" ] && echo "warning: exhaustive rename detection was skipped due to too many files." >&2; done\nexec git "$@"\n');
    chmodSync(wrapper, 0o755);
    const r = await review(repo.dir, { git: wrapper });
    assert.deepEqual(r.gitMessages, ['warning: exhaustive rename detection was skipped due to too many files.']);
    assert.match(formatHistoryReport(r), /git said:\n {2}warning: exhaustive rename detection was skipped/);
    assert.deepEqual(historyHostToWebviewSchema.parse({ type: 'result', view: toHistoryView(r, 'x') }).view.gitMessages, r.gitMessages);
  });

  it('judges the windows at the newest commit, not the wall clock: a clone not fetched for years', async () => {
    const repo = new TestRepository(tmp('stale'), Date.UTC(2020, 0, 1));
    repo.commit(`Add it\n\n${AI}`, { 'a.txt': lines('a', 10) });
    repo.commit('Rework', { 'a.txt': lines('a', 7) + lines('b', 2) }, { days: 5 });
    repo.commit('Later', { 'c.txt': lines('c', 1) }, { days: 15 });
    const r = await review(repo.dir);
    assert.equal(r.judgedAt, repo.now);
    assert.deepEqual(
      r.ai.windows.map((w) => [w.days, w.eligibleCommits, w.eligibleLinesAdded, w.rewritten + w.deleted]),
      [
        [14, 1, 10, 3],
        [30, 0, 0, 0],
      ],
      'the history goes on 20 days after the AI commit: eligible for 14 days, not for 30, though it is years old',
    );
    assert.match(formatHistoryReport(r), /judged at the newest commit \(2020-01-22\)/);
  });

  it('states a shallow clone and credits its boundary commit with nothing', async () => {
    const source = new TestRepository(tmp('shallow-src'));
    source.commit('Human start', { 'a.txt': lines('a', 10) });
    source.commit(`AI bulk\n\n${AI}`, { 'b.txt': lines('b', 40) });
    source.commit('Human edit', { 'a.txt': lines('a', 8) + lines('x', 1) });
    source.commit(`AI rewrite\n\n${AI}`, { 'b.txt': lines('b', 30) + lines('y', 5) }, { days: 2 });
    source.commit('Much later', { 'c.txt': lines('c', 1) }, { days: 20 });
    const clone = tmp('shallow');
    testGit(clone, ['clone', '-q', '--depth', '3', `file://${source.dir}`, '.']);
    const r = await review(clone);
    assert.equal(r.repository.shallow, true);
    assert.equal(r.commitsScanned, 3);
    assert.deepEqual(r.boundary, { commits: 1, lines: 8 + 1 + 40 }, 'the whole tree at the boundary, of unknown origin');
    assert.deepEqual([r.ai.commits, r.ai.linesAdded, r.other.commits, r.other.linesAdded], [1, 5, 1, 1], 'the boundary commit is in neither group');
    assert.equal(churned(r, 'ai', 0), 0, 'lines of unknown origin are charged to no one');
    assert.equal(r.inconsistencies, 0);
    assert.match(formatHistoryReport(r), /shallow clone: its history stops at 1 boundary commit, which show the whole tree \(49 lines\)/);
    // The full clone, for comparison: the AI bulk's 10 lines removed 2 days later are charged to it.
    const full = await review(source.dir);
    assert.equal(churned(full, 'ai', 0), 10);
    assert.equal(full.repository.shallow, false);
  });

  it('reads a partial clone without fetching: what is here is counted exactly, what is missing is stated', async () => {
    const src = tmp('partial-src');
    testGit(src, ['init', '-q']);
    const chunks: string[] = [];
    const history = generateHistory({ commits: 150, seed: 5, meanGapHours: 30, files: 6, fileLines: 25, noteShare: 0, mergeShare: 0 }, (c) => chunks.push(c));
    testGit(src, ['fast-import', '--quiet'], { input: chunks.join('') });
    testGit(src, ['checkout', '-q', 'main']);
    // One big file, added by the last commit's author at the same moment: above the clone's size limit.
    const at = `${Math.floor(Math.max(...history.commits.map((c) => c.time)) / 1000)} +0000`;
    writeFileSync(path.join(src, 'big.txt'), lines('big line with some more text to make it long', 2000));
    testGit(src, ['add', 'big.txt']);
    testGit(src, ['commit', '-q', '-m', 'Add a big file'], { env: { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } });
    testGit(src, ['config', 'uploadpack.allowFilter', 'true']);
    const clone = tmp('partial');
    testGit(clone, ['clone', '-q', '--filter=blob:limit=20k', '--no-checkout', `file://${src}`, '.']);
    const missingBefore = testGit(clone, ['rev-list', '--objects', '--missing=print', 'HEAD']).split('\n').filter((l) => l.startsWith('?')).length;
    assert.equal(missingBefore, 1, 'only the big file is missing');
    const full = await review(src);
    const partial = await review(clone);
    assert.deepEqual(partial.repository, { bare: false, shallow: false, partial: true, missingObjects: 1 });
    assert.deepEqual(partial.ai, full.ai, 'every AI figure as exact as in the full clone (diffed here, not by git)');
    assert.deepEqual(partial.other.windows, full.other.windows);
    assert.equal(full.other.linesAdded - partial.other.linesAdded, 2000, "only the missing file's lines are not counted");
    assert.equal(partial.unknownContentFiles, 1);
    assert.equal(partial.inconsistencies, 0);
    assert.equal(testGit(clone, ['rev-list', '--objects', '--missing=print', 'HEAD']).split('\n').filter((l) => l.startsWith('?')).length, 1, 'nothing was fetched');
    assert.match(formatHistoryReport(partial), /partial clone: 1 contents of this history were never downloaded, and Deliberate fetched none/);
    // A clone with no contents at all (blob:none, nothing checked out) still gives its commits.
    const empty = tmp('partial-none');
    testGit(empty, ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${src}`, '.']);
    const none = await review(empty);
    assert.equal(none.commitsScanned, full.commitsScanned);
    assert.equal(none.ai.commits, full.ai.commits);
    assert.equal(none.ai.linesAdded, 0);
  });

  it('reads a bare repository', async () => {
    const repo = new TestRepository(tmp('bare-src'));
    repo.commit(`AI\n\n${AI}`, { 'a.txt': lines('a', 6) });
    repo.commit('edit', { 'a.txt': lines('a', 4) });
    const bare = tmp('bare');
    testGit(bare, ['clone', '-q', '--bare', repo.dir, '.']);
    const r = await review(bare);
    assert.equal(r.repository.bare, true);
    assert.deepEqual(r.ai, (await review(repo.dir)).ai);
    assert.match(formatHistoryReport(r), /bare repository/);
  });

  it("counts the root commit's lines whatever log.showRoot says", async () => {
    const repo = new TestRepository(tmp('showroot'));
    repo.commit(`Root\n\n${AI}`, { 'a.txt': lines('a', 10) });
    repo.commit('Rewrite three', { 'a.txt': lines('a', 7) + lines('z', 3) });
    testGit(repo.dir, ['config', 'log.showRoot', 'false']);
    const r = await review(repo.dir);
    assert.equal(r.ai.linesAdded, 10);
    assert.equal(r.aiCommits[0]!.windows[0]!.churned, 3);
    assert.equal(r.inconsistencies, 0);
  });

  it('names why lines are unknown: a file that was binary for a while is not a mismatch', async () => {
    const repo = new TestRepository(tmp('binary'));
    repo.commit('text', { 'data.txt': lines('d', 5) });
    repo.commit('binary for a while', { 'data.txt': new Uint8Array([0, 1, 2, 10, 0, 10]) });
    repo.commit(`text again\n\n${AI}`, { 'data.txt': lines('e', 6) });
    repo.commit('edit', { 'data.txt': lines('e', 4) + lines('f', 1) });
    const r = await review(repo.dir);
    assert.equal(r.inconsistencies, 0);
    assert.equal(r.unknownContentFiles, 1);
    const report = formatHistoryReport(r);
    assert.match(report, /1 file was binary \(or not downloaded\) for part of the history/);
    assert.doesNotMatch(report, /did not fit|shallow/);
  });
});

describe('history edges: git-ai notes', function () {
  this.timeout(60_000);

  it('reads a note only as far as needed, and takes a tool named "constructor" or "__proto__" as just a name', async () => {
    const repo = new TestRepository(tmp('notes'));
    const a = repo.commit('one', { 'a.txt': lines('a', 3) });
    const b = repo.commit('two', { 'b.txt': lines('b', 3) });
    const c = repo.commit('three', { 'c.txt': lines('c', 3) });
    const transcript = JSON.stringify({ messages: Array.from({ length: 20_000 }, (_, k) => ({ role: 'user', text: `prompt ${k} with "tool": "not this one"` })) });
    const big = path.join(repo.dir, '..', `note-${path.basename(repo.dir)}.txt`);
    writeFileSync(big, `a.txt\n  abcd 1-3\n---\n{"prompts":{"abcd":{"agent_id":{"tool":"constructor"},"messages":${transcript}}}}\n`);
    testGit(repo.dir, ['notes', '--ref=ai', 'add', '-F', big, a]);
    testGit(repo.dir, ['notes', '--ref=ai', 'add', '-m', 'b.txt\n  abcd 1-3\n---\n{"prompts":{"abcd":{"agent_id":{"tool":"__proto__"}}}}', b]);
    testGit(repo.dir, ['notes', '--ref=ai', 'add', '-m', 'c.txt\n  abcd 1-3\n---\n{"prompts":{"abcd":{"agent_id":{"tool":"cursor"}}}}', c]);
    const r = await review(repo.dir);
    assert.equal(r.ai.commits, 3);
    assert.deepEqual(
      r.assistants.map((x) => [x.tool, x.commits]),
      [
        ['__proto__', 1],
        ['constructor', 1],
        ['Cursor', 1],
      ],
    );
    const view = historyHostToWebviewSchema.parse({ type: 'result', view: toHistoryView(r, 'repo') }).view;
    assert.deepEqual(view.assistants, r.assistants, 'the panel gets them as they are');
    assert.match(formatHistoryReport(r), /Assistants: __proto__ 1, constructor 1, Cursor 1/);
  });

  it('summarizes notes from bytes: attestation before the divider, the first tool after it', () => {
    const s = (t: string) => summarizeGitAiNote(enc.encode(t));
    assert.deepEqual(s('src/a.ts\n  abcdef 1-4\n---\n{"prompts":{"abcdef":{"agent_id":{"tool":"claude"}}}}'), { attestsAi: true, tool: 'claude' });
    assert.deepEqual(s('---\n{"prompts":{}}'), { attestsAi: false, tool: undefined });
    assert.deepEqual(s('src/a.ts\n---\n{"tool": "codex"}'), { attestsAi: false, tool: 'codex' }, 'a file without entries attests nothing');
    assert.deepEqual(s('written by another tool'), { attestsAi: true, tool: undefined });
    assert.deepEqual(s('\n\n'), { attestsAi: false, tool: undefined });
    assert.deepEqual(s('"tool":"before"\n  ab 1\n---\n{}'), { attestsAi: true, tool: undefined }, 'only the metadata names the tool');
    assert.deepEqual(s(`${'x'.repeat(10_000)}\n---\n{"tool":"cline"}`), { attestsAi: false, tool: 'cline' }, 'a long line is neither an entry nor the divider');
  });

  it('scans a note as it streams, split anywhere, and stops reading once it knows', () => {
    const note = enc.encode(`src/a.ts\r\n  abcdef 1-4\r\n---\r\n{"prompts":{"abcdef":{"agent_id":{ "tool" : "claude" },"messages":"${'m'.repeat(5000)}"}}}`);
    for (const size of [1, 2, 5, 6, 7, 64, 1000]) {
      let summary: unknown;
      let offered = 0;
      let stopped = false;
      const scanner = new GitAiNoteScanner((x) => (summary = x));
      for (let p = 0; p < note.length && !stopped; p += size) {
        offered += Math.min(size, note.length - p);
        stopped = scanner.push(note.subarray(p, p + size));
      }
      scanner.end();
      assert.deepEqual(summary, { attestsAi: true, tool: 'claude' }, `chunks of ${size}`);
      assert.ok(stopped && offered <= Math.max(200, size), `stopped after ${offered} of ${note.length} bytes (chunks of ${size})`);
    }
  });

  it('reads cat-file --batch output however it is split into chunks', () => {
    const bodies = ['hello', '', 'x'.repeat(70_000), 'a\nb\n'];
    const out = `${bodies.map((b, k) => `${String(k).repeat(40)} blob ${b.length}\n${b}\n`).join('')}${'9'.repeat(40)} missing\n`;
    const bytes = enc.encode(out);
    for (const size of [1, 3, 7, 4096, bytes.length]) {
      const got: [string, string | null][] = [];
      const reader = new CatFileBatchReader((oid, size) => {
        if (size === null) {
          got.push([oid, null]);
          return undefined;
        }
        return collect(size, (b) => got.push([oid, new TextDecoder().decode(b)]));
      });
      for (let p = 0; p < bytes.length; p += size) reader.push(bytes.subarray(p, p + size));
      assert.ok(reader.complete);
      assert.deepEqual(got, [...bodies.map((b, k) => [String(k).repeat(40), b] as [string, string]), ['9'.repeat(40), null]], `chunks of ${size}`);
    }
  });
});

describe('history edges: line diffs for partial clones', () => {
  /** Checks `hunks` turn `a` into `b`: the lines outside the hunks are the same on both sides, in order. */
  function check(a: string[], b: string[]): void {
    const toBytes = (xs: string[]) => enc.encode(xs.map((x) => `${x}\n`).join(''));
    const hunks = lineDiffHunks(toBytes(a), toBytes(b));
    assert.notEqual(hunks, 'binary');
    const h = hunks as number[];
    const keptA: string[] = [];
    const keptB: string[] = [];
    let ia = 0;
    let ib = 0;
    for (let k = 0; k < h.length; k += 4) {
      const fromA = h[k + 1]! > 0 ? h[k]! - 1 : h[k]!;
      const fromB = h[k + 3]! > 0 ? h[k + 2]! - 1 : h[k + 2]!;
      keptA.push(...a.slice(ia, fromA));
      keptB.push(...b.slice(ib, fromB));
      ia = fromA + h[k + 1]!;
      ib = fromB + h[k + 3]!;
    }
    keptA.push(...a.slice(ia));
    keptB.push(...b.slice(ib));
    assert.deepEqual(keptA, keptB, `${a.join(',')} -> ${b.join(',')}`);
  }

  it('numbers hunks as git does', () => {
    const bytes = (s: string) => enc.encode(s);
    assert.deepEqual(lineDiffHunks(bytes('a\nb\nc\n'), bytes('a\nX\nc\n')), [2, 1, 2, 1]);
    assert.deepEqual(lineDiffHunks(bytes('a\nc\n'), bytes('a\nX\nc\n')), [1, 0, 2, 1]);
    assert.deepEqual(lineDiffHunks(bytes('a\nb\nc\n'), bytes('a\nc\n')), [2, 1, 1, 0]);
    assert.deepEqual(lineDiffHunks(bytes(''), bytes('a\nb\n')), [0, 0, 1, 2]);
    assert.deepEqual(lineDiffHunks(bytes('a\nb'), bytes('a\nb\n')), [2, 1, 2, 1], 'a missing final newline is a change, as in git');
    assert.equal(lineDiffHunks(bytes('a\0b'), bytes('a')), 'binary');
  });

  it('gives a correct diff of random edits', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: rand(30) }, () => `l${rand(8)}`);
      const b = [...a];
      for (let e = rand(6); e > 0; e--) {
        const at = rand(b.length + 1);
        if (rand(2) === 0) b.splice(at, rand(3), ...Array.from({ length: rand(3) }, () => `n${rand(8)}`));
        else b.splice(at, 0, `m${rand(8)}`);
      }
      check(a, b);
    }
  });
});

describe('history edges: who wrote it', () => {
  const tools = (message: string, author = 'Ann', email = 'ann@example.com') => aiEvidence({ hash: 'h', authorName: author, authorEmail: email, message }, new Set()).map((e) => [e.kind, e.tool]);

  it('finds the markers assistants write', () => {
    const cases: [string, string][] = [
      ['Fix it\n\n_Generated by [Claude Code](https://claude.ai/code/session_011CUQ8s7aBcDeFg)_', 'Claude'],
      ['Fix it\n\n_Generated by [Claude\nCode](https://claude.ai/code/session_011CUQ8s7aBcDeFg)_', 'Claude'],
      ['Fix it\n\n_Generated by\n[Claude Code](https://claude.ai/code/session_011CUQ8s7aBcDeFg)_', 'Claude'],
      ['Fix it\n\nGenerated with [Claude Code](https://claude.com/claude-code) 🤖', 'Claude'],
      ['Fix it\n\nGenerated with Claude Code ✨🚀', 'Claude'],
      ['Fix it\n\nCo-authored-by: Cline Agent <agent@cline.bot>', 'Cline'],
      ['Fix it\n\nCo-authored-by: cline-cloud[bot] <123+cline-cloud[bot]@users.noreply.github.com>', 'Cline'],
      ['Fix it\n\nCo-authored-by: Roo Code <noreply@roocode.com>', 'Roo Code'],
      ['Fix it\n\nCo-authored-by: roomote[bot] <219738659+roomote[bot]@users.noreply.github.com>', 'Roo Code'],
      ['Fix it\n\nCo-authored-by: Kilo Code <noreply@kilocode.ai>', 'Kilo Code'],
      ['Fix it\n\nCo-Authored-By: Warp <agent@warp.dev>', 'Warp'],
      ['Fix it\n\nCo-authored-by: factory-droid[bot] <138933559+factory-droid[bot]@users.noreply.github.com>', 'Factory'],
      ['Fix it\n\nAssisted-by: Claude:claude-opus-4-1 coccinelle sparse', 'Claude'],
      ['Fix it\n\nAssisted-by: GPT-5:gpt-5-codex', 'OpenAI Codex'],
      ['Fix it\n\nCo-developed-by: Claude <noreply@anthropic.com>', 'Claude'],
      ['Fix it\n\nCo-developed-by: Claude claude-sonnet-4-5', 'Claude'],
    ];
    for (const [message, tool] of cases) {
      const found = tools(message);
      assert.equal(found.length, 1, message);
      assert.equal(found[0]![1], tool, message);
    }
    assert.deepEqual(tools('Fix', 'cline-cloud[bot]', '123+cline-cloud[bot]@users.noreply.github.com'), [['author', 'Cline']]);
  });

  it('puts AI review bots whose suggestions were committed in a category of their own', () => {
    for (const [trailer, tool] of [
      ['Co-authored-by: ellipsis-dev[bot] <65095814+ellipsis-dev[bot]@users.noreply.github.com>', 'Ellipsis'],
      ['Co-authored-by: greptile-apps[bot] <165735046+greptile-apps[bot]@users.noreply.github.com>', 'Greptile'],
      ['Co-authored-by: cubic-dev-ai[bot] <191113872+cubic-dev-ai[bot]@users.noreply.github.com>', 'cubic'],
      ['Co-authored-by: aikido-autofix[bot] <119856028+aikido-autofix[bot]@users.noreply.github.com>', 'Aikido'],
      ['Co-authored-by: coderabbitai[bot] <136622811+coderabbitai[bot]@users.noreply.github.com>', 'CodeRabbit'],
    ] as const) {
      assert.deepEqual(tools(`Apply suggestion\n\n${trailer}`), [['review', tool]], trailer);
    }
  });

  it('does not mistake people or prose for tools', () => {
    for (const message of [
      'Fix\n\nGenerated with care by the team',
      'Fix\n\n_Generated by hand_',
      'Fix\n\nCo-authored-by: Roo Smith <roo@example.com>',
      'Fix\n\nCo-authored-by: Cubic Zirconia <cz@example.com>',
      'Fix\n\nAssisted-by: Jane: the reviewer',
      'Fix\n\nSee https://claude.ai/code for details',
      'Fix\n\nCo-developed-by: Claude Monet <claude@monet.example>',
    ]) {
      assert.deepEqual(tools(message), [], message);
    }
  });
});

describe('history edges: what the report says', () => {
  const header = (hash: string, o: { parents?: string; time?: number; message?: string } = {}) => `\0${hash}\0${o.parents ?? ''}\0${o.time ?? 1_700_000_000}\0Ann\0ann@example.com\0${o.message ?? 'subject\n'}\0\n`;
  const add = (file: string, n: number) => `\ndiff --git a/${file} b/${file}\nnew file mode 100644\n--- /dev/null\n+++ b/${file}\n@@ -0,0 +1,${n} @@\n${'+x\n'.repeat(n)}`;
  const del = (file: string, n: number) => `\ndiff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n@@ -1,${n} +0,0 @@\n${'-x\n'.repeat(n)}`;
  const day = 86_400;

  it('sorts assistants by count, keeps merges out of the top list, and notes a commit holding most lines', () => {
    const h = (c: string) => c.repeat(40);
    let text = header(h('1'), { time: 1_700_000_000, message: 'Start\n' }) + add('base', 3);
    text += header(h('2'), { time: 1_700_000_000 + day, parents: h('1'), message: `One\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\n` }) + add('c1', 4);
    text += header(h('3'), { time: 1_700_000_000 + 2 * day, parents: h('2'), message: `Two\n\n${AI}\n` }) + add('c2', 4);
    text += header(h('4'), { time: 1_700_000_000 + 3 * day, parents: h('3'), message: `Three\n\n${AI}\n` }) + add('c3', 4);
    text += header(h('5'), { time: 1_700_000_000 + 4 * day, parents: `${h('4')} ${h('9')}`, message: `Merge\n\n${AI}\n` }) + add('big', 200);
    text += header(h('6'), { time: 1_700_000_000 + 5 * day, parents: h('5'), message: 'Cleanup\n' }) + del('big', 200) + del('c3', 4);
    text += header(h('7'), { time: 1_700_000_000 + 40 * day, parents: h('6'), message: 'Much later\n' }) + add('z', 1);
    const retro = new HistoryRetrospective();
    retro.push(enc.encode(text));
    const r = retro.finish();
    assert.deepEqual(r.assistants, [
      { tool: 'Claude', commits: 3 },
      { tool: 'Cursor', commits: 1 },
    ]);
    const view = toHistoryView(r, 'repo');
    assert.deepEqual(view.topAiCommits.map((c) => c.subject), ['Three'], 'the merge churned most but is a whole branch: counted, not listed');
    assert.equal(r.ai.largest?.subject, 'Merge');
    const report = formatHistoryReport(r);
    assert.match(report, /Assistants: Claude 3, Cursor 1\n/);
    assert.match(report, /One commit holds 94% of the lines the AI-assisted commits added \(55555555 "Merge", 200 lines\)/);
    assert.doesNotMatch(report, /\n {2}55555555/);
  });

  it('judges each window by the history after each commit', () => {
    const retro = new HistoryRetrospective();
    retro.push(enc.encode(header('a'.repeat(40), { time: 1_600_000_000 }) + add('a', 1)));
    const r = retro.finish();
    assert.equal(r.judgedAt, 1_600_000_000_000);
    assert.equal(r.other.windows[0]!.eligibleCommits, 0);
    assert.equal(DAY_MS, day * 1000);
  });
});

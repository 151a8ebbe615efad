import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { aiEvidence, assistantOf, gitAiNoteAttestsAi, noteEvidence } from '../../src/core/history/aiEvidence';
import { summarizeGitAiNote } from '../../src/core/history/gitAiNotes';
import { PERSON_RAN_IT } from '../../src/adapters/git';
import { GitLogParser, unquotePath, type ParsedCommit } from '../../src/core/history/gitLogParser';
import { LineOrigins, UNKNOWN_ORIGIN } from '../../src/core/history/lineOrigins';
import { DAY_MS, HistoryRetrospective } from '../../src/core/history/retrospective';
import { mainlineOf, mergeIntroductions, type CommitNode } from '../../src/core/history/mergedBranches';
import { HistoryReviewError, reviewRepositoryHistory } from '../../src/adapters/historyGit';
import { generateHistory } from '../support/historyRepo';
import { historyHostToWebviewSchema, toHistoryView } from '../../src/shared/historyMessages';
import { formatHistoryReport } from '../../src/shared/historyReport';

const enc = new TextEncoder();

function header(hash: string, o: { parents?: string; time?: number; name?: string; email?: string; message?: string } = {}): string {
  return `\0${hash}\0${o.parents ?? ''}\0${o.time ?? 1_700_000_000}\0${o.name ?? 'Ann'}\0${o.email ?? 'ann@example.com'}\0${o.message ?? 'subject\n'}\0\n`;
}

function parse(text: string, chunkSizes?: number[]): { commits: ParsedCommit[]; parser: GitLogParser } {
  const commits: ParsedCommit[] = [];
  const parser = new GitLogParser((c) => commits.push(c));
  const bytes = enc.encode(text);
  if (chunkSizes === undefined) parser.push(bytes);
  else {
    let pos = 0;
    for (let k = 0; pos < bytes.length; k++) {
      const n = chunkSizes[k % chunkSizes.length]!;
      parser.push(bytes.subarray(pos, pos + n));
      pos += n;
    }
  }
  parser.end();
  return { commits, parser };
}

const evidence = (message: string, author = 'Ann', email = 'ann@example.com', note = '', known: ReadonlySet<string> = new Set()) => {
  const found = aiEvidence({ hash: 'h1', authorName: author, authorEmail: email, message }, known);
  const fromNote = note === '' ? undefined : noteEvidence(summarizeGitAiNote(enc.encode(note)));
  return fromNote === undefined ? found : [...found, fromNote];
};

describe('history: which commits are AI-assisted', () => {
  it('finds assistants named in trailers, by name or by address', () => {
    const cases: [string, string][] = [
      ['Co-Authored-By: Claude <noreply@anthropic.com>', 'Claude'],
      ['Co-authored-by: Claude Sonnet 4.5 <noreply@anthropic.com>', 'Claude'],
      ['Generated-by: Claude Code', 'Claude'],
      ['Co-authored-by: Copilot <198982749+Copilot@users.noreply.github.com>', 'GitHub Copilot'],
      ['Assisted-by: GitHub Copilot', 'GitHub Copilot'],
      ['Co-authored-by: Cursor Agent <cursoragent@cursor.com>', 'Cursor'],
      ['Co-authored-by: aider (openai/gpt-4o) <noreply@aider.chat>', 'Aider'],
      ['Co-authored-by: Codex <codex@openai.com>', 'OpenAI Codex'],
      ['Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>', 'Gemini'],
      ['Co-authored-by: devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>', 'Devin'],
      ['Co-authored-by: Amp <amp@ampcode.com>', 'Amp'],
      ['Co-authored-by: opencode <noreply@opencode.ai>', 'opencode'],
      ['Assisted-by: Windsurf', 'Windsurf'],
      ['Assisted-by: Amazon Q Developer', 'Amazon Q'],
      ['Assisted-by: Tabnine', 'Tabnine'],
    ];
    for (const [trailer, tool] of cases) {
      const found = evidence(`Fix the parser\n\nSome body text.\n\n${trailer}`);
      assert.deepEqual(
        found.map((e) => [e.kind, e.tool]),
        [['trailer', tool]],
        trailer,
      );
    }
    assert.equal(evidence('x\n\nCo-Authored-By: Claude <noreply@anthropic.com>')[0]!.detail, 'Co-Authored-By: Claude', 'the detail leaves out the address');
  });

  it('does not mistake people for tools', () => {
    for (const trailer of [
      'Co-authored-by: Claudette Smith <claudette@example.com>',
      'Co-authored-by: Claude Monet <claude@monet.example>',
      'Co-authored-by: Devin Booker <devin@example.com>',
      'Co-authored-by: Jules Verne <jules@example.com>',
      'Co-authored-by: Cody Rhodes <cody@example.com>',
      'Reviewed-by: Claude <noreply@anthropic.com>',
      'AI-assisted: no',
      'Co-authored-by: Jane Doe <jane@anthropic.com>',
      'Co-authored-by: Sam Lee <sam@openai.com>',
      'Co-authored-by: Octo Cat <octocat@github.com>',
    ]) {
      assert.deepEqual(evidence(`Subject\n\n${trailer}`), [], trailer);
    }
    assert.deepEqual(evidence('Co-authored-by: Claude <noreply@anthropic.com>'), [], 'the subject line is not a trailer');
    assert.deepEqual(evidence('Fix', 'Jane Doe', 'jane@anthropic.com'), [], 'people at AI companies commit with their company address');
    assert.deepEqual(evidence('Fix', 'Mona', '12345+mona@users.noreply.github.com'), []);
    assert.equal(assistantOf('Claude', 'claude@example.com'), 'Claude', 'the bare product name is the product');
  });

  it('reports every kind of evidence, once per kind and tool', () => {
    const claudeCode = 'Add a cache\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nCo-Authored-By: Claude <noreply@anthropic.com>\nCo-Authored-By: Claude <noreply@anthropic.com>';
    assert.deepEqual(
      evidence(claudeCode).map((e) => e.kind),
      ['message', 'trailer'],
    );
    assert.deepEqual(
      evidence('Fix', 'Copilot', '198982749+Copilot@users.noreply.github.com').map((e) => [e.kind, e.tool]),
      [['author', 'GitHub Copilot']],
    );
    assert.deepEqual(
      evidence('Fix', 'google-labs-jules[bot]', '161369871+google-labs-jules[bot]@users.noreply.github.com').map((e) => e.tool),
      ['Jules'],
    );
    assert.deepEqual(
      evidence('x\n\nAI-assisted: yes').map((e) => [e.kind, e.tool]),
      [['trailer', 'AI assistant']],
    );
    const note = 'src/a.ts\n  abcd1234 1-4,7\n---\n{"schema_version":"authorship/3.0.0","prompts":{"abcd1234":{"agent_id":{"tool":"cursor"}}}}';
    assert.deepEqual(
      evidence('x', 'Ann', 'a@b', note).map((e) => [e.kind, e.tool]),
      [['note', 'Cursor']],
    );
    assert.deepEqual(evidence('x', 'Ann', 'a@b', '', new Set(['h1'])).map((e) => e.kind), ['recorded']);
  });

  it('counts a git-ai note only when it attests AI lines', () => {
    assert.equal(gitAiNoteAttestsAi('src/a.ts\n  abcd 1-3\n---\n{}'), true);
    assert.equal(gitAiNoteAttestsAi('---\n{"schema_version":"authorship/3.0.0","prompts":{}}'), false);
    assert.equal(gitAiNoteAttestsAi(''), false);
    assert.equal(gitAiNoteAttestsAi('some other tool wrote this'), true, 'another format under refs/notes/ai still counts');
    // The byte-level reader used on real notes says the same.
    for (const note of ['src/a.ts\n  abcd 1-3\n---\n{}', '---\n{"schema_version":"authorship/3.0.0","prompts":{}}', '', '  \n', 'some other tool wrote this', 'src/a.ts\r\n  abcd 1-3\r\n---\r\n{}']) {
      assert.equal(summarizeGitAiNote(enc.encode(note)).attestsAi, gitAiNoteAttestsAi(note), JSON.stringify(note));
    }
  });
});

describe('history: parsing git log -p --unified=0', () => {
  const log =
    header('a'.repeat(40), { message: 'first\n\nbody with\ndiff --git a/fake b/fake\n' }) +
    '\n' +
    'diff --git a/b.bin b/b.bin\nnew file mode 100644\nindex 0000000..87ae6b6\nBinary files /dev/null and b/b.bin differ\n' +
    'diff --git a/x y.txt b/x y.txt\nnew file mode 100644\nindex 0000000..de98044\n--- /dev/null\n+++ b/x y.txt\t\n@@ -0,0 +1,3 @@\n+a\n+--- b\n+c\n' +
    header('b'.repeat(40), { parents: 'a'.repeat(40), time: 1_700_086_400 }) +
    '\n' +
    'diff --git a/b.bin b/b.bin\nindex 87ae6b6..22f6b3b 100644\nBinary files a/b.bin and b/b.bin differ\n' +
    'diff --git a/empty b/empty\nnew file mode 100644\nindex 0000000..e69de29\n' +
    'diff --git a/x y.txt b/z.txt\nsimilarity index 57%\nrename from x y.txt\nrename to z.txt\nindex de98044..f8f7a32 100644\n--- a/x y.txt\t\n+++ b/z.txt\n@@ -2 +2 @@ a\n-b\n+B\n@@ -3,0 +4 @@ c\n+d\n\\ No newline at end of file\n' +
    header('c'.repeat(40), { parents: `${'b'.repeat(40)} ${'d'.repeat(40)}`, message: "Merge branch 'topic'\n" }) +
    '\n' +
    'diff --git a/z.txt b/z.txt\nindex f8f7a32..1111111 100644\n--- a/z.txt\n+++ b/z.txt\n@@ -1,2 +0,0 @@\n-a\n-B\n' +
    'diff --git a/b.bin b/b.bin\ndeleted file mode 100644\nindex 22f6b3b..0000000\nBinary files a/b.bin and /dev/null differ\n' +
    'diff --git "a/t\\303\\251st\\t.txt" "b/t\\303\\251st\\t.txt"\nnew file mode 100644\n--- /dev/null\n+++ "b/t\\303\\251st\\t.txt"\n@@ -0,0 +1 @@\n+x\n' +
    header('e'.repeat(40), { parents: 'c'.repeat(40) }) +
    '\ndiff --git a/z.txt b/z.txt\ndeleted file mode 100644\n--- a/z.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-c\n-d\n\\ No newline at end of file\n';

  const expected = [
    {
      hash: 'a'.repeat(40),
      parents: [],
      message: 'first\n\nbody with\ndiff --git a/fake b/fake',
      files: [
        { oldPath: null, newPath: 'b.bin', binary: true, copy: false, hunks: [] },
        { oldPath: null, newPath: 'x y.txt', binary: false, copy: false, hunks: [0, 0, 1, 3] },
      ],
    },
    {
      hash: 'b'.repeat(40),
      parents: ['a'.repeat(40)],
      message: 'subject',
      files: [
        { oldPath: 'b.bin', newPath: 'b.bin', binary: true, copy: false, hunks: [] },
        { oldPath: null, newPath: 'empty', binary: false, copy: false, hunks: [] },
        { oldPath: 'x y.txt', newPath: 'z.txt', binary: false, copy: false, hunks: [2, 1, 2, 1, 3, 0, 4, 1] },
      ],
    },
    {
      hash: 'c'.repeat(40),
      parents: ['b'.repeat(40), 'd'.repeat(40)],
      message: "Merge branch 'topic'",
      files: [
        { oldPath: 'z.txt', newPath: 'z.txt', binary: false, copy: false, hunks: [1, 2, 0, 0] },
        { oldPath: 'b.bin', newPath: null, binary: true, copy: false, hunks: [] },
        { oldPath: null, newPath: 'tést\t.txt', binary: false, copy: false, hunks: [0, 0, 1, 1] },
      ],
    },
    { hash: 'e'.repeat(40), parents: ['c'.repeat(40)], message: 'subject', files: [{ oldPath: 'z.txt', newPath: null, binary: false, copy: false, hunks: [1, 2, 0, 0] }] },
  ];

  it('reads commits, renames, binary files, deletions, merges, quoted paths and missing final newlines', () => {
    const { commits, parser } = parse(log);
    assert.deepEqual(parser.warnings, []);
    assert.deepEqual(
      commits.map((c) => ({ hash: c.hash, parents: c.parents, message: c.message, files: c.files })),
      expected,
    );
    assert.equal(commits[1]!.authorTime, 1_700_086_400_000);
  });

  it('gives the same result however the output is split into chunks', () => {
    const whole = parse(log).commits;
    for (const sizes of [[1], [2, 3], [7], [64, 1, 13]]) assert.deepEqual(parse(log, sizes).commits, whole, `chunks of ${sizes.join(',')}`);
  });

  it('skips a content line of megabytes without holding it, across chunks', () => {
    const long = 'x'.repeat(4_000_000);
    const text = header('a'.repeat(40)) + `\ndiff --git a/min.js b/min.js\nnew file mode 100644\n--- /dev/null\n+++ b/min.js\n@@ -0,0 +1,2 @@\n+${long}\n+${long}\n` + header('b'.repeat(40)) + '\ndiff --git a/y b/y\nnew file mode 100644\n--- /dev/null\n+++ b/y\n@@ -0,0 +1 @@\n+y\n';
    const { commits, parser } = parse(text, [65_536]);
    assert.deepEqual(parser.warnings, []);
    assert.deepEqual(
      commits.map((c) => c.files.map((f) => [f.newPath, f.hunks])),
      [[['min.js', [0, 0, 1, 2]]], [['y', [0, 0, 1, 1]]]],
    );
  });

  it('treats submodule pointers as having no lines', () => {
    const text =
      header('a'.repeat(40)) +
      '\ndiff --git a/lib b/lib\nnew file mode 160000\nindex 0000000..1234567\n--- /dev/null\n+++ b/lib\n@@ -0,0 +1 @@\n+Subproject commit 1234567890123456789012345678901234567890\n' +
      header('b'.repeat(40)) +
      '\ndiff --git a/lib b/lib\nindex 1234567..89abcde 160000\n--- a/lib\n+++ b/lib\n@@ -1 +1 @@\n-Subproject commit 1234567890123456789012345678901234567890\n+Subproject commit 89abcde890123456789012345678901234567890\n';
    const { commits } = parse(text);
    assert.deepEqual(
      commits.map((c) => c.files.map((f) => f.binary)),
      [[true], [true]],
    );
    const retro = new HistoryRetrospective();
    retro.push(enc.encode(text));
    assert.equal(retro.finish().other.linesAdded, 0);
  });

  it('warns with the output line of what it cannot read, and goes on', () => {
    const text = header('a'.repeat(40)) + '\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -zz +1 @@\n+q\n' + header('b'.repeat(40)) + '\ndiff --git a/y b/y\nnew file mode 100644\n--- /dev/null\n+++ b/y\n@@ -0,0 +1 @@\n+y\n';
    const { commits, parser } = parse(text);
    assert.equal(commits.length, 2);
    assert.equal(parser.warnings.length, 1);
    assert.match(parser.warnings[0]!.message, /hunk header git did not write/);
    assert.equal(parser.warnings[0]!.line, 7);
    assert.deepEqual(commits[1]!.files[0]!.hunks, [0, 0, 1, 1]);
  });

  it('unquotes C-quoted paths', () => {
    assert.equal(unquotePath('"a\\\\b\\"c\\n"'), 'a\\b"c\n');
    assert.equal(unquotePath('plain'), 'plain');
  });
});

describe('history: line origins', () => {
  it('follows lines through inserts, replacements, renames, copies and deletions', () => {
    const o = new LineOrigins();
    const removed: [number, boolean][] = [];
    const sink = (origin: number, rewritten: boolean) => removed.push([origin, rewritten]);
    assert.equal(o.apply(0, { oldPath: null, newPath: 'a', binary: false, copy: false, hunks: [0, 0, 1, 5] }, sink), 5);
    // Replace line 2, insert two lines after line 4, delete line 5.
    o.apply(1, { oldPath: 'a', newPath: 'a', binary: false, copy: false, hunks: [2, 1, 2, 1, 4, 0, 5, 2, 5, 1, 7, 0] }, sink);
    assert.deepEqual(o.origins('a'), [0, 1, 0, 0, 1, 1]);
    assert.deepEqual(removed, [
      [0, true],
      [0, false],
    ]);
    o.apply(2, { oldPath: 'a', newPath: 'b', binary: false, copy: false, hunks: [] }, sink);
    assert.deepEqual(o.origins('a'), []);
    o.apply(3, { oldPath: 'b', newPath: 'c', binary: false, copy: true, hunks: [1, 1, 0, 0] }, sink);
    assert.deepEqual(o.origins('b'), [0, 1, 0, 0, 1, 1]);
    assert.deepEqual(o.origins('c'), [1, 0, 0, 1, 1]);
    removed.length = 0;
    o.apply(4, { oldPath: 'b', newPath: null, binary: false, copy: false, hunks: [1, 6, 0, 0] }, sink);
    assert.deepEqual(removed.map(([origin]) => origin), [0, 1, 0, 0, 1, 1]);
    assert.equal(o.fileCount, 1);
    assert.equal(o.inconsistencies, 0);
  });

  it('fills lines it never saw with an unknown origin and charges nobody for them', () => {
    const o = new LineOrigins();
    const removed: number[] = [];
    o.apply(0, { oldPath: 'old', newPath: 'old', binary: false, copy: false, hunks: [3, 1, 3, 2] }, (origin) => removed.push(origin));
    assert.deepEqual(o.origins('old'), [UNKNOWN_ORIGIN, UNKNOWN_ORIGIN, 0, 0]);
    assert.deepEqual(removed, []);
    assert.equal(o.inconsistencies, 1);
  });
});

describe('history: the retrospective', () => {
  it('compares churn of AI-assisted and other commits, counting a commit only when the history goes on long enough after it', () => {
    const day = 86_400;
    const t0 = 1_700_000_000;
    const text =
      header('a'.repeat(40), { time: t0, message: 'AI adds\n\nCo-authored-by: Claude <noreply@anthropic.com>\n' }) +
      '\ndiff --git a/f b/f\nnew file mode 100644\n--- /dev/null\n+++ b/f\n@@ -0,0 +1,4 @@\n+1\n+2\n+3\n+4\n' +
      header('b'.repeat(40), { time: t0 + day, message: 'human adds\n' }) +
      '\ndiff --git a/g b/g\nnew file mode 100644\n--- /dev/null\n+++ b/g\n@@ -0,0 +1,2 @@\n+1\n+2\n' +
      // 5 days later: two AI lines rewritten, one deleted.
      header('c'.repeat(40), { time: t0 + 5 * day, message: 'rework\n' }) +
      '\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n-1\n-2\n+x\n@@ -4 +3,0 @@\n-4\n' +
      // 20 days after the AI commit: its last line goes (counts for 30 days, not 14).
      header('d'.repeat(40), { time: t0 + 20 * day, message: 'later\n' }) +
      '\ndiff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -2 +1,0 @@\n-3\n';
    const retro = new HistoryRetrospective();
    retro.push(enc.encode(text));
    const r = retro.finish();
    assert.equal(r.judgedAt, (t0 + 20 * day) * 1000, 'judged at the newest commit');
    assert.equal(r.commitsScanned, 4);
    assert.equal(r.ai.commits, 1);
    assert.equal(r.ai.linesAdded, 4);
    assert.deepEqual(r.ai.windows[0], { days: 14, eligibleCommits: 1, eligibleLinesAdded: 4, rewritten: 2, deleted: 1, share: 0.75 });
    assert.deepEqual(r.ai.windows[1], { days: 30, eligibleCommits: 0, eligibleLinesAdded: 0, rewritten: 0, deleted: 0, share: null }, 'the history goes on only 20 days after it');
    assert.equal(r.other.commits, 3);
    assert.deepEqual(r.other.windows[0], { days: 14, eligibleCommits: 2, eligibleLinesAdded: 3, rewritten: 0, deleted: 0, share: 0 }, 'the newest commit has no history after it');
    assert.equal(r.aiCommits[0]!.subject, 'AI adds');
    assert.deepEqual(r.aiCommits[0]!.windows, [
      { days: 14, eligible: true, churned: 3 },
      { days: 30, eligible: false, churned: 4 },
    ]);
    assert.deepEqual(r.evidenceCounts, { trailer: 1, author: 0, message: 0, review: 0, note: 0, recorded: 0, branch: 0 });
    assert.deepEqual(r.assistants, [{ tool: 'Claude', commits: 1 }]);
    // What the panel and the command line are given.
    const message = historyHostToWebviewSchema.parse({ type: 'result', view: toHistoryView(r, 'repo') });
    assert.deepEqual(message.view.topAiCommits, [{ short: 'aaaaaaaa', subject: 'AI adds', linesAdded: 4, windows: r.aiCommits[0]!.windows }]);
    const report = formatHistoryReport(r);
    assert.match(report, /AI-assisted commits +1 +4 +75% of 4 lines +no commit old enough\n/);
    assert.match(report, /GitClear/);
  });

  it('leaves lock files and merge commits out of the comparison', () => {
    const text =
      header('a'.repeat(40)) +
      '\ndiff --git a/package-lock.json b/package-lock.json\nnew file mode 100644\n--- /dev/null\n+++ b/package-lock.json\n@@ -0,0 +1,3 @@\n+1\n+2\n+3\n' +
      header('b'.repeat(40), { parents: 'a'.repeat(40) + ' ' + 'f'.repeat(40) }) +
      '\ndiff --git a/m b/m\nnew file mode 100644\n--- /dev/null\n+++ b/m\n@@ -0,0 +1,2 @@\n+1\n+2\n';
    const retro = new HistoryRetrospective();
    retro.push(enc.encode(text));
    const r = retro.finish();
    assert.equal(r.other.commits, 1);
    assert.equal(r.other.linesAdded, 0);
    assert.equal(r.merges.commits, 1);
    assert.equal(r.merges.linesAdded, 2);
  });
});

function git(cwd: string, args: string[], input?: string): string {
  const r = spawnSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

describe('history: against a brute-force reference on real git repositories', function () {
  this.timeout(120_000);

  for (const seed of [1, 7, 42, 2024]) {
    it(`random edit history ${seed}${seed === 42 ? ' with merges' : ''}: the same figures as the reference`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), `deliberate-history-${seed}-`));
      git(dir, ['init', '-q', '-b', 'main']);
      const chunks: string[] = [];
      const history = generateHistory({ commits: seed === 2024 ? 800 : 150 + seed, seed, meanGapHours: 30, files: 6, fileLines: 25, noteShare: 0.1, mergeShare: seed === 42 ? 0.3 : 0 }, (c) => chunks.push(c));
      git(dir, ['fast-import', '--quiet'], chunks.join(''));
      const newest = Math.max(...history.commits.map((c) => c.time));
      const result = await reviewRepositoryHistory(dir, { trust: PERSON_RAN_IT });
      assert.equal(result.judgedAt, newest, 'windows are judged at the newest commit');
      const reference = history.reference(newest, [14, 30]);
      assert.equal(result.commitsScanned, history.commits.length);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.inconsistencies, 0);
      for (const name of ['ai', 'other'] as const) {
        const got = result[name];
        const want = reference[name];
        assert.equal(got.commits, want.commits, `${name} commits`);
        assert.equal(got.linesAdded, want.linesAdded, `${name} lines added`);
        assert.deepEqual(
          got.windows.map((w) => ({ days: w.days, eligibleCommits: w.eligibleCommits, eligibleLinesAdded: w.eligibleLinesAdded, churned: w.rewritten + w.deleted })),
          want.windows,
          `${name} windows`,
        );
      }
      assert.ok(reference.ai.windows[0]!.churned > 0 && reference.other.windows[1]!.churned > 0, 'the history has churn to find');
      assert.equal(result.evidenceCounts.note, history.commits.filter((c) => c.ai && c.note).length, 'git-ai notes that attest AI lines are read, empty ones are not');
      const aiMerges = history.commits.filter((c) => c.ai && c.merge).length;
      assert.equal(result.evidenceCounts.branch, aiMerges, 'merges of AI-assisted branches');
      if (seed === 42) assert.ok(aiMerges > 0 && result.other.commits > history.commits.filter((c) => !c.ai && !c.merge).length, 'the history has merges on both sides');
    });
  }

  it('explains a folder that is not a repository and a repository without commits', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'deliberate-history-empty-'));
    await assert.rejects(reviewRepositoryHistory(empty, { trust: PERSON_RAN_IT }), (e: unknown) => e instanceof HistoryReviewError && e.reason === 'notRepository');
    git(empty, ['init', '-q']);
    await assert.rejects(reviewRepositoryHistory(empty, { trust: PERSON_RAN_IT }), (e: unknown) => e instanceof HistoryReviewError && e.reason === 'noCommits');
  });

  it('stops git and says so when cancelled', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-history-cancel-'));
    git(dir, ['init', '-q', '-b', 'main']);
    const chunks: string[] = [];
    generateHistory({ commits: 400, seed: 3 }, (c) => chunks.push(c));
    git(dir, ['fast-import', '--quiet'], chunks.join(''));
    const controller = new AbortController();
    const review = reviewRepositoryHistory(dir, {
      trust: PERSON_RAN_IT,
      signal: controller.signal,
      onProgress: (done) => {
        if (done > 0) controller.abort();
      },
    });
    await assert.rejects(review, (e: unknown) => e instanceof HistoryReviewError && e.reason === 'cancelled');
  });

  it('reads notes under refs/notes/ai only, never the default notes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-history-notes-'));
    git(dir, ['init', '-q', '-b', 'main']);
    const chunks: string[] = [];
    generateHistory({ commits: 5, seed: 9, aiShare: 0, noteShare: 0 }, (c) => chunks.push(c));
    git(dir, ['fast-import', '--quiet'], chunks.join(''));
    git(dir, ['notes', 'add', '-m', 'an ordinary note without a divider', 'HEAD']);
    const plain = await reviewRepositoryHistory(dir, { trust: PERSON_RAN_IT });
    assert.equal(plain.ai.commits, 0, 'a note in refs/notes/commits is not git-ai');
    git(dir, ['notes', '--ref=ai', 'add', '-m', 'src/x.ts\n  abcd 1-2\n---\n{}', 'HEAD~1']);
    const withAi = await reviewRepositoryHistory(dir, { trust: PERSON_RAN_IT });
    assert.equal(withAi.ai.commits, 1);
    assert.deepEqual(withAi.aiCommits[0]!.evidence.map((e) => e.kind), ['note']);
  });

  it('sorts merge commits by what their branches bring in: all AI, none AI, or mixed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-history-merges-'));
    const t0 = Date.UTC(2025, 0, 1);
    let clock = 0;
    const commit = (message: string, file: string, lines: number) => {
      const at = `${Math.floor((t0 + clock++ * DAY_MS) / 1000)} +0000`;
      spawnSync('sh', ['-c', `seq -f "${file} line %g" ${lines} > ${file} && git add ${file}`], { cwd: dir });
      const r = spawnSync('git', ['-c', 'user.name=Pat', '-c', 'user.email=pat@example.com', '-c', 'commit.gpgsign=false', 'commit', '-q', '-m', message], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    const merge = (branch: string) => {
      const at = `${Math.floor((t0 + clock++ * DAY_MS) / 1000)} +0000`;
      const r = spawnSync('git', ['-c', 'user.name=Pat', '-c', 'user.email=pat@example.com', 'merge', '-q', '--no-ff', '-m', `Merge ${branch}`, branch], { cwd: dir, env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at }, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
    };
    const ai = 'AI work\n\nCo-authored-by: Claude <noreply@anthropic.com>';
    git(dir, ['init', '-q', '-b', 'main']);
    commit('start', 'base.txt', 3);
    git(dir, ['checkout', '-q', '-b', 'all-ai']);
    commit(ai, 'a1.txt', 4);
    commit(ai, 'a2.txt', 5);
    git(dir, ['checkout', '-q', 'main']);
    merge('all-ai');
    git(dir, ['checkout', '-q', '-b', 'human']);
    commit('human work', 'h1.txt', 6);
    git(dir, ['checkout', '-q', 'main']);
    merge('human');
    git(dir, ['checkout', '-q', '-b', 'mixed']);
    commit(ai, 'm1.txt', 7);
    commit('human fix', 'm2.txt', 8);
    git(dir, ['checkout', '-q', 'main']);
    merge('mixed');
    const r = await reviewRepositoryHistory(dir, { trust: PERSON_RAN_IT });
    assert.equal(r.commitsScanned, 4, 'first parent only');
    assert.deepEqual([r.ai.commits, r.ai.linesAdded], [1, 9]);
    assert.deepEqual([r.other.commits, r.other.linesAdded], [2, 3 + 6]);
    assert.deepEqual([r.merges.commits, r.merges.linesAdded], [1, 15]);
    assert.deepEqual(r.aiCommits[0]!.evidence, [{ kind: 'branch', tool: 'Claude', detail: 'merged branch of 2 AI-assisted commits' }]);
    assert.equal(r.evidenceCounts.branch, 1);
  });
});

describe('history: what a merge brings in', () => {
  it('counts the commits reachable from the other parents and not from the first, once each', () => {
    // m1 -- x -- M1 -- M2   (mainline)
    //   \       /    /
    //    b1 -- b2    /       b2 also merged again by M2 (already introduced)
    //             \ /
    //              c1
    const g = new Map<string, CommitNode>([
      ['m1', { parents: [], aiTools: [] }],
      ['x', { parents: ['m1'], aiTools: [] }],
      ['b1', { parents: ['m1'], aiTools: ['Claude'] }],
      ['b2', { parents: ['b1'], aiTools: ['Cursor'] }],
      ['M1', { parents: ['x', 'b2'], aiTools: [] }],
      ['c1', { parents: ['b2'], aiTools: [] }],
      ['M2', { parents: ['M1', 'c1'], aiTools: [] }],
    ]);
    assert.deepEqual(mainlineOf('M2', g), ['m1', 'x', 'M1', 'M2']);
    const intro = mergeIntroductions(mainlineOf('M2', g), g);
    assert.deepEqual(intro.get('M1'), { introduced: 2, aiIntroduced: 2, tools: ['Claude', 'Cursor'] });
    assert.deepEqual(intro.get('M2'), { introduced: 1, aiIntroduced: 0, tools: [] });
  });
});

describe('deliberate history (command line)', function () {
  this.timeout(60_000);
  const cli = path.resolve(__dirname, '../../..', 'dist', 'cli.js');
  const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it('prints the comparison as text or JSON, and explains bad input', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deliberate-history-cli-'));
    git(dir, ['init', '-q', '-b', 'main']);
    const chunks: string[] = [];
    const history = generateHistory({ commits: 60, seed: 5, start: Date.UTC(2024, 0, 1), meanGapHours: 30 }, (c) => chunks.push(c));
    git(dir, ['fast-import', '--quiet'], chunks.join(''));
    const json = run(['history', '--repo', dir, '--json']);
    assert.equal(json.status, 0, json.stderr);
    const result = JSON.parse(json.stdout);
    assert.equal(result.commitsScanned, 60);
    assert.equal(result.ai.commits, history.commits.filter((c) => c.ai).length);
    assert.ok(result.commitsPerSecond > 0);
    const text = run(['history', `--repo=${dir}`]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^Commits scanned \(current branch, first parent\): 60, 2024-01-01 to /);
    assert.match(text.stdout, /AI-assisted commits +\d+ +\d+ +[\d.]+% of [\d,]+ lines/);
    const notRepo = run(['history', '--repo', os.tmpdir()]);
    assert.equal(notRepo.status, 1);
    assert.match(notRepo.stderr, /is not in a git repository/);
    const usage = run(['history', '--bogus']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /unknown option --bogus/);
  });
});


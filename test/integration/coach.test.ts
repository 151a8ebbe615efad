import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import type { Attribution } from '../../src/core/attribution/classifier';
import type { Nudge } from '../../src/core/coach/coach';
import type { MetricEvent } from '../../src/core/metrics';
import type { HistoryReviewResult } from '../../src/core/history/retrospective';
import { acceptInlineSuggestion, closeAllEditors, deliberateApi, ObservationLog, sleep, waitFor, workspaceRoot, writeWorkspaceFile } from './helpers';

/**
 * The coach in real VS Code: a scripted scenario (a multi-line inline suggestion accepted,
 * then saved) produces exactly the expected nudge; its actions run; "not useful" retires
 * the kind; the commit hint comes for AI code that never ran, outside the budget; the daily budget holds.
 */
describe('coach nudges', function () {
  this.timeout(120_000);
  const disposables: vscode.Disposable[] = [];
  const nudges: Nudge[] = [];
  const metrics: MetricEvent[] = [];
  let log: ObservationLog;
  const attributions: Attribution[] = [];
  const config = () => vscode.workspace.getConfiguration('deliberate');
  const KEYS = ['coach.largeBurstLines', 'coach.minutesBetweenNudges', 'coach.dailyBudget', 'coach.preset'];

  before(async () => {
    const api = await deliberateApi();
    log = new ObservationLog(api);
    disposables.push(log, api.onDidNudge((n) => nudges.push(n)), api.onDidEmitMetric((m) => metrics.push(m)), api.onDidAttribute((a) => attributions.push(a)));
    await vscode.commands.executeCommand('deliberate.resetCoach');
  });
  after(async () => {
    for (const k of KEYS) await config().update(k, undefined, vscode.ConfigurationTarget.Global);
    disposables.splice(0).forEach((d) => d.dispose());
    await closeAllEditors();
  });

  /** Writes `prefix` and a line break to a file and accepts a multi-line inline suggestion after the prefix. */
  const acceptSuggestion = (file: string, prefix: string, suggestion: string) => acceptInlineSuggestion(log, disposables, file, prefix, '\n', suggestion);

  /**
   * Twelve-line suggestions against a 10-line threshold. (Settings updates write the user
   * settings file, which code-server keeps open as a document; Deliberate ignores the user
   * data folder, see the observations test, so those writes are not AI edits.)
   */
  const suggestion = (name: string) =>
    `export function ${name}(xs: number[]): number {\n  let total = 0;\n  for (const x of xs) {\n    if (Number.isNaN(x)) {\n      continue;\n    }\n    total += x;\n  }\n  // done\n  const result = total;\n  return result;\n}`;

  /** Stages and commits one file; returns the new HEAD. */
  function commit(file: string): string {
    const cwd = workspaceRoot().fsPath;
    execFileSync('git', ['add', file], { cwd });
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', 'commit', '-q', '-m', `coach test ${file}`], { cwd });
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
  }

  it('a large AI change saved: exactly one largeBurst nudge; its actions run; "not useful" retires the kind; the commit hint at each unrun commit; the budget holds', async () => {
    const api = await deliberateApi();
    const used = api.coachState().usedToday;
    // Budget: one slot, for the large-burst nudge (the commit hint is outside the budget).
    await config().update('coach.preset', 'standard', vscode.ConfigurationTarget.Global);
    await config().update('coach.largeBurstLines', 10, vscode.ConfigurationTarget.Global);
    await config().update('coach.minutesBetweenNudges', 0, vscode.ConfigurationTarget.Global);
    await config().update('coach.dailyBudget', used + 1, vscode.ConfigurationTarget.Global);
    const prefix = '// coach scenario\n';
    const first = await acceptSuggestion(`src/coach-sum-${Date.now()}.ts`, prefix, suggestion('sum'));
    const mark = nudges.length;
    await sleep(2500); // more than 2 s after the last change: a save is a breakpoint the coach may use
    await first.document.save();
    const nudge = await waitFor('the large-burst nudge', () => nudges.slice(mark).find((n) => n.kind === 'largeBurst'), 10_000).catch((error: Error) => {
      throw new Error(`${error.message}; attributions: ${JSON.stringify(attributions.map((a) => [a.doc, a.t, a.label, a.basis]))}; nudges ${JSON.stringify(nudges)}; metrics ${JSON.stringify(metrics)}; state ${JSON.stringify(api.coachState())}`);
    });
    assert.deepEqual(
      nudges.slice(mark).map((n) => ({ kind: n.kind, doc: n.doc, actions: n.actions })),
      [{ kind: 'largeBurst', doc: first.docId, actions: ['showDiff', 'markReviewed', 'notUseful', 'snooze'] }],
      JSON.stringify({ nudge, opens: log.ofType('doc.open').map((o) => [o.doc, o.path]), changes: log.ofType('doc.change').map((c) => [c.doc, c.t, c.changes.map((x) => x.text.length)]) }),
    );
    assert.match(nudge.message, /^AI just wrote 12 lines across 1 file in one go\./);
    assert.match(nudge.evidence.source, /DORA/);

    // The hover and the CodeLens on the AI code say what they know.
    const inside = first.document.positionAt(prefix.length + 20);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', first.document.uri, inside);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(hoverText, /AI-written (just now|\d+ min ago) · not run yet/);
    assert.match(hoverText, /\[Mark reviewed\]\(command:deliberate\.markReviewed/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', first.document.uri);
    assert.deepEqual(lenses.map((l) => l.command?.title.replace(/AI-written .*/, 'AI-written …')), ['$(sparkle) AI-written …', 'Mark reviewed', 'Run tests', 'That was me']);

    // "Show AI changes": a diff against the text before the suggestion, from memory.
    await vscode.commands.executeCommand('deliberate.nudgeAction', nudge.id, 'showDiff');
    const tab = await waitFor('the diff editor', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'deliberate-before');
    assert.equal((await vscode.workspace.openTextDocument(tab.original)).getText(), `${prefix}\n`);
    assert.equal(tab.modified.toString(), first.document.uri.toString());

    // "Mark reviewed": the hover and lenses go away.
    await vscode.commands.executeCommand('deliberate.nudgeAction', nudge.id, 'markReviewed');
    const after = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', first.document.uri, inside);
    assert.ok(!after.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.includes('AI-written'))));
    assert.deepEqual(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', first.document.uri), []);

    // "Not useful" retires the kind.
    await vscode.commands.executeCommand('deliberate.nudgeAction', nudge.id, 'notUseful');
    assert.equal(api.coachState().kinds.largeBurst?.retired, true);
    assert.deepEqual(
      metrics.filter((m) => m.kind === 'nudge').slice(-4).map((m) => (m.kind === 'nudge' ? m.action : '')),
      ['shown', 'acted', 'acted', 'notUseful'],
    );

    // A second large change: the retired kind stays silent; committing it unrun brings the hint.
    const secondFile = `src/coach-mean-${Date.now()}.ts`;
    const second = await acceptSuggestion(secondFile, '// second\n', suggestion('mean'));
    await sleep(2500);
    await second.document.save();
    await sleep(3000);
    assert.deepEqual(nudges.slice(mark + 1).map((n) => n.kind), []);
    commit(secondFile);
    const hint = await waitFor('the hint for AI code committed unrun', () => nudges.slice(mark + 1).find((n) => n.kind === 'unrunAtCommit'), 20_000);
    assert.ok(hint.docs.includes(second.docId));
    assert.ok(hint.actions.includes('runTests'));
    assert.equal(api.coachState().usedToday, used + 1, 'the commit hint used none of the budget');

    // Bring the retired kind back: a third large change is due a large-burst nudge, but the
    // budget is spent, so none shows. Committing it unrun still brings the hint.
    await vscode.commands.executeCommand('deliberate.resetCoach');
    const thirdFile = `src/coach-max-${Date.now()}.ts`;
    const third = await acceptSuggestion(thirdFile, '// third\n', suggestion('max'));
    await sleep(2500);
    await third.document.save();
    await sleep(3000);
    assert.deepEqual(nudges.slice(mark + 2).map((n) => n.kind), [], 'the budget holds every budgeted nudge');
    commit(thirdFile);
    const thirdHint = await waitFor('the hint for the third unrun commit', () => nudges.slice(mark + 2).find((n) => n.kind === 'unrunAtCommit'), 20_000);
    assert.ok(thirdHint.docs.includes(third.docId));
    // The control: one more slot, and the fourth large change brings a budgeted nudge again (it
    // was the budget that held them). Usually the large-burst one; after a long run of other
    // tests the older unrun AI code may come first, which proves the same.
    await config().update('coach.dailyBudget', used + 2, vscode.ConfigurationTarget.Global);
    const mark4 = nudges.length;
    const fourthFile = `src/coach-min-${Date.now()}.ts`;
    const fourth = await acceptSuggestion(fourthFile, '// fourth\n', suggestion('min'));
    await sleep(2500);
    await fourth.document.save();
    const control = await waitFor('a budgeted nudge once the budget allows it', () => nudges.slice(mark4).find((n) => n.kind !== 'unrunAtCommit'), 20_000);
    assert.ok(['largeBurst', 'unrunAiCode'].includes(control.kind), control.kind);
    assert.equal(api.coachState().usedToday, used + 2);

    // Today's habit summary counts those commits of unrun AI code, with the evidence.
    const validate = api.habits().find((h) => h.habit === 'validate')!;
    const figure = validate.figures.find((f) => f.id === 'ranBeforeCommit')!;
    assert.match(figure.evidence, /^\d+ run, ([3-9]|\d\d+) not$/);
    assert.ok(figure.value !== null && figure.value < 1);
    assert.match(validate.source, /Claude Code expertise study/);
    const decompose = api.habits().find((h) => h.habit === 'decompose')!;
    assert.ok((decompose.figures.find((f) => f.id === 'medianBurstLines')!.value ?? 0) > 0);
  });

  it('"Run tests" runs the team\'s command in a terminal, and the run covers the AI code', async () => {
    const api = await deliberateApi();
    const command = 'node -e "process.exit(0)" --deliberate-coach-test';
    await config().update('validation.commands', [command], vscode.ConfigurationTarget.Global);
    try {
      await acceptSuggestion(`src/coach-run-${Date.now()}.ts`, '// run me\n', suggestion('run'));
      await waitFor('AI code not yet run', () => ((api.coachStatus()?.unrun ?? 0) > 0 ? true : undefined), 5_000);
      await vscode.commands.executeCommand('deliberate.runTests');
      const run = await waitFor('the test command seen through shell integration', () => log.ofType('terminal.exec').find((o) => o.commandLine.includes('--deliberate-coach-test')), 30_000);
      assert.equal(run.phase, 'start');
      assert.ok(vscode.window.terminals.some((t) => t.name === 'Deliberate: tests'));
      await waitFor('every AI edit covered by a run', () => (api.coachStatus()?.unrun === 0 ? true : undefined), 5_000);
      await waitFor('a run metric of kind test', () => metrics.find((m) => m.kind === 'run' && m.run === 'test' && m.coveredAiEdits > 0), 15_000);
    } finally {
      await config().update('validation.commands', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('staging a file with AI code that never ran brings the hint before any commit (git extension API)', async () => {
    const api = await deliberateApi();
    await config().update('coach.dailyBudget', api.coachState().usedToday + 1, vscode.ConfigurationTarget.Global);
    const file = `src/coach-staged-${Date.now()}.ts`;
    const { document, docId } = await acceptSuggestion(file, '// staged\n', suggestion('staged'));
    await sleep(2500);
    await document.save();
    const mark = nudges.length;
    const cwd = workspaceRoot().fsPath;
    execFileSync('git', ['add', file], { cwd });
    try {
      const hint = await waitFor('the hint when the file is staged', () => nudges.slice(mark).find((n) => n.kind === 'unrunAtCommit'), 20_000);
      assert.match(hint.message, /^\d+ AI edits? \(\d+ lines? in \d+ files?\) (is|are) staged without a test, build or lint run since written\. Run them before you commit\?$/);
      assert.ok(hint.docs.includes(docId));
    } finally {
      execFileSync('git', ['reset', '-q', '--', file], { cwd });
    }
  });

  it('"That was me" on the CodeLens: the edit stops counting as AI (marks, unrun count, fates) and a relabel metric records it', async () => {
    const api = await deliberateApi();
    const inputs: string[] = [];
    disposables.push(api.onDidInput(({ input }) => inputs.push(input.type)));
    const { document, docId } = await acceptSuggestion(`src/coach-mine-${Date.now()}.ts`, '// mine\n', suggestion('mine'));
    const lens = await waitFor('the "That was me" lens above the AI code', async () =>
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri)).find((l) => l.command?.title === 'That was me'),
    );
    const edits = (lens.command!.arguments![0] as { edits: number[] }).edits;
    assert.ok(edits.length >= 1);
    assert.ok(api.fates().some((f) => f.doc === docId && edits.includes(f.i)), 'followed as AI before');
    const mark = metrics.length;
    await vscode.commands.executeCommand(lens.command!.command, ...lens.command!.arguments!);
    const relabel = await waitFor('the relabel metric', () => metrics.slice(mark).find((m) => m.kind === 'relabel'));
    assert.deepEqual(relabel.kind === 'relabel' ? [relabel.assistant, relabel.lines, relabel.fate] : [], ['inline', 12, null]);
    assert.ok(inputs.includes('label.correct'), 'the correction is a session input (a trace replays it)');
    assert.ok(!api.fates().some((f) => f.doc === docId && edits.includes(f.i)), 'no longer followed as AI');
    assert.deepEqual(await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri), []);
    const inside = document.positionAt('// mine\n'.length + 20);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, inside);
    assert.ok(!hovers.some((h) => h.contents.some((c) => typeof c !== 'string' && 'value' in c && c.value.includes('AI-written'))));
  });

  it('the commit preview (off by default): a line in the commit message box with the AI share, removable, read back by the history review', async () => {
    await deliberateApi();
    const git = vscode.extensions.getExtension<{ getAPI(v: 1): { repositories: { rootUri: vscode.Uri; inputBox: { value: string }; state: { indexChanges: { uri: vscode.Uri }[] }; commit(message: string): Promise<void> }[] } }>('vscode.git');
    assert.ok(git, 'the built-in git extension');
    const repo = await waitFor('the workspace repository in the git extension', () => (git.isActive ? git.exports.getAPI(1).repositories.find((r) => r.rootUri.fsPath === workspaceRoot().fsPath) : undefined), 20_000);
    const cwd = workspaceRoot().fsPath;
    const stage = async (file: string) => {
      execFileSync('git', ['add', file], { cwd });
      await waitFor(`${file} staged in the git extension`, () => (repo.state.indexChanges.some((c) => c.uri.fsPath.endsWith(file)) ? true : undefined), 20_000);
    };
    type Preview = { enabled: boolean; repositories: { root: string; line: string | null; shown: string | null; declined: boolean }[] };
    const preview = async () => (await vscode.commands.executeCommand<Preview>('deliberate.commitPreview')).repositories.find((r) => r.root === repo.rootUri.toString())!;

    // Off by default: staging AI code puts nothing in the box.
    assert.equal(config().inspect('commit.aiTrailer')?.defaultValue, false);
    repo.inputBox.value = '';
    const offFile = `src/coach-off-${Date.now()}.ts`;
    const off = await acceptSuggestion(offFile, '// off\n', suggestion('off'));
    await off.document.save();
    await stage(offFile);
    const before = await preview();
    assert.match(before.line ?? '', /^AI-assisted: \d+% of added lines \(inline \d+%\) \[Deliberate\]$/, 'there would be something to say');
    assert.deepEqual([before.shown, repo.inputBox.value], [null, ''], 'but nothing is put in the box');
    execFileSync('git', ['reset', '-q', '--', offFile], { cwd });

    await config().update('commit.aiTrailer', true, vscode.ConfigurationTarget.Global);
    try {
      const file = `src/coach-trailer-${Date.now()}.ts`;
      const ai = await acceptSuggestion(file, '// trailer\n', suggestion('trailer'));
      await ai.document.save();
      await stage(file);
      // 12 AI lines of 13 non-blank added lines (the comment is the person's).
      const line = 'AI-assisted: 92% of added lines (inline 92%) [Deliberate]';
      await waitFor('the preview line in the commit message box', () => (repo.inputBox.value.endsWith(line) ? true : undefined), 20_000);
      assert.equal(repo.inputBox.value, `\n\n${line}`);
      // The person writes the subject above it and commits through the git extension.
      repo.inputBox.value = `Add the trailer sum\n\n${line}`;
      await repo.commit(repo.inputBox.value);
      const head = execFileSync('git', ['log', '-1', '--format=%B'], { cwd, encoding: 'utf8' });
      assert.equal(head.trim(), `Add the trailer sum\n\n${line}`);
      const review = await vscode.commands.executeCommand<HistoryReviewResult | undefined>('deliberate.reviewHistory', workspaceRoot());
      const reviewed = review?.aiCommits.find((c) => c.subject === 'Add the trailer sum');
      assert.ok(reviewed, 'the history review counts the commit as AI-assisted');
      assert.ok(reviewed.evidence.some((e) => e.kind === 'trailer' && e.detail === 'Deliberate: 92% of added lines (inline 92%)'), JSON.stringify(reviewed.evidence));

      // The next commit: the person deletes the line; staging more does not put it back.
      const nextFile = `src/coach-trailer2-${Date.now()}.ts`;
      const next = await acceptSuggestion(nextFile, '// again\n', suggestion('again'));
      await next.document.save();
      await stage(nextFile);
      await waitFor('the line for the next commit', () => (repo.inputBox.value.includes('[Deliberate]') ? true : undefined), 20_000);
      repo.inputBox.value = 'Only my words';
      const humanFile = `src/coach-human-${Date.now()}.ts`;
      await writeWorkspaceFile(humanFile, 'export const mine = 1;\n');
      await stage(humanFile);
      const after = await preview();
      assert.equal(after.declined, true);
      assert.equal(repo.inputBox.value, 'Only my words', 'never put back once the person took it out');
      execFileSync('git', ['reset', '-q', '--', nextFile, humanFile], { cwd });
    } finally {
      await config().update('commit.aiTrailer', undefined, vscode.ConfigurationTarget.Global);
      repo.inputBox.value = '';
    }
  });
});

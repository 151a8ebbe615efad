import * as vscode from 'vscode';
import { CATALOGUE } from '../core/coach/catalogue';
import type { Nudge } from '../core/coach/coach';
import type { NudgeExplanation } from '../core/coach/explain';
import { habitSummary, type HabitSummary } from '../core/coach/habits';
import { resetKinds, type CoachState, type CoachStore } from '../core/coach/policy';
import { SettledStateStore } from '../core/coach/stateStore';
import { LOCAL_TIME } from '../shared/localTime';
import { invalidTeamPatterns } from '../core/fate/validation';
import { Emitter } from '../core/emitter';
import type { MetricEvent } from '../core/metrics';
import type { DocId } from '../core/observation';
import type { SessionOutput } from '../core/session';
import { AiCodeMarks } from './aiCodeMarks';
import { setCommandContext } from './commandContext';
import { Disposable } from './disposable';
import { showHabits } from './habitsPage';
import type { DocumentIds } from './documentIds';
import { BUILTIN_PACK_ID } from './exercises';
import { CommitTrailer } from './commitTrailer';
import { presentNudge, type NudgeChoice } from './nudgePresenter';
import type { SessionHost } from './sessionHost';
import type { CommandConsent } from './commandConsent';
import { readCoachSettings, readValidationCommand, type CoachSettingsView } from './settings';

const STATE_KEY = 'deliberate.coach.state';
const BEFORE_SCHEME = 'deliberate-before';
const TEST_TERMINAL = 'Deliberate: tests';
/** Lenses ("AI-written 3 min ago") and the status count are redrawn this often as time passes. */
const LENS_AGE_MS = 30_000;

/**
 * The coach's state in `globalState` (this machine, every workspace). Not read and written
 * directly: the memento's echo of one save can undo the next (see SettledStateStore).
 */
export class GlobalStateStore extends SettledStateStore {
  constructor(memento: vscode.Memento, warn?: (message: string) => void) {
    super({ read: () => memento.get(STATE_KEY), write: (state) => memento.update(STATE_KEY, state) }, warn);
  }
}

/** The parts of the built-in git extension's API this uses (vscode.git, API version 1). */
interface GitRepository {
  readonly state: { readonly indexChanges: readonly { readonly uri: vscode.Uri }[]; readonly onDidChange: vscode.Event<void> };
}
interface GitApi {
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}

/**
 * The coach in the editor: shows the session's nudges, runs their actions, marks unreviewed
 * AI code, counts AI lines not run in the status bar, and tells the session when files are
 * staged (the hint before a commit). Every decision is the session's (src/core/coach);
 * answers and actions go back to it as inputs, so a recorded trace replays them.
 *
 * Before-commit hint: VS Code has no pre-commit event, so this watches the built-in git
 * extension's repository state; when files are newly staged (index changes grow) the session
 * gets `git.staged` and may hint then. The hint never blocks anything; a commit made from a
 * terminal without staging first is hinted at the commit itself.
 */
export class CoachView extends Disposable {
  private readonly nudges = this._register(new Emitter<Nudge>());
  readonly onDidNudge = this.nudges.event;
  private readonly todayEvents: MetricEvent[] = [];
  private readonly marks: AiCodeMarks;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly beforeTexts = new Map<string, string>();
  private readonly beforeChanged = this._register(new vscode.EventEmitter<vscode.Uri>());
  private staged = new Set<string>();
  private lensAge: ReturnType<typeof setInterval> | undefined;
  /** The commit preview (opt-in): a line in the commit message box with the share of AI-written lines. */
  readonly trailer: CommitTrailer;

  constructor(
    private readonly host: SessionHost,
    private readonly store: CoachStore,
    private readonly ids: DocumentIds,
    private readonly log: vscode.LogOutputChannel,
    private readonly consent: CommandConsent,
  ) {
    super();
    this.marks = this._register(
      new AiCodeMarks({
        coach: () => this.host.session?.coach,
        now: () => this.host.now() ?? 0,
        ids,
        markAiCode: () => this.settings.enabled && this.settings.markAiCode,
        codeLens: () => this.settings.codeLens,
      }),
    );
    this.statusItem = this._register(vscode.window.createStatusBarItem('deliberate.coach', vscode.StatusBarAlignment.Right, 99));
    this.statusItem.name = 'Deliberate: AI code not yet run';
    this.statusItem.command = 'deliberate.showAiChanges';
    this._register(
      vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, {
        onDidChange: this.beforeChanged.event,
        provideTextDocumentContent: (uri) => this.beforeTexts.get(uri.toString()) ?? '',
      }),
    );
    const commands: [string, (...args: never[]) => unknown][] = [
      ['deliberate.nudgeAction', (id: string, action: NudgeChoice) => this.act(id, action)],
      ['deliberate.thatWasMe', (arg?: { uri?: string; edits?: unknown }) => this.thatWasMe(arg)],
      ['deliberate.markReviewed', (arg?: { uri?: string }) => this.markReviewed(this.docOf(arg))],
      ['deliberate.runTests', (command?: string) => this.runTests(typeof command === 'string' ? command : null)],
      ['deliberate.showAiChanges', (arg?: { uri?: string }) => this.showAiChanges(this.docOf(arg))],
      ['deliberate.showHabits', () => showHabits(this.habits())],
      ['deliberate.resetCoach', () => this.resetCoach()],
    ];
    for (const [id, fn] of commands) this._register(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
    this._register(host.onDidOutput((o) => this.onOutput(o)));
    this._register(host.onDidInput(({ input }) => {
      if (input.type === 'doc.change' || input.type === 'git' || input.type === 'terminal.exec' || input.type === 'task' || input.type === 'debug' || input.type === 'review' || input.type === 'label.correct') this.marks.refresh();
      if (input.type === 'label.correct') this.renderStatus();
    }));
    this.trailer = this._register(new CommitTrailer(host, ids, log));
    this._register(host.onDidStart(() => this.render()));
    // "AI-written 3 min ago" in the lenses and the count of lines not run age with the clock.
    this.lensAge = setInterval(() => this.render(), LENS_AGE_MS);
    this._register({ dispose: () => clearInterval(this.lensAge) });
    this.warnInvalidPatterns();
    void this.watchStaging();
  }

  private get settings(): CoachSettingsView {
    return readCoachSettings();
  }

  /** The coach settings changed: warn about patterns that match nothing, redraw. */
  applySettings(): void {
    this.warnInvalidPatterns();
    this.render();
  }

  private warnInvalidPatterns(): void {
    const bad = invalidTeamPatterns(this.settings.validationCommands);
    if (bad.length === 0) return;
    const message = `Deliberate: these entries of deliberate.validation.commands are not valid regular expressions and match nothing: ${bad.join(', ')}`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  private onOutput(o: SessionOutput): void {
    switch (o.kind) {
      case 'nudge':
        this.show(o.nudge);
        break;
      case 'metric': {
        const today = LOCAL_TIME.day(Date.now());
        while (this.todayEvents.length > 0 && LOCAL_TIME.day(this.todayEvents[0]!.at) !== today) this.todayEvents.shift();
        if (this.todayEvents.length < 50_000) this.todayEvents.push(o.event);
        break;
      }
      case 'attribution':
        this.marks.refresh();
        this.renderStatus();
        break;
      default:
        break;
    }
  }

  private show(n: Nudge): void {
    this.log.info(`Nudge ${n.id} (${n.kind}): ${n.message}`);
    this.nudges.fire(n);
    void presentNudge(n, (action) => void this.act(n.id, action), {
      explain: () => this.explain(n.id),
      openStudy: () => void this.openStudy(n),
    });
  }

  /** "Why?" of a nudge: what the person did (its edits by file, time and size), one line of evidence, the study. */
  explain(id: string): NudgeExplanation | undefined {
    return this.host.session?.coach.explain(id, (doc) => this.nameOf(doc));
  }

  private nameOf(doc: DocId): string {
    const uri = this.ids.uriOf(doc);
    return uri === undefined ? 'a file no longer open' : vscode.workspace.asRelativePath(uri, false);
  }

  /**
   * The study behind a nudge, one click away: Deliberate's own evidence page at the habit's
   * section when it is there (`deliberate.showEvidence`), else the study's public page in the
   * browser (the person's click; Deliberate itself requests nothing).
   */
  private async openStudy(n: Nudge): Promise<void> {
    const habit = CATALOGUE[n.kind].habit;
    if ((await vscode.commands.getCommands(true)).includes('deliberate.showEvidence')) {
      await vscode.commands.executeCommand('deliberate.showEvidence', habit);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(n.evidence.study.url));
  }

  /** Runs a nudge's action and tells the session the answer (buttons, hovers and tests come through here). */
  async act(id: string, action: NudgeChoice): Promise<void> {
    const nudge = this.host.session?.coach.nudge(id);
    if (nudge === undefined) return;
    switch (action) {
      case 'dismissed':
        this.host.control({ type: 'nudge.answer', nudge: id, action: 'dismissed' });
        return;
      case 'thatWasMe':
        // Not an answer to the nudge (it was wrong about the person, not unwanted): a correction.
        this.correct(nudge.edits);
        return;
      case 'practise': {
        const exercise = CATALOGUE[nudge.kind].exercise;
        if (exercise !== undefined) await vscode.commands.executeCommand('deliberate.startExercise', BUILTIN_PACK_ID, exercise);
        break;
      }
      case 'notUseful':
        this.host.control({ type: 'nudge.answer', nudge: id, action: 'notUseful' });
        return;
      case 'snooze':
        this.host.control({ type: 'nudge.answer', nudge: id, action: 'snoozed' });
        return;
      case 'markReviewed':
        this.host.control({ type: 'review', nudge: id });
        break;
      case 'runTests':
        await this.runTests(nudge.runCommand);
        break;
      case 'showDiff':
        await this.showAiChanges(nudge.doc ?? undefined);
        break;
    }
    this.host.control({ type: 'nudge.answer', nudge: id, action: 'acted' });
    this.render();
  }

  /**
   * "That was me" on a mark, a CodeLens or from the palette: `edits` named, else the AI edits
   * under the cursor, else (after asking) every AI edit marked in the file.
   */
  private async thatWasMe(arg: { uri?: string; edits?: unknown } | undefined): Promise<void> {
    const coach = this.host.session?.coach;
    if (coach === undefined) return;
    if (Array.isArray(arg?.edits) && arg.edits.every((k) => typeof k === 'number')) {
      this.correct(arg.edits as number[]);
      return;
    }
    const doc = this.docOf(arg);
    const editor = vscode.window.activeTextEditor;
    if (doc === undefined) return;
    const live = coach.signals.liveEdits(doc);
    const at = editor !== undefined && this.ids.peek(editor.document.uri) === doc ? editor.document.offsetAt(editor.selection.active) : -1;
    const here = live.filter((l) => l.ranges.some((r) => at >= r.start && at <= r.end)).map((l) => l.edit.i);
    if (here.length > 0) {
      this.correct(here);
      return;
    }
    if (live.length === 0) {
      void vscode.window.showInformationMessage('Deliberate: nothing in this file is counted as AI-written.');
      return;
    }
    const all = `Count All ${live.length} as Mine`;
    const ok = await vscode.window.showInformationMessage(`Deliberate counts ${live.length} edit${live.length === 1 ? '' : 's'} in this file as AI-written. Were they yours?`, { modal: true }, all);
    if (ok === all) this.correct(live.map((l) => l.edit.i));
  }

  /** The correction goes to the session (an input, so a trace replays it); it stays on this machine. */
  private correct(edits: readonly number[]): void {
    if (edits.length === 0) return;
    this.host.control({ type: 'label.correct', edits: [...edits] });
    this.render();
    void vscode.window.showInformationMessage(`Deliberate: noted. ${edits.length === 1 ? 'That edit counts' : `Those ${edits.length} edits count`} as yours now, in every figure (on this machine only).`);
  }

  private docOf(arg: { uri?: string } | undefined): DocId | undefined {
    const uri = typeof arg?.uri === 'string' ? vscode.Uri.parse(arg.uri) : vscode.window.activeTextEditor?.document.uri;
    return uri === undefined ? undefined : this.ids.peek(uri);
  }

  private uriOf(doc: DocId): vscode.Uri | undefined {
    return vscode.workspace.textDocuments.find((d) => this.ids.peek(d.uri) === doc)?.uri;
  }

  private markReviewed(doc: DocId | undefined): void {
    if (doc === undefined) return;
    this.host.control({ type: 'review', doc });
    this.render();
  }

  /**
   * The team's command, else the one given, else the last test command seen, else the
   * workspace's test task. Nothing runs that the person has not seen: a command that came
   * from the workspace or a team profile (or from whoever called the command with one) is
   * shown and asked about first; their own is shown the first time and when it changes.
   */
  private async runTests(command: string | null): Promise<void> {
    const observed = this.host.session?.coach.signals.lastValidationCommand ?? null;
    const chosen =
      readValidationCommand() ??
      (command !== null
        ? ({ command, origin: command === observed ? 'observed' : 'workspace' } as const)
        : observed !== null
          ? ({ command: observed, origin: 'observed' } as const)
          : undefined);
    if (chosen === undefined) {
      await vscode.commands.executeCommand('workbench.action.tasks.test');
      return;
    }
    if (!(await this.consent.confirmRun(chosen.command, chosen.origin))) return;
    const terminal = vscode.window.terminals.find((t) => t.name === TEST_TERMINAL && t.exitStatus === undefined) ?? vscode.window.createTerminal({ name: TEST_TERMINAL });
    terminal.show(true);
    terminal.sendText(chosen.command, true);
  }

  /** A diff of the document against its text before the unreviewed AI edits (kept in memory only). */
  private async showAiChanges(doc: DocId | undefined): Promise<void> {
    const uri = doc === undefined ? undefined : this.uriOf(doc);
    if (doc === undefined || uri === undefined) {
      void vscode.window.showInformationMessage('Deliberate: open a file with AI-written code to see its AI changes.');
      return;
    }
    const before = this.host.session?.preAiText(doc);
    if (before === undefined) {
      void vscode.window.showInformationMessage('Deliberate: no unreviewed AI changes in this file.');
      return;
    }
    const left = vscode.Uri.from({ scheme: BEFORE_SCHEME, path: uri.path, query: doc });
    this.beforeTexts.set(left.toString(), before);
    this.beforeChanged.fire(left);
    const name = uri.path.split('/').pop() ?? 'file';
    await vscode.commands.executeCommand('vscode.diff', left, uri, `${name}: before AI ↔ now`);
  }

  private async resetCoach(): Promise<void> {
    // Through the session (so a recorded trace has it); while observation is off, to the store.
    if (!this.host.control({ type: 'coach.reset' })) this.store.save(resetKinds(this.store.load()));
    void vscode.window.showInformationMessage('Deliberate: retired and snoozed nudges can show again.');
  }

  habits(): HabitSummary[] {
    return habitSummary(this.todayEvents, this.host.session?.coach.settings.largeBurstLines);
  }

  status(): { unrun: number; unreviewed: number; unrunLines: number } | undefined {
    return this.host.session?.coach.status();
  }

  state(): CoachState {
    return this.store.load();
  }

  private async watchStaging(): Promise<void> {
    try {
      const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
      if (extension === undefined) return;
      const api = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
      const watch = (repo: GitRepository) => this._register(repo.state.onDidChange(() => this.onIndex()));
      api.repositories.forEach(watch);
      this._register(api.onDidOpenRepository(watch));
      this.gitApi = api;
      this.trailer.watch(api as unknown as Parameters<CommitTrailer['watch']>[0]);
    } catch (error) {
      this.log.warn(`Deliberate: the git extension's API is not available, so there is no hint before a commit (only at it): ${String(error)}`);
    }
  }

  private gitApi: GitApi | undefined;

  /** Files newly staged: if any holds AI code that never ran, the coach may hint now. */
  private onIndex(): void {
    if (this.gitApi === undefined || !this.host.running) return;
    const staged = new Set(this.gitApi.repositories.flatMap((r) => r.state.indexChanges.map((c) => c.uri.toString())));
    const added = [...staged].filter((u) => !this.staged.has(u));
    this.staged = staged;
    if (added.length === 0) return;
    const docs = added.map((u) => this.ids.peek(vscode.Uri.parse(u))).filter((d): d is DocId => d !== undefined);
    if (docs.length > 0) this.host.control({ type: 'git.staged', docs });
  }

  private render(): void {
    this.marks.refresh();
    this.renderStatus();
  }

  private renderStatus(): void {
    const s = this.status();
    setCommandContext('deliberate.unreviewedAiCode', s !== undefined && (s.unrun > 0 || s.unreviewed > 0));
    if (s === undefined || s.unrun === 0 || !this.settings.enabled) {
      this.statusItem.hide();
      return;
    }
    this.statusItem.text = `$(sparkle) ${s.unrunLines} AI line${s.unrunLines === 1 ? '' : 's'} not run`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**AI-written code not yet run:** ${s.unrun} edit${s.unrun === 1 ? '' : 's'}, ${s.unrunLines} lines.  \n`);
    md.appendMarkdown(`Not yet looked at or reviewed: ${s.unreviewed}.  \n`);
    const state = this.store.load();
    const used = state.day === LOCAL_TIME.day(Date.now()) ? state.usedToday : 0;
    md.appendMarkdown(`Nudges today: ${used} of ${this.host.session?.coach.settings.dailyBudget ?? 0}.\n\n`);
    md.appendMarkdown('Click to see the AI changes of this file as a diff.');
    this.statusItem.tooltip = md;
    this.statusItem.show();
  }
}

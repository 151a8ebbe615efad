import * as vscode from 'vscode';
import type { Attribution } from '../core/attribution/classifier';
import type { NudgeActionId } from '../core/coach/catalogue';
import { Coach, type Nudge } from '../core/coach/coach';
import { habitSummary, type HabitSummary } from '../core/coach/habits';
import { reviveState, resetKinds, type CoachState, type CoachStore } from '../core/coach/policy';
import { LOCAL_TIME } from '../shared/localTime';
import { PreAiTexts } from '../core/coach/preAiText';
import { invalidTeamPatterns } from '../core/fate/validation';
import { Emitter } from '../core/emitter';
import type { MetricEvent, MetricSink } from '../core/metrics';
import type { DocId, Observation } from '../core/observation';
import { AiCodeMarks } from './aiCodeMarks';
import { setCommandContext } from './commandContext';
import { Disposable } from './disposable';
import { showHabits } from './habitsPage';
import type { DocumentIds } from './documentIds';
import { presentNudge } from './nudgePresenter';
import { readCoachSettings, type CoachSettingsView } from './settings';

const STATE_KEY = 'deliberate.coach.state';
const BEFORE_SCHEME = 'deliberate-before';
const TEST_TERMINAL = 'Deliberate: tests';
/** The coach is advanced on this clock so pauses and burst ends are noticed without new events. */
const TICK_MS = 1000;


/** The coach's state in `globalState` (this machine, every workspace). */
class GlobalStateStore implements CoachStore {
  constructor(private readonly memento: vscode.Memento) {}
  load(): CoachState {
    return reviveState(this.memento.get(STATE_KEY));
  }
  save(state: CoachState): void {
    void this.memento.update(STATE_KEY, state);
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

export interface CoachHost {
  readonly ids: DocumentIds;
  /** Stream time now, or undefined when observation is off. */
  now(): number | undefined;
  readonly sink: MetricSink;
  readonly log: vscode.LogOutputChannel;
}

/**
 * The coach in the extension: feeds it the stream, advances it on a clock, shows its nudges,
 * runs their actions, keeps its state in globalState, marks unreviewed AI code, and hints
 * before a commit when staged files hold AI code that never ran. Policy lives in the core.
 *
 * Before-commit hint: VS Code has no pre-commit event, so this watches the built-in git
 * extension's repository state; when files are newly staged (index changes grow) and any
 * holds AI code that no run covered, the coach gets `staged` and may hint then. The hint
 * never blocks anything; a commit made from a terminal without staging first is hinted at
 * the commit itself.
 */
export class CoachService extends Disposable {
  private coach: Coach | undefined;
  private readonly preAi = new PreAiTexts();
  private settings: CoachSettingsView = readCoachSettings();
  private readonly store: CoachStore;
  private readonly nudges = this._register(new Emitter<Nudge>());
  readonly onDidNudge = this.nudges.event;
  private readonly todayEvents: MetricEvent[] = [];
  private tick: ReturnType<typeof setInterval> | undefined;
  private readonly marks: AiCodeMarks;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly beforeTexts = new Map<string, string>();
  private readonly beforeChanged = this._register(new vscode.EventEmitter<vscode.Uri>());
  private staged = new Set<string>();

  constructor(context: vscode.ExtensionContext, private readonly host: CoachHost) {
    super();
    this.store = new GlobalStateStore(context.globalState);
    this.marks = this._register(
      new AiCodeMarks({
        coach: () => this.coach,
        now: () => this.host.now() ?? 0,
        ids: host.ids,
        markAiCode: () => this.settings.enabled && this.settings.markAiCode,
        codeLens: () => this.settings.codeLens,
      }),
    );
    this.statusItem = this._register(vscode.window.createStatusBarItem('deliberate.coach', vscode.StatusBarAlignment.Right, 99));
    this.statusItem.name = 'Deliberate: AI code not yet run';
    this.statusItem.command = 'deliberate.showAiChanges';
    this._register({ dispose: () => this.tick !== undefined && clearInterval(this.tick) });
    this._register(
      vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, {
        onDidChange: this.beforeChanged.event,
        provideTextDocumentContent: (uri) => this.beforeTexts.get(uri.toString()) ?? '',
      }),
    );
    const commands: [string, (...args: never[]) => unknown][] = [
      ['deliberate.nudgeAction', (id: string, action: NudgeActionId | 'dismissed') => this.act(id, action)],
      ['deliberate.markReviewed', (arg?: { uri?: string }) => this.markReviewed(this.docOf(arg))],
      ['deliberate.runTests', (command?: string) => this.runTests(typeof command === 'string' ? command : null)],
      ['deliberate.showAiChanges', (arg?: { uri?: string }) => this.showAiChanges(this.docOf(arg))],
      ['deliberate.showHabits', () => showHabits(this.habits())],
      ['deliberate.resetCoach', () => this.resetCoach()],
    ];
    for (const [id, fn] of commands) this._register(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
    this.warnInvalidPatterns();
    void this.watchStaging();
  }

  private warnInvalidPatterns(): void {
    const bad = invalidTeamPatterns(this.settings.validationCommands);
    if (bad.length === 0) return;
    const message = `Deliberate: these entries of deliberate.validation.commands are not valid regular expressions and match nothing: ${bad.join(', ')}`;
    this.host.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  /** Observation (re)started: a fresh coach on the new stream clock. */
  start(): void {
    const now = this.host.now() ?? 0;
    this.coach = new Coach({
      settings: this.settings,
      store: this.store,
      local: LOCAL_TIME,
      startEpochMs: Date.now() - now,
      sink: { emit: (e) => this.emit(e) },
      onNudge: (n) => this.show(n),
      warn: (m) => this.host.log.warn(`Deliberate coach settings: ${m}`),
    });
    if (this.tick === undefined) this.tick = setInterval(() => this.advance(), TICK_MS);
    this.render();
  }

  stop(): void {
    const now = this.host.now();
    // Settle and emit what is open, but show nothing: the person just switched observation off.
    if (this.coach !== undefined && now !== undefined) this.coach.flush(now, false);
    this.coach = undefined;
    if (this.tick !== undefined) clearInterval(this.tick);
    this.tick = undefined;
    this.render();
  }

  applySettings(): void {
    this.settings = readCoachSettings();
    this.warnInvalidPatterns();
    this.coach?.updateSettings(this.settings);
    this.render();
  }

  observe(i: number, o: Observation): void {
    this.preAi.observe(i, o);
    this.coach?.observe(i, o);
    if (o.type === 'doc.change' || o.type === 'git' || o.type === 'terminal.exec' || o.type === 'task' || o.type === 'debug') this.marks.refresh();
  }

  attribute(a: Attribution): void {
    this.preAi.attribute(a.i, a.label, a.doc);
    this.coach?.attribute(a);
    this.marks.refresh();
    this.renderStatus();
  }

  private advance(): void {
    const now = this.host.now();
    if (this.coach === undefined || now === undefined) return;
    this.coach.advance(now);
    this.renderStatus();
    // "AI-written 3 min ago" in the lenses ages even when nothing changes.
    if (++this.ticks % 30 === 0) this.marks.refresh();
  }

  private ticks = 0;

  private emit(e: MetricEvent): void {
    const today = LOCAL_TIME.day(Date.now());
    while (this.todayEvents.length > 0 && LOCAL_TIME.day(this.todayEvents[0]!.at) !== today) this.todayEvents.shift();
    if (this.todayEvents.length < 50_000) this.todayEvents.push(e);
    this.host.sink.emit(e);
  }

  private show(n: Nudge): void {
    this.host.log.info(`Nudge ${n.id} (${n.kind}): ${n.message}`);
    this.nudges.fire(n);
    void presentNudge(n, (action) => void this.act(n.id, action));
  }

  /** Runs a nudge's action and records the answer (buttons, hovers and tests come through here). */
  async act(id: string, action: NudgeActionId | 'dismissed'): Promise<void> {
    const coach = this.coach;
    const nudge = coach?.nudge(id);
    const now = this.host.now();
    if (coach === undefined || nudge === undefined || now === undefined) return;
    switch (action) {
      case 'dismissed':
        coach.respond(id, 'dismissed', now);
        return;
      case 'notUseful':
        coach.respond(id, 'notUseful', now);
        return;
      case 'snooze':
        coach.respond(id, 'snoozed', now);
        return;
      case 'markReviewed':
        coach.markReviewed(now, { nudge: id });
        for (const d of nudge.docs) this.preAi.clear(d);
        break;
      case 'runTests':
        await this.runTests(nudge.runCommand);
        break;
      case 'showDiff':
        await this.showAiChanges(nudge.doc ?? undefined);
        break;
    }
    coach.respond(id, 'acted', now);
    this.render();
  }

  private docOf(arg: { uri?: string } | undefined): DocId | undefined {
    const uri = typeof arg?.uri === 'string' ? vscode.Uri.parse(arg.uri) : vscode.window.activeTextEditor?.document.uri;
    return uri === undefined ? undefined : this.host.ids.peek(uri);
  }

  private uriOf(doc: DocId): vscode.Uri | undefined {
    return vscode.workspace.textDocuments.find((d) => this.host.ids.peek(d.uri) === doc)?.uri;
  }

  private markReviewed(doc: DocId | undefined): number {
    const now = this.host.now();
    if (this.coach === undefined || now === undefined || doc === undefined) return 0;
    const n = this.coach.markReviewed(now, { doc });
    this.preAi.clear(doc);
    this.render();
    return n;
  }

  /** The team's command, else the one given, else the last test command seen, else the workspace's test task. */
  private async runTests(command: string | null): Promise<void> {
    const team = this.settings.validationCommands.find((c) => c.trim() !== '' && !c.trim().startsWith('/'));
    const line = team ?? command ?? this.coach?.signals.lastValidationCommand ?? null;
    if (line === null) {
      await vscode.commands.executeCommand('workbench.action.tasks.test');
      return;
    }
    const terminal = vscode.window.terminals.find((t) => t.name === TEST_TERMINAL && t.exitStatus === undefined) ?? vscode.window.createTerminal({ name: TEST_TERMINAL });
    terminal.show(true);
    terminal.sendText(line, true);
  }

  /** A diff of the document against its text before the unreviewed AI edits (kept in memory only). */
  private async showAiChanges(doc: DocId | undefined): Promise<void> {
    const uri = doc === undefined ? undefined : this.uriOf(doc);
    if (doc === undefined || uri === undefined) {
      void vscode.window.showInformationMessage('Deliberate: open a file with AI-written code to see its AI changes.');
      return;
    }
    const before = this.preAi.baseline(doc);
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
    this.store.save(resetKinds(this.store.load()));
    void vscode.window.showInformationMessage('Deliberate: retired and snoozed nudges can show again.');
  }

  habits(): HabitSummary[] {
    return habitSummary(this.todayEvents, this.coach?.settings.largeBurstLines);
  }

  status(): { unrun: number; unreviewed: number; unrunLines: number } | undefined {
    return this.coach?.status();
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
    } catch (error) {
      this.host.log.warn(`Deliberate: the git extension's API is not available, so there is no hint before a commit (only at it): ${String(error)}`);
    }
  }

  private gitApi: GitApi | undefined;

  /** Files newly staged: if any holds AI code that never ran, the coach may hint now. */
  private onIndex(): void {
    const now = this.host.now();
    if (this.gitApi === undefined || this.coach === undefined || now === undefined) return;
    const staged = new Set(this.gitApi.repositories.flatMap((r) => r.state.indexChanges.map((c) => c.uri.toString())));
    const added = [...staged].filter((u) => !this.staged.has(u));
    this.staged = staged;
    if (added.length === 0) return;
    const docs = added.map((u) => this.host.ids.peek(vscode.Uri.parse(u))).filter((d): d is DocId => d !== undefined);
    if (docs.length > 0) this.coach.staged(now, docs);
  }

  private render(): void {
    this.marks.refresh();
    this.renderStatus();
  }

  private renderStatus(): void {
    const s = this.coach?.status();
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
    md.appendMarkdown(`Nudges today: ${used} of ${this.coach?.settings.dailyBudget ?? 0}.\n\n`);
    md.appendMarkdown('Click to see the AI changes of this file as a diff.');
    this.statusItem.tooltip = md;
    this.statusItem.show();
  }
}

/**
 * Composition root: wires the VS Code adapters to the pure core. Everything created here
 * hangs off one root disposable that VS Code disposes on deactivation.
 */
import * as vscode from 'vscode';
import { ActivityTally, type ActivitySnapshot } from './core/activityTally';
import { EditClassifier, type Attribution } from './core/attribution/classifier';
import { FateTracker, type AiEditFate } from './core/fate/fateTracker';
import { Emitter } from './core/emitter';
import { MetricDeriver } from './core/metricDeriver';
import type { MetricEvent, MetricSink } from './core/metrics';
import type { GitEvent, Observation } from './core/observation';
import type { ProgressModel } from './core/progress/progressModel';
import type { Clock } from './core/ports';
import type { Nudge } from './core/coach/coach';
import type { HabitSummary } from './core/coach/habits';
import type { CoachState } from './core/coach/policy';
import { ActivityPanel } from './adapters/activityPanel';
import { CoachService } from './adapters/coachService';
import { showCommandMenu } from './adapters/commandMenu';
import { Disposable } from './adapters/disposable';
import { inspectCommit } from './adapters/commitInspection';
import { deleteData, exportData, openDataFolder, type ExportOptions } from './adapters/dataCommands';
import { DocumentIds, ignoreOwnDocuments } from './adapters/documentIds';
import { registerPages } from './adapters/evidence';
import { EditorObservations } from './adapters/editorObservations';
import { FatePersistence } from './adapters/fatePersistence';
import { HistoryReview } from './adapters/historyReview';
import { showHookSetup } from './adapters/hookSetup';
import { MetricStore } from './adapters/metricStore';
import { ProgressView } from './adapters/progressView';
import { ExerciseView } from './adapters/exerciseView';
import { Exercises } from './adapters/exercises';
import { createScratchWorkspace, type ScratchOptions } from './adapters/scratchWorkspace';
import { readSettings, SETTINGS_SECTION, useSettingsLayer } from './adapters/settings';
import { TeamProfileLayer, workspaceTrust } from './adapters/teamProfile';
import type { ExerciseSnapshot } from './core/exercises/exerciseRun';
import type { JsonProblem } from './core/jsonProblems';
import type { ExerciseMetric } from './core/metrics';
import type { Effective } from './core/profile/precedence';
import { StatusBar } from './adapters/statusBar';
import { TraceRecorder, type RecordOptions } from './adapters/traceRecorder';

/** What Deliberate exports to other extensions (and to its own integration tests). */
export interface DeliberateApi {
  readonly apiVersion: 1;
  /** Every observation, as the core receives it. */
  onDidObserve(listener: (observation: Observation) => void): vscode.Disposable;
  /** Every settled attribution (label and confidence of a document change). */
  onDidAttribute(listener: (attribution: Attribution) => void): vscode.Disposable;
  isObserving(): boolean;
  activity(): ActivitySnapshot;
  /** The fate of every AI edit of this session so far (and those restored from before a reload): retention, outcome, commit. */
  fates(): AiEditFate[];
  /** Metric events as they are derived (counts only, never code): what the local store keeps. */
  onDidEmitMetric(listener: (event: MetricEvent) => void): vscode.Disposable;
  /** Saves the AI edits still followed, as a window reload would; resolves when written. */
  persistFates(): Promise<void>;
  /** The local metric store: producers emit MetricEvents into it; the progress view reads it. */
  readonly metrics: MetricsApi;
  /** Guided exercises: the current one, and its metric events (for the local store and progress view). */
  readonly exercises: {
    current(): ExerciseSnapshot | undefined;
    /** The packs offered now (deliberate.exercises.packs, the profile's packs included): ids and exercise ids. */
    offered(): Promise<{ id: string; source: 'built-in' | 'team'; exercises: string[] }[]>;
    onDidEmit(listener: (metric: ExerciseMetric) => void): vscode.Disposable;
    start(pack: string, exercise: string): Promise<ExerciseSnapshot | undefined>;
    stop(): Promise<void>;
  };
  /** The team profile layered under the person's settings. */
  readonly profile: {
    /** The value of `deliberate.<key>` that applies, and where it came from. */
    effective<T>(key: string): Effective<T>;
    problems(): { folder: string; problems: readonly JsonProblem[] }[];
    onDidChange(listener: () => void): vscode.Disposable;
    /** Resolves once the profile files on disk have been read. */
    ready(): Promise<void>;
  };
  /** Every nudge the coach shows. */
  onDidNudge(listener: (nudge: Nudge) => void): vscode.Disposable;
  /** Today's habit summary: figures with the evidence behind them. */
  habits(): HabitSummary[];
  /** The coach's remembered state: today's budget used, answers per nudge kind. */
  coachState(): CoachState;
  /** AI code of this session not yet run or reviewed. */
  coachStatus(): { unrun: number; unreviewed: number; unrunLines: number } | undefined;
}

export interface MetricsApi extends MetricSink {
  /** Appends one event; false when it was invalid or could not be written (the log says why). */
  record(event: MetricEvent): boolean;
  progress(): Promise<ProgressModel>;
  dataFolder(): string;
  /** Milliseconds from opening the progress view to its first paint with data, newest first. */
  firstPaints(): number[];
}

/** The status bar and panel refresh at most this often; observation itself is never delayed. */
const RENDER_INTERVAL_MS = 250;
/** While the classifier waits for evidence, it is advanced on this clock so changes settle within about a second. */
const SETTLE_TICK_MS = 250;
/** Followed AI edits are saved at most this often while they change, and when observation stops. */
const PERSIST_INTERVAL_MS = 10_000;

const systemClock: Clock = { now: () => Date.now() };

class Deliberate extends Disposable {
  private readonly log = this._register(vscode.window.createOutputChannel('Deliberate', { log: true }));
  private readonly observations = this._register(new Emitter<Observation>((error) => this.log.error('An observation listener failed', error)));
  private readonly attributions = this._register(new Emitter<Attribution>((error) => this.log.error('An attribution listener failed', error)));
  private readonly metricEvents = this._register(new Emitter<MetricEvent>((error) => this.log.error('A metric listener failed', error)));
  private readonly persistence: FatePersistence;
  private deriver: MetricDeriver | undefined;
  private fatesDirty = false;
  private persistTimer: ReturnType<typeof setInterval> | undefined;
  private readonly ids = new DocumentIds();
  private readonly tally = new ActivityTally();
  private classifier: EditClassifier;
  private fate = new FateTracker();
  private index = 0;
  private settleTimer: ReturnType<typeof setInterval> | undefined;
  private readonly recorder: TraceRecorder;
  private readonly statusBar = this._register(new StatusBar());
  private readonly panel: ActivityPanel;
  private readonly metricStore: MetricStore;
  private readonly progressView: ProgressView;
  private source: EditorObservations | undefined;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly profile: TeamProfileLayer;
  private readonly exercises: Exercises;
  private readonly coach: CoachService;

  constructor(context: vscode.ExtensionContext) {
    super();
    this.panel = this._register(new ActivityPanel(context.extensionUri, this.log, { uriOf: (doc) => this.ids.uriOf(doc), now: () => this.source?.now() }));
    ignoreOwnDocuments(context);
    // Read-only pages (evidence, today's habits, hook setup) and deliberate.showEvidence.
    this._register(registerPages(context, this.log));
    // Settings read through the team profile: the person's own settings win, then the profile, then defaults.
    this.profile = this._register(new TeamProfileLayer(workspaceTrust, this.log));
    useSettingsLayer(this.profile);
    this._register({ dispose: () => useSettingsLayer(undefined) });
    this.exercises = this._register(new Exercises(context, this.profile, { currentState: () => this.source?.currentState() ?? [] }, this.log));
    const exerciseView = this._register(new ExerciseView(context.extensionUri, this.exercises, this.log));
    // Exercise steps and completions are kept in the local store with the other metric events.
    this._register(this.exercises.onDidEmit((m) => this.metricEvents.fire(m)));
    this.metricStore = this._register(new MetricStore(context.globalStorageUri, systemClock, this.log));
    this.progressView = this._register(new ProgressView(context.extensionUri, this.metricStore, this.log));
    // Every derived metric event is kept in the local store.
    this._register(this.metricEvents.event((e) => this.metricStore.record(e)));
    this._register(vscode.commands.registerCommand('deliberate.showProgress', () => this.progressView.showPanel()));
    this._register(vscode.commands.registerCommand('deliberate.exportData', (options?: ExportOptions) => exportData(this.metricStore, systemClock.now(), options)));
    this._register(vscode.commands.registerCommand('deliberate.deleteData', (options?: { confirm?: boolean }) => deleteData(this.metricStore, options)));
    this._register(vscode.commands.registerCommand('deliberate.openDataFolder', () => openDataFolder(this.metricStore)));
    this.classifier = this.makeClassifier();
    this.coach = this._register(new CoachService(context, { ids: this.ids, now: () => this.source?.now(), sink: { emit: (e) => this.metricEvents.fire(e) }, log: this.log }));
    this._register(
      this.observations.event((o) => {
        const i = this.index++;
        this.tally.add(o, i);
        // The fate tracker and the exercise see each change before its attribution settles.
        this.fate.observe(i, o);
        this.deriver?.observe(i, o);
        this.exercises.observe(i, o);
        this.coach.observe(i, o);
        this.classifier.observe(i, o);
        // Only AI edits are saved: typing with none followed writes nothing.
        if (o.type === 'doc.change' && this.fate.following > 0) this.fatesDirty = true;
        if (o.type === 'git' && o.op === 'commit') void this.onCommit(o);
        this.ensureSettleTimer();
        this.scheduleRender();
      }),
    );
    this._register(this.attributions.event((a) => this.tally.addAttribution(a)));
    this._register(
      this.attributions.event((a) => {
        this.fate.attribute(a.i, a.label, a.t, a.doc);
        this.deriver?.attribute(a);
      }),
    );
    this.persistence = new FatePersistence(context.workspaceState, (m) => this.log.warn(m));
    this._register(this.attributions.event((a) => this.exercises.attribute(a)));
    this._register(
      vscode.commands.registerCommand('deliberate.writeTeamProfile', (options?: { folder?: vscode.Uri; overwrite?: boolean; open?: boolean }) => this.profile.writeFromSettings(options)),
    );
    this._register(
      vscode.commands.registerCommand('deliberate.startExercise', async (pack?: string, exercise?: string) => {
        const started = await this.exercises.start(pack, exercise);
        if (started !== undefined) await exerciseView.reveal();
        return started;
      }),
    );
    this._register(vscode.commands.registerCommand('deliberate.stopExercise', () => this.exercises.stop()));
    this._register(
      vscode.commands.registerCommand('deliberate.createScratchWorkspace', (options?: ScratchOptions) => createScratchWorkspace(context.globalStorageUri, this.log, options)),
    );
    this._register(this.attributions.event((a) => this.coach.attribute(a)));
    // A team profile that changes (or becomes trusted) changes the coach's effective settings.
    this._register(this.profile.onDidChange(() => this.coach.applySettings()));
    this.recorder = this._register(
      new TraceRecorder(
        {
          now: () => this.source?.now() ?? 0,
          currentState: () => this.source?.currentState() ?? [],
          subscribe: (listener) => this.observations.event(listener),
          clockNow: () => systemClock.now(),
        },
        vscode.Uri.joinPath(context.globalStorageUri, 'traces'),
        this.log,
      ),
    );
    this._register(this.recorder.onDidChangeRecording(() => this.render()));
    this._register(
      vscode.commands.registerCommand('deliberate.recordTrace', async (options?: RecordOptions) => {
        if (this.source === undefined) {
          void vscode.window.showWarningMessage('Deliberate is off, so there is nothing to record. Turn observation on first.');
          return undefined;
        }
        return this.recorder.toggle(options);
      }),
    );
    this._register(vscode.commands.registerCommand('deliberate.stopRecording', () => this.recorder.stop(true)));
    this._register(vscode.commands.registerCommand('deliberate.showHookSetup', () => showHookSetup(context.extensionPath)));
    this._register({ dispose: () => this.settleTimer !== undefined && clearInterval(this.settleTimer) });
    this._register(vscode.commands.registerCommand('deliberate.showMenu', showCommandMenu));
    // Commits Deliberate saw holding AI edits (kept in the store's rollups) count as AI-assisted too.
    const history = this._register(new HistoryReview(context.extensionUri, this.log, () => this.metricStore.aiCommitHeads()));
    this._register(vscode.commands.registerCommand('deliberate.reviewHistory', (target?: unknown) => history.run(target)));
    this._register(
      vscode.commands.registerCommand('deliberate.showActivity', () => {
        this.panel.show();
        this.render();
      }),
    );
    this._register(vscode.commands.registerCommand('deliberate.toggleObservation', () => this.toggle()));
    this._register(
      vscode.commands.registerCommand('deliberate.openSettings', () =>
        vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`),
      ),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS_SECTION)) this.applySettings();
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.coach`) || e.affectsConfiguration(`${SETTINGS_SECTION}.validation`)) this.coach.applySettings();
      }),
    );
    this._register({ dispose: () => this.stopObserving() });
    this._register({ dispose: () => this.renderTimer !== undefined && clearTimeout(this.renderTimer) });
    this.applySettings();
    this.log.info(`Deliberate ${context.extension.packageJSON.version as string} activated; observation is ${this.source ? 'on' : 'off'}.`);
  }

  readonly api: DeliberateApi = {
    apiVersion: 1,
    onDidObserve: (listener) => this.observations.event(listener),
    onDidAttribute: (listener) => this.attributions.event(listener),
    isObserving: () => this.source !== undefined,
    activity: () => this.tally.snapshot(),
    fates: () => this.fate.fates(),
    onDidEmitMetric: (listener) => this.metricEvents.event(listener),
    persistFates: () => this.persistFates(),
    metrics: {
      emit: (event) => this.metricEvents.fire(event),
      record: (event) => this.metricStore.record(event),
      progress: async () => (await this.metricStore.progress()).model,
      dataFolder: () => this.metricStore.dir,
      firstPaints: () => [...this.progressView.paints],
    },
    exercises: {
      current: () => this.exercises.snapshot(),
      offered: async () => {
        await this.exercises.ready;
        return this.exercises.offered().map(({ pack, source }) => ({ id: pack.id, source, exercises: pack.exercises.map((e) => e.id) }));
      },
      onDidEmit: (listener) => this.exercises.onDidEmit(listener),
      start: (pack, exercise) => this.exercises.start(pack, exercise),
      stop: () => this.exercises.stop(),
    },
    profile: {
      effective: <T>(key: string) => this.profile.effective<T>(key),
      problems: () => this.profile.problems(),
      onDidChange: (listener) => this.profile.onDidChange(listener),
      ready: () => this.profile.ready,
    },
    onDidNudge: (listener) => this.coach.onDidNudge(listener),
    habits: () => this.coach.habits(),
    coachState: () => this.coach.state(),
    coachStatus: () => this.coach.status(),
  };

  /** A commit landed: read what it made of the documents holding AI edits, then settle their commit fate. */
  private async onCommit(o: GitEvent): Promise<void> {
    const fate = this.fate;
    const git = this.source?.repository;
    const docs = fate.docsAwaitingCommit();
    if (git === undefined || docs.length === 0) return;
    try {
      const files = await inspectCommit(git, o.head, docs, (doc) => this.ids.uriOf(doc));
      if (fate !== this.fate) return; // observation restarted meanwhile: that session is gone
      const contained = fate.commitLanded(o.t, o.head, files);
      this.deriver?.commit(o.t, o.head, contained);
      this.drainFates();
      this.fatesDirty = true;
      this.scheduleRender();
    } catch (error) {
      this.log.warn(`Could not read commit ${o.head.slice(0, 12)} to see what it made of AI edits: ${String(error)}`);
    }
  }

  /** Fates that became final go out as metric events; the time-driven ones are found on the persist tick too. */
  private drainFates(): void {
    const t = this.source?.now() ?? 0;
    this.deriver?.fates(this.fate.drainFinal(t), t);
    this.deriver?.flush(t);
  }

  private async persistFates(): Promise<void> {
    if (this.source === undefined) return;
    const offset = this.source.startEpoch;
    const items = this.fate.persist(offset, (doc) => this.ids.uriOf(doc)?.toString());
    this.fatesDirty = false;
    await this.persistence.save(items);
  }

  private makeClassifier(): EditClassifier {
    const aiCommands = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string[]>('attribution.aiCommands', []);
    return new EditClassifier((a) => this.attributions.fire(a), { useExactSources: true, aiCommands: aiCommands.filter((c) => typeof c === 'string') });
  }

  /** Advances the classifier on the clock while it holds changes, so they settle within about a second. */
  private ensureSettleTimer(): void {
    if (this.settleTimer !== undefined || this.classifier.waiting === 0) return;
    this.settleTimer = setInterval(() => {
      if (this.source !== undefined) this.classifier.advance(this.source.now());
      if (this.classifier.waiting === 0) {
        clearInterval(this.settleTimer);
        this.settleTimer = undefined;
      }
    }, SETTLE_TICK_MS);
  }

  private applySettings(): void {
    const settings = readSettings();
    if (settings.enabled && this.source === undefined) {
      const source = new EditorObservations(
        systemClock,
        this.ids,
        (o) => this.observations.fire(o),
        (m) => this.log.warn(m),
      );
      this.source = source;
      this.deriver = new MetricDeriver({ emit: (e) => this.metricEvents.fire(e) }, source.startEpoch);
      // AI edits followed before a reload (or before observation was switched off) carry
      // on; their spans are checked against each document's text as it opens.
      const restored = this.fate.restore(this.persistence.load(), source.startEpoch, (key) => this.ids.idFor(vscode.Uri.parse(key)));
      if (restored > 0) this.log.info(`Following ${restored} AI edit(s) from before the last reload.`);
      source.start();
      this.persistTimer = setInterval(() => {
        this.drainFates();
        if (this.fatesDirty) void this.persistFates();
      }, PERSIST_INTERVAL_MS);
      this.coach.start();
    } else if (!settings.enabled) {
      void this.recorder.stop(true);
      this.stopObserving();
    }
    this.render();
  }

  private stopObserving(): void {
    if (this.source === undefined) return;
    this.classifier.flush();
    this.drainFates();
    this.deriver?.flush(this.source.now(), true);
    // Saved synchronously into the memento's cache; VS Code writes it out even on reload.
    void this.persistFates();
    clearInterval(this.persistTimer);
    this.persistTimer = undefined;
    this.deriver = undefined;
    this.coach.stop();
    this.source.dispose();
    this.source = undefined;
    // A new source starts its clock at zero: start a fresh classifier and fate tracker with it.
    this.classifier = this.makeClassifier();
    this.fate = new FateTracker();
  }

  private async toggle(): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await config.update('enabled', !readSettings().enabled, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage(readSettings().enabled ? 'Deliberate is on.' : 'Deliberate is off: it observes nothing until you turn it on.');
  }

  private scheduleRender(): void {
    if (this.renderTimer !== undefined) return;
    this.renderTimer = setTimeout(() => {
      this.renderTimer = undefined;
      this.render();
    }, RENDER_INTERVAL_MS);
  }

  private render(): void {
    const snapshot = this.tally.snapshot();
    const observing = this.source !== undefined;
    this.statusBar.render(observing, this.recorder.isRecording, snapshot);
    if (this.panel.isOpen) this.panel.update(observing, this.recorder.isRecording, snapshot, outcomeCounts(this.fate.fates()));
  }
}

function outcomeCounts(fates: readonly AiEditFate[]): Record<AiEditFate['outcome'], number> {
  const counts = { kept: 0, revised: 0, undone: 0, deleted: 0, lost: 0 };
  for (const f of fates) counts[f.outcome]++;
  return counts;
}

export function activate(context: vscode.ExtensionContext): DeliberateApi {
  const deliberate = new Deliberate(context);
  context.subscriptions.push(deliberate);
  return deliberate.api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

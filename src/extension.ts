/**
 * Composition root: wires the VS Code adapters to the pure core. Everything created here
 * hangs off one root disposable that VS Code disposes on deactivation.
 */
import * as vscode from 'vscode';
import { ActivityTally, type ActivitySnapshot } from './core/activityTally';
import type { Attribution } from './core/attribution/classifier';
import type { AiEditFate } from './core/fate/fateTracker';
import { Emitter } from './core/emitter';
import type { MetricEvent, MetricSink } from './core/metrics';
import type { Observation } from './core/observation';
import type { ProgressModel } from './core/progress/progressModel';
import type { Clock } from './core/ports';
import type { Nudge } from './core/coach/coach';
import type { HabitSummary } from './core/coach/habits';
import type { CoachState } from './core/coach/policy';
import type { SessionOutput } from './core/session';
import { isControlInput, type SessionInput, type SessionSettings } from './core/sessionInput';
import { ActivityPanel } from './adapters/activityPanel';
import { CoachView, GlobalStateStore } from './adapters/coachView';
import { showCommandMenu } from './adapters/commandMenu';
import { Disposable } from './adapters/disposable';
import { deleteData, exportData, openDataFolder, type ExportOptions } from './adapters/dataCommands';
import { DocumentIds, ignoreOwnDocuments } from './adapters/documentIds';
import { registerPages } from './adapters/evidence';
import { InlineAcceptance } from './adapters/inlineAcceptance';
import { HistoryReview } from './adapters/historyReview';
import { showHookSetup } from './adapters/hookSetup';
import { MetricStore } from './adapters/metricStore';
import { ProgressView } from './adapters/progressView';
import { ExerciseView } from './adapters/exerciseView';
import { Exercises } from './adapters/exercises';
import { createScratchWorkspace, type ScratchOptions } from './adapters/scratchWorkspace';
import { SessionHost } from './adapters/sessionHost';
import { CommandConsent } from './adapters/commandConsent';
import { readAttributionSettings, readCoachSettings, readSettings, SETTINGS_SECTION, useSettingsLayer } from './adapters/settings';
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
  /** Every input the session gets (observations and control inputs), with its index: what a trace records. */
  onDidInput(listener: (input: { readonly i: number; readonly input: SessionInput }) => void): vscode.Disposable;
  /** Every output of the session, in order (attributions, nudges, metric events, exercise steps, ...). */
  onDidOutput(listener: (output: SessionOutput) => void): vscode.Disposable;
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

const systemClock: Clock = { now: () => Date.now() };

/** The settings the session reads, from VS Code's (through the team profile layer). */
function sessionSettings(): SessionSettings {
  return { coach: readCoachSettings(), aiCommands: readAttributionSettings().aiCommands };
}

/**
 * Wiring only: the adapters feed the session host; the views render what the session says.
 * Everything created here hangs off one root disposable.
 */
class Deliberate extends Disposable {
  private readonly log = this._register(vscode.window.createOutputChannel('Deliberate', { log: true }));
  private readonly metricEvents = this._register(new Emitter<MetricEvent>((error) => this.log.error('A metric listener failed', error)));
  private readonly ids = new DocumentIds();
  private readonly host: SessionHost;
  private readonly recorder: TraceRecorder;
  private readonly statusBar = this._register(new StatusBar());
  private readonly panel: ActivityPanel;
  private readonly metricStore: MetricStore;
  private readonly progressView: ProgressView;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly profile: TeamProfileLayer;
  private readonly exercises: Exercises;
  private readonly coach: CoachView;
  private readonly coachStore: GlobalStateStore;

  constructor(context: vscode.ExtensionContext) {
    super();
    this.panel = this._register(new ActivityPanel(context.extensionUri, this.log, { uriOf: (doc) => this.ids.uriOf(doc), now: () => this.host?.now() }));
    ignoreOwnDocuments(context);
    // Read-only pages (evidence, today's habits, hook setup) and deliberate.showEvidence.
    this._register(registerPages(context, this.log));
    // Settings read through the team profile: the person's own settings win, then the profile, then defaults.
    this.profile = this._register(new TeamProfileLayer(workspaceTrust, this.log));
    useSettingsLayer(this.profile);
    this._register({ dispose: () => useSettingsLayer(undefined) });
    this.coachStore = new GlobalStateStore(context.globalState);
    this.host = this._register(
      new SessionHost({ clock: systemClock, ids: this.ids, log: this.log, workspaceState: context.workspaceState, coachStore: this.coachStore, settings: sessionSettings }),
    );
    this.metricStore = this._register(new MetricStore(context.globalStorageUri, systemClock, this.log));
    this.progressView = this._register(new ProgressView(context.extensionUri, this.metricStore, this.log));
    // Every metric event the session derives (and any recorded through the API) is kept in the local store.
    this._register(this.host.onDidOutput((o) => o.kind === 'metric' && this.metricEvents.fire(o.event)));
    this._register(this.metricEvents.event((e) => this.metricStore.record(e)));
    this._register(this.host.onDidInput(() => this.scheduleRender()));
    this.exercises = this._register(new Exercises(context, this.profile, this.host, this.log));
    const exerciseView = this._register(new ExerciseView(context.extensionUri, this.exercises, this.log));
    this.coach = this._register(new CoachView(this.host, this.coachStore, this.ids, this.log, new CommandConsent(context.globalState)));
    // Deliberate's accept keys (Tab, Ctrl+Right) note the acceptance, then run VS Code's own command.
    this._register(new InlineAcceptance((o) => this.host.observe(o), () => this.host.now(), (uri) => this.ids.peek(uri))).start();
    this.recorder = this._register(
      new TraceRecorder(
        {
          restart: (beforeInputs) => this.host.restart(beforeInputs),
          subscribe: (listener) => this.host.onDidInput(({ input }) => listener(input)),
          markEnd: () => this.host.control({ type: 'trace.end' }),
          clockNow: () => systemClock.now(),
        },
        vscode.Uri.joinPath(context.globalStorageUri, 'traces'),
        this.log,
      ),
    );
    this._register(this.recorder.onDidChangeRecording(() => this.render()));
    // A team profile that changes (or becomes trusted) changes the settings the session reads.
    this._register(this.profile.onDidChange(() => this.settingsChanged()));
    const commands: [string, (...args: never[]) => unknown][] = [
      ['deliberate.showProgress', () => this.progressView.showPanel()],
      ['deliberate.exportData', (options?: ExportOptions) => exportData(this.metricStore, systemClock.now(), options)],
      ['deliberate.deleteData', (options?: { confirm?: boolean }) => deleteData(this.metricStore, options)],
      ['deliberate.openDataFolder', () => openDataFolder(this.metricStore)],
      ['deliberate.writeTeamProfile', (options?: { folder?: vscode.Uri; overwrite?: boolean; open?: boolean }) => this.profile.writeFromSettings(options)],
      [
        'deliberate.startExercise',
        async (pack?: string, exercise?: string) => {
          const started = await this.exercises.start(pack, exercise);
          if (started !== undefined) await exerciseView.reveal();
          return started;
        },
      ],
      ['deliberate.stopExercise', () => this.exercises.stop()],
      ['deliberate.createScratchWorkspace', (options?: ScratchOptions) => createScratchWorkspace(context.globalStorageUri, this.log, options)],
      [
        'deliberate.recordTrace',
        async (options?: RecordOptions) => {
          if (!this.host.running) {
            void vscode.window.showWarningMessage('Deliberate is off, so there is nothing to record. Turn observation on first.');
            return undefined;
          }
          return this.recorder.toggle(options);
        },
      ],
      ['deliberate.stopRecording', () => this.recorder.stop(true)],
      ['deliberate.showHookSetup', () => showHookSetup(context.extensionPath)],
      ['deliberate.showMenu', showCommandMenu],
      [
        'deliberate.showActivity',
        () => {
          this.panel.show();
          this.render();
        },
      ],
      ['deliberate.toggleObservation', () => this.toggle()],
      ['deliberate.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${context.extension.id}`)],
    ];
    for (const [id, fn] of commands) this._register(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
    // Commits Deliberate saw holding AI edits (kept in the store's rollups) count as AI-assisted too.
    const history = this._register(new HistoryReview(context.extensionUri, this.log, () => this.metricStore.aiCommitHeads()));
    this._register(vscode.commands.registerCommand('deliberate.reviewHistory', (target?: unknown) => history.run(target)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.enabled`)) this.applyEnabled();
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.coach`) || e.affectsConfiguration(`${SETTINGS_SECTION}.validation`) || e.affectsConfiguration(`${SETTINGS_SECTION}.attribution`)) this.settingsChanged();
      }),
    );
    this._register({ dispose: () => this.renderTimer !== undefined && clearTimeout(this.renderTimer) });
    this.applyEnabled();
    this.log.info(`Deliberate ${context.extension.packageJSON.version as string} activated; observation is ${this.host.running ? 'on' : 'off'}.`);
  }

  readonly api: DeliberateApi = {
    apiVersion: 1,
    onDidObserve: (listener) => this.host.onDidInput(({ input }) => !isControlInput(input) && listener(input)),
    onDidAttribute: (listener) => this.host.onDidOutput((o) => o.kind === 'attribution' && listener(o.attribution)),
    isObserving: () => this.host.running,
    activity: () => this.host.session?.activity() ?? EMPTY_ACTIVITY,
    fates: () => this.host.session?.fates() ?? [],
    onDidEmitMetric: (listener) => this.metricEvents.event(listener),
    persistFates: () => this.host.persistFates(),
    onDidInput: (listener) => this.host.onDidInput(listener),
    onDidOutput: (listener) => this.host.onDidOutput(listener),
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

  /** Settings the session reads changed: it gets them as an input (so a trace replays them too). */
  private settingsChanged(): void {
    this.host.control({ type: 'session.settings', settings: sessionSettings() });
    this.coach.applySettings();
  }

  private applyEnabled(): void {
    const settings = readSettings();
    if (settings.enabled && !this.host.running) {
      this.host.start();
    } else if (!settings.enabled && this.host.running) {
      void this.recorder.stop(true);
      this.host.stop();
    }
    this.render();
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
    const snapshot = this.host.session?.activity() ?? EMPTY_ACTIVITY;
    const observing = this.host.running;
    this.statusBar.render(observing, this.recorder.isRecording, snapshot);
    if (this.panel.isOpen) this.panel.update(observing, this.recorder.isRecording, snapshot, outcomeCounts(this.host.session?.fates() ?? []));
  }
}

const EMPTY_ACTIVITY: ActivitySnapshot = new ActivityTally().snapshot();

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

/**
 * Composition root: wires the VS Code adapters to the pure core. Everything created here
 * hangs off one root disposable that VS Code disposes on deactivation.
 */
import * as vscode from 'vscode';
import { ActivityTally, type ActivitySnapshot } from './core/activityTally';
import { EditClassifier, type Attribution } from './core/attribution/classifier';
import { FateTracker, type AiEditFate } from './core/fate/fateTracker';
import { Emitter } from './core/emitter';
import type { Observation } from './core/observation';
import type { Clock } from './core/ports';
import type { Nudge } from './core/coach/coach';
import type { HabitSummary } from './core/coach/habits';
import type { CoachState } from './core/coach/policy';
import type { MetricEvent } from './core/metrics';
import { ActivityPanel } from './adapters/activityPanel';
import { CoachService } from './adapters/coachService';
import { showCommandMenu } from './adapters/commandMenu';
import { Disposable } from './adapters/disposable';
import { DocumentIds } from './adapters/documentIds';
import { EditorObservations } from './adapters/editorObservations';
import { showHookSetup } from './adapters/hookSetup';
import { readSettings, SETTINGS_SECTION } from './adapters/settings';
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
  /** The fate of every AI edit of this session so far: retention and outcome. */
  fates(): AiEditFate[];
  /** Every nudge the coach shows. */
  onDidNudge(listener: (nudge: Nudge) => void): vscode.Disposable;
  /** Every metric event the coach derives (bursts, runs, habit signals, nudges). */
  onDidEmitMetric(listener: (event: MetricEvent) => void): vscode.Disposable;
  /** Today's habit summary: figures with the evidence behind them. */
  habits(): HabitSummary[];
  /** The coach's remembered state: today's budget used, answers per nudge kind. */
  coachState(): CoachState;
  /** AI code of this session not yet run or reviewed. */
  coachStatus(): { unrun: number; unreviewed: number; unrunLines: number } | undefined;
}

/** The status bar and panel refresh at most this often; observation itself is never delayed. */
const RENDER_INTERVAL_MS = 250;
/** While the classifier waits for evidence, it is advanced on this clock so changes settle within about a second. */
const SETTLE_TICK_MS = 250;

const systemClock: Clock = { now: () => Date.now() };

class Deliberate extends Disposable {
  private readonly log = this._register(vscode.window.createOutputChannel('Deliberate', { log: true }));
  private readonly observations = this._register(new Emitter<Observation>((error) => this.log.error('An observation listener failed', error)));
  private readonly attributions = this._register(new Emitter<Attribution>((error) => this.log.error('An attribution listener failed', error)));
  private readonly ids = new DocumentIds();
  private readonly tally = new ActivityTally();
  private classifier: EditClassifier;
  private fate = new FateTracker();
  private index = 0;
  private settleTimer: ReturnType<typeof setInterval> | undefined;
  private readonly recorder: TraceRecorder;
  private readonly statusBar = this._register(new StatusBar());
  private readonly panel: ActivityPanel;
  private source: EditorObservations | undefined;
  private renderTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly metrics = this._register(new Emitter<MetricEvent>((error) => this.log.error('A metric listener failed', error)));
  private readonly coach: CoachService;

  constructor(context: vscode.ExtensionContext) {
    super();
    this.panel = this._register(new ActivityPanel(context.extensionUri, this.log));
    this.classifier = this.makeClassifier();
    this.coach = this._register(new CoachService(context, { ids: this.ids, now: () => this.source?.now(), sink: { emit: (e) => this.metrics.fire(e) }, log: this.log }));
    this._register(
      this.observations.event((o) => {
        const i = this.index++;
        this.tally.add(o, i);
        // The fate tracker sees each change before its attribution settles.
        this.fate.observe(i, o);
        this.coach.observe(i, o);
        this.classifier.observe(i, o);
        this.ensureSettleTimer();
        this.scheduleRender();
      }),
    );
    this._register(this.attributions.event((a) => this.tally.addAttribution(a)));
    this._register(this.attributions.event((a) => this.fate.attribute(a.i, a.label, a.t, a.doc)));
    this._register(this.attributions.event((a) => this.coach.attribute(a)));
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
    onDidNudge: (listener) => this.coach.onDidNudge(listener),
    onDidEmitMetric: (listener) => this.metrics.event(listener),
    habits: () => this.coach.habits(),
    coachState: () => this.coach.state(),
    coachStatus: () => this.coach.status(),
  };

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
      this.source = new EditorObservations(
        systemClock,
        this.ids,
        (o) => this.observations.fire(o),
        (m) => this.log.warn(m),
      );
      this.source.start();
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
  const counts = { kept: 0, revised: 0, undone: 0, deleted: 0 };
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

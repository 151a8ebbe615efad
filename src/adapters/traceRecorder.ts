import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SessionInput } from '../core/sessionInput';
import { TraceRecording } from '../core/traceRecording';
import { Disposable } from './disposable';
import type { StartInfo } from './sessionHost';
import { readTraceSettings } from './settings';

export interface RecordOptions {
  /** Where to write; defaults to a new file in the trace folder. */
  readonly file?: string;
  readonly includePaths?: boolean;
  /** For automation that already showed its own warning (tests, corpus scripts). */
  readonly skipWarning?: boolean;
}

export interface RecorderHost {
  /** Ends the current session and starts a new one; `beforeInputs` runs before its first input. */
  restart(beforeInputs: (info: StartInfo) => void): void;
  /** Every input the session gets, in order. */
  subscribe(listener: (input: SessionInput) => void): vscode.Disposable;
  /** Brings the session to the present and gives it a `trace.end` input (the trace's last line). */
  markEnd(): void;
  readonly clockNow: () => number;
}

/**
 * "Deliberate: Record Edit Trace": writes the session's inputs to a JSON Lines file in the
 * interchange format. A recording starts a session of its own (what Deliberate was
 * following carries over, as across a reload), so the trace holds every input from the
 * session's first, and replaying it gives exactly what the extension did while recording.
 * A trace contains code, so recording starts only after a clear warning, shows in the
 * status bar while it runs, and never starts by itself.
 */
export class TraceRecorder extends Disposable {
  private session: { recording: TraceRecording; out: WriteStream; file: string; subscription: vscode.Disposable } | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<boolean>());
  readonly onDidChangeRecording = this.changed.event;

  constructor(
    private readonly host: RecorderHost,
    private readonly defaultFolder: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this._register({ dispose: () => void this.stop(false) });
  }

  get isRecording(): boolean {
    return this.session !== undefined;
  }

  get file(): string | undefined {
    return this.session?.file;
  }

  async toggle(options: RecordOptions = {}): Promise<string | undefined> {
    if (this.session) return this.stop(true);
    await this.start(options);
    return this.file;
  }

  async start(options: RecordOptions = {}): Promise<void> {
    if (this.session) return;
    const config = readTraceSettings();
    let includePaths = options.includePaths ?? config.includePaths;
    if (!options.skipWarning) {
      const record = 'Record';
      const withPaths = 'Record with File Paths';
      const choice = await vscode.window.showWarningMessage(
        'Record an edit trace?',
        {
          modal: true,
          detail:
            'A trace contains code: the full text of every document open when recording starts or opened during it, and every edit you make. It is written to a file on this machine and is never sent anywhere. Record only code you are allowed to keep and share. Stop with "Deliberate: Stop Recording Edit Trace".',
        },
        record,
        withPaths,
      );
      if (choice === undefined) return;
      includePaths = includePaths || choice === withPaths;
    }
    const folder = config.folder.trim() || this.defaultFolder.fsPath;
    const file = options.file ?? path.join(folder.replace(/^~(?=$|\/)/, os.homedir()), `trace-${stamp(this.host.clockNow())}.jsonl`);
    mkdirSync(path.dirname(file), { recursive: true });
    const out = createWriteStream(file, { flags: 'w', encoding: 'utf8' });
    out.on('error', (error) => {
      this.log.error(`Writing the edit trace ${file} failed`, error);
      void vscode.window.showErrorMessage(`Deliberate could not write the edit trace ${file}: ${error.message}. Recording stopped.`);
      void this.stop(false);
    });
    // A new session opens the trace at t = 0: its start, the editor as it stands, then all that follows.
    this.host.restart((info) => {
      const recording = new TraceRecording(0, {
        includePaths,
        vscodeVersion: vscode.version,
        platform: process.platform,
        recordedAt: new Date(info.startEpochMs).toISOString(),
      });
      out.write(`${recording.header()}\n`);
      const subscription = this.host.subscribe((input) => out.write(`${recording.line(input)}\n`));
      this.session = { recording, out, file, subscription };
    });
    this.log.info(`Recording an edit trace to ${file}${includePaths ? ' (with workspace-relative paths)' : ''}.`);
    this.changed.fire(true);
  }

  /** Stops recording; returns the trace file. */
  async stop(announce: boolean): Promise<string | undefined> {
    const session = this.session;
    if (session === undefined) return undefined;
    // The last line: where the session's time had got to (what it did up to then replays too).
    this.host.markEnd();
    this.session = undefined;
    session.subscription.dispose();
    await new Promise<void>((resolve) => session.out.end(resolve));
    this.log.info(`Edit trace saved: ${session.file} (${session.recording.observations} observations).`);
    if (!this.isDisposed) this.changed.fire(false);
    if (announce) {
      void vscode.window.showInformationMessage(`Edit trace saved (${session.recording.observations} observations): ${session.file}`, 'Open', 'Reveal in File Explorer').then((choice) => {
        if (choice === 'Open') void vscode.window.showTextDocument(vscode.Uri.file(session.file));
        if (choice === 'Reveal in File Explorer') void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(session.file));
      });
    }
    return session.file;
  }
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

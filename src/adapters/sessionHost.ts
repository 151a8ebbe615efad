/**
 * Runs the core Session in the extension: creates it when observation starts, feeds it every
 * observation the editor adapters produce and every control input (answers, commits read
 * from git, exercises, settings), wakes it at its next deadline, and hands its outputs to
 * whoever renders them. It makes no decisions: the session does.
 *
 * Inputs are numbered here, in the order they reach the session; the trace recorder writes
 * exactly these inputs in this order, so a recorded trace replays to the same outputs.
 */
import * as vscode from 'vscode';
import { LOCAL_TIME } from '../shared/localTime';
import type { CoachStore } from '../core/coach/policy';
import { Emitter } from '../core/emitter';
import type { Observation } from '../core/observation';
import type { Clock } from '../core/ports';
import { Session, type SessionOutput } from '../core/session';
import type { ControlInput, SessionInput, SessionSettings } from '../core/sessionInput';
import { sha256Hex } from '../core/sha256';
import { normalizeIndent } from '../core/attribution/classifier';
import { inspectCommit } from './commitInspection';
import { Disposable } from './disposable';
import type { DocumentIds } from './documentIds';
import { EditorObservations } from './editorObservations';
import { FatePersistence } from './fatePersistence';

/** Followed AI edits are saved at most this often while they change, and when observation stops. */
const PERSIST_INTERVAL_MS = 10_000;

/** A control input without its time: the host stamps it with the stream's time now. */
export type ControlWithoutTime = ControlInput extends infer C ? (C extends ControlInput ? Omit<C, 't'> : never) : never;

export interface SessionHostOptions {
  readonly clock: Clock;
  readonly ids: DocumentIds;
  readonly log: vscode.LogOutputChannel;
  readonly workspaceState: vscode.Memento;
  readonly coachStore: CoachStore;
  readonly settings: () => SessionSettings;
}

export interface StartInfo {
  /** Epoch ms of stream time 0 of the new session. */
  readonly startEpochMs: number;
}

export class SessionHost extends Disposable {
  private readonly inputs = this._register(new Emitter<{ readonly i: number; readonly input: SessionInput }>((e) => this.options.log.error('An input listener failed', e)));
  /** Every input the session gets, with its index, in order: what a trace records. */
  readonly onDidInput = this.inputs.event;
  private readonly outputs = this._register(new Emitter<SessionOutput>((e) => this.options.log.error('An output listener failed', e)));
  /** Every output of the session, in order. */
  readonly onDidOutput = this.outputs.event;
  private readonly started = this._register(new Emitter<void>());
  /** A new session started (observation on, or restarted for a recording). */
  readonly onDidStart = this.started.event;
  private current: { session: Session; source: EditorObservations } | undefined;
  private wake: ReturnType<typeof setTimeout> | undefined;
  private persistTimer: ReturnType<typeof setInterval> | undefined;
  private fatesDirty = false;
  private readonly persistence: FatePersistence;

  constructor(private readonly options: SessionHostOptions) {
    super();
    this.persistence = new FatePersistence(options.workspaceState, (m) => options.log.warn(m));
    this._register({ dispose: () => this.stop() });
  }

  get session(): Session | undefined {
    return this.current?.session;
  }

  get source(): EditorObservations | undefined {
    return this.current?.source;
  }

  /** The documents' ids (for views that name a document the session speaks of). */
  get ids(): DocumentIds {
    return this.options.ids;
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Stream time now, or undefined when observation is off. */
  now(): number | undefined {
    return this.current?.source.now();
  }

  /**
   * Starts observing with a new session. `beforeInputs` runs once the session's time base
   * is known and before its first input (the recorder opens its trace there).
   */
  start(beforeInputs?: (info: StartInfo) => void): void {
    if (this.current !== undefined) return;
    const { clock, ids, log } = this.options;
    const source = new EditorObservations(clock, ids, (o: Observation) => this.feed(o), (m) => log.warn(m));
    const startEpochMs = source.startEpoch;
    const session = new Session({
      startEpochMs,
      local: LOCAL_TIME,
      start: { t: 0, type: 'session.start', settings: this.options.settings(), coachState: this.options.coachStore.load() },
      store: this.options.coachStore,
      // VS Code's own edit sources are used when it reports them (the proposed API is on).
      exactSources: true,
      onOutput: (o) => this.onOutput(o),
      warn: (m) => log.warn(`Deliberate settings: ${m}`),
    });
    this.current = { session, source };
    beforeInputs?.({ startEpochMs });
    this.feed({ t: 0, type: 'session.start', settings: this.options.settings(), coachState: this.options.coachStore.load(), exactSources: true });
    // AI edits followed before a reload (or before observation was switched off) carry on;
    // their spans are checked against each document's text as it opens.
    const restored = this.persistence.load().map(({ docKey, ...rest }) => ({ ...rest, doc: ids.idFor(vscode.Uri.parse(docKey)) }));
    if (restored.length > 0) {
      this.control({ type: 'fates.restore', items: restored });
      log.info(`Following ${restored.length} AI edit(s) from before the last reload.`);
    }
    source.start();
    this.persistTimer = setInterval(() => {
      if (this.fatesDirty) void this.persistFates();
    }, PERSIST_INTERVAL_MS);
    this.started.fire();
  }

  /** Stops observing: the session settles what it holds (showing nothing more) and its followed AI edits are saved. */
  stop(): void {
    const current = this.current;
    if (current === undefined) return;
    current.session.end(current.source.now(), false);
    // Saved synchronously into the memento's cache; VS Code writes it out even on reload.
    void this.persistFates();
    clearInterval(this.persistTimer);
    this.persistTimer = undefined;
    if (this.wake !== undefined) clearTimeout(this.wake);
    this.wake = undefined;
    current.source.dispose();
    this.current = undefined;
  }

  /** Ends this session and starts a new one (a recording starts with a session of its own, so it replays exactly). */
  restart(beforeInputs?: (info: StartInfo) => void): void {
    this.stop();
    this.start(beforeInputs);
  }

  /** Feeds an observation another adapter made at `now()` (an intercepted editor command). False when observation is off. */
  observe(observation: Observation): boolean {
    if (this.current === undefined) return false;
    this.feed(observation);
    return true;
  }

  /** Feeds a control input at the stream's time now. False when observation is off. */
  control(input: ControlWithoutTime): boolean {
    const source = this.current?.source;
    if (source === undefined) return false;
    this.feed({ ...input, t: source.now() } as ControlInput);
    return true;
  }

  private feed(input: SessionInput): void {
    const current = this.current;
    if (current === undefined) return;
    // The clipboard's text never enters the session: only its length and hashes, as a trace keeps it.
    const x = input.type === 'clipboard' && input.text !== undefined ? hashedClipboard(input.t, input.text) : input;
    const i = current.session.input(x);
    this.inputs.fire({ i, input: x });
    if (x.type === 'doc.change' && current.session.following > 0) this.fatesDirty = true;
    this.scheduleWake();
  }

  /** Wakes the session exactly at its next deadline (a change settling, a pause, a window's end). */
  private scheduleWake(): void {
    const current = this.current;
    if (current === undefined) return;
    const due = current.session.nextDeadline();
    if (this.wake !== undefined) clearTimeout(this.wake);
    this.wake = undefined;
    if (!Number.isFinite(due)) return;
    const delay = Math.max(0, due - current.source.now());
    this.wake = setTimeout(() => {
      this.wake = undefined;
      if (this.current !== current) return;
      current.session.advance(current.source.now());
      this.scheduleWake();
    }, Math.min(delay + 5, 2 ** 31 - 1));
  }

  private onOutput(o: SessionOutput): void {
    if (o.kind === 'commitNeedsFiles') void this.readCommit(o.head, o.docs);
    if (o.kind === 'fileNeeded') void this.readFile(o.path, o.version);
    if (o.kind === 'problem') this.options.log.warn(`Deliberate skipped input ${o.i}: ${o.message}`);
    if (o.kind === 'metric' && o.event.kind === 'fate') this.fatesDirty = true;
    this.outputs.fire(o);
  }

  /** A commit landed holding AI edits: read what it made of their documents, and tell the session. */
  private async readCommit(head: string, docs: readonly string[]): Promise<void> {
    const current = this.current;
    const git = current?.source.repository;
    if (current === undefined || git === undefined) return;
    try {
      const files = await inspectCommit(git, head, docs, (doc) => this.options.ids.uriOf(doc));
      if (this.current !== current) return; // observation restarted meanwhile: that session is gone
      this.control({ type: 'commit.files', head, files: [...files].map(([doc, f]) => ({ doc, committed: f.committed })) });
    } catch (error) {
      this.options.log.warn(`Could not read commit ${head.slice(0, 12)} to see what it made of AI edits: ${String(error)}`);
    }
  }

  /**
   * An AI agent is about to write, or wrote, a file no editor has open: read it (its text
   * stays in memory; only fingerprints are ever saved) or its text in git's HEAD, and tell the
   * session. Files over MAX_READ_CHARS are not read.
   */
  private async readFile(relativePath: string, version: 'before' | 'disk' | 'head'): Promise<void> {
    const current = this.current;
    if (current === undefined) return;
    const uri = await resolveWorkspacePath(relativePath);
    if (uri === undefined) return;
    let text: string | null;
    try {
      if (version === 'head') {
        const git = current.source.repository;
        const rel = git?.relative(uri.fsPath);
        text = git !== undefined && rel !== undefined ? await git.fileAt('HEAD', rel) : null;
      } else {
        const bytes = await vscode.workspace.fs.readFile(uri);
        text = bytes.byteLength > MAX_READ_CHARS ? null : new TextDecoder().decode(bytes);
      }
    } catch {
      text = null; // absent (about to be created), or unreadable
    }
    if (this.current !== current) return;
    this.control({ type: 'file.content', path: relativePath, doc: this.options.ids.idFor(uri), version, text });
  }

  async persistFates(): Promise<void> {
    const session = this.current?.session;
    if (session === undefined) return;
    const items = session.persistFates((doc) => this.options.ids.uriOf(doc)?.toString());
    this.fatesDirty = false;
    await this.persistence.save(items);
  }
}

/** Files larger than this are not read for an agent's write (their AI edits are not followed until opened). */
const MAX_READ_CHARS = 4_000_000;

/** The file a workspace-relative path names: in the first folder that has it (or the first folder). */
async function resolveWorkspacePath(relativePath: string): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const folder of folders) {
    const uri = vscode.Uri.joinPath(folder.uri, relativePath);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // not in this folder
    }
  }
  return folders[0] === undefined ? undefined : vscode.Uri.joinPath(folders[0].uri, relativePath);
}

function hashedClipboard(t: number, text: string): SessionInput {
  return { t, type: 'clipboard', length: text.length, sha256: sha256Hex(text), normalizedSha256: sha256Hex(normalizeIndent(text)) };
}

/**
 * Turns the session's inputs into trace lines (shared/spec/trace-format.md, plus the
 * session's control inputs) for the recorder: times from the start of the recording,
 * document ids local to the trace, paths only when the person allowed them (else opaque
 * names), clipboard samples as length and SHA-256 only.
 */
import type { SessionInput } from './sessionInput';
import { normalizeIndent } from './attribution/classifier';
import { sha256Hex } from './sha256';
import { formatHeader, formatObservation } from './traceFormat';

export interface RecordingOptions {
  /** Workspace-relative paths in doc.open and fs observations. Off unless the person allowed it. */
  readonly includePaths: boolean;
  readonly vscodeVersion: string;
  readonly platform: string;
  /** ISO time the recording started (from the adapter's clock). */
  readonly recordedAt: string;
}

export class TraceRecording {
  private readonly docIds = new Map<string, string>();
  private readonly paths = new Map<string, string>();
  private lastT = 0;
  private count = 0;

  /** `startT` is the live stream's `t` at the moment recording began. */
  constructor(
    private readonly startT: number,
    private readonly options: RecordingOptions,
  ) {}

  header(): string {
    return formatHeader({ vscode: this.options.vscodeVersion, platform: this.options.platform, recordedAt: this.options.recordedAt });
  }

  get observations(): number {
    return this.count;
  }

  private doc(id: string): string {
    let local = this.docIds.get(id);
    if (local === undefined) {
      local = `d${this.docIds.size + 1}`;
      this.docIds.set(id, local);
    }
    return local;
  }

  /**
   * A path as the trace keeps it: the workspace-relative path when the person allowed it,
   * else an opaque name (`p1`, `p2`, ...) that stands for the same path everywhere in the
   * trace, so the session can still tell which document a checkpoint or a disk write is about.
   */
  private path(p: string): string {
    if (this.options.includePaths) return p;
    let local = this.paths.get(p);
    if (local === undefined) {
      local = `p${this.paths.size + 1}`;
      this.paths.set(p, local);
    }
    return local;
  }

  /**
   * The trace line for one session input. Every input gets a line, so a line's index in the
   * trace is the input's index in the session: a replay numbers them the same way.
   */
  line(o: SessionInput): string {
    const t = Math.max(this.lastT, Math.max(0, o.t - this.startT));
    this.lastT = t;
    let out: SessionInput;
    switch (o.type) {
      case 'doc.open': {
        const { path, ...rest } = o;
        out = { ...rest, t, doc: this.doc(o.doc), ...(path !== undefined ? { path: this.path(path) } : {}) };
        break;
      }
      case 'fs':
        out = { t, type: 'fs', ...(o.doc !== undefined ? { doc: this.doc(o.doc) } : {}), ...(o.path !== undefined ? { path: this.path(o.path) } : {}), change: o.change };
        break;
      case 'clipboard': {
        const text = o.text ?? '';
        out = o.text !== undefined ? { t, type: 'clipboard', length: text.length, sha256: sha256Hex(text), normalizedSha256: sha256Hex(normalizeIndent(text)) } : { ...o, t };
        break;
      }
      case 'agent.checkpoint': {
        const docs = o.docs?.map((d) => this.doc(d));
        const paths = o.paths?.map((p) => this.path(p));
        out = { t, type: 'agent.checkpoint', agent: o.agent, phase: o.phase, ...(docs !== undefined ? { docs } : {}), ...(paths !== undefined ? { paths } : {}) };
        if (docs === undefined && paths === undefined) out = { ...out, docs: [] };
        break;
      }
      case 'editor.active':
        out = { t, type: 'editor.active', doc: o.doc === null ? null : this.doc(o.doc) };
        break;
      case 'editor.command':
        out = { t, type: 'editor.command', command: o.command, ...(o.doc !== undefined ? { doc: this.doc(o.doc) } : {}) };
        break;
      case 'doc.change':
      case 'doc.save':
      case 'doc.close':
      case 'editor.selection':
      case 'diagnostics':
        out = { ...o, t, doc: this.doc(o.doc) };
        break;
      case 'fates.restore':
        out = { ...o, t, items: o.items.map((item) => ({ ...item, doc: this.doc(item.doc) })) };
        break;
      case 'review':
        out = { ...o, t, ...(o.doc !== undefined && o.doc !== null ? { doc: this.doc(o.doc) } : {}) };
        break;
      case 'git.staged':
        out = { ...o, t, docs: o.docs.map((d) => this.doc(d)) };
        break;
      case 'file.content':
        out = { ...o, t, path: this.path(o.path), doc: this.doc(o.doc) };
        break;
      case 'commit.files':
        out = { ...o, t, files: o.files.map((f) => ({ doc: this.doc(f.doc), committed: f.committed })) };
        break;
      default:
        out = { ...o, t };
    }
    this.count++;
    return formatObservation(out);
  }
}

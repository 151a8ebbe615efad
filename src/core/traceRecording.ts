/**
 * Turns the live observation stream into trace lines (shared/spec/trace-format.md) for
 * the recorder: times from the start of the recording, document ids local to the trace,
 * paths only when the person allowed them, clipboard samples as length and SHA-256 only.
 */
import type { Observation } from './observation';
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

  /** The trace line for one observation, or undefined when it is not recorded. */
  line(o: Observation): string | undefined {
    const t = Math.max(this.lastT, Math.max(0, o.t - this.startT));
    this.lastT = t;
    let out: Observation;
    switch (o.type) {
      case 'doc.open': {
        const { path, ...rest } = o;
        out = { ...rest, t, doc: this.doc(o.doc), ...(this.options.includePaths && path !== undefined ? { path } : {}) };
        break;
      }
      case 'fs': {
        if (o.doc !== undefined) out = { t, type: 'fs', doc: this.doc(o.doc), change: o.change };
        else if (this.options.includePaths && o.path !== undefined) out = { t, type: 'fs', path: o.path, change: o.change };
        else return undefined; // a file that is not open, and paths are not allowed
        break;
      }
      case 'clipboard': {
        const text = o.text ?? '';
        out = o.text !== undefined ? { t, type: 'clipboard', length: text.length, sha256: sha256Hex(text) } : { ...o, t };
        break;
      }
      case 'agent.checkpoint': {
        const docs = o.docs?.map((d) => this.doc(d));
        const paths = this.options.includePaths ? o.paths : undefined;
        if ((docs === undefined || docs.length === 0) && (paths === undefined || paths.length === 0)) {
          out = { t, type: 'agent.checkpoint', agent: o.agent, phase: o.phase, docs: [] };
        } else {
          out = { t, type: 'agent.checkpoint', agent: o.agent, phase: o.phase, ...(docs !== undefined ? { docs } : {}), ...(paths !== undefined ? { paths } : {}) };
        }
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
      default:
        out = { ...o, t };
    }
    this.count++;
    return formatObservation(out);
  }
}

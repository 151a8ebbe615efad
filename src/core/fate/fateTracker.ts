/**
 * The fate of every AI edit: how much of it is retained 30 s, 2, 5, 10 and 15 minutes
 * after acceptance, at the next save and at the next commit, and how it ended: undone,
 * deleted, revised or kept.
 *
 * Driven by the observation stream and by settled attributions; time is stream time. A
 * retention window is measured at the first observation at or after its end, before that
 * observation's own change is applied, so it reads the text as it stood at that moment.
 */
import { isAiLabel, type DocId, type EditLabel, type Observation } from '../observation';
import { SpanTracker } from './spanTracker';
import { isValidationCommand } from './validation';

export const RETENTION_WINDOWS = [
  { name: '30s', ms: 30_000 },
  { name: '120s', ms: 120_000 },
  { name: '300s', ms: 300_000 },
  { name: '600s', ms: 600_000 },
  { name: '900s', ms: 900_000 },
] as const;
export type WindowName = (typeof RETENTION_WINDOWS)[number]['name'];

export type Outcome = 'undone' | 'deleted' | 'revised' | 'kept';

export interface AiEditFate {
  /** Index of the change that inserted the text. */
  readonly i: number;
  readonly t: number;
  readonly doc: DocId;
  readonly label: EditLabel;
  readonly originalChars: number;
  /** Characters still unmodified when each window ended; null if the stream ended first. */
  readonly retained: Readonly<Record<WindowName, number | null>>;
  readonly atSave: number | null;
  readonly atCommit: number | null;
  /** Stream time of the first test, build, lint or debug run after the edit, or null. */
  readonly firstRunAfter: number | null;
  /** At the next commit: had the code been run or tested since it was inserted? null before any commit. */
  readonly ranBeforeCommit: boolean | null;
  readonly atEnd: number;
  readonly outcome: Outcome;
  /** Share of the original characters no longer there (0 to 1). */
  readonly revisedShare: number;
}

interface Followed {
  readonly i: number;
  readonly t: number;
  readonly doc: DocId;
  readonly label: EditLabel;
  readonly retained: Record<WindowName, number | null>;
  atSave: number | null;
  atCommit: number | null;
  firstRunAfter: number | null;
  ranBeforeCommit: boolean | null;
}

/** Most of it gone by undo, or by hand: the thresholds of the outcomes. */
const MOST = 0.5;

export class FateTracker {
  private readonly spans = new SpanTracker();
  private readonly followed = new Map<number, Followed>();
  /** Per window, the followed edits not yet measured there, oldest first. */
  private readonly queues: number[][] = RETENTION_WINDOWS.map(() => []);
  private readonly openDocs = new Set<DocId>();
  private lastT = 0;

  /** Feeds one observation. Call before the classifier sees it. */
  observe(i: number, o: Observation): void {
    this.measureWindows(o.t);
    this.lastT = o.t;
    switch (o.type) {
      case 'doc.change':
        this.spans.applyChange(o, i);
        break;
      case 'doc.save':
        for (const f of this.followed.values()) if (f.doc === o.doc && f.atSave === null && f.t <= o.t) f.atSave = this.retainedOf(f.i);
        break;
      case 'git':
        if (o.op !== 'commit') break;
        for (const f of this.followed.values()) {
          if (f.atCommit !== null || f.t > o.t) continue;
          f.atCommit = this.retainedOf(f.i);
          f.ranBeforeCommit = f.firstRunAfter !== null;
        }
        break;
      case 'task':
        if (o.phase === 'start' && o.group !== null) this.ran(o.t);
        break;
      case 'terminal.exec':
        if (o.phase === 'start' && isValidationCommand(o.commandLine)) this.ran(o.t);
        break;
      case 'debug':
        if (o.phase === 'start') this.ran(o.t);
        break;
      case 'doc.open':
        this.openDocs.add(o.doc);
        break;
      default:
        break;
    }
  }

  /** A test, build, lint or debug run started: it covers every AI edit made before it. */
  private ran(t: number): void {
    for (const f of this.followed.values()) if (f.firstRunAfter === null && f.t <= t) f.firstRunAfter = t;
  }

  /** The attribution of change `i` settled: follow it if it is AI, forget it otherwise. */
  attribute(i: number, label: EditLabel, t: number, doc: DocId): void {
    if (!isAiLabel(label) || !this.spans.promote(i)) {
      this.spans.drop(i);
      return;
    }
    const retained = Object.fromEntries(RETENTION_WINDOWS.map((w) => [w.name, null])) as Record<WindowName, number | null>;
    this.followed.set(i, { i, t, doc, label, retained, atSave: null, atCommit: null, firstRunAfter: null, ranBeforeCommit: null });
    for (const q of this.queues) q.push(i);
  }

  private retainedOf(i: number): number {
    return this.spans.state(i)?.retained ?? 0;
  }

  private measureWindows(t: number): void {
    RETENTION_WINDOWS.forEach((w, k) => {
      const q = this.queues[k]!;
      while (q.length > 0) {
        const f = this.followed.get(q[0]!)!;
        if (f.t + w.ms > t) break;
        f.retained[w.name] = this.retainedOf(f.i);
        q.shift();
      }
    });
  }

  /** Every followed AI edit as it stands at stream time `endT` (windows that end later are null). */
  fates(endT = this.lastT): AiEditFate[] {
    this.measureWindows(endT);
    return [...this.followed.values()].map((f) => {
      const s = this.spans.state(f.i)!;
      return {
        i: f.i,
        t: f.t,
        doc: f.doc,
        label: f.label,
        originalChars: s.original,
        retained: { ...f.retained },
        atSave: f.atSave,
        atCommit: f.atCommit,
        firstRunAfter: f.firstRunAfter,
        ranBeforeCommit: f.ranBeforeCommit,
        atEnd: s.retained,
        outcome: outcomeOf(s.original, s.retained, s.undone, s.touched),
        revisedShare: s.original === 0 ? 0 : 1 - s.retained / s.original,
      };
    });
  }

  get following(): number {
    return this.followed.size;
  }
}

export function outcomeOf(original: number, retained: number, undone: number, touched: boolean): Outcome {
  if (undone >= original * MOST && undone > 0) return 'undone';
  if (retained < original * MOST) return 'deleted';
  if (retained < original || touched) return 'revised';
  return 'kept';
}

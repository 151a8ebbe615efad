/**
 * A running tally of what Deliberate has observed in this window: the numbers behind the
 * status bar tooltip and the "What Deliberate sees" panel. Metrics only: it keeps counts
 * and sizes, never document text.
 */
import type { Attribution } from './attribution/classifier';
import { EDIT_LABELS, insertedChars, isAiLabel, OBSERVATION_TYPES, removedChars, type EditLabel, type Observation, type ObservationType } from './observation';

export interface ActivitySnapshot {
  readonly byType: Readonly<Record<ObservationType, number>>;
  readonly changeEvents: number;
  readonly insertedChars: number;
  readonly removedChars: number;
  readonly undoRedo: number;
  readonly openDocs: number;
  readonly lastChangeAt: number | null;
  /** Settled attributions: edits and inserted characters per label. */
  readonly byLabel: Readonly<Record<EditLabel, { readonly edits: number; readonly chars: number }>>;
  readonly aiChars: number;
  /** True once an attribution came from VS Code's own edit source rather than inference. */
  readonly exactSources: boolean;
  /** The most recent change events, newest last: sizes and time only. */
  readonly recentChanges: readonly RecentChange[];
}

export interface RecentChange {
  readonly i: number;
  readonly t: number;
  /** Settled label, or null while the classifier still waits for evidence. */
  readonly label: EditLabel | null;
  readonly doc: string;
  readonly inserted: number;
  readonly removed: number;
  readonly parts: number;
  readonly reason: 'undo' | 'redo' | null;
}

export class ActivityTally {
  private readonly byType = Object.fromEntries(OBSERVATION_TYPES.map((k) => [k, 0])) as Record<ObservationType, number>;
  private inserted = 0;
  private removed = 0;
  private undoRedo = 0;
  private lastChangeAt: number | null = null;
  private readonly open = new Set<string>();
  private readonly recent: RecentChange[] = [];
  private readonly byLabel = Object.fromEntries(EDIT_LABELS.map((l) => [l, { edits: 0, chars: 0 }])) as Record<EditLabel, { edits: number; chars: number }>;
  private aiChars = 0;
  private exact = false;

  constructor(private readonly recentLimit = 20) {}

  addAttribution(a: Attribution): void {
    const entry = this.byLabel[a.label];
    entry.edits++;
    entry.chars += a.insertedChars;
    if (isAiLabel(a.label)) this.aiChars += a.insertedChars;
    if (a.exact) this.exact = true;
    const k = this.recent.findIndex((r) => r.i === a.i);
    if (k >= 0) this.recent[k] = { ...this.recent[k]!, label: a.label };
  }

  /** `i` is the observation's index in the stream, which attributions refer back to. */
  add(observation: Observation, i = -1): void {
    this.byType[observation.type]++;
    switch (observation.type) {
      case 'doc.open':
        this.open.add(observation.doc);
        break;
      case 'doc.close':
        this.open.delete(observation.doc);
        break;
      case 'doc.change': {
        const inserted = insertedChars(observation);
        const removed = removedChars(observation);
        this.inserted += inserted;
        this.removed += removed;
        if (observation.reason !== null) this.undoRedo++;
        this.lastChangeAt = observation.t;
        this.recent.push({
          i,
          label: null,
          t: observation.t,
          doc: observation.doc,
          inserted,
          removed,
          parts: observation.changes.length,
          reason: observation.reason,
        });
        if (this.recent.length > this.recentLimit) this.recent.shift();
        break;
      }
      default:
        break;
    }
  }

  snapshot(): ActivitySnapshot {
    return {
      byType: { ...this.byType },
      changeEvents: this.byType['doc.change'],
      insertedChars: this.inserted,
      removedChars: this.removed,
      undoRedo: this.undoRedo,
      openDocs: this.open.size,
      lastChangeAt: this.lastChangeAt,
      byLabel: Object.fromEntries(EDIT_LABELS.map((l) => [l, { ...this.byLabel[l] }])) as ActivitySnapshot['byLabel'],
      aiChars: this.aiChars,
      exactSources: this.exact,
      recentChanges: [...this.recent],
    };
  }
}

/**
 * A running tally of what Deliberate has observed in this window: the numbers behind the
 * status bar tooltip and the "What Deliberate sees" panel. Metrics only: it keeps counts
 * and sizes, never document text.
 */
import { insertedChars, OBSERVATION_TYPES, removedChars, type Observation, type ObservationType } from './observation';

export interface ActivitySnapshot {
  readonly byType: Readonly<Record<ObservationType, number>>;
  readonly changeEvents: number;
  readonly insertedChars: number;
  readonly removedChars: number;
  readonly undoRedo: number;
  readonly openDocs: number;
  readonly lastChangeAt: number | null;
  /** The most recent change events, newest last: sizes and time only. */
  readonly recentChanges: readonly RecentChange[];
}

export interface RecentChange {
  readonly t: number;
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

  constructor(private readonly recentLimit = 20) {}

  add(observation: Observation): void {
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
      recentChanges: [...this.recent],
    };
  }
}

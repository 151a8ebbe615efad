/**
 * The metric store in the extension: the FileStore under the extension's global storage (or
 * DELIBERATE_STORE, for tests and sample data), compaction on start and every few hours, and
 * the progress model built from its rollups. Others' metric events arrive through `record`.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { MetricEvent } from '../core/metrics';
import type { Clock } from '../core/ports';
import { buildProgress, type ProgressModel } from '../core/progress/progressModel';
import { Emitter } from '../core/emitter';
import { Disposable } from './disposable';
import { FileStore, systemCalendar } from './fileStore';
import { readSettings } from './settings';

/** First compaction a little after start, so activation stays quick; then every six hours. */
const FIRST_COMPACTION_MS = 20_000;
const COMPACTION_INTERVAL_MS = 6 * 3_600_000;
/** Listeners hear about new events at most this often. */
const CHANGE_DEBOUNCE_MS = 1_000;

export interface ProgressRead {
  readonly model: ProgressModel;
  readonly skippedRecords: number;
}

export class MetricStore extends Disposable {
  readonly store: FileStore;
  private readonly changed = this._register(new Emitter<void>());
  readonly onDidChange = this.changed.event;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    globalStorage: vscode.Uri,
    private readonly clock: Clock,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    const dir = process.env.DELIBERATE_STORE || path.join(globalStorage.fsPath, 'metrics');
    this.store = new FileStore({
      dir,
      clock,
      calendar: systemCalendar,
      log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
      retentionDays: () => readSettings().retentionDays,
    });
    const first = setTimeout(() => void this.compact(), FIRST_COMPACTION_MS);
    const every = setInterval(() => void this.compact(), COMPACTION_INTERVAL_MS);
    this._register({ dispose: () => (clearTimeout(first), clearInterval(every)) });
    this._register({ dispose: () => this.changeTimer !== undefined && clearTimeout(this.changeTimer) });
  }

  get dir(): string {
    return this.store.dir;
  }

  /**
   * Appends one metric event. True only when its whole line is in the store's file (it will be
   * counted exactly once); false when it was invalid or the disk refused it, and then nothing
   * of it was kept (the reason is logged). See FileStore.append.
   */
  record(event: MetricEvent): boolean {
    const ok = this.store.append(event);
    if (ok) this.scheduleChange();
    return ok;
  }

  async progress(): Promise<ProgressRead> {
    const read = await this.store.rollups();
    return { model: buildProgress(read.days.values(), systemCalendar.dayOf(this.clock.now())), skippedRecords: read.problems.length };
  }

  /** Hashes of the commits Deliberate saw holding AI edits (its own records for the history review). */
  async aiCommitHeads(): Promise<Set<string>> {
    const read = await this.store.rollups();
    const heads = new Set<string>();
    for (const r of read.days.values()) for (const h of r.commits.aiHeads) heads.add(h);
    return heads;
  }

  async compact(): Promise<void> {
    try {
      await this.store.compact();
    } catch (error) {
      this.log.warn(`Metric store: compaction failed, nothing was removed: ${(error as Error).message}`);
    }
  }

  /** Tells listeners the data changed (after deleting or seeding). */
  notifyChanged(): void {
    this.changed.fire(undefined);
  }

  private scheduleChange(): void {
    if (this.changeTimer !== undefined) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.changed.fire(undefined);
    }, CHANGE_DEBOUNCE_MS);
  }
}

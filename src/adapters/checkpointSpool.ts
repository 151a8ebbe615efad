import { promises as fsp, watch, mkdirSync, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { spoolRecordSchema, type SpoolRecord } from '../shared/spool';
import { Disposable } from './disposable';

/** Checkpoints older than this when found are from a session that is over; they are dropped. */
const STALE_MS = 10 * 60_000;

/**
 * Watches the checkpoint spool that `deliberate checkpoint` (run by AI agents' hooks)
 * writes to, and hands each record over once. Files are deleted after reading; a malformed
 * one is renamed to `*.bad` and reported with its name, never fatal.
 */
export class CheckpointSpool extends Disposable {
  private watcher: FSWatcher | undefined;
  private scanning = false;
  private rescan = false;

  constructor(
    private readonly dir: string,
    private readonly onRecord: (record: SpoolRecord) => void,
    private readonly warn: (message: string) => void,
    private readonly now: () => number,
  ) {
    super();
  }

  start(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      this.watcher = watch(this.dir, () => void this.scan());
      this.watcher.on('error', (error) => this.warn(`Watching the checkpoint folder ${this.dir} failed: ${error.message}`));
      this._register({ dispose: () => this.watcher?.close() });
    } catch (error) {
      this.warn(`Agent checkpoints are off: cannot watch ${this.dir} (${String(error)})`);
      return;
    }
    void this.scan();
  }

  /** Reads every complete checkpoint file, oldest first. Serialized: one scan at a time. */
  async scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = true;
    try {
      do {
        this.rescan = false;
        let names: string[];
        try {
          names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
        } catch {
          return;
        }
        for (const name of names) {
          if (this.isDisposed) return;
          await this.take(path.join(this.dir, name));
        }
      } while (this.rescan);
    } finally {
      this.scanning = false;
    }
  }

  private async take(file: string): Promise<void> {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch {
      return; // taken by another window already
    }
    let record: SpoolRecord | undefined;
    try {
      const parsed = spoolRecordSchema.safeParse(JSON.parse(text));
      if (parsed.success) record = parsed.data;
      else this.warn(`Ignored malformed agent checkpoint ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    } catch (error) {
      this.warn(`Ignored agent checkpoint ${file}: not JSON (${String(error)})`);
    }
    if (record === undefined) {
      await fsp.rename(file, `${file}.bad`).catch(() => undefined);
      return;
    }
    // Delete first: with several windows open, the one that deletes it owns it.
    try {
      await fsp.unlink(file);
    } catch {
      return;
    }
    if (this.now() - record.at > STALE_MS) return;
    this.onRecord(record);
  }
}

import { promises as fsp, watch, mkdirSync, type FSWatcher } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { SPOOL_STALE_MS, spoolRecordSchema, writeSpoolRecord, type SpoolRecord } from '../shared/spool';
import { Disposable } from './disposable';

export interface CheckpointSpoolOptions {
  readonly dir: string;
  /** A checkpoint for this window, with only the paths it owns. */
  readonly onRecord: (record: SpoolRecord) => void;
  readonly warn: (message: string) => void;
  readonly now: () => number;
  /**
   * Whether an absolute path belongs to this window (a file in its workspace folders, or a
   * document it has open). A checkpoint with no paths belongs to the window owning its `cwd`.
   */
  readonly owns: (absolutePath: string) => boolean;
}

/**
 * Watches the checkpoint spool that `deliberate checkpoint` (run by AI agents' hooks) writes
 * to, and hands this window the checkpoints for its own files, each once.
 *
 * Invariants (several windows share the folder; none may lose another's checkpoints):
 * - A window takes a checkpoint only when it names a path the window owns. It claims it by
 *   renaming it to a private name (atomic: one window wins), puts a new checkpoint with the
 *   paths it does not own back in the folder for the other windows, and only then deletes
 *   its claim. Checkpoints for other windows' files are left where they are.
 * - A checkpoint older than SPOOL_STALE_MS is over for every window: any window removes it.
 *   So are leftovers of a window that died mid-claim.
 * - A malformed file is renamed to `*.bad` and reported with its name, never fatal.
 */
export class CheckpointSpool extends Disposable {
  private watcher: FSWatcher | undefined;
  /** The last pass queued (never rejects); the next pass starts after it. */
  private tail: Promise<void> = Promise.resolve();
  /** A pass queued that has not started: calls share it. */
  private queued: Promise<void> | undefined;
  private readonly id = `${process.pid}_${randomBytes(3).toString('hex')}`;
  /** Checkpoints already read that name none of this window's paths (so far): no need to read them again. */
  private readonly foreign = new Map<string, SpoolRecord>();

  constructor(private readonly options: CheckpointSpoolOptions) {
    super();
  }

  get dir(): string {
    return this.options.dir;
  }

  start(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      this.watcher = watch(this.dir, () => void this.scan());
      this.watcher.on('error', (error) => this.options.warn(`Watching the checkpoint folder ${this.dir} failed: ${error.message}`));
      this._register({ dispose: () => this.watcher?.close() });
    } catch (error) {
      this.options.warn(`Agent checkpoints are off: cannot watch ${this.dir} (${String(error)})`);
      return;
    }
    void this.scan();
  }

  /**
   * Reads every complete checkpoint file, oldest first. One pass at a time: a call while a pass
   * runs queues one more, and calls while that one waits share it (it has not listed the folder
   * yet, so it sees their files). A caller that awaits knows every file present at its call was
   * looked at.
   */
  scan(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const pass = this.tail.then(() => {
      this.queued = undefined;
      return this.pass();
    });
    this.queued = pass;
    this.tail = pass.catch(() => undefined);
    return pass;
  }

  private async pass(): Promise<void> {
    let names: string[];
    try {
      names = (await fsp.readdir(this.dir)).sort();
    } catch {
      return;
    }
    const present = new Set(names);
    for (const name of this.foreign.keys()) if (!present.has(name)) this.foreign.delete(name);
    for (const name of names) {
      if (this.isDisposed) return;
      if (name.startsWith('.')) await this.cleanLeftover(name);
      else if (name.endsWith('.json')) await this.take(name);
    }
  }

  private async take(name: string): Promise<void> {
    const file = path.join(this.dir, name);
    let record = this.foreign.get(name);
    if (record === undefined) {
      let text: string;
      try {
        text = await fsp.readFile(file, 'utf8');
      } catch {
        return; // taken by another window already
      }
      try {
        const parsed = spoolRecordSchema.safeParse(JSON.parse(text));
        if (parsed.success) record = parsed.data;
        else this.options.warn(`Ignored malformed agent checkpoint ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      } catch (error) {
        this.options.warn(`Ignored agent checkpoint ${file}: not JSON (${String(error)})`);
      }
      if (record === undefined) {
        await fsp.rename(file, `${file}.bad`).catch(() => undefined);
        return;
      }
    }
    if (this.options.now() - record.at > SPOOL_STALE_MS) {
      this.foreign.delete(name);
      await fsp.unlink(file).catch(() => undefined);
      return;
    }
    const mine = record.paths.length === 0 ? (this.options.owns(record.cwd) ? [] : undefined) : record.paths.filter((p) => this.options.owns(p));
    if (mine === undefined || (mine.length === 0 && record.paths.length > 0)) {
      // Another window's (or nobody's yet: a folder may still be opened). Ownership is asked again next scan.
      this.foreign.set(name, record);
      return;
    }
    this.foreign.delete(name);
    const claim = path.join(this.dir, `.${name}.taken-${this.id}`);
    try {
      await fsp.rename(file, claim);
    } catch {
      return; // another window claimed it first
    }
    const rest = record.paths.filter((p) => !mine.includes(p));
    if (rest.length > 0) {
      try {
        writeSpoolRecord(this.dir, { ...record, paths: rest });
      } catch (error) {
        this.options.warn(`Could not put back the part of an agent checkpoint for other windows (${rest.length} file(s)): ${String(error)}`);
      }
    }
    await fsp.unlink(claim).catch(() => undefined);
    this.options.onRecord({ ...record, paths: mine });
  }

  /** Removes a claim or a temporary file left by a window or a hook that died, once stale. */
  private async cleanLeftover(name: string): Promise<void> {
    if (!name.includes('.taken-') && !name.endsWith('.tmp')) return;
    const file = path.join(this.dir, name);
    const st = await fsp.stat(file).catch(() => undefined);
    if (st !== undefined && Date.now() - st.mtimeMs > SPOOL_STALE_MS) await fsp.unlink(file).catch(() => undefined);
  }
}

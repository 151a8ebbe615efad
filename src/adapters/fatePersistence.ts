import type * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { PersistedFate } from '../core/fate/fateTracker';
import { EDIT_LABELS } from '../core/observation';

/**
 * Keeps the AI edits Deliberate is still following across a window reload, in the
 * workspace's own storage (this machine only). What is kept: offsets, counts, epoch times,
 * the document's URI and a content fingerprint of each span piece; never code.
 */
const KEY = 'deliberate.fate.v1';

const windows = z.object({ '30s': z.nullable(z.number()), '120s': z.nullable(z.number()), '300s': z.nullable(z.number()), '600s': z.nullable(z.number()), '900s': z.nullable(z.number()) });
const persistedFate = z.object({
  docKey: z.string(),
  label: z.enum(EDIT_LABELS),
  span: z.object({
    original: z.number(),
    undone: z.number(),
    touched: z.boolean(),
    lost: z.number(),
    reformatted: z.optional(z.number()),
    ranges: z.array(z.object({ start: z.number(), end: z.number(), orig: z.number(), fp: z.string() })),
  }),
  at: z.number(),
  retained: windows,
  atSave: z.nullable(z.number()),
  atCommit: z.nullable(z.number()),
  firstRunAt: z.nullable(z.number()),
  ranBeforeCommit: z.nullable(z.boolean()),
});
const stored = z.object({ version: z.literal(1), fates: z.array(z.unknown()) });

export class FatePersistence {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly warn: (message: string) => void,
  ) {}

  /** What an earlier session left; a record that does not validate is skipped and reported, the rest kept. */
  load(): PersistedFate[] {
    const raw = this.memento.get<unknown>(KEY);
    if (raw === undefined) return [];
    const parsed = stored.safeParse(raw);
    if (!parsed.success) {
      this.warn(`Deliberate's saved AI edits (workspace state "${KEY}") are not in a known format and were ignored: ${parsed.error.message}`);
      return [];
    }
    const out: PersistedFate[] = [];
    parsed.data.fates.forEach((item, k) => {
      const one = persistedFate.safeParse(item);
      if (one.success) out.push(one.data);
      else this.warn(`Skipped saved AI edit ${k + 1} of ${parsed.data.fates.length} (workspace state "${KEY}"): ${one.error.message}`);
    });
    return out;
  }

  save(fates: readonly PersistedFate[]): Thenable<void> {
    return this.memento.update(KEY, fates.length === 0 ? undefined : { version: 1, fates });
  }
}

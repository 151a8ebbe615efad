/**
 * The one typed message map between the extension host and the "What Deliberate sees"
 * webview. Both sides validate what arrives with these schemas before acting on it.
 */
import * as z from 'zod/mini';

const recentChange = z.object({
  i: z.number(),
  label: z.nullable(z.string()),
  t: z.number(),
  doc: z.string(),
  inserted: z.number(),
  removed: z.number(),
  parts: z.number(),
  reason: z.nullable(z.enum(['undo', 'redo'])),
});

export const activitySnapshotSchema = z.object({
  byType: z.record(z.string(), z.number()),
  changeEvents: z.number(),
  insertedChars: z.number(),
  removedChars: z.number(),
  undoRedo: z.number(),
  openDocs: z.number(),
  lastChangeAt: z.nullable(z.number()),
  byLabel: z.record(z.string(), z.object({ edits: z.number(), chars: z.number() })),
  aiChars: z.number(),
  exactSources: z.boolean(),
  recentChanges: z.array(recentChange),
});

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('snapshot'),
    observing: z.boolean(),
    recording: z.boolean(),
    snapshot: activitySnapshotSchema,
    /** What happened to this session's AI edits so far. */
    outcomes: z.object({ kept: z.number(), revised: z.number(), undone: z.number(), deleted: z.number(), lost: z.number() }),
    /** Stream time of this snapshot, so the view can say "12 s ago"; null when observation is off. */
    now: z.nullable(z.number()),
    /** The file each document id of the latest edits stands for, as the person knows it (workspace-relative). Shown here only, never stored. */
    files: z.record(z.string(), z.string()),
  }),
]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;

/** Commands the webview may ask for; anything else is refused on arrival. */
export const WEBVIEW_COMMANDS = ['deliberate.toggleObservation', 'deliberate.openSettings', 'deliberate.recordTrace', 'deliberate.stopRecording', 'deliberate.showProgress'] as const;

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('runCommand'), command: z.enum(WEBVIEW_COMMANDS) }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

/**
 * The typed message map between the extension host and the Exercise view (a webview view in
 * Deliberate's activity bar container). Both sides validate what arrives before acting on it.
 */
import * as z from 'zod/mini';

const habit = z.enum(['iterate', 'validate', 'decompose', 'learn']);

export const exerciseViewModelSchema = z.object({
  pack: z.string(),
  id: z.string(),
  title: z.string(),
  habit,
  /** The habit in words ("Validate"). */
  habitName: z.string(),
  summary: z.string(),
  /** Why the habit matters, in plain words; the source is one click away (the evidence page). */
  why: z.string(),
  steps: z.array(
    z.object({
      title: z.string(),
      detail: z.nullable(z.string()),
      state: z.enum(['done', 'skipped', 'current', 'todo']),
      /** What the step waits for, in words (every step not passed). */
      waitingFor: z.nullable(z.string()),
      /** The current step: what was seen that did not complete it, in words, newest first. */
      seen: z.array(z.string()),
    }),
  ),
  current: z.number(),
  /** Every step passed (done or skipped). */
  completed: z.boolean(),
  /** Steps skipped: an exercise with one is finished, not completed. */
  skipped: z.number(),
});
export type ExerciseViewModel = z.infer<typeof exerciseViewModelSchema>;

export const hostToWebviewSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('exercise'), exercise: z.nullable(exerciseViewModelSchema) })]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('skip') }),
  z.object({ type: z.literal('restart') }),
  z.object({ type: z.literal('scratch') }),
  z.object({ type: z.literal('evidence'), habit }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

/** A pack's "why" ends with its citation of the evidence notes; the view links the evidence page instead. */
export function plainWhy(why: string): string {
  return why.replace(/\s*Source:\s*coaching-evidence\.md.*$/s, '').trim();
}

/**
 * The typed message map between the extension host and the "AI code in repository history"
 * webview. Both sides validate what arrives with these schemas before acting on it.
 */
import * as z from 'zod/mini';
import type { HistoryReviewResult } from '../core/history/retrospective';

const windowChurn = z.object({
  days: z.number(),
  eligibleCommits: z.number(),
  eligibleLinesAdded: z.number(),
  rewritten: z.number(),
  deleted: z.number(),
  share: z.nullable(z.number()),
});

const groupChurn = z.object({ commits: z.number(), linesAdded: z.number(), windows: z.array(windowChurn) });

export const historyViewSchema = z.object({
  /** The workspace folder's name (not its path). */
  folder: z.string(),
  asOf: z.number(),
  commitsScanned: z.number(),
  firstCommitTime: z.nullable(z.number()),
  lastCommitTime: z.nullable(z.number()),
  windowsDays: z.array(z.number()),
  ai: groupChurn,
  other: groupChurn,
  merges: groupChurn,
  evidenceCounts: z.record(z.string(), z.number()),
  toolCounts: z.record(z.string(), z.number()),
  /** The AI-assisted commits with the most churned lines: short hash and subject only. */
  topAiCommits: z.array(
    z.object({
      short: z.string(),
      subject: z.string(),
      linesAdded: z.number(),
      windows: z.array(z.object({ days: z.number(), eligible: z.boolean(), churned: z.number() })),
    }),
  ),
  inconsistencies: z.number(),
  warnings: z.number(),
});
export type HistoryView = z.infer<typeof historyViewSchema>;

export const historyHostToWebviewSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('result'), view: historyViewSchema })]);
export type HistoryHostToWebview = z.infer<typeof historyHostToWebviewSchema>;

export const historyWebviewToHostSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ready') })]);
export type HistoryWebviewToHost = z.infer<typeof historyWebviewToHostSchema>;

export const TOP_AI_COMMITS = 10;

export function toHistoryView(result: HistoryReviewResult, folder: string): HistoryView {
  const group = (g: HistoryReviewResult['ai']) => ({ commits: g.commits, linesAdded: g.linesAdded, windows: g.windows.map((w) => ({ ...w })) });
  return {
    folder,
    asOf: result.asOf,
    commitsScanned: result.commitsScanned,
    firstCommitTime: result.firstCommitTime,
    lastCommitTime: result.lastCommitTime,
    windowsDays: [...result.windowsDays],
    ai: group(result.ai),
    other: group(result.other),
    merges: group(result.merges),
    evidenceCounts: { ...result.evidenceCounts },
    toolCounts: { ...result.toolCounts },
    topAiCommits: result.aiCommits
      .filter((c) => c.windows.some((w) => w.churned > 0))
      .slice(0, TOP_AI_COMMITS)
      .map((c) => ({ short: c.hash.slice(0, 8), subject: c.subject.slice(0, 120), linesAdded: c.linesAdded, windows: c.windows.map((w) => ({ ...w })) })),
    inconsistencies: result.inconsistencies,
    warnings: result.warnings.length,
  };
}

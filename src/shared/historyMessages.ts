/**
 * The typed message map between the extension host and the "AI code in repository history"
 * webview. Both sides validate what arrives with these schemas before acting on it.
 */
import * as z from 'zod/mini';
import type { HistoryReviewResult } from '../core/history/retrospective';
import { topChurned } from './historyReport';

const windowChurn = z.object({
  days: z.number(),
  eligibleCommits: z.number(),
  eligibleLinesAdded: z.number(),
  rewritten: z.number(),
  deleted: z.number(),
  share: z.nullable(z.number()),
});

const largest = z.nullable(z.object({ hash: z.string(), subject: z.string(), linesAdded: z.number(), share: z.number() }));

const groupChurn = z.object({ commits: z.number(), linesAdded: z.number(), windows: z.array(windowChurn), largest });

export const historyViewSchema = z.object({
  /** The workspace folder's name (not its path). */
  folder: z.string(),
  judgedAt: z.nullable(z.number()),
  commitsScanned: z.number(),
  firstCommitTime: z.nullable(z.number()),
  lastCommitTime: z.nullable(z.number()),
  windowsDays: z.array(z.number()),
  ai: groupChurn,
  other: groupChurn,
  merges: groupChurn,
  /** Pairs, not a record: keys come from the repository and must never be looked up on an object. */
  evidenceCounts: z.array(z.object({ kind: z.string(), commits: z.number() })),
  /** Most commits first. */
  assistants: z.array(z.object({ tool: z.string(), commits: z.number() })),
  /** The AI-assisted commits with the most churned lines, merges left out: short hash and subject only. */
  topAiCommits: z.array(
    z.object({
      short: z.string(),
      subject: z.string(),
      linesAdded: z.number(),
      windows: z.array(z.object({ days: z.number(), eligible: z.boolean(), churned: z.number() })),
    }),
  ),
  repository: z.object({ bare: z.boolean(), shallow: z.boolean(), partial: z.boolean(), missingObjects: z.number() }),
  boundary: z.object({ commits: z.number(), lines: z.number() }),
  unknownContentFiles: z.number(),
  inconsistencies: z.number(),
  inconsistentPaths: z.array(z.string()),
  warnings: z.number(),
  gitMessages: z.array(z.string()),
});
export type HistoryView = z.infer<typeof historyViewSchema>;

export const historyHostToWebviewSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('result'), view: historyViewSchema })]);
export type HistoryHostToWebview = z.infer<typeof historyHostToWebviewSchema>;

export const historyWebviewToHostSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('ready') })]);
export type HistoryWebviewToHost = z.infer<typeof historyWebviewToHostSchema>;

export const TOP_AI_COMMITS = 10;

export function toHistoryView(result: HistoryReviewResult, folder: string): HistoryView {
  const group = (g: HistoryReviewResult['ai']) => ({
    commits: g.commits,
    linesAdded: g.linesAdded,
    windows: g.windows.map((w) => ({ ...w })),
    largest: g.largest === null ? null : { ...g.largest, subject: g.largest.subject.slice(0, 120) },
  });
  return {
    folder,
    judgedAt: result.judgedAt,
    commitsScanned: result.commitsScanned,
    firstCommitTime: result.firstCommitTime,
    lastCommitTime: result.lastCommitTime,
    windowsDays: [...result.windowsDays],
    ai: group(result.ai),
    other: group(result.other),
    merges: group(result.merges),
    evidenceCounts: Object.entries(result.evidenceCounts).map(([kind, commits]) => ({ kind, commits })),
    assistants: result.assistants.map((a) => ({ ...a })),
    topAiCommits: topChurned(result.aiCommits, TOP_AI_COMMITS).map((c) => ({ short: c.hash.slice(0, 8), subject: c.subject.slice(0, 120), linesAdded: c.linesAdded, windows: c.windows.map((w) => ({ ...w })) })),
    repository: { ...result.repository },
    boundary: { ...result.boundary },
    unknownContentFiles: result.unknownContentFiles,
    inconsistencies: result.inconsistencies,
    inconsistentPaths: [...result.inconsistentPaths],
    warnings: result.warnings.length,
    gitMessages: [...result.gitMessages],
  };
}

/**
 * The commit preview's numbers: of the lines a commit adds, how many did AI write, and by which
 * kind of assistant. Pure: the adapter reads the staged diff from git and the AI edits' live
 * ranges from the session; this decides which added lines are AI-written and words the
 * trailer the person sees (and can delete) in the commit message box.
 *
 * A line counts as AI-written when at least half of its non-blank characters are still in an
 * AI edit's live range (the person's own edits and "That was me" take characters out of
 * them). An added line of the staged diff is matched to an AI-written line of the document by
 * its trimmed text, each AI line used once: the staged text may differ from the editor's (a
 * partly staged file), and a line the person rewrote no longer matches. Blank lines count on
 * neither side.
 */
import type { SpanRange } from '../fate/spanTracker';
import type { AssistantKind } from '../metrics';

/** Ends every trailer Deliberate writes: how it (and the history review) knows its own line. */
export const TRAILER_MARK = '[Deliberate]';
export const TRAILER_KEY = 'AI-assisted';
const ASSISTANTS: readonly AssistantKind[] = ['inline', 'chat', 'agent'];

export interface AiRanges {
  readonly assistant: AssistantKind;
  readonly ranges: readonly SpanRange[];
}

/** The AI-written lines of a document's text, by trimmed text (a line may occur several times). */
export function aiLinesOf(text: string, edits: readonly AiRanges[]): Map<string, AssistantKind[]> {
  const out = new Map<string, AssistantKind[]>();
  if (edits.length === 0) return out;
  const starts = [0];
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  /** Non-blank characters in AI ranges, per line and assistant. */
  const ai = new Map<number, Record<AssistantKind, number>>();
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const e of edits) {
    for (const r of e.ranges) {
      for (let line = lineOf(r.start); line < starts.length && starts[line]! < r.end; line++) {
        const from = Math.max(r.start, starts[line]!);
        const to = Math.min(r.end, (starts[line + 1] ?? text.length + 1) - 1);
        let n = 0;
        for (let k = from; k < to; k++) if (!isBlank(text.charCodeAt(k))) n++;
        if (n === 0) continue;
        const counts = ai.get(line) ?? { inline: 0, chat: 0, agent: 0 };
        counts[e.assistant] += n;
        ai.set(line, counts);
      }
    }
  }
  for (const [line, counts] of ai) {
    const raw = text.slice(starts[line]!, (starts[line + 1] ?? text.length + 1) - 1);
    const trimmed = raw.trim();
    let total = 0;
    for (let k = 0; k < raw.length; k++) if (!isBlank(raw.charCodeAt(k))) total++;
    const inAi = counts.inline + counts.chat + counts.agent;
    if (trimmed === '' || inAi * 2 < total) continue;
    const assistant = ASSISTANTS.reduce((best, a) => (counts[a] > counts[best] ? a : best), 'inline' as AssistantKind);
    out.set(trimmed, [...(out.get(trimmed) ?? []), assistant]);
  }
  return out;
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

/** The lines a unified diff adds (without the leading "+"; file headers excluded). */
export function addedLines(diff: string): string[] {
  const out: string[] = [];
  let inHunk = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('@@')) inHunk = true;
    else if (line.startsWith('diff --git')) inHunk = false;
    else if (inHunk && line.startsWith('+')) out.push(line.slice(1).replace(/\r$/, ''));
  }
  return out;
}

export interface CommitShare {
  /** Non-blank lines the commit adds. */
  readonly added: number;
  /** Of those, AI-written. */
  readonly ai: number;
  readonly byAssistant: Readonly<Record<AssistantKind, number>>;
}

/** Matches each file's added lines against its AI-written lines (each AI line used once). */
export function commitShare(files: readonly { readonly added: readonly string[]; readonly aiLines: ReadonlyMap<string, readonly AssistantKind[]> }[]): CommitShare {
  let added = 0;
  const byAssistant: Record<AssistantKind, number> = { inline: 0, chat: 0, agent: 0 };
  for (const f of files) {
    const left = new Map([...f.aiLines].map(([text, list]) => [text, [...list]]));
    for (const line of f.added) {
      const trimmed = line.trim();
      if (trimmed === '') continue;
      added++;
      const assistant = left.get(trimmed)?.shift();
      if (assistant !== undefined) byAssistant[assistant]++;
    }
  }
  return { added, ai: byAssistant.inline + byAssistant.chat + byAssistant.agent, byAssistant };
}

function percent(part: number, whole: number): string {
  const p = (part / whole) * 100;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}

/**
 * The trailer line, e.g. `AI-assisted: 40% of added lines (inline 30%, agent 10%) [Deliberate]`;
 * null when the commit adds no AI-written line (nothing to say, so nothing is added).
 */
export function formatTrailer(share: CommitShare): string | null {
  if (share.ai === 0 || share.added === 0) return null;
  const parts = ASSISTANTS.filter((a) => share.byAssistant[a] > 0).map((a) => `${a} ${percent(share.byAssistant[a], share.added)}`);
  return `${TRAILER_KEY}: ${percent(share.ai, share.added)} of added lines (${parts.join(', ')}) ${TRAILER_MARK}`;
}

/** Whether a line of a commit message is a trailer Deliberate wrote. */
export function isDeliberateTrailer(line: string): boolean {
  return line.trim().startsWith(`${TRAILER_KEY}:`) && line.trim().endsWith(TRAILER_MARK);
}

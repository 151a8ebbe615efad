/**
 * "Why am I seeing this?" for one nudge: first what this person did (the trigger, with their
 * edits: which file, when, how much), then one line of evidence, then the study it rests on.
 * Pure: file names come from the adapter (`name`), local clock times from the LocalTime port.
 *
 * Invariant: it describes only edits the nudge names (`nudge.edits`, observation indices), so
 * what "Why?" shows is exactly what the nudge was about; an edit the person has since said was
 * theirs ("That was me") is said to be so, never shown as AI.
 */
import type { AssistantKind } from '../metrics';
import type { DocId } from '../observation';
import { CATALOGUE, type NudgeKind } from './catalogue';
import type { Nudge } from './coach';
import type { LocalTime } from './policy';
import type { AiEdit } from './signals';

export interface NudgeExplanation {
  /** What happened, in one sentence. */
  readonly did: string;
  /** One line per file: its AI edits, when, how much. */
  readonly edits: readonly string[];
  /** One line of evidence. */
  readonly evidence: string;
  readonly source: string;
  readonly study: { readonly title: string; readonly url: string };
}

const DID: Readonly<Record<NudgeKind, string>> = {
  unrunAtCommit: 'AI code went toward a commit without a test, build, lint or debug run after it was written.',
  largeBurst: 'An AI change landed in one go, with no look, save, run or edit of yours in between.',
  unrunAiCode: 'AI code has been in your files for more than 3 minutes and no run has covered it.',
  unreadAiCode: 'AI wrote code in a file you had not worked in this session, and the cursor has not been there since.',
  aiFixLoop: 'The last three errors in your files were each cleared by another AI edit.',
  errorsAfterAi: 'After an AI edit, its file reported more errors than before, and still did at the next pause.',
  keptAsWritten: 'AI code is going on exactly as the AI wrote it: not one character changed by you, not marked reviewed.',
  undoneNoRetry: 'You undid AI code, and in the minute after there was no new attempt, by the AI or by you.',
};

const ASSISTANT_WORDS: Readonly<Record<AssistantKind, string>> = { inline: 'inline suggestion', chat: 'chat edit', agent: 'agent edit' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "10:42" in the person's local time. */
export function clockTime(local: LocalTime, epochMs: number): string {
  const m = Math.floor(local.minutesOfDay(epochMs));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * `edits`: the nudge's edits as the coach knows them (undefined for one no longer counted as
 * AI); `name`: a file's name for the person; `toEpoch`: stream time to epoch ms.
 */
export function explainNudge(
  nudge: Pick<Nudge, 'kind' | 'edits'>,
  edits: ReadonlyMap<number, AiEdit | undefined>,
  options: { readonly name: (doc: DocId) => string; readonly local: LocalTime; readonly toEpoch: (t: number) => number },
): NudgeExplanation {
  const info = CATALOGUE[nudge.kind];
  const byDoc = new Map<DocId, AiEdit[]>();
  let yours = 0;
  for (const k of nudge.edits) {
    const e = edits.get(k);
    if (e === undefined) {
      yours++;
      continue;
    }
    byDoc.set(e.doc, [...(byDoc.get(e.doc) ?? []), e]);
  }
  const lines: string[] = [];
  const docs = [...byDoc].sort((a, b) => b[1].reduce((n, e) => n + e.lines, 0) - a[1].reduce((n, e) => n + e.lines, 0));
  for (const [doc, list] of docs.slice(0, 5)) {
    const kinds = [...new Set(list.map((e) => e.assistant))];
    const what = kinds.length === 1 ? plural(list.length, ASSISTANT_WORDS[kinds[0]!]) : plural(list.length, 'AI edit');
    const nLines = list.reduce((n, e) => n + e.lines, 0);
    const chars = list.reduce((n, e) => n + e.chars, 0);
    const first = clockTime(options.local, options.toEpoch(Math.min(...list.map((e) => e.t))));
    const last = clockTime(options.local, options.toEpoch(Math.max(...list.map((e) => e.t))));
    const when = first === last ? `at ${first}` : `${first}–${last}`;
    lines.push(`${options.name(doc)}: ${what}, ${plural(nLines, 'line')} (${plural(chars, 'character')}), ${when}`);
  }
  if (docs.length > 5) lines.push(`and ${plural(docs.length - 5, 'more file')}`);
  if (yours > 0) lines.push(`${plural(yours, 'edit')} you said ${yours === 1 ? 'was' : 'were'} yours, no longer counted as AI`);
  return { did: DID[nudge.kind], edits: lines, evidence: info.evidence.line, source: info.evidence.source, study: info.evidence.study };
}

/**
 * Derives the attribution and fate metric events (src/core/metrics.ts) from the observation
 * stream, settled attributions and final fates: characters per minute by source, each AI
 * edit, each AI edit's final fate, each commit's AI content. Counts only, never text.
 *
 * Times: observations carry stream time; `epochOffset` (the session's start in epoch ms)
 * turns it into the epoch ms that metric events carry.
 */
import type { Attribution } from './attribution/classifier';
import type { AiEditFate } from './fate/fateTracker';
import type { AssistantKind, MetricSink } from './metrics';
import { isAiLabel, type EditLabel, type Observation } from './observation';

const MINUTE = 60_000;

export function assistantOf(label: EditLabel): AssistantKind | undefined {
  if (label === 'ai.inline') return 'inline';
  if (label === 'ai.chat') return 'chat';
  if (label === 'ai.agent') return 'agent';
  return undefined;
}

function isToolLabel(label: EditLabel): boolean {
  return label.startsWith('tool.') || label === 'vcs';
}

interface Minute {
  start: number;
  human: number;
  ai: Record<AssistantKind, number>;
  tool: number;
  possiblyAi: number;
}

export class MetricDeriver {
  /** Inserted characters and lines of changes waiting for their attribution. */
  private readonly pending = new Map<number, { chars: number; lines: number }>();
  private minute: Minute | undefined;

  constructor(
    private readonly sink: MetricSink,
    private readonly epochOffset: number,
  ) {}

  observe(i: number, o: Observation): void {
    this.flush(o.t);
    if (o.type !== 'doc.change') return;
    let chars = 0;
    let lines = 0;
    for (const c of o.changes) {
      chars += c.text.length;
      for (let k = c.text.indexOf('\n'); k >= 0; k = c.text.indexOf('\n', k + 1)) lines++;
    }
    if (chars > 0) this.pending.set(i, { chars, lines: lines + 1 });
  }

  /**
   * The attribution of change `a.i` settled. An AI label the classifier is not sure of
   * (`sure` false) is counted apart as "possibly AI": not the person's, not AI's, no `aiEdit`.
   */
  attribute(a: Pick<Attribution, 'i' | 'label' | 't'>, sure = true): void {
    const inserted = this.pending.get(a.i);
    this.pending.delete(a.i);
    if (inserted === undefined) return;
    const at = a.t + this.epochOffset;
    const minute = this.minuteAt(at);
    const assistant = assistantOf(a.label);
    if (assistant !== undefined && !sure) {
      minute.possiblyAi += inserted.chars;
    } else if (assistant !== undefined) {
      minute.ai[assistant] += inserted.chars;
      this.sink.emit({ kind: 'aiEdit', at, assistant, chars: inserted.chars, lines: inserted.lines });
    } else if (isToolLabel(a.label)) {
      minute.tool += inserted.chars;
    } else if (a.label === 'human.type' || a.label === 'human.paste') {
      minute.human += inserted.chars;
    }
    // undo, redo, human.delete and external insertions are not anybody's new writing.
  }

  /** An AI agent wrote `chars` characters (`lines` lines) into a file no editor had open. */
  agentWroteUnopened(t: number, chars: number, lines: number): void {
    if (chars === 0) return;
    const at = t + this.epochOffset;
    this.minuteAt(at).ai.agent += chars;
    this.sink.emit({ kind: 'aiEdit', at, assistant: 'agent', chars, lines });
  }

  /** Final fates (FateTracker.drainFinal) become `fate` events, dated when each became final (else `t`). */
  fates(final: readonly AiEditFate[], t: number): void {
    for (const f of final) {
      const assistant = isAiLabel(f.label) ? assistantOf(f.label) : undefined;
      if (assistant === undefined) continue;
      this.sink.emit({
        kind: 'fate',
        at: (f.finalAt ?? t) + this.epochOffset,
        editAt: f.t + this.epochOffset,
        assistant,
        chars: f.originalChars,
        retained: f.atCommit ?? f.atEnd,
        outcome: f.outcome,
        revisedShare: f.commit?.revisedShare ?? f.revisedShare,
        committed: f.commit !== null ? true : f.commitsWithout > 0 ? false : null,
        ranBeforeCommit: f.commit === null ? null : f.ranBeforeCommit,
      });
    }
  }

  /** A commit landed holding these AI edits (FateTracker.commitLanded). */
  commit(t: number, head: string, contained: readonly AiEditFate[]): void {
    if (contained.length === 0) return;
    let aiEditsRun = 0;
    let aiChars = 0;
    for (const f of contained) {
      if (f.ranBeforeCommit === true) aiEditsRun++;
      aiChars += f.originalChars;
    }
    this.sink.emit({ kind: 'commit', at: t + this.epochOffset, head, aiEdits: contained.length, aiEditsRun, aiChars });
  }

  /** Stream time after `after` at which the minute in progress is due, or Infinity. */
  nextDeadline(after: number): number {
    if (this.minute === undefined) return Infinity;
    const due = this.minute.start + MINUTE - this.epochOffset;
    return due > after ? due : Infinity;
  }

  /** Emits the minute in progress if stream time `t` is past it (call on a timer and at the end). */
  flush(t: number, force = false): void {
    const m = this.minute;
    if (m === undefined) return;
    if (!force && t + this.epochOffset < m.start + MINUTE) return;
    this.minute = undefined;
    if (m.human + m.tool + m.ai.inline + m.ai.chat + m.ai.agent + m.possiblyAi === 0) return;
    this.sink.emit({ kind: 'edits', at: m.start, human: m.human, ai: { ...m.ai }, tool: m.tool, ...(m.possiblyAi > 0 ? { possiblyAi: m.possiblyAi } : {}) });
  }

  private minuteAt(at: number): Minute {
    const start = Math.floor(at / MINUTE) * MINUTE;
    if (this.minute !== undefined && this.minute.start !== start) this.flush(at - this.epochOffset, true);
    this.minute ??= { start, human: 0, ai: { inline: 0, chat: 0, agent: 0 }, tool: 0, possiblyAi: 0 };
    return this.minute;
  }
}

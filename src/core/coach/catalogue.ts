/**
 * The nudge catalogue: every kind of nudge the coach can show, with the habit it serves,
 * what triggers it, the evidence behind it ("why am I seeing this", citing
 * shared/notes/coaching-evidence.md) and the actions it offers. The wording follows the
 * notes: ask "can you review this?", never state a rule, never shame.
 */
import type { Habit } from '../metrics';

export const NUDGE_KINDS = ['unrunAtCommit', 'largeBurst', 'unrunAiCode', 'unreadAiCode', 'aiFixLoop', 'errorsAfterAi'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** What a button on a nudge does. The adapter runs it; the core only names it. */
export type NudgeActionId = 'runTests' | 'showDiff' | 'markReviewed' | 'notUseful' | 'snooze';

export interface Evidence {
  /** Plain words, for "Why am I seeing this?". */
  readonly text: string;
  /** Where it comes from, as cited in coaching-evidence.md. */
  readonly source: string;
}

export interface NudgeKindInfo {
  readonly kind: NudgeKind;
  readonly habit: Habit;
  readonly title: string;
  /** When it fires, in words (for the README and the settings). */
  readonly trigger: string;
  readonly evidence: Evidence;
  /** Buttons, most useful first. "Not useful" and "Snooze for a day" are on every nudge. */
  readonly actions: readonly NudgeActionId[];
  /** Lower is more important when several are due at one breakpoint. */
  readonly priority: number;
}

const VERIFIED = 'Anthropic, "How people use Claude Code" expertise study (anthropic.com/research/claude-code-expertise); METR 2025 (arXiv 2507.09089)';
const RCT = 'Anthropic randomized trial on AI assistance and coding skills (anthropic.com/research/AI-assistance-coding-skills, arXiv 2601.20245)';

export const CATALOGUE: Readonly<Record<NudgeKind, NudgeKindInfo>> = {
  unrunAtCommit: {
    kind: 'unrunAtCommit',
    habit: 'validate',
    title: 'AI code going into a commit has not been run',
    trigger: 'AI-written code is staged or committed, and no test, build, lint, type-check or debug run started after it was written.',
    evidence: {
      text:
        'In about 400,000 Claude Code sessions, "verified success" (a commit, passing tests or an explicit confirmation) came in 15% of novice sessions against 28-33% for intermediate users and above. ' +
        'Developers also misjudge AI speed-ups: in METR\'s 2025 trial experienced developers were 19% slower with AI while believing they were 20% faster. Running the code is the cheap check.',
      source: VERIFIED,
    },
    actions: ['runTests', 'showDiff', 'notUseful', 'snooze'],
    priority: 0,
  },
  largeBurst: {
    kind: 'largeBurst',
    habit: 'decompose',
    title: 'A large AI change landed in one go',
    trigger: 'An AI burst (edits with no look, run or own edit in between) ends having written at least the preset\'s number of lines, or touched three or more files.',
    evidence: {
      text:
        'Big edits are not bad in themselves; unreviewable ones are. DORA\'s 2024 report linked more AI adoption with lower delivery stability, tied to larger batches, and its 2025 model names small batches among the capabilities that amplify AI\'s benefit (secondary sources). ' +
        'No study shows smaller AI steps improve code quality, so this is a question: can you review this change as it stands?',
      source: 'DORA 2024 and 2025 AI capabilities model (secondary); Anthropic Claude Code expertise study',
    },
    actions: ['showDiff', 'markReviewed', 'notUseful', 'snooze'],
    priority: 2,
  },
  unrunAiCode: {
    kind: 'unrunAiCode',
    habit: 'validate',
    title: 'AI code written a while ago has not been run yet',
    trigger: 'At a save or a pause, AI-written lines (at least 10) that are more than 3 minutes old have not been covered by any test, build, lint or debug run.',
    evidence: {
      text:
        'Verified work (passing tests, a build, an explicit check) is what separates experienced sessions from novice ones: 28-33% against 15% in Anthropic\'s study of about 400,000 Claude Code sessions. Self-perception is unreliable (METR 2025), so run it rather than trust it.',
      source: VERIFIED,
    },
    actions: ['runTests', 'markReviewed', 'notUseful', 'snooze'],
    priority: 1,
  },
  unreadAiCode: {
    kind: 'unreadAiCode',
    habit: 'learn',
    title: 'AI code in a file you have not worked in is still unread',
    trigger: 'At a save, commit or pause, AI wrote at least 10 lines in a file you have not edited yourself this session, more than a minute ago, and the cursor has not been in that file since.',
    evidence: {
      text:
        'In Anthropic\'s randomized trial, developers learning a new library with AI scored 50% on a follow-up quiz against 67% for those coding by hand. The high scorers generated code and then made sure they understood it. The pattern analysis is not causal, but reading the code is cheap.',
      source: RCT,
    },
    actions: ['showDiff', 'markReviewed', 'notUseful', 'snooze'],
    priority: 3,
  },
  aiFixLoop: {
    kind: 'aiFixLoop',
    habit: 'learn',
    title: 'Errors keep being fixed by another AI round',
    trigger: 'Three times within an hour, the edit that cleared a file\'s errors was AI-written, and none was fixed by your own edit in between.',
    evidence: {
      text:
        'In Anthropic\'s randomized trial the largest skill gap between AI-assisted and hand-coding learners was on debugging; low scorers tended to debug by pasting errors back to the AI. Fixing the next one yourself keeps that skill in use. (The pattern analysis is not causal.)',
      source: RCT,
    },
    actions: ['showDiff', 'notUseful', 'snooze'],
    priority: 4,
  },
  errorsAfterAi: {
    kind: 'errorsAfterAi',
    habit: 'validate',
    title: 'An AI edit left new errors',
    trigger: 'After an AI edit, the file reports more errors than before it, and still does at the next breakpoint.',
    evidence: {
      text:
        'AI output is a draft: Anthropic\'s Economic Index counts validation and task iteration as the augmenting uses, and its study of Claude Code sessions found verified success (tests passing, a build, a confirmation) much more often among experienced users (28-33% against 15%).',
      source: 'Anthropic Economic Index (arXiv 2503.04761); Anthropic Claude Code expertise study',
    },
    actions: ['runTests', 'showDiff', 'notUseful', 'snooze'],
    priority: 1,
  },
};

export const ACTION_TITLES: Readonly<Record<NudgeActionId, string>> = {
  runTests: 'Run tests',
  showDiff: 'Show diff',
  markReviewed: 'Mark reviewed',
  notUseful: 'Not useful',
  snooze: 'Snooze',
};

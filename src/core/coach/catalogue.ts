/**
 * The nudge catalogue: every kind of nudge the coach can show, with the habit it serves,
 * what triggers it, the evidence behind it ("why am I seeing this", citing
 * shared/notes/coaching-evidence.md) and the actions it offers. The wording follows the
 * notes: ask "can you review this?", never state a rule, never shame.
 */
import type { Habit } from '../metrics';

export const NUDGE_KINDS = ['unrunAtCommit', 'largeBurst', 'unrunAiCode', 'unreadAiCode', 'aiFixLoop', 'errorsAfterAi', 'keptAsWritten', 'undoneNoRetry'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** What a button on a nudge does. The adapter runs it; the core only names it. */
export type NudgeActionId = 'runTests' | 'showDiff' | 'markReviewed' | 'notUseful' | 'snooze';

export interface Evidence {
  /** Plain words, the whole of it (the README, the evidence page). */
  readonly text: string;
  /** One line of it: what "Why?" says after what the person did. */
  readonly line: string;
  /** Where it comes from, as cited in coaching-evidence.md. */
  readonly source: string;
  /** The study itself, one click away: its title and public address. */
  readonly study: { readonly title: string; readonly url: string };
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
  /** The built-in exercise (deliberate.habits) that practises what the nudge asks, offered in "Why?". */
  readonly exercise?: string;
}

const VERIFIED = 'Anthropic, "How people use Claude Code" expertise study (anthropic.com/research/claude-code-expertise); METR 2025 (arXiv 2507.09089)';
const RCT = 'Anthropic randomized trial on AI assistance and coding skills (anthropic.com/research/AI-assistance-coding-skills, arXiv 2601.20245)';
const EXPERTISE_STUDY = { title: 'Anthropic: Claude Code expertise study', url: 'https://www.anthropic.com/research/claude-code-expertise' };
const RCT_STUDY = { title: 'Anthropic: AI assistance and coding skills (randomized trial)', url: 'https://www.anthropic.com/research/AI-assistance-coding-skills' };
const ECONOMIC_INDEX = { title: 'Anthropic Economic Index', url: 'https://www.anthropic.com/news/the-anthropic-economic-index' };

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
      line: 'Verified work (a run, passing tests) came in 28-33% of experienced Claude Code sessions against 15% of novice ones.',
      source: VERIFIED,
      study: EXPERTISE_STUDY,
    },
    actions: ['runTests', 'showDiff', 'notUseful', 'snooze'],
    priority: 0,
    exercise: 'validated-commit',
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
      line: 'Big edits are not bad in themselves, unreviewable ones are; DORA links larger batches with lower delivery stability (secondary source).',
      source: 'DORA 2024 and 2025 AI capabilities model (secondary); Anthropic Claude Code expertise study',
      study: { title: 'DORA research', url: 'https://dora.dev/research/' },
    },
    actions: ['showDiff', 'markReviewed', 'notUseful', 'snooze'],
    priority: 2,
    exercise: 'three-small-steps',
  },
  unrunAiCode: {
    kind: 'unrunAiCode',
    habit: 'validate',
    title: 'AI code written a while ago has not been run yet',
    trigger: 'At a save or a pause, AI-written lines (at least 10) that are more than 3 minutes old have not been covered by any test, build, lint or debug run.',
    evidence: {
      text:
        'Verified work (passing tests, a build, an explicit check) is what separates experienced sessions from novice ones: 28-33% against 15% in Anthropic\'s study of about 400,000 Claude Code sessions. Self-perception is unreliable (METR 2025), so run it rather than trust it.',
      line: 'Verified work separates experienced sessions from novice ones (28-33% against 15% of Claude Code sessions), and people misjudge AI code without running it (METR 2025).',
      source: VERIFIED,
      study: EXPERTISE_STUDY,
    },
    actions: ['runTests', 'markReviewed', 'notUseful', 'snooze'],
    priority: 1,
    exercise: 'check-a-suggestion',
  },
  unreadAiCode: {
    kind: 'unreadAiCode',
    habit: 'learn',
    title: 'AI code in a file you have not worked in is still unread',
    trigger: 'At a save, commit or pause, AI wrote at least 10 lines in a file you have not edited yourself this session, more than a minute ago, and the cursor has not been in that file since.',
    evidence: {
      text:
        'In Anthropic\'s randomized trial, developers learning a new library with AI scored 50% on a follow-up quiz against 67% for those coding by hand. The high scorers generated code and then made sure they understood it. The pattern analysis is not causal, but reading the code is cheap.',
      line: 'Learners who used AI scored 50% against 67% by hand; those who made sure they understood the generated code did better (not causal).',
      source: RCT,
      study: RCT_STUDY,
    },
    actions: ['showDiff', 'markReviewed', 'notUseful', 'snooze'],
    priority: 3,
    exercise: 'write-the-doc-comment',
  },
  aiFixLoop: {
    kind: 'aiFixLoop',
    habit: 'learn',
    title: 'Errors keep being fixed by another AI round',
    trigger: 'Three times within an hour, the edit that cleared a file\'s errors was AI-written, and none was fixed by your own edit in between.',
    evidence: {
      text:
        'In Anthropic\'s randomized trial the largest skill gap between AI-assisted and hand-coding learners was on debugging; low scorers tended to debug by pasting errors back to the AI. Fixing the next one yourself keeps that skill in use. (The pattern analysis is not causal.)',
      line: 'The largest skill gap with AI was on debugging; low scorers pasted errors back to the AI (randomized trial; the pattern is not causal).',
      source: RCT,
      study: RCT_STUDY,
    },
    actions: ['showDiff', 'notUseful', 'snooze'],
    priority: 4,
    exercise: 'fix-it-yourself',
  },
  errorsAfterAi: {
    kind: 'errorsAfterAi',
    habit: 'validate',
    title: 'An AI edit left new errors',
    trigger: 'After an AI edit, the file reports more errors than before it, and still does at the next breakpoint.',
    evidence: {
      text:
        'AI output is a draft: Anthropic\'s Economic Index counts validation and task iteration as the augmenting uses, and its study of Claude Code sessions found verified success (tests passing, a build, a confirmation) much more often among experienced users (28-33% against 15%).',
      line: 'Validation and task iteration are how people augment their work with AI rather than hand it over (Anthropic Economic Index).',
      source: 'Anthropic Economic Index (arXiv 2503.04761); Anthropic Claude Code expertise study',
      study: ECONOMIC_INDEX,
    },
    actions: ['runTests', 'showDiff', 'notUseful', 'snooze'],
    priority: 1,
    exercise: 'fix-it-yourself',
  },
  keptAsWritten: {
    kind: 'keptAsWritten',
    habit: 'iterate',
    title: 'AI code is going in exactly as the AI wrote it',
    trigger:
      'At least 10 AI-written lines in one file, not one character of them changed by you and not marked reviewed, are staged for a commit, or saved 5 minutes or more after the AI wrote them.',
    evidence: {
      text:
        'Developers with six months or more of AI use direct it less and iterate on its output more (28.2% against 24.5% of conversations), and succeed a little more often, about 3 to 4 points after controls (Anthropic Economic Index, "learning curves" report, a secondary source). ' +
        'Chat logs cannot see a person revising AI code afterwards; an editor can, and AI code revised by hand before it is committed is the clearest sign of treating it as a draft. Keeping it as it is can be right: this is a question, not a rule.',
      line: 'People with more AI experience iterate on its output more (28.2% against 24.5% of conversations) and succeed a little more often (Anthropic Economic Index, secondary).',
      source: 'Anthropic Economic Index, "learning curves" report, March 2026 (secondary); Anthropic coding report (anthropic.com/research/impact-software-development)',
      study: ECONOMIC_INDEX,
    },
    actions: ['showDiff', 'markReviewed', 'notUseful', 'snooze'],
    priority: 3,
    exercise: 'improve-before-save',
  },
  undoneNoRetry: {
    kind: 'undoneNoRetry',
    habit: 'iterate',
    title: 'An AI edit was undone and nothing came after it',
    trigger:
      'You undid most of an AI edit of at least 5 lines, and a minute later there was neither a new AI attempt in that file nor 20 characters of your own: shown at the next breakpoint within 5 minutes of the undo.',
    evidence: {
      text:
        'A revert followed by a new attempt, rather than giving up, is one of the editor signals of iteration: treating AI output as a draft means pushing back and asking again with what was wrong. Conversations that iterate show about twice as many other AI fluency behaviours (Anthropic AI Fluency Index, a secondary source). Writing it yourself is just as good.',
      line: 'Conversations that iterate show about twice as many other AI fluency behaviours (Anthropic AI Fluency Index, secondary).',
      source: 'Anthropic AI Fluency Index (anthropic.com/research/AI-fluency-index, secondary); Anthropic Economic Index',
      study: { title: 'Anthropic: AI Fluency Index', url: 'https://www.anthropic.com/research/AI-fluency-index' },
    },
    actions: ['notUseful', 'snooze'],
    priority: 3,
    exercise: 'undo-and-retry',
  },
};

export const ACTION_TITLES: Readonly<Record<NudgeActionId, string>> = {
  runTests: 'Run tests',
  showDiff: 'Show diff',
  markReviewed: 'Mark reviewed',
  notUseful: 'Not useful',
  snooze: 'Snooze',
};

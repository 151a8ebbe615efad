/**
 * What each habit measures and why it matters, in words a person can check: every text here
 * cites ../shared/notes/coaching-evidence.md (the habit's section) with its caveats.
 */
import type { Habit } from '../metrics';

export interface HabitText {
  readonly title: string;
  /** What the score is, in one line. */
  readonly measure: string;
  /** Why it matters, with the source. */
  readonly evidence: string;
  /** A plain, optional next step when the score is low. */
  readonly suggestion: string;
}

/** Fewer observations than this are "too few to tell": no score judgement, no trend. */
export const MIN_SAMPLE = 5;

export const EVIDENCE_NOTE = 'coaching-evidence.md';

export const HABIT_TEXT: Record<Habit, HabitText> = {
  iterate: {
    title: 'Iterate: treat AI output as a draft',
    measure: 'Share of settled AI edits you revised by hand, plus retries after an undo.',
    evidence:
      'Long-time users iterate more (28.2% vs 24.5% of conversations) and succeed a little more often, about 3 to 4 points after controls (Anthropic Economic Index learning-curves report, secondary source). Editing AI output afterwards is something only an editor can see. Source: coaching-evidence.md, "Iterate".',
    suggestion: 'Treat the next AI edit as a first draft: read it and make it yours before moving on.',
  },
  validate: {
    title: 'Validate: run it before you trust it',
    measure: 'Share of committed AI edits that a test, build, lint or run covered before the commit.',
    evidence:
      'In about 400k Claude Code sessions, verified success came in 15% of novice sessions vs 28-33% for intermediate and above (Anthropic). Experienced developers were 19% slower with AI while believing they were 20% faster (METR 2025): measure, do not guess. Source: coaching-evidence.md, "Validate".',
    suggestion: 'Before the next commit with AI code in it, run the tests or the program once.',
  },
  decompose: {
    title: 'Decompose: ask for steps you can check',
    measure: 'Share of AI bursts of 50 lines or fewer, small enough to review in one look.',
    evidence:
      'DORA 2024 (secondary) linked more AI adoption with lower delivery stability and larger batches; DORA 2025 names small batches as a capability that amplifies AI. No causal study shows smaller AI edits make better code: big edits are not bad, unreviewable ones are. Source: coaching-evidence.md, "Decompose".',
    suggestion: 'Next time you ask for a big change, ask for it in steps you can check one by one.',
  },
  learn: {
    title: 'Keep learning: stay the one who understands the code',
    measure: 'Share of errors in AI-written files that you fixed with your own edits rather than another AI round.',
    evidence:
      "In Anthropic's randomized trial, developers learning a new library with AI scored 50% on a follow-up quiz vs 67% by hand, the largest gap on debugging; those who asked for explanations or made sure they understood the code did better (pattern analysis, not causal). Source: coaching-evidence.md, \"Keep learning\".",
    suggestion: 'Fix the next small error yourself, or try a short exercise.',
  },
};

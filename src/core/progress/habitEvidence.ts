/**
 * What each habit measures and why it matters, in plain words a person can check. The studies
 * behind each are on the evidence page (media/coaching-evidence.md), one section per habit,
 * under the habit's own name as anchor: the views link there instead of citing inline.
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

/** The evidence page shipped with the extension; its sections are anchored by habit. */
export const EVIDENCE_PAGE = 'media/coaching-evidence.md';

export const HABIT_TEXT: Record<Habit, HabitText> = {
  iterate: {
    title: 'Iterate: treat AI output as a draft',
    measure: 'Share of settled AI edits you revised by hand, plus retries after an undo.',
    evidence:
      'People who have used AI for longer iterate on its output more, and their work succeeds a little more often. Changing AI output after it lands is something only your editor sees.',
    suggestion: 'Treat the next AI edit as a first draft: read it and make it yours before moving on.',
  },
  validate: {
    title: 'Validate: run it before you trust it',
    measure: 'Share of committed AI edits that a test, build, lint or run covered before the commit.',
    evidence:
      "In about 400,000 Claude Code sessions, beginners' work ended verified (tests passing, a commit, or a confirmation) in 15% of sessions, against 28 to 33% for more experienced people. And people misjudge how much AI speeds them up: running the code tells you.",
    suggestion: 'Before the next commit with AI code in it, run the tests or the program once.',
  },
  decompose: {
    title: 'Decompose: ask for steps you can check',
    measure: 'Share of AI bursts of 50 lines or fewer, small enough to review in one look.',
    evidence:
      'More AI went with less stable software delivery where changes came in large batches. Big AI edits are not bad in themselves; edits too big to review are.',
    suggestion: 'Next time you ask for a big change, ask for it in steps you can check one by one.',
  },
  learn: {
    title: 'Keep learning: stay the one who understands the code',
    measure: 'Share of errors in AI-written files that you fixed with your own edits rather than another AI round.',
    evidence:
      'In a randomized trial, people learning a new library with AI scored 50% on a quiz afterwards, against 67% for those who coded by hand. The biggest gap was in debugging.',
    suggestion: 'Fix the next small error yourself, or try a short exercise.',
  },
};

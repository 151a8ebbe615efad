import * as vscode from 'vscode';
import { ACTION_TITLES, CATALOGUE, type NudgeActionId } from '../core/coach/catalogue';
import type { Nudge } from '../core/coach/coach';
import type { NudgeExplanation } from '../core/coach/explain';

/** Short, so the buttons fit on a notification; the dialog it opens is titled in full. */
const WHY = 'Why?';
const STUDY = 'Open the Study';
const THAT_WAS_ME = 'That Was Me';
const PRACTISE = 'Try the Exercise';

/** What the person did with a nudge. `undefined`: nothing to record (they read "Why?" and closed it). */
export type NudgeChoice = NudgeActionId | 'dismissed' | 'thatWasMe' | 'practise';

export interface NudgeWhy {
  /** What this person did (the nudge's edits: file, when, how much), one line of evidence, the study. */
  explain(): NudgeExplanation | undefined;
  /** Opens the study behind the nudge. */
  openStudy(): void;
}

/**
 * Shows a nudge as a notification with its action buttons and "Why?". Closing the
 * notification is a dismissal. "Why?" is interest, not dismissal: it opens what the person did
 * (the nudge's edits, by file, time and size), one line of evidence and the study one click
 * away, with "That Was Me" (the edits were theirs), the exercise that practises the habit and
 * the nudge's actions; closing that records nothing. Decides nothing: answers go to `answer`.
 */
export async function presentNudge(nudge: Nudge, answer: (choice: NudgeChoice) => void, why: NudgeWhy): Promise<void> {
  const titles = nudge.actions.map((a) => ACTION_TITLES[a]);
  const choice = await vscode.window.showInformationMessage(`Deliberate: ${nudge.message}`, ...titles, WHY);
  if (choice !== WHY) {
    answer(actionOf(choice, nudge.actions) ?? 'dismissed');
    return;
  }
  const e = why.explain();
  const detail = e === undefined ? nudge.evidence.line : whyText(e);
  // In the dialog: the study, "That Was Me", the exercise, the actions that do something, and
  // "Not useful". Snooze stays on the notification (a dialog with every button is a wall).
  const main = nudge.actions.filter((a) => a !== 'snooze');
  const exercise = CATALOGUE[nudge.kind].exercise;
  const buttons = [STUDY, THAT_WAS_ME, ...(exercise !== undefined ? [PRACTISE] : []), ...main.map((a) => ACTION_TITLES[a])];
  const second = await vscode.window.showInformationMessage(`Why am I seeing this? ${nudge.title}.`, { modal: true, detail }, ...buttons);
  if (second === undefined) return; // read and closed: interest, not a dismissal
  if (second === STUDY) return why.openStudy();
  if (second === THAT_WAS_ME) return answer('thatWasMe');
  if (second === PRACTISE) return answer('practise');
  const action = actionOf(second, nudge.actions);
  if (action !== undefined) answer(action);
}

/** The "Why?" text: what you did, then why it matters, then where it comes from. */
export function whyText(e: NudgeExplanation): string {
  const edits = e.edits.map((line) => `• ${line}`).join('\n');
  return `What you did: ${e.did}${edits === '' ? '' : `\n${edits}`}\n\nWhy it matters: ${e.evidence}\n\nThe study: ${e.study.title} (${STUDY}).`;
}

function actionOf(title: string | undefined, actions: readonly NudgeActionId[]): NudgeActionId | undefined {
  return actions.find((a) => ACTION_TITLES[a] === title);
}

import * as vscode from 'vscode';
import { ACTION_TITLES, type NudgeActionId } from '../core/coach/catalogue';
import type { Nudge } from '../core/coach/coach';

/** Short, so five buttons fit on a notification; the dialog it opens is titled in full. */
const WHY = 'Why?';

/**
 * Shows a nudge as a notification with its action buttons and "Why?" (why am I seeing this),
 * which opens the evidence with its source and offers the same actions. Closing the
 * notification is a dismissal. Decides nothing: answers go to `answer`.
 */
export async function presentNudge(nudge: Nudge, answer: (action: NudgeActionId | 'dismissed') => void): Promise<void> {
  const titles = nudge.actions.map((a) => ACTION_TITLES[a]);
  const choice = await vscode.window.showInformationMessage(`Deliberate: ${nudge.message}`, ...titles, WHY);
  if (choice === WHY) {
    const detail = `${nudge.evidence.text}\n\nSource: ${nudge.evidence.source} (as cited in Deliberate's coaching notes).\n\nYou can turn nudges down or off with the settings Deliberate › Coach: Preset and Enabled.`;
    const second = await vscode.window.showInformationMessage(`Why am I seeing this? ${nudge.title}.`, { modal: true, detail }, ...titles);
    answer(actionOf(second, nudge.actions) ?? 'dismissed');
    return;
  }
  answer(actionOf(choice, nudge.actions) ?? 'dismissed');
}

function actionOf(title: string | undefined, actions: readonly NudgeActionId[]): NudgeActionId | undefined {
  return actions.find((a) => ACTION_TITLES[a] === title);
}

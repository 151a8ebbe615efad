/**
 * "Deliberate: Show Today's Habits" as a read-only page (never an untitled buffer that asks to
 * be saved and that Deliberate would observe as edits).
 */
import * as vscode from 'vscode';
import type { HabitSummary } from '../core/coach/habits';
import { todayHabitsMarkdown } from '../core/progress/todayHabits';
import { showPage } from './evidence';

export function showHabits(habits: readonly HabitSummary[]): void {
  showPage({ id: 'habits', title: vscode.l10n.t("Today's Habits"), markdown: todayHabitsMarkdown(habits) });
}

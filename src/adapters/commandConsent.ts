/**
 * Consent before Deliberate sends a command to a terminal ("Run tests"): the person sees the
 * exact command the first time and whenever it changes, and a command from the workspace's
 * settings or a team profile runs only after they answered Run to exactly that text in a
 * modal dialog. Answers are remembered per command in global state (core/settings/commandConsent.ts
 * holds the rules).
 *
 * Use: `const consent = new CommandConsent(context.globalState)`, then before sending a
 * command `if (!(await consent.confirmRun(command, origin))) return;`.
 */
import * as vscode from 'vscode';
import { consentStep, originText, remember, reviveConsent, type CommandOrigin, type ConsentMemory } from '../core/settings/commandConsent';

export type { CommandOrigin } from '../core/settings/commandConsent';

export const CONSENT_STATE_KEY = 'deliberate.commandConsent';

/** How the person is asked and told; the editor's dialogs, or a fake in tests. */
export interface ConsentPrompt {
  /** A modal question with the exact command: true only when the person chose Run. */
  ask(command: string, origin: CommandOrigin): Thenable<boolean>;
  /** Tells the person which command runs (not blocking). */
  show(command: string, origin: CommandOrigin): void;
  /** Tells the person a command was not run, and why. */
  refuse(command: string, reason: string): void;
}

export const editorPrompt: ConsentPrompt = {
  async ask(command, origin) {
    const run = vscode.l10n.t('Run');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Run this command from {0}?', originText(origin)),
      {
        modal: true,
        detail: vscode.l10n.t(
          '{0}\n\nDeliberate sends it to a terminal. You did not write it: run it only if you trust it. Your answer is remembered for this exact command.',
          command,
        ),
      },
      run,
    );
    return answer === run;
  },
  show(command, origin) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Deliberate runs "{0}" in a terminal (from {1}).', command, originText(origin)));
  },
  refuse(command, reason) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Deliberate did not run {0}: {1}.', JSON.stringify(command), reason));
  },
};

export class CommandConsent {
  /** One question at a time: a second click while the dialog is open waits for its answer. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento,
    private readonly prompt: ConsentPrompt = editorPrompt,
  ) {}

  /**
   * Whether `command` may be sent to a terminal now. `origin`: where it came from; for the
   * settings, `readValidationCommand()` (adapters/settings.ts) gives both.
   */
  confirmRun(command: string, origin: CommandOrigin): Promise<boolean> {
    const next = this.queue.then(() => this.decide(command, origin));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async decide(command: string, origin: CommandOrigin): Promise<boolean> {
    const step = consentStep(command, origin, this.memory());
    switch (step.kind) {
      case 'refuse':
        this.prompt.refuse(command, step.reason);
        return false;
      case 'ask':
        if (!(await this.prompt.ask(command, origin))) return false;
        await this.save(remember(this.memory(), command, true));
        return true;
      case 'show':
        this.prompt.show(command, origin);
        await this.save(remember(this.memory(), command, false));
        return true;
      case 'run':
        return true;
    }
  }

  /** Forgets every answer: each command is shown or asked about again. */
  async forget(): Promise<void> {
    await this.state.update(CONSENT_STATE_KEY, undefined);
  }

  private memory(): ConsentMemory {
    return reviveConsent(this.state.get<unknown>(CONSENT_STATE_KEY));
  }

  private async save(memory: ConsentMemory): Promise<void> {
    await this.state.update(CONSENT_STATE_KEY, memory);
  }
}

import * as path from 'node:path';
import * as vscode from 'vscode';
import { spoolDir } from '../shared/spool';
import { showPage } from './evidence';

/**
 * "Deliberate: Show Agent Hook Setup": a read-only page with hook configurations that call this
 * installation's `deliberate checkpoint`, each with a Copy button, ready for Claude Code's or
 * VS Code's agent hook files. Nothing is written to the workspace without the person.
 */
export function hookSetupMarkdown(extensionPath: string): string {
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  const command = (agent: string, phase: 'pre' | 'post') => `node ${JSON.stringify(cli).slice(1, -1)} checkpoint --agent ${agent} --phase ${phase}`;
  const claude = {
    hooks: {
      PreToolUse: [{ matcher: 'Edit|MultiEdit|Write|NotebookEdit', hooks: [{ type: 'command', command: command('claude-code', 'pre') }] }],
      PostToolUse: [{ matcher: 'Edit|MultiEdit|Write|NotebookEdit', hooks: [{ type: 'command', command: command('claude-code', 'post') }] }],
    },
  };
  const vscodeHooks = {
    hooks: {
      PreToolUse: [{ type: 'command', command: command('vscode-agent', 'pre'), timeout: 5 }],
      PostToolUse: [{ type: 'command', command: command('vscode-agent', 'post'), timeout: 5 }],
    },
  };
  const t = vscode.l10n.t;
  const json = (value: unknown) => ['```json', JSON.stringify(value, null, 2), '```'].join('\n');
  return [
    `# ${t('Tell Deliberate when an AI agent edits files')}`,
    '',
    t('Deliberate recognises most agent edits on its own. Hooks make it exact: the agent reports each file it is about to edit and has edited, through `deliberate checkpoint`, which drops a small file into `{0}` that Deliberate reads and deletes. Nothing leaves this machine.', spoolDir()),
    '',
    t("A hook call that names no file writes nothing; a checkpoint never fails the agent's tool call."),
    '',
    `## Claude Code {#claude-code}`,
    '',
    t('Add to `.claude/settings.json` in the project (or `~/.claude/settings.json` for all projects):'),
    '',
    json(claude),
    '',
    `## ${t('VS Code agent hooks')} {#vscode}`,
    '',
    t('Save as `.github/hooks/deliberate.json` in the workspace (VS Code also reads the Claude Code file above):'),
    '',
    json(vscodeHooks),
    '',
    `## ${t('Any other agent')} {#other}`,
    '',
    t('Call, before and after it writes files:'),
    '',
    '```sh',
    `${command('NAME', 'pre')} FILE...`,
    `${command('NAME', 'post')} FILE...`,
    '```',
    '',
    t('With no FILE arguments, `checkpoint` reads the hook\'s JSON payload from standard input and takes the file paths from it (`tool_input.file_path`, `tool_input.files` and similar).'),
    '',
  ].join('\n');
}

export function showHookSetup(extensionPath: string): void {
  showPage({ id: 'hooks', title: vscode.l10n.t('Agent Hook Setup'), markdown: hookSetupMarkdown(extensionPath) });
}

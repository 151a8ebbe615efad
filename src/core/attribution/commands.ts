/**
 * What a terminal command line is, for attribution: an AI coding agent, a version-control
 * command, or something else. Matching is on the program word(s), after `sudo`, `npx`,
 * environment assignments and paths are stripped.
 */

/** Command-line AI agents whose disk writes are agent edits. A team can add more. */
export const DEFAULT_AI_AGENT_COMMANDS: readonly string[] = [
  'claude',
  'codex',
  'aider',
  'gemini',
  'cursor-agent',
  'copilot',
  'amp',
  'opencode',
  'goose',
  'crush',
  'qwen',
  'q',
  'kiro-cli',
  'cline',
  'continue',
  'cn',
  'openhands',
  'plandex',
  'llm',
];

export type CommandKind = 'ai' | 'git' | 'other';

const WRAPPERS = new Set(['sudo', 'npx', 'pnpx', 'bunx', 'env', 'exec', 'time', 'nohup', 'command', 'uvx', 'pipx']);

/** The program name a command line runs: `FOO=1 npx @anthropic-ai/claude-code -p x` → `claude-code`. */
export function programOf(commandLine: string): string {
  const words = commandLine.trim().split(/\s+/);
  for (const raw of words) {
    if (raw === '' || /^[A-Za-z_][A-Za-z0-9_]*=/.test(raw)) continue; // environment assignment
    if (raw.startsWith('-')) continue; // a wrapper's flag, e.g. `npx -y`
    const word = raw.replace(/^['"]|['"]$/g, '');
    if (WRAPPERS.has(word)) continue;
    const base = word.split('/').pop() ?? word;
    return base.replace(/@[\d.^~]+.*$/, '').toLowerCase();
  }
  return '';
}

export function commandKind(commandLine: string, aiCommands: ReadonlySet<string>): CommandKind {
  const program = programOf(commandLine);
  if (program === 'git' || program === 'gh' || program === 'hub') return 'git';
  if (aiCommands.has(program)) return 'ai';
  // Package names of agents, e.g. @anthropic-ai/claude-code, @openai/codex, @google/gemini-cli.
  if (/^(claude-code|codex|gemini-cli|aider-chat|copilot-cli|cursor-agent)$/.test(program)) return 'ai';
  return 'other';
}

/**
 * The agent name of the checkpoints that stand for VS Code's chat editing session (agent
 * mode, edits, inline chat): the stream carries one when the chat opens the text it keeps
 * of a file before editing it. Edits under it are `ai.chat`.
 */
export const CHAT_AGENT = 'vscode.chat';

/**
 * Which commits were written with an AI assistant, and on what evidence.
 *
 * Evidence comes from what the repository itself records, never from guessing at code:
 * - `trailer`: a trailer line (Co-authored-by, Generated-by, Assisted-by, AI-assisted, …)
 *   that names a known assistant or carries one of its known addresses;
 * - `author`: the commit's author is an assistant's bot identity (Copilot coding agent,
 *   Devin, Jules, claude[bot], …);
 * - `message`: a "Generated with <assistant>" line, as Claude Code and others write;
 *   Deliberate's own commit preview line (`AI-assisted: 40% of added lines (...) [Deliberate]`)
 *   is a `trailer`, wherever it stands (a message left with only that line has it as subject);
 * - `review`: an AI review bot (Ellipsis, Greptile, cubic, Aikido, CodeRabbit) credited as a
 *   co-author or author: its suggestion was committed. A category of its own, apart from the
 *   assistants a person works with, but still AI-written lines;
 * - `note`: a git-ai authorship note under refs/notes/ai that attests AI lines;
 * - `recorded`: the commit is in the set Deliberate itself recorded (an input);
 * - `branch`: a merge commit whose merged branch consists only of AI-assisted commits
 *   (decided in mergedBranches.ts, from the evidence of those commits).
 *
 * Names are matched conservatively so people are not mistaken for tools: a trailer
 * "Co-authored-by: Claude Monet <claude@monet.example>" or "Claudette Smith" is a person;
 * "Claude <noreply@anthropic.com>", "Claude Sonnet 4.5" or "Claude Code" is the assistant.
 * Human first names that are also product names (Claude, Devin, Jules, Cody, Amp, Goose)
 * count only as the bare product name, with a model or product suffix, or with the vendor's
 * address; unambiguous product names (Copilot, Codeium, Tabnine, …) count anywhere in the name.
 */

import { isDeliberateTrailer } from '../coach/commitShare';

export type AiEvidenceKind = 'trailer' | 'author' | 'message' | 'review' | 'note' | 'recorded' | 'branch';

export const AI_EVIDENCE_KINDS: readonly AiEvidenceKind[] = ['trailer', 'author', 'message', 'review', 'note', 'recorded', 'branch'];

export interface AiEvidence {
  readonly kind: AiEvidenceKind;
  /** The assistant, as a display name ("Claude", "GitHub Copilot", …), or "AI assistant" when unnamed. */
  readonly tool: string;
  /** What was seen: the trailer key and name (no address), the author name, "git-ai note", … */
  readonly detail: string;
}

interface Assistant {
  readonly tool: string;
  /** Matches the whole display name (trimmed, without the <address>). */
  readonly name?: RegExp;
  /** Matches the e-mail address. */
  readonly email?: RegExp;
  /** A review bot: what it wrote reached the code as a committed suggestion. */
  readonly reviewBot?: true;
}

/** A bot account's address on GitHub: "123+name[bot]@users.noreply.github.com" (id and [bot] optional). */
const gh = (names: string) => `^(\\d+\\+)?(${names})(\\[bot\\])?@users\\.noreply\\.github\\.com$`;

// Addresses are the tools' own (noreply and bot accounts), never a vendor's whole domain:
// people who work at Anthropic, OpenAI or GitHub commit with their company address too.
const ASSISTANTS: readonly Assistant[] = [
  { tool: 'Claude', name: /^(anthropic\s+)?claude(\s+(code|opus|sonnet|haiku|instant|agent|claude-[\w.-]+)\b.*|[\s-]*\d.*|\s*\(.*\))?$|^claude(-code)?\[bot\]$/i, email: new RegExp(`^(noreply|claude|claude-code)@anthropic\\.com$|${gh('claude|claude-code')}`, 'i') },
  { tool: 'GitHub Copilot', name: /\bcopilot\b/i, email: new RegExp(`^copilot@github\\.com$|${gh('copilot|copilot-swe-agent|copilot-pull-request-reviewer')}`, 'i') },
  { tool: 'Cursor', name: /^cursor(\s*agent|\s*ai)?$|^cursor(agent)?\[bot\]$/i, email: new RegExp(`^(cursoragent|noreply|agent)@cursor\\.(com|sh)$|${gh('cursor|cursoragent')}`, 'i') },
  { tool: 'OpenAI Codex', name: /^(openai\s+)?codex(\s+cli|\s+agent)?$|^chatgpt-codex-connector\[bot\]$|\bchatgpt\b|^(openai\s+)?gpt[-\s]?\d|^openai$/i, email: new RegExp(`^(codex|noreply)@openai\\.com$|${gh('chatgpt-codex-connector|codex')}`, 'i') },
  { tool: 'Gemini', name: /^(google\s+)?gemini(\s+(code\s+assist|cli|\d.*|pro|flash)\b.*)?$|^gemini-code-assist\[bot\]$/i, email: new RegExp(gh('gemini-code-assist|gemini-cli'), 'i') },
  { tool: 'Jules', name: /^(google\s+)?jules(\s+ai)?$|^google-labs-jules(\[bot\])?$/i, email: new RegExp(gh('google-labs-jules'), 'i') },
  { tool: 'Aider', name: /^aider(\s+\(.*\))?$/i, email: /^noreply@aider\.chat$/i },
  { tool: 'Devin', name: /^devin(\s+ai)?$|^devin-ai-integration(\[bot\])?$/i, email: new RegExp(`^devin@cognition(-labs)?\\.(ai|com)$|${gh('devin-ai-integration')}`, 'i') },
  { tool: 'Windsurf', name: /\b(windsurf|codeium)\b/i, email: /^(noreply|windsurf|cascade)@(windsurf|codeium)\.com$/i },
  { tool: 'Amazon Q', name: /\bamazon\s+q\b|^amazon-q-developer(\[bot\])?$|\bcodewhisperer\b/i, email: new RegExp(gh('amazon-q-developer'), 'i') },
  { tool: 'Tabnine', name: /\btabnine\b/i, email: /^(noreply|bot)@tabnine\.com$/i },
  { tool: 'Cody', name: /^(sourcegraph\s+)?cody(\s+ai)?$/i, email: /^(noreply|cody)@sourcegraph\.com$/i },
  { tool: 'Amp', name: /^amp(\s+(agent|code))?$|^ampcode$/i, email: /^(amp|noreply)@ampcode\.com$/i },
  { tool: 'Continue', name: /^continue(\s+(agent|dev))?(\[bot\])?$/i, email: /^(noreply|continue)@continue\.dev$/i },
  { tool: 'opencode', name: /^opencode(\s+agent)?$/i, email: /^(noreply|opencode)@opencode\.ai$/i },
  { tool: 'goose', name: /^goose(\s+(ai|agent))?$/i, email: /^goose@block\.xyz$/i },
  { tool: 'OpenHands', name: /^openhands(\s+agent)?$|^openhands-agent$/i, email: /^openhands@all-hands\.dev$/i },
  { tool: 'Junie', name: /^junie(\s+ai)?$/i, email: /^junie@jetbrains\.com$/i },
  { tool: 'Augment', name: /^augment(\s+(agent|code))?$|^augmentcode$/i, email: /^(noreply|augment|agent)@augmentcode\.com$/i },
  { tool: 'Kiro', name: /^kiro(\s+agent)?$/i, email: /^(noreply|kiro)@kiro\.dev$/i },
  { tool: 'Qwen Code', name: /^qwen(\s*code|[-\s]*\d.*)?$/i },
  { tool: 'Sweep', name: /^sweep(-ai)?(\[bot\])?$/i, email: new RegExp(gh('sweep-ai'), 'i') },
  { tool: 'Cline', name: /^cline(\s+(agent|bot|ai))?$|^cline-cloud(\[bot\])?$/i, email: new RegExp(`^(noreply|agent|bot)@cline\\.bot$|${gh('cline-cloud|cline')}`, 'i') },
  { tool: 'Roo Code', name: /^roo[\s-]?(code|cline)(\s+agent)?$|^roomote(\[bot\])?$/i, email: new RegExp(`^(noreply|roomote|agent)@roocode\\.com$|${gh('roomote|roomote-agent|roo-code')}`, 'i') },
  { tool: 'Kilo Code', name: /^kilo[\s-]?code(\s+agent)?$|^kilo-?code-?bot(\[bot\])?$|^kiloconnect(\[bot\])?$/i, email: new RegExp(`^(noreply|agent|bot)@kilocode\\.ai$|${gh('kilocode|kilo-code-bot|kiloconnect')}`, 'i') },
  { tool: 'Warp', name: /^warp(\s+(agent|ai|terminal))?$|^warp-agent(\[bot\])?$/i, email: new RegExp(`^(agent|noreply|warp|ai)@warp\\.dev$|${gh('warp-agent|warpdotdev')}`, 'i') },
  { tool: 'Factory', name: /^factory(\s+(ai|droid))?$|^factory-droid(\[bot\])?$|^droid(\s+\(factory\))?$/i, email: new RegExp(`^(noreply|droid|agent)@factory\\.ai$|${gh('factory-droid|factory-ai')}`, 'i') },
  // Review bots: a suggestion of theirs committed from a pull request credits them as co-author.
  { tool: 'Ellipsis', reviewBot: true, name: /^ellipsis(-dev)?(\[bot\])?$/i, email: new RegExp(gh('ellipsis-dev'), 'i') },
  { tool: 'Greptile', reviewBot: true, name: /^greptile(-apps)?(\[bot\])?$/i, email: new RegExp(gh('greptile-apps|greptile'), 'i') },
  { tool: 'cubic', reviewBot: true, name: /^cubic(-dev-ai)?(\[bot\])?$/i, email: new RegExp(gh('cubic-dev-ai'), 'i') },
  { tool: 'Aikido', reviewBot: true, name: /^aikido([\s-](security|autofix|pr-checks|bot))?(\[bot\])?$/i, email: new RegExp(gh('aikido-autofix|aikido-pr-checks|aikido-security'), 'i') },
  { tool: 'CodeRabbit', reviewBot: true, name: /^coderabbit(ai)?(\[bot\])?$/i, email: new RegExp(gh('coderabbitai'), 'i') },
];

/** Trailer keys that credit a co-author or a tool; the value must name an assistant. */
const CREDIT_KEYS = /^(co-authored-by|coauthored-by|co-author|generated-by|generated-with|assisted-by|ai-assisted-by|made-with|written-by|authored-by|co-developed-by|ai-agent|ai-tool|ai-model|model|agent|tool)$/i;
/** Trailer keys that declare AI assistance by themselves; the value only has to be affirmative. */
const DECLARE_KEYS = /^(ai-assisted|ai-generated|ai-assistance|ai-used|generated-by-ai|llm-assisted|ai)$/i;
const NEGATIVE_VALUE = /^(no|none|false|0|n\/a|na|-)$/i;
const TRAILER = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.+?)\s*$/;
/**
 * "🤖 Generated with [Claude Code](https://claude.com/claude-code)", "Generated by Copilot ✨",
 * Claude Code on the web's italic "_Generated by [Claude Code](https://claude.ai/code/session_…)_".
 * Emphasis marks and emoji may surround it; the link target is not the tool's name.
 */
const GENERATED_LINE = /^[\W_]*(?:generated|written|created|made|co-authored|authored|built)\s+(?:with|by|using|in)\s+\[?([^\]\n(]+?)\]?(?:\([^)\n]*\))?(?:[\s_*.!\p{Extended_Pictographic}]|\u200d|\ufe0f)*$/iu;
/** The start of such a line, to join it with the next when a message was wrapped inside it. */
const GENERATED_START = /^[\W_]*(?:generated|written|created|made|co-authored|authored|built)\s+(?:with|by|using|in)\b/i;

/** Splits "Name <address>" into its parts; either may be empty. */
export function splitIdentity(value: string): { name: string; email: string } {
  const m = /^(.*?)\s*<([^>]*)>\s*$/.exec(value);
  if (m === null) return { name: value.trim(), email: '' };
  return { name: m[1]!.trim().replace(/^"(.*)"$/, '$1'), email: m[2]!.trim() };
}

interface Match {
  readonly tool: string;
  readonly reviewBot: boolean;
}

function match(name: string, email: string): Match | undefined {
  const n = name.trim();
  const e = email.trim();
  for (const a of ASSISTANTS) {
    if ((a.email !== undefined && e !== '' && a.email.test(e)) || (a.name !== undefined && n !== '' && a.name.test(n))) return { tool: a.tool, reviewBot: a.reviewBot === true };
  }
  // The kernel's style names the agent, then the model: "Assisted-by: Claude:claude-opus-4 [tools]".
  const agent = /^([A-Za-z][\w .-]*?)\s*:\s*\S/.exec(n);
  if (agent !== null && e === '') return match(agent[1]!, '');
  return undefined;
}

/** The assistant an identity ("Claude <noreply@anthropic.com>", "GitHub Copilot") belongs to, if any. */
export function assistantOf(name: string, email: string): string | undefined {
  return match(name, email)?.tool;
}

function trailerEvidence(message: string): AiEvidence[] {
  const found: AiEvidence[] = [];
  const lines = message.split('\n');
  // The subject line is never a trailer (except Deliberate's own line, which may be left alone
  // in the message); every later "Key: value" line is considered, not only the last paragraph,
  // because tools append their trailers after other text or other trailers.
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    if (isDeliberateTrailer(line)) {
      const share = /:\s*(.*?)\s*\[Deliberate\]\s*$/.exec(line)?.[1] ?? '';
      found.push({ kind: 'trailer', tool: 'AI assistant', detail: `Deliberate: ${share}` });
      continue;
    }
    if (k === 0) continue;
    const m = TRAILER.exec(line);
    if (m !== null && !/^https?$/i.test(m[1]!)) {
      const key = m[1]!;
      const value = m[2]!;
      if (CREDIT_KEYS.test(key)) {
        const { name, email } = splitIdentity(value);
        const who = match(name, email);
        if (who !== undefined) found.push({ kind: who.reviewBot ? 'review' : 'trailer', tool: who.tool, detail: `${key}: ${name || email}` });
      } else if (DECLARE_KEYS.test(key) && !NEGATIVE_VALUE.test(value)) {
        const { name, email } = splitIdentity(value);
        const tool = assistantOf(name, email) ?? 'AI assistant';
        found.push({ kind: 'trailer', tool, detail: `${key}: ${value.length > 60 ? `${value.slice(0, 57)}…` : value}` });
      }
      continue;
    }
    let g = GENERATED_LINE.exec(line);
    // Wrapped: "_Generated by [Claude" / "Code](https://claude.ai/code/session_…)_".
    if (g === null && k + 1 < lines.length && GENERATED_START.test(line)) g = GENERATED_LINE.exec(`${line.trimEnd()} ${lines[k + 1]!.trim()}`);
    if (g !== null) {
      const tool = assistantOf(g[1]!.trim(), '');
      if (tool !== undefined) found.push({ kind: 'message', tool, detail: line.trim().replace(/^[\W_]+/, '').slice(0, 80) });
    }
  }
  return found;
}

/** What a git-ai note says, read from as little of it as needed (gitAiNotes.ts). */
export interface GitAiNoteSummary {
  /** The note attests AI lines (or is in another format: its presence under refs/notes/ai is what its writer meant). */
  readonly attestsAi: boolean;
  /** The agent its metadata names first ("tool":"claude"), as written; undefined when none. */
  readonly tool: string | undefined;
}

/**
 * Whether a note under refs/notes/ai (the git-ai authorship log, standard v3) attests AI
 * lines. The log is an attestation section (a file path, then indented "<prompt id> <line
 * ranges>" entries), a line "---", then JSON metadata. A log with an empty attestation
 * section records a commit without AI lines. A note in another format still counts: its
 * presence under this ref is what the tool that wrote it meant to say.
 */
export function gitAiNoteAttestsAi(note: string): boolean {
  const text = note.replace(/\r/g, '').trim();
  if (text === '') return false;
  const lines = text.split('\n');
  const divider = lines.findIndex((l) => l.trim() === '---');
  if (divider < 0) return true;
  return lines.slice(0, divider).some((l) => /^\s+\S+\s+\S/.test(l));
}

export interface CommitIdentity {
  readonly hash: string;
  readonly authorName: string;
  readonly authorEmail: string;
  /** The full message, subject first. */
  readonly message: string;
}

/**
 * Evidence that `commit` was written with an AI assistant from what the commit itself says
 * (its message and author) and from what Deliberate recorded; empty when there is none.
 * Notes are read apart (noteEvidence) and joined by the caller.
 */
export function aiEvidence(commit: CommitIdentity, knownAiCommits: ReadonlySet<string>): AiEvidence[] {
  const evidence = trailerEvidence(commit.message);
  const author = match(commit.authorName, commit.authorEmail);
  if (author !== undefined) evidence.push({ kind: author.reviewBot ? 'review' : 'author', tool: author.tool, detail: commit.authorName || commit.authorEmail });
  if (knownAiCommits.has(commit.hash)) evidence.push({ kind: 'recorded', tool: 'AI assistant', detail: 'recorded by Deliberate' });
  return unique(evidence);
}

/** The evidence a git-ai note gives, if any. */
export function noteEvidence(note: GitAiNoteSummary | undefined): AiEvidence | undefined {
  if (note === undefined || !note.attestsAi) return undefined;
  const tool = note.tool === undefined ? 'AI assistant' : (assistantOf(note.tool, '') ?? note.tool);
  return { kind: 'note', tool, detail: 'git-ai note (refs/notes/ai)' };
}

/** One entry per kind and tool: a message that says "Co-authored-by: Claude" twice is one piece of evidence. */
export function unique(evidence: readonly AiEvidence[]): AiEvidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.kind}\u0000${e.tool}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

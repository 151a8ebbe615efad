/**
 * The attribution engine: gives every document change one label from the trace format's
 * set, with a confidence, using only what the observation stream carries.
 *
 * Changes are settled in order. A change may wait for evidence that arrives just after it
 * (the clipboard sample, a file-watcher event, a git event, the selection that follows,
 * a save) but never longer than SETTLE_MS of stream time: `observe` settles whatever is
 * older than that, and `advance(t)` / `flush()` let the caller settle on a clock or at the
 * end. Invariant: attributions come out in the order the changes went in, exactly once.
 *
 * `source` (VS Code's own word on an edit, from a proposed API) is used only when
 * `useExactSources` is set; a classifier being scored never reads it.
 */
import { isAiLabel, type DocChange, type DocId, type EditLabel, type Observation, type SelectionOffsets } from '../observation';
import { sha256Hex } from '../sha256';
import { DocumentTexts, type TextVersions } from '../text/documentTexts';
import { Rope } from '../text/rope';
import { textHash } from '../text/textHash';
import { CHAT_AGENT, commandKind, DEFAULT_AI_AGENT_COMMANDS, type CommandKind } from './commands';
import { isAutoClosedTag, isBlockCommentDelimiter, isCodeFixStub, isCommentScaffold, isEmmetExpansion, isEnterText, isImportLines, isLineCommentToggle } from './editorShapes';
import { isSureAi } from './confidence';
import { INLINE_ACCEPT_COMMANDS } from './inlineCommands';

export interface Attribution {
  /** Index of the change's observation in the stream (header excluded). */
  readonly i: number;
  readonly t: number;
  readonly doc: DocId;
  readonly label: EditLabel;
  readonly confidence: number;
  /** Short name of the rule that decided, for "why" displays and debugging. */
  readonly basis: string;
  /** True when the label came from VS Code's own edit source rather than inference. */
  readonly exact: boolean;
  readonly insertedChars: number;
  readonly removedChars: number;
}

export interface ClassifierOptions {
  /** Use `doc.change.source` when present (live use with the proposed API); never when scoring. */
  readonly useExactSources?: boolean;
  /** Extra command-line AI agents, by program name. */
  readonly aiCommands?: readonly string[];
  /**
   * The stream carries an `editor.command` observation for every inline-suggestion
   * acceptance made with the keyboard (Deliberate's accept keybindings are armed). Then a
   * change with no accept command before it is not an inline acceptance. Without this option
   * the classifier assumes so from the first accept command it sees.
   */
  readonly inlineAcceptKeys?: boolean;
  /** Take a labelled trace's own `label` as the answer (to check tracking apart from classifying). */
  readonly trustLabels?: boolean;
}

/** Longest a change waits for evidence that follows it, in stream milliseconds. */
export const SETTLE_MS = 1000;
/** A disk write this long after an AI agent command ended is still the agent's. */
const AGENT_AFTERGLOW_MS = 3000;
/** A disk write this long after a git command ended is still git's. */
const GIT_AFTERGLOW_MS = 2500;
/** File-watcher events and reloads are matched within this distance. */
const FS_WINDOW_MS = 1500;
/** A reload and the watcher event of the write behind it are this close. */
const RELOAD_FS_MS = 600;
/** A save's own write shows up as an fs event for the document this soon after. */
const SAVE_ECHO_MS = 1500;
/**
 * The watcher can report a save's own write before the editor reports the save (seen at 80 ms
 * on a busy machine): writes this soon before a save are that save's.
 */
const SAVE_ECHO_BEFORE_MS = 500;
/** Consecutive AI chunks (streamed edits) join the burst within this gap. */
const STREAM_GAP_MS = 2500;
/** Typing is "recent" within this time. */
const RECENT_KEYS_MS = 1500;
/** A "pre" checkpoint with no "post" covers the file this long (an agent that never reported back). */
const PRE_CHECKPOINT_MS = 60_000;
/** Changes in different documents this close together come from one workspace edit. */
const MULTI_DOC_MS = 50;
/** An accepted inline suggestion changes the document this soon after the accept command. */
const ACCEPT_COMMAND_MS = 1000;
/** Texts from before AI bursts kept per document, to recognise an Undo that restores one (chat "Undo"). */
const PRE_AI_TEXTS = 8;
/** AI edits kept per document, to recognise one reverted hunk by hunk (chat "Undo" of a hunk). */
const AI_EDITS_KEPT = 32;
const CLOSING_PAIRS = new Set(['()', '[]', '{}', '""', "''", '``', '<>']);

interface DocState {
  text: Rope;
  /** Version of the newest change seen, to know whether a settled change is still the latest. */
  version: number;
  path: string | undefined;
  dirty: boolean;
  selections: readonly SelectionOffsets[];
  /** Stream time of the last keyboard-driven selection change or typed character. */
  lastKeyT: number;
  lastSaveT: number;
  lastFsT: number;
  /** `lastFsT` as it was before the writes just before it (within SAVE_ECHO_BEFORE_MS of each other). */
  fsBeforeLatestWrites: number;
  /** When the document was opened empty (a file being created), or -Infinity. */
  openedEmptyT: number;
  /**
   * The texts this document had at moments git vouches for (opened clean, committed, vcs
   * rewrite): hashes, and the latest texts not hashed yet. Hashing is O(file), so it waits
   * until a reload asks (rare) instead of happening at every git event for every document.
   */
  revisions: Set<string>;
  unhashed: Rope[];
  /** End offset and time of the last AI insertion, to follow streamed chunks. */
  aiTail: { offset: number; t: number; label: EditLabel } | undefined;
  /** The document's texts just before its latest AI bursts (immutable ropes, shared), newest last. */
  preAi: Rope[];
  /** The latest AI edits' inserted and removed texts, newest last. */
  aiEdits: AiEdit[];
}

interface TerminalRun {
  readonly commandLine: string;
  readonly kind: CommandKind;
  readonly startT: number;
  endT: number | undefined;
}

interface Pending {
  readonly i: number;
  readonly change: DocChange;
  readonly before: Rope;
  readonly dirtyBefore: boolean;
  readonly selectionsBefore: readonly SelectionOffsets[];
  readonly lastKeyT: number;
  readonly lastSaveT: number;
  readonly lastFsT: number;
  readonly inserted: number;
  readonly removed: number;
  // Evidence that arrives after the change:
  clipboard: { text?: string; length?: number; sha256?: string; normalizedSha256?: string } | undefined;
  selectionAfter: { kind: string | null; selections: readonly SelectionOffsets[] } | undefined;
  fsAfterT: number | undefined;
  gitAfter: boolean;
  saveAfterT: number | undefined;
  /** The agent of a checkpoint for the document that arrived after the change (before it settled). */
  checkpointAfter: string | undefined;
  /** Another document changed within MULTI_DOC_MS: one workspace edit across files. */
  otherDocNear: boolean;
  /** The document was not the one in the active editor. */
  readonly background: boolean;
  /** The inline-suggestion accept command the person ran just before this change, if any. */
  readonly acceptCommand: string | undefined;
}

export class EditClassifier {
  private readonly docs = new Map<DocId, DocState>();
  private readonly pathToDoc = new Map<string, DocId>();
  private readonly pending: Pending[] = [];
  private readonly terminals: TerminalRun[] = [];
  private aiCommands: ReadonlySet<string>;
  private lastGitT = -Infinity;
  /** Checkpoints by doc id or path: the last "pre" and "post" times. */
  private readonly checkpoints = new Map<string, Checkpoint>();
  private lastClipboard: Pending['clipboard'] & { t: number } = { t: -Infinity };
  private lastChange: { doc: DocId; t: number } | undefined;
  private activeDoc: DocId | null = null;
  /** Stream time of the latest change settled as an agent's or chat's edit. */
  private lastAgentT = -Infinity;
  /** The latest inline accept command not yet matched to the change it caused. */
  private acceptCommand: { t: number; doc: DocId | undefined; command: string; matchedT?: number } | undefined;
  /** The stream reports inline acceptances made with the keyboard (see `inlineAcceptKeys`). */
  private acceptKeys: boolean;
  private now = 0;

  constructor(
    private readonly emit: (attribution: Attribution) => void,
    private readonly options: ClassifierOptions = {},
  ) {
    this.aiCommands = new Set([...DEFAULT_AI_AGENT_COMMANDS, ...(options.aiCommands ?? [])]);
    this.acceptKeys = options.inlineAcceptKeys ?? false;
  }

  /** Texts of the documents when no session supplies them (the classifier used on its own). */
  private ownTexts: DocumentTexts | undefined;

  /**
   * Feeds one observation; `i` is its index in the stream. Settles what is old enough.
   * `text` is the session's text store's answer for a document observation: the Rope for a
   * `doc.open`, the texts before and after for a `doc.change`. Used on its own (tests), the
   * classifier keeps the texts itself.
   */
  observe(i: number, o: Observation, text?: Rope | TextVersions): void {
    this.now = o.t;
    // Settle first what this observation cannot concern any more.
    this.settleOlderThan(o.t - SETTLE_MS);
    switch (o.type) {
      case 'doc.open': {
        const state = this.docState(o.doc);
        state.text = text instanceof Rope ? text : (this.ownTexts ??= new DocumentTexts()).open(o.doc, o.text);
        state.dirty = false;
        state.openedEmptyT = o.text.length === 0 ? o.t : -Infinity;
        addRevision(state);
        if (o.path !== undefined) {
          state.path = o.path;
          this.pathToDoc.set(o.path, o.doc);
        }
        break;
      }
      case 'doc.change': {
        const versions = text !== undefined && !(text instanceof Rope) ? text : this.ownVersions(o);
        if (versions !== undefined) this.onChange(i, o, versions);
        break;
      }
      case 'doc.close': {
        this.ownTexts?.close(o.doc);
        // A closed document starts afresh if it opens again (a reopen is a doc.open with its
        // text): its state goes, so the classifier holds only what is open.
        const state = this.docs.get(o.doc);
        if (state !== undefined && !this.pending.some((p) => p.change.doc === o.doc)) {
          this.docs.delete(o.doc);
          if (state.path !== undefined && this.pathToDoc.get(state.path) === o.doc) this.pathToDoc.delete(state.path);
        }
        break;
      }
      case 'doc.save': {
        const state = this.docState(o.doc);
        state.dirty = false;
        state.lastSaveT = o.t;
        // Writes reported just before this save were its own: no sign of another writer for
        // the changes that come after it (changes already waiting keep what they saw).
        if (o.t - state.lastFsT <= SAVE_ECHO_BEFORE_MS) state.lastFsT = state.fsBeforeLatestWrites;
        for (const p of this.pending) if (p.change.doc === o.doc && p.saveAfterT === undefined) p.saveAfterT = o.t;
        break;
      }
      case 'editor.selection': {
        const state = this.docState(o.doc);
        state.selections = o.selections;
        if (o.kind === 'keyboard') state.lastKeyT = o.t;
        for (const p of this.pending) {
          if (p.change.doc === o.doc && p.selectionAfter === undefined) p.selectionAfter = { kind: o.kind, selections: o.selections };
        }
        break;
      }
      case 'clipboard': {
        const sample = { text: o.text, length: o.length, sha256: o.sha256, normalizedSha256: o.normalizedSha256 };
        this.lastClipboard = { ...sample, t: o.t };
        for (const p of this.pending) if (p.clipboard === undefined && p.inserted >= 2) p.clipboard = sample;
        break;
      }
      case 'fs': {
        const doc = o.doc ?? (o.path !== undefined ? this.pathToDoc.get(o.path) : undefined);
        // Programs that write atomically (sed -i, many editors and agents) replace the file: "created".
        if (doc === undefined || o.change === 'deleted') break;
        const state = this.docState(doc);
        // The write of the document's own save (auto save included) is no sign of another writer.
        if (o.t - state.lastSaveT <= SAVE_ECHO_MS) break;
        // A file created empty and opened at once (an agent's new file): the watcher reports the
        // creation after the opening; it wrote nothing the editor will reload.
        if (o.change === 'created' && o.t - state.openedEmptyT <= FS_WINDOW_MS && state.text.length === 0) break;
        if (o.t - state.lastFsT > SAVE_ECHO_BEFORE_MS) state.fsBeforeLatestWrites = state.lastFsT;
        state.lastFsT = o.t;
        for (const p of this.pending) if (p.change.doc === doc && p.fsAfterT === undefined) p.fsAfterT = o.t;
        break;
      }
      case 'git': {
        this.lastGitT = o.t;
        for (const p of this.pending) p.gitAfter = true;
        // What is on disk for clean documents now matches a git revision.
        for (const state of this.docs.values()) if (!state.dirty) addRevision(state);
        break;
      }
      case 'terminal.exec':
        this.onTerminal(o.phase, o.commandLine, o.t);
        break;
      case 'editor.active':
        this.activeDoc = o.doc;
        break;
      case 'editor.command':
        if (INLINE_ACCEPT_COMMANDS.has(o.command)) {
          this.acceptCommand = { t: o.t, doc: o.doc ?? this.activeDoc ?? undefined, command: o.command };
          this.acceptKeys = true;
        }
        break;
      case 'agent.checkpoint': {
        const keys = [...(o.docs ?? []), ...(o.paths ?? [])];
        for (const key of keys) {
          const entry = this.checkpoints.get(key) ?? { pre: -Infinity, post: -Infinity, agent: o.agent };
          entry.agent = o.agent;
          if (o.phase === 'pre') entry.pre = o.t;
          else entry.post = o.t;
          this.checkpoints.set(key, entry);
          const doc = this.docs.has(key) ? key : this.pathToDoc.get(key);
          for (const p of this.pending) if (p.change.doc === doc) p.checkpointAfter = o.agent;
        }
        break;
      }
      default:
        break;
    }
  }

  /**
   * An AI agent is at work on `path` at stream time `t`: its hook's checkpoint covers the
   * file, or an AI command runs (or has just ended) in a terminal. Asked when a file no
   * editor has open is written.
   */
  agentWorking(path: string, t: number): boolean {
    return checkpointCovers(this.checkpoints.get(path), t) || this.commandsAround(t).has('ai');
  }

  /** Extra command-line AI agents changed (deliberate.attribution.aiCommands); applies to commands that start from now on. */
  setAiCommands(commands: readonly string[]): void {
    this.aiCommands = new Set([...DEFAULT_AI_AGENT_COMMANDS, ...commands]);
  }

  /** The stream time after `after` at which the oldest waiting change settles, or Infinity. */
  nextDeadline(after: number): number {
    const head = this.pending[0];
    if (head === undefined) return Infinity;
    const due = head.change.t + SETTLE_MS;
    return due > after ? due : Infinity;
  }

  /** Settles every change older than `t - SETTLE_MS`: call on a clock in live use. */
  advance(t: number): void {
    this.now = Math.max(this.now, t);
    this.settleOlderThan(t - SETTLE_MS);
  }

  /** Settles everything still waiting (end of a trace, or shutdown). */
  flush(): void {
    this.settleOlderThan(Infinity);
  }

  get waiting(): number {
    return this.pending.length;
  }

  /** The texts before and after a change when the classifier keeps them itself; undefined when the change does not apply. */
  private ownVersions(o: DocChange): TextVersions | undefined {
    const texts = (this.ownTexts ??= new DocumentTexts());
    if (!texts.has(o.doc)) texts.open(o.doc, '');
    try {
      return texts.change(o.doc, o.changes);
    } catch {
      return undefined;
    }
  }

  private docState(doc: DocId): DocState {
    let state = this.docs.get(doc);
    if (state === undefined) {
      state = { text: Rope.EMPTY, version: 0, path: undefined, dirty: false, selections: [], lastKeyT: -Infinity, lastSaveT: -Infinity, lastFsT: -Infinity, fsBeforeLatestWrites: -Infinity, openedEmptyT: -Infinity, revisions: new Set(), unhashed: [], aiTail: undefined, preAi: [], aiEdits: [] };
      this.docs.set(doc, state);
    }
    return state;
  }

  private onTerminal(phase: 'start' | 'end', commandLine: string, t: number): void {
    if (phase === 'start') {
      this.terminals.push({ commandLine, kind: commandKind(commandLine, this.aiCommands), startT: t, endT: undefined });
      if (this.terminals.length > 64) this.terminals.splice(0, this.terminals.length - 64);
      return;
    }
    for (let k = this.terminals.length - 1; k >= 0; k--) {
      const run = this.terminals[k]!;
      if (run.endT === undefined && run.commandLine === commandLine) {
        run.endT = t;
        return;
      }
    }
    // An end without a start (recording began mid-command): it ran until now.
    this.terminals.push({ commandLine, kind: commandKind(commandLine, this.aiCommands), startT: t, endT: t });
  }

  private onChange(i: number, change: DocChange, versions: TextVersions): void {
    const state = this.docState(change.doc);
    let inserted = 0;
    let removed = 0;
    for (const c of change.changes) {
      inserted += c.text.length;
      removed += c.length;
    }
    const before = versions.before;
    // The accept command causes one change (two when the suggestion also adds an import),
    // in the document it ran in, right after it.
    const command = this.acceptCommand;
    let acceptCommand: string | undefined;
    if (command !== undefined && change.t - command.t <= ACCEPT_COMMAND_MS && (command.doc === undefined || command.doc === change.doc)) {
      if (command.matchedT === undefined) command.matchedT = change.t;
      if (change.t - command.matchedT <= MULTI_DOC_MS) acceptCommand = command.command;
    }
    this.pending.push({
      i,
      change,
      before,
      dirtyBefore: state.dirty,
      selectionsBefore: state.selections,
      lastKeyT: state.lastKeyT,
      lastSaveT: state.lastSaveT,
      lastFsT: state.lastFsT,
      inserted,
      removed,
      clipboard: undefined,
      selectionAfter: undefined,
      fsAfterT: undefined,
      gitAfter: false,
      saveAfterT: undefined,
      checkpointAfter: undefined,
      otherDocNear: this.lastChange !== undefined && this.lastChange.doc !== change.doc && change.t - this.lastChange.t <= MULTI_DOC_MS,
      background: this.activeDoc !== change.doc,
      acceptCommand,
    });
    for (const p of this.pending) if (p.change.doc !== change.doc && change.t - p.change.t <= MULTI_DOC_MS) p.otherDocNear = true;
    this.lastChange = { doc: change.doc, t: change.t };
    state.text = versions.after;
    state.version = change.version;
    state.dirty = true;
    if (change.reason === null && inserted === 1 && removed === 0 && change.changes.length === 1) state.lastKeyT = change.t;
    // Undo/redo need no evidence: settle at once if nothing is ahead of them.
    if (change.reason !== null && this.pending.length === 1) this.settleOlderThan(change.t + 1);
  }

  private settleOlderThan(limit: number): void {
    while (this.pending.length > 0 && (this.pending[0]!.change.t <= limit || this.pending[0]!.change.reason !== null)) {
      const p = this.pending.shift()!;
      const decision = this.decide(p);
      const state = this.docState(p.change.doc);
      if (decision.label === 'ai.agent' || decision.label === 'ai.chat') this.lastAgentT = Math.max(this.lastAgentT, p.change.t);
      if (isAiLabel(decision.label)) this.rememberAiEdit(state, p, decision);
      if (isAiLabel(decision.label)) {
        const last = p.change.changes[p.change.changes.length - 1]!;
        state.aiTail = { offset: last.offset + last.text.length, t: p.change.t, label: decision.label };
      } else if (decision.label !== 'tool.format') {
        state.aiTail = undefined;
      }
      // A reload leaves the document equal to the file on disk, unless it was edited since.
      if (decision.reload === true && state.version === p.change.version) state.dirty = false;
      if (decision.label === 'vcs') addRevision(state);
      this.emit({
        i: p.i,
        t: p.change.t,
        doc: p.change.doc,
        label: decision.label,
        confidence: decision.confidence,
        basis: decision.basis,
        exact: decision.exact ?? false,
        insertedChars: p.inserted,
        removedChars: p.removed,
      });
    }
  }

  private decide(p: Pending): Decision {
    const c = p.change;
    if (this.options.trustLabels && c.label !== undefined) return { label: c.label, confidence: 1, basis: 'trace-label' };
    if (c.reason === 'undo') return { label: 'undo', confidence: 1, basis: 'reason' };
    if (c.reason === 'redo') return { label: 'redo', confidence: 1, basis: 'reason' };
    if (this.options.useExactSources && c.source !== undefined) {
      const exact = exactLabel(c.source);
      if (exact !== undefined) return { label: exact, confidence: 1, basis: `source:${c.source}`, exact: true };
    }
    // The person pressed an accept-inline key (Tab, accept word, accept line) just before, in
    // this document: this is the suggestion going in, whatever its shape (a word, a line
    // break, an edit away from the cursor). Decided before the reload rules: a file just
    // written (the watcher's "created" or "changed" a moment ago) is no reason to think the
    // key's change came from disk. A reload replaces the whole text; an acceptance never does.
    if (p.acceptCommand !== undefined && !replacesWholeText(p)) return { label: 'ai.inline', confidence: 0.98, basis: 'accept-key' };
    // Undo in a chat editing session: ONE change replacing the whole document with the text
    // from before the request, rebased onto what the person typed since (VS Code keeps it).
    // So the new text is the old one with the chat's edits taken back and nothing else
    // changed. Decided before the reload rules: the chat saves files as it edits them, so a
    // watcher event is often near, and a file reloaded from disk never takes back exactly
    // the chat's edits while the chat is not at work.
    if (replacesWholeText(p)) {
      const state = this.docState(c.doc);
      const chatEdits = state.aiEdits.filter((e) => e.label === 'ai.chat');
      if (chatEdits.length > 0 && undoesAiEdits(chatEdits, p.before.toString(), c.changes[0]!.text)) {
        return { label: 'undo', confidence: 0.9, basis: 'takes-back-chat-edits' };
      }
    }
    if (this.looksLikeReload(p)) return { ...this.decideReload(p), reload: true };
    return this.decideInEditor(p);
  }

  /** A change the editor made because the file changed on disk. */
  private looksLikeReload(p: Pending): boolean {
    const c = p.change;
    if (c.source === 'reloadFromDisk' && this.options.useExactSources) return true;
    if (p.dirtyBefore) return false; // VS Code does not reload a document with unsaved changes
    // The editor reloads right after the watcher sees the write (or just before it reports it).
    const fsNear = (p.fsAfterT !== undefined && p.fsAfterT - c.t <= RELOAD_FS_MS) || c.t - p.lastFsT <= RELOAD_FS_MS;
    // A reload moves no cursor by keyboard.
    if (p.selectionAfter?.kind === 'keyboard') return false;
    if (!fsNear) return false;
    // A save's own write is not a reload; nor is typing that happens to follow one.
    if (c.t - p.lastKeyT < 300) return false;
    if (p.fsAfterT !== undefined && p.saveAfterT !== undefined && p.saveAfterT <= p.fsAfterT) return false;
    return true;
  }

  private decideReload(p: Pending): Decision {
    const c = p.change;
    const state = this.docState(c.doc);
    const after = state.text;
    const keys = [c.doc, state.path].filter((k): k is string => k !== undefined);
    // An AI agent announced this file through a hook.
    for (const key of keys) {
      const cp = this.checkpoints.get(key);
      if (checkpointCovers(cp, c.t)) return { label: agentLabel(cp!.agent), confidence: 0.97, basis: 'reload:checkpoint' };
    }
    if (p.checkpointAfter !== undefined) return { label: agentLabel(p.checkpointAfter), confidence: 0.95, basis: 'reload:checkpoint-after' };
    const git = p.gitAfter || c.t - this.lastGitT <= FS_WINDOW_MS;
    const running = this.commandsAround(c.t);
    if (git || running.has('git')) return { label: 'vcs', confidence: 0.95, basis: git ? 'reload:git-event' : 'reload:git-command' };
    if (isKnownRevision(state, after) && !running.has('ai')) return { label: 'vcs', confidence: 0.85, basis: 'reload:known-revision' };
    if (running.has('ai') && !running.has('other')) return { label: 'ai.agent', confidence: 0.93, basis: 'reload:ai-command' };
    if (running.has('ai')) return { label: 'ai.agent', confidence: 0.7, basis: 'reload:ai-and-other-command' };
    return { label: 'external', confidence: running.has('other') ? 0.9 : 0.7, basis: running.has('other') ? 'reload:other-command' : 'reload:no-command' };
  }

  /** Kinds of terminal commands running at `t` or ended just before it. */
  private commandsAround(t: number): Set<CommandKind> {
    const kinds = new Set<CommandKind>();
    for (let k = this.terminals.length - 1; k >= 0; k--) {
      const run = this.terminals[k]!;
      if (run.startT > t) continue;
      const glow = run.kind === 'ai' ? AGENT_AFTERGLOW_MS : run.kind === 'git' ? GIT_AFTERGLOW_MS : 1500;
      if (run.endT === undefined || t - run.endT <= glow) kinds.add(run.kind);
    }
    return kinds;
  }

  private decideInEditor(p: Pending): Decision {
    const c = p.change;
    const changes = c.changes;
    const first = changes[0]!;
    const sels = p.selectionsBefore;
    const keyRecent = c.t - p.lastKeyT <= RECENT_KEYS_MS;
    const afterKind = p.selectionAfter?.kind;
    // Whose edit it is when an agent is at work (the chat's under its checkpoint), else undefined.
    const agent = this.agentContext(p);
    const agentContext = agent !== undefined;
    const state = this.docState(c.doc);

    if (changes.length > 1) return this.decideMulti(p, agent);

    const removedText = p.before.slice(first.offset, first.offset + first.length);
    const before = p.before;
    const text = first.text;
    const atCursor = isAtCursor(first.offset, first.length, sels);

    // Undo of a chat edit ("Undo" in a chat editing session, or restoring a checkpoint): one
    // change that puts back the whole text the document had before an AI burst.
    if (first.offset === 0 && first.length === before.length && first.length > 0) {
      if (restoresText(state.preAi, text, before)) return { label: 'undo', confidence: 0.9, basis: 'restores-text-before-ai' };
      // The same with the person's edits since kept: only the AI's edits taken back.
      // (Only edits surely AI: what the classifier was unsure of may be the person's typing.)
      const sureEdits = state.aiEdits.filter((e) => e.sure);
      if (sureEdits.length > 0 && undoesAiEdits(sureEdits, before.toString(), text)) return { label: 'undo', confidence: 0.85, basis: 'takes-back-ai-edits' };
    }
    // Undo of one hunk: the AI's text swapped back for what it replaced, by the editor, not by keys.
    if (afterKind !== 'keyboard' && revertsAiEdit(state.aiEdits, removedText, text)) return { label: 'undo', confidence: 0.8, basis: 'reverts-ai-hunk' };

    // Streamed chunks of an AI edit continue where the last one ended. Changes settle in
    // order, so the tail is that of the latest settled change before this one.
    const tail = state.aiTail;
    // Only agents and chat stream; an inline acceptance is one change, and what follows it is typing.
    if (tail !== undefined && tail.label !== 'ai.inline' && afterKind !== 'keyboard' && c.t - tail.t <= STREAM_GAP_MS && first.offset === tail.offset && p.inserted > 0 && !(keyRecent && p.inserted === 1)) {
      return { label: tail.label, confidence: 0.85, basis: 'stream-continuation' };
    }

    // Format on save: whitespace edits away from the cursor just before the save.
    const beforeSave = p.saveAfterT !== undefined && p.saveAfterT - c.t <= 400;
    if (!atCursor && isWhitespaceOnlyEdit(removedText, text) && (beforeSave || !keyRecent || p.inserted === 0)) {
      return { label: 'tool.format', confidence: beforeSave ? 0.9 : 0.8, basis: beforeSave ? 'whitespace-before-save' : 'whitespace-away' };
    }
    // A completion that replaces the typed word with the same word.
    if (first.length > 0 && removedText === text && /^[\w$.]+$/.test(text)) return { label: 'tool.complete', confidence: 0.8, basis: 'suggest-same-word' };

    if (p.inserted === 0) {
      if (atCursor || keyRecent) return { label: 'human.delete', confidence: atCursor ? 0.95 : 0.7, basis: 'delete' };
      if (agent !== undefined) return { label: agent, confidence: 0.7, basis: 'delete:agent-context' };
      return { label: 'human.delete', confidence: 0.6, basis: 'delete:away' };
    }

    if (isWhitespaceOnlyEdit(removedText, text) && !(atCursor && (isEnterText(text) || /^[ \t]+$/.test(text)) && first.length === 0)) {
      return { label: 'tool.format', confidence: 0.85, basis: 'whitespace-only' };
    }

    // Editor commands that insert a few characters away from the cursor: Toggle Line Comment
    // (the leader at the line's first non-blank), Toggle Block Comment (its delimiters).
    if (first.length === 0 && !agentContext) {
      const lineStart = lineStartOf(before, first.offset);
      if (isLineCommentToggle(before.slice(lineStart, first.offset), 0, first.offset - lineStart, text)) return { label: 'human.type', confidence: 0.9, basis: 'toggle-line-comment' };
      if (isBlockCommentDelimiter(text)) return { label: 'human.type', confidence: 0.85, basis: 'toggle-block-comment' };
    }

    // Typing: one character, an auto-closed pair, or Enter with indentation, at the cursor.
    if (atCursor || keyRecent) {
      // Word-by-word acceptance goes on where the last accepted piece ended; a typed character
      // there moves the cursor by keyboard, an accepted piece does not. With the accept keys
      // reported, an acceptance comes with its command instead.
      const continuesInline =
        !this.acceptKeys && afterKind === null && tail?.label === 'ai.inline' && first.offset === tail.offset && first.length === 0 && c.t - tail.t <= STREAM_GAP_MS;
      if (p.inserted === 1 && text !== '\n') {
        if (continuesInline) return { label: 'ai.inline', confidence: 0.65, basis: 'partial-accept-continues' };
        if (!this.acceptKeys && first.length === 0 && afterKind === null && !keyRecent && c.t - p.lastKeyT > 600 && /\S/.test(before.slice(Math.max(0, first.offset - 1), first.offset) || 'x')) {
          // A lone character inserted with no keyboard selection after a long pause: a
          // word-by-word accept. (A typed character usually moves the cursor by keyboard, but
          // not always; a replacement, as Find's Replace makes, is no acceptance.)
          return { label: 'ai.inline', confidence: 0.55, basis: 'partial-accept-char' };
        }
        return { label: 'human.type', confidence: 0.95, basis: 'type:char' };
      }
      // (A piece that is a line break with indentation cannot be told from Enter, which moves
      // the cursor with no keyboard selection either: only the accept key tells it.)
      // A typed closing bracket that also outdents its line replaces the indentation.
      const outdent = /^[ \t]*[}\])]$/.test(text) && /^[ \t]+$/.test(removedText);
      if (p.inserted === 1 || outdent || (CLOSING_PAIRS.has(text) && first.length === 0) || isEnterText(text) || /^[ \t]+$/.test(text)) {
        return { label: 'human.type', confidence: 0.9, basis: 'type:pair-or-indent' };
      }
      // Auto-closing that brings more than a pair: `/**` closes with ` */`, `<!--` with ` -->`.
      if (first.length === 0 && isCommentScaffold(text) && !text.includes('\n')) return { label: 'human.type', confidence: 0.9, basis: 'type:comment-autoclose' };
      // `>` typed after an opening tag: HTML and JSX close it.
      if (first.length === 0 && isAutoClosedTag(before.slice(Math.max(0, first.offset - 200), first.offset), text)) return { label: 'human.type', confidence: 0.9, basis: 'type:auto-close-tag' };
    }

    if (this.matchesClipboard(p, text, removedText)) return { label: 'human.paste', confidence: 0.97, basis: 'clipboard' };

    // Editor commands that copy, move, sort or deduplicate lines bring no new text: every
    // inserted line is already in the document. AI output is new text.
    if (text.includes('\n') && copiesExistingLines(before, first.offset, text)) {
      return { label: 'tool.refactor', confidence: 0.7, basis: 'existing-lines-rearranged' };
    }
    const replacesTyped = first.length > 0 && atCursorEnd(first.offset + first.length, sels);
    // The documentation-comment completion replaces `/**` with the comment's frame.
    if (isCommentScaffold(text) && (atCursor || keyRecent)) return { label: 'tool.complete', confidence: 0.85, basis: 'comment-frame' };
    // IntelliSense: replaces the word being typed with a completion of it.
    if (replacesTyped && isCompletionOf(removedText, text)) {
      return { label: 'tool.complete', confidence: 0.85, basis: 'suggest-replace' };
    }
    // Emmet expands the abbreviation just typed into markup or CSS.
    if (replacesTyped && isEmmetExpansion(removedText, text)) return { label: 'tool.complete', confidence: 0.85, basis: 'emmet' };
    // A snippet leaves a placeholder selected, or several cursors.
    const selAfter = p.selectionAfter?.selections;
    if (selAfter !== undefined && (selAfter.length > 1 || selAfter.some((s) => s.anchor !== s.active)) && afterKind !== 'keyboard' && afterKind !== 'mouse') {
      return { label: 'tool.complete', confidence: 0.8, basis: 'snippet-placeholder' };
    }
    // TypeScript's code fixes write stubs that throw "not implemented".
    if (isCodeFixStub(text)) return { label: 'tool.refactor', confidence: 0.85, basis: 'code-fix-stub' };

    if (atCursor) {
      if (agent !== undefined && /\n/.test(text) && text.length > 80) return { label: agent, confidence: 0.75, basis: 'agent-context-at-cursor' };
      // Find and replace swaps the selected match for another text.
      if (first.length > 0 && selectionIs(sels, first.offset, first.offset + first.length)) return { label: 'tool.refactor', confidence: 0.6, basis: 'replace-selection' };
      // Several characters typed as one (an input method's commit, dictation, the emoji
      // picker) move the cursor by keyboard; an accepted suggestion does not.
      if (afterKind === 'keyboard' && !text.includes('\n') && text.length <= 60) return { label: 'human.type', confidence: 0.75, basis: 'type:composed' };
      if (this.acceptKeys) {
        // Inline acceptances come with their key: this one did not. A block that appears at the
        // cursor while nobody types is an agent writing there; anything else is the editor's.
        const quietHere = c.t - p.lastKeyT > RECENT_KEYS_MS;
        if (quietHere && countNewlines(text) >= 1 && text.length >= 40) return { label: 'ai.agent', confidence: 0.7, basis: 'block-at-cursor-without-accept-key' };
        return { label: first.length > 0 ? 'tool.complete' : 'human.type', confidence: 0.7, basis: 'at-cursor-without-accept-key' };
      }
      // Without the accept keys the shape alone speaks, and on first encounters it was the
      // rule most often wrong (snippets, completions, line commands, a rename: README,
      // "Confidence"): never sure enough for coaching to act on, whatever the length.
      return { label: 'ai.inline', confidence: text.length >= 20 ? 0.8 : text.length >= 10 ? 0.75 : 0.7, basis: 'insert-at-cursor' };
    }

    // Away from the cursor.
    if (agent !== undefined) return { label: agent, confidence: 0.9, basis: 'agent-context' };
    // Rename and replace-all change one identifier in each place, across files in one instant too.
    if (isSameWordRename(removedText, text)) return { label: 'tool.refactor', confidence: 0.7, basis: 'identifier-replace' };
    if (p.otherDocNear) return { label: 'ai.agent', confidence: 0.85, basis: 'workspace-edit-many-files' };
    const lines = countNewlines(text);
    // A quick fix that adds an import: import lines (and blank lines) only, nothing else,
    // to a file that has code to fix (an empty new file is an agent's first chunk).
    if (first.length === 0 && hasContent(before) && isImportLines(text) && countMatches(text, /^\s*(import|from|using|use|#include|require)\b/gm) === 1) {
      return { label: 'tool.refactor', confidence: 0.6, basis: 'single-import-line' };
    }
    // Keystrokes in other documents do not make an edit here the person's.
    const quiet = c.t - p.lastKeyT > RECENT_KEYS_MS;
    const contentful = text.replace(/\s+/g, '').length >= 2;
    if (quiet && contentful && wholeLines(before, first.offset, first.length, text)) {
      return { label: 'ai.agent', confidence: 0.75, basis: 'whole-lines-away-from-cursor' };
    }
    // Agents edit several files in one burst: a quiet edit away from the cursor right after
    // an agent's edit elsewhere belongs to the burst.
    if (quiet && contentful && c.t - this.lastAgentT <= STREAM_GAP_MS) return { label: 'ai.agent', confidence: 0.7, basis: 'agent-burst' };
    // Nobody types into a document that is not in the active editor.
    if (p.background && contentful) return { label: 'ai.agent', confidence: 0.7, basis: 'background-document' };
    if (lines >= 2 || text.length >= 80) return { label: 'ai.agent', confidence: 0.7, basis: 'block-away-from-cursor' };
    return { label: 'tool.refactor', confidence: 0.6, basis: 'small-edit-away-from-cursor' };
  }

  /** Keeps what a settled AI edit started from and what it wrote, to recognise its undo later. */
  private rememberAiEdit(state: DocState, p: Pending, decision: Decision): void {
    const burstStart = state.aiTail === undefined || p.change.t - state.aiTail.t > STREAM_GAP_MS;
    if (burstStart && state.preAi[state.preAi.length - 1] !== p.before) {
      state.preAi.push(p.before);
      if (state.preAi.length > PRE_AI_TEXTS) state.preAi.shift();
    }
    for (const c of p.change.changes) {
      state.aiEdits.push({ inserted: c.text, removed: p.before.slice(c.offset, c.offset + c.length), label: decision.label, sure: isSureAi(decision) });
    }
    if (state.aiEdits.length > AI_EDITS_KEPT) state.aiEdits.splice(0, state.aiEdits.length - AI_EDITS_KEPT);
  }

  private decideMulti(p: Pending, agent: EditLabel | undefined): Decision {
    const agentContext = agent !== undefined;
    const changes = p.change.changes;
    const sels = p.selectionsBefore;
    // Tab or Shift+Tab on a selected block: whitespace at the starts of the selected lines.
    const keyRecent = p.change.t - p.lastKeyT <= RECENT_KEYS_MS;
    if (keyRecent && changes.every((c) => /^[ \t]*$/.test(c.text) && /^[ \t]*$/.test(p.before.slice(c.offset, c.offset + c.length)) && insideSelectedLines(p.before, c.offset, sels))) {
      return { label: 'human.type', confidence: 0.85, basis: 'indent-selection' };
    }
    const texts = new Set(changes.map((c) => c.text));
    const removedTexts = new Set(changes.map((c) => p.before.slice(c.offset, c.offset + c.length)));
    const allAtCursors = changes.every((c) => isAtCursor(c.offset, c.length, sels));
    if (allAtCursors && sels.length >= changes.length) {
      if (p.inserted === 0) return { label: 'human.delete', confidence: 0.9, basis: 'multi-cursor-delete' };
      const pasted = this.matchesClipboardAny(p);
      if (texts.size === 1 && (p.inserted / changes.length <= 2 || pasted)) return { label: pasted ? 'human.paste' : 'human.type', confidence: 0.9, basis: 'multi-cursor' };
    }
    if (changes.every((c) => isWhitespaceOnlyEdit(p.before.slice(c.offset, c.offset + c.length), c.text))) {
      return { label: 'tool.format', confidence: 0.9, basis: 'multi-whitespace' };
    }
    const state = this.docState(p.change.doc);
    // Chat "Undo" of several hunks at once: each change swaps the AI's text back.
    if (p.selectionAfter?.kind !== 'keyboard' && changes.every((c) => revertsAiEdit(state.aiEdits, p.before.slice(c.offset, c.offset + c.length), c.text))) {
      return { label: 'undo', confidence: 0.8, basis: 'multi:reverts-ai-hunks' };
    }
    // Toggle Line Comment on several lines: a leader at each line's first non-blank (or removed from there).
    if (!agentContext && changes.every((c) => isCommentToggleEdit(p.before, c))) return { label: 'human.type', confidence: 0.9, basis: 'multi:toggle-comment' };
    // Typing in a tag that linked editing mirrors into its pair: the same keystroke in two places, one at the cursor.
    if (keyRecent && texts.size === 1 && removedTexts.size === 1 && p.inserted / changes.length <= 1 && changes.some((c) => isAtCursor(c.offset, c.length, sels))) {
      return { label: 'human.type', confidence: 0.85, basis: 'multi:linked-editing' };
    }
    if (texts.size === 1 && removedTexts.size === 1) return { label: 'tool.refactor', confidence: 0.9, basis: 'same-replacement-many-places' };
    if (agent !== undefined) return { label: agent, confidence: 0.85, basis: 'multi:agent-context' };
    // TypeScript's code fixes write stubs that throw "not implemented".
    if (changes.some((c) => isCodeFixStub(c.text))) return { label: 'tool.refactor', confidence: 0.85, basis: 'multi:code-fix-stub' };
    // Extract to function/constant: the selected code moves into the new declaration, and a
    // call or name takes its place. The inserted text holds the text another change removed.
    if (movesRemovedText(p, changes)) return { label: 'tool.refactor', confidence: 0.8, basis: 'multi:extract' };
    // A completion, a snippet or a paste that also adds an import (auto-import, paste with
    // imports): decide by the change that is not the import.
    const rest = changes.filter((c) => !(c.length === 0 && isImportLines(c.text)));
    if (rest.length === 1 && rest.length < changes.length) {
      const main = rest[0]!;
      const removed = p.before.slice(main.offset, main.offset + main.length);
      if (main.text.length >= 2 && this.matchesClipboard(p, main.text, removed)) return { label: 'human.paste', confidence: 0.9, basis: 'multi:paste-with-imports' };
      if (main.length > 0 && atCursorEnd(main.offset + main.length, sels) && isCompletionOf(removed, main.text)) return { label: 'tool.complete', confidence: 0.85, basis: 'multi:completion-with-import' };
      if (main.length === 0 && isAtCursor(main.offset, 0, sels) && keyRecent && main.text.length <= 40 && !main.text.includes('\n')) return { label: 'tool.complete', confidence: 0.75, basis: 'multi:completion-with-import' };
    }
    // Formatters also reshape punctuation; the non-whitespace content stays nearly the same.
    if (nonWhitespaceSimilar(p, changes)) return { label: 'tool.format', confidence: 0.75, basis: 'multi-reflow' };
    if (p.inserted >= 80 && [...texts].some((t) => t.includes('\n'))) return { label: 'ai.agent', confidence: 0.7, basis: 'multi-block' };
    // Code actions that touch several places of the file in view (infer types, add modifiers,
    // fix all of one kind) insert a few words in each, no new lines, remove nothing; an agent's minimal diff
    // of the same shape comes inside a burst of its edits.
    if (!p.background && p.change.t - this.lastAgentT > STREAM_GAP_MS && changes.length <= 8 && changes.every((c) => c.length === 0 && !c.text.includes('\n') && c.text.length <= 40)) {
      return { label: 'tool.refactor', confidence: 0.65, basis: 'multi:small-edits-in-view' };
    }
    // A replacement that VS Code reports as a minimal diff, made while nobody types: no person edits several places at once.
    let newContent = 0;
    for (const t of texts) newContent += t.replace(/\s+/g, '').length;
    let removedContent = 0;
    for (const r of removedTexts) removedContent += r.replace(/\s+/g, '').length;
    if (!allAtCursors && p.change.t - p.lastKeyT > RECENT_KEYS_MS && (newContent >= 10 || removedContent >= 20)) return { label: 'ai.agent', confidence: 0.65, basis: 'multi:diffed-replacement' };
    return { label: 'tool.refactor', confidence: 0.6, basis: 'multi-edit' };
  }

  /**
   * An AI agent is at work: a hook checkpoint (the chat's included), or an AI command running
   * in a terminal. Returns the label of its edits (`ai.chat` under the chat's checkpoint), or
   * undefined when no agent is at work.
   */
  private agentContext(p: Pending): EditLabel | undefined {
    const state = this.docState(p.change.doc);
    for (const key of [p.change.doc, state.path]) {
      if (key === undefined) continue;
      const cp = this.checkpoints.get(key);
      if (checkpointCovers(cp, p.change.t)) return agentLabel(cp!.agent);
    }
    if (p.checkpointAfter !== undefined) return agentLabel(p.checkpointAfter);
    return this.commandsAround(p.change.t).has('ai') ? 'ai.agent' : undefined;
  }

  /**
   * The insertion is the clipboard: as it is, re-indented, or (Markdown's smart paste of a
   * link onto selected text) `[selected](clipboard)`. Works on a sample's text or its hash.
   */
  private matchesClipboard(p: Pending, text: string, replaced = ''): boolean {
    const candidates = [p.clipboard, this.lastClipboard.t >= p.change.t - 60_000 ? this.lastClipboard : undefined];
    const link = replaced.length > 0 ? /^\[([^\]\n]*)\]\(([^()\s]+)\)$/.exec(text) : null;
    const pieces = link !== null && link[1] === replaced ? [text, link[2]!] : [text];
    for (const clip of candidates) {
      if (clip === undefined) continue;
      for (const piece of pieces) {
        if (clip.text !== undefined) {
          if (clip.text.length === 0) continue;
          if (clip.text === piece || normalizeIndent(clip.text) === normalizeIndent(piece)) return true;
        } else if (clip.length !== undefined && clip.length > 0 && clip.length === piece.length && clip.sha256 === sha256Hex(piece)) {
          return true;
        } else if (clip.normalizedSha256 !== undefined && clip.length !== undefined && clip.length > 0 && clip.normalizedSha256 === sha256Hex(normalizeIndent(piece))) {
          return true;
        }
      }
    }
    return false;
  }

  private matchesClipboardAny(p: Pending): boolean {
    // (A paste at several cursors puts one line of the clipboard at each: compared whole here.)
    return p.change.changes.some((c) => c.text.length >= 2 && this.matchesClipboard(p, c.text));
  }
}

interface Decision {
  readonly label: EditLabel;
  /** The change came from the file on disk. */
  readonly reload?: boolean;
  readonly confidence: number;
  readonly basis: string;
  readonly exact?: boolean;
}

/** Most texts a document remembers unhashed; older ones are hashed to make room. */
const UNHASHED_LIMIT = 8;

/** Remembers the document's text now as a revision git vouches for (O(1): a reference to the Rope). */
function addRevision(state: DocState): void {
  if (state.unhashed.includes(state.text)) return;
  state.unhashed.push(state.text);
  if (state.unhashed.length > UNHASHED_LIMIT) state.revisions.add(textHash(state.unhashed.shift()!));
}

function isKnownRevision(state: DocState, text: Rope): boolean {
  if (state.unhashed.includes(text)) return true;
  for (const r of state.unhashed.splice(0)) state.revisions.add(textHash(r));
  return state.revisions.has(textHash(text));
}

/** The latest "pre" and "post" checkpoint times for a document or path, and the agent that sent the latest. */
interface Checkpoint {
  pre: number;
  post: number;
  agent: string;
}

/** The label of an agent's edits: the chat editing session's are `ai.chat`. */
function agentLabel(agent: string): EditLabel {
  return agent === CHAT_AGENT ? 'ai.chat' : 'ai.agent';
}

/** An agent is editing the file between its "pre" and "post" checkpoints, and just after "post". */
function checkpointCovers(cp: Checkpoint | undefined, t: number): cp is Checkpoint {
  if (cp === undefined) return false;
  const open = cp.pre > cp.post && t >= cp.pre && t - cp.pre <= PRE_CHECKPOINT_MS;
  return open || (t >= cp.post && t - cp.post <= AGENT_AFTERGLOW_MS) || (t < cp.post && cp.post - t <= FS_WINDOW_MS);
}

/** VS Code's specific edit sources (proposed `textDocumentChangeReason`); generic ones return undefined. */
export function exactLabel(source: string): EditLabel | undefined {
  switch (source) {
    case 'inlineCompletionAccept':
    case 'inlineCompletionPartialAccept':
    case 'inlineSuggestion.accept':
      return 'ai.inline';
    case 'suggest':
    case 'snippet':
      return 'tool.complete';
    case 'rename':
    case 'codeAction':
      return 'tool.refactor';
    case 'formatEditsCommand':
      return 'tool.format';
    // Chat editing sessions and inline chat applying a response's edits.
    case 'Chat.applyEdits':
    case 'inlineChat.applyEdits':
      return 'ai.chat';
    // A chat edit undone (the document back to its text before the request) or a checkpoint restored.
    case 'Chat.undoEdits':
    case 'Chat.reset':
      return 'undo';
    default:
      return undefined;
  }
}

/** Applies content changes (offsets into the text before the event) to `text`. */
export function applyChanges(text: string, changes: DocChange['changes']): string {
  if (changes.length === 1) {
    const c = changes[0]!;
    return text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  }
  // VS Code reports offsets against the text before the event; apply from the end.
  const sorted = [...changes].sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const c of sorted) result = result.slice(0, c.offset) + c.text + result.slice(c.offset + c.length);
  return result;
}

/** The change replaces all of a non-empty document (a reload, a chat's Undo, a checkpoint restored). */
function replacesWholeText(p: Pending): boolean {
  const c = p.change.changes;
  return c.length === 1 && c[0]!.offset === 0 && c[0]!.length === p.before.length && p.before.length > 0;
}

function isAtCursor(offset: number, length: number, sels: readonly SelectionOffsets[]): boolean {
  for (const s of sels) {
    const start = Math.min(s.anchor, s.active);
    const end = Math.max(s.anchor, s.active);
    if (start !== end) {
      if (offset === start && offset + length === end) return true; // replaces the selection
      if (offset >= start && offset <= end) return true;
      continue;
    }
    // Insert at the cursor, backspace before it, delete after it, or a word-delete.
    if (offset === s.active || offset + length === s.active) return true;
  }
  return false;
}

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Offset of the start of the line holding `offset`. */
function lineStartOf(text: Rope, offset: number): number {
  return text.lineStart(text.lineAt(offset));
}

/** The document has a non-whitespace character (usually found in the first few). */
function hasContent(text: Rope): boolean {
  let found = false;
  text.forEachChunk((chunk) => {
    if (!found && /\S/.test(chunk)) found = true;
  });
  return found;
}

/** `offset` is at the start of a line that a non-empty selection covers. */
function insideSelectedLines(before: Rope, offset: number, sels: readonly SelectionOffsets[]): boolean {
  const lineStart = lineStartOf(before, offset);
  return sels.some((s) => {
    const start = Math.min(s.anchor, s.active);
    const end = Math.max(s.anchor, s.active);
    return start !== end && lineStart <= end && offset >= lineStartOf(before, start) && /^[ \t]*$/.test(before.slice(lineStart, offset));
  });
}

/** Lines around an edit that a copy, move or sort of lines draws from: editor commands work on nearby lines. */
const NEARBY_LINES = 1000;

/**
 * Every non-blank inserted line already appears, trimmed, among the document's lines near
 * the edit: a copy, move, sort or deduplication of lines. Short lines such as "}" prove
 * nothing, so the inserted lines must carry some substance. Only NEARBY_LINES either side
 * are read, so the cost does not grow with the file.
 */
function copiesExistingLines(before: Rope, offset: number, text: string): boolean {
  const inserted = text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (inserted.join('').length < 12 || !inserted.some((l) => l.length >= 8)) return false;
  const line = before.lineAt(offset);
  const nearby = before.slice(before.lineStart(line - NEARBY_LINES), before.lineEnd(line + NEARBY_LINES));
  const known = new Set(nearby.split('\n').map((l) => l.trim()));
  return inserted.every((l) => known.has(l));
}

function selectionIs(sels: readonly SelectionOffsets[], start: number, end: number): boolean {
  return sels.some((s) => Math.min(s.anchor, s.active) === start && Math.max(s.anchor, s.active) === end && start !== end);
}

/** The edit inserts or replaces whole lines: it starts at a line start and ends with a line break, or starts with one at a line end. */
function wholeLines(before: Rope, offset: number, length: number, text: string): boolean {
  const atLineStart = offset === 0 || before.charCodeAt(offset - 1) === 10;
  const end = offset + length;
  const atLineEnd = end >= before.length || before.charCodeAt(end) === 10 || before.charCodeAt(end) === 13;
  return (atLineStart && text.endsWith('\n')) || (atLineEnd && text.startsWith('\n')) || (atLineStart && atLineEnd && length > 0);
}

function atCursorEnd(end: number, sels: readonly SelectionOffsets[]): boolean {
  return sels.some((s) => s.active === end || Math.max(s.anchor, s.active) === end);
}

/** The edit changes whitespace and nothing else (an identical replacement is not one). */
function isWhitespaceOnlyEdit(removed: string, inserted: string): boolean {
  return removed !== inserted && removed.replace(/\s+/g, '') === inserted.replace(/\s+/g, '');
}


/** The text with each line trimmed and blank ends dropped: a paste re-indented by the editor compares equal. */
export function normalizeIndent(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .join('\n')
    .trim();
}

function countNewlines(text: string): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) n++;
  return n;
}

/** `removed` is what the person typed of the word, `inserted` the completion that replaces it. */
function isCompletionOf(removed: string, inserted: string): boolean {
  // Snippets may span lines; what they replace is a short word the person typed.
  if (removed.length === 0 || inserted.length < removed.length || removed.length > 40 || /\s/.test(removed)) return false;
  // One identifier replacing the word being typed is a completion whatever VS Code's fuzzy
  // filter matched (it forgives transposed letters).
  if (/^[\w$]+$/.test(removed) && /^[.\w$#@-]+(\(\))?$/.test(inserted)) return true;
  const r = removed.toLowerCase();
  const t = inserted.toLowerCase();
  // Fuzzy: the typed characters appear in order in the completion (VS Code's filter).
  let k = 0;
  for (let j = 0; j < t.length && k < r.length; j++) if (t[j] === r[k]) k++;
  return k === r.length && /^[.\w$#@-]/.test(removed);
}

function isSameWordRename(removed: string, inserted: string): boolean {
  return /^[\w$]+$/.test(removed) && /^[\w$]+$/.test(inserted);
}

/** Most of the non-whitespace characters removed come back in the insertion (a reflow). */
function nonWhitespaceSimilar(p: Pending, changes: DocChange['changes']): boolean {
  let removed = '';
  let inserted = '';
  for (const c of changes) {
    removed += p.before.slice(c.offset, c.offset + c.length).replace(/\s+/g, '');
    inserted += c.text.replace(/\s+/g, '');
  }
  if (inserted.length === 0) return false;
  const diff = Math.abs(removed.length - inserted.length);
  return diff <= Math.max(2, inserted.length * 0.1) && /^[;,'"`()[\]{}]*$/.test(symmetricLeftover(removed, inserted));
}

function symmetricLeftover(a: string, b: string): string {
  const counts = new Map<string, number>();
  for (const ch of a) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  for (const ch of b) counts.set(ch, (counts.get(ch) ?? 0) - 1);
  let out = '';
  for (const [ch, n] of counts) if (n !== 0) out += ch;
  return out;
}

/** `text` is one of the remembered texts from before an AI burst (and not the text already there). */
function restoresText(preAi: readonly Rope[], text: string, before: Rope): boolean {
  for (const r of preAi) if (r !== before && r.length === text.length && r.toString() === text) return true;
  return false;
}

/** One remembered AI edit: what it inserted, what it replaced, and whose it was. */
interface AiEdit {
  readonly inserted: string;
  readonly removed: string;
  readonly label: EditLabel;
  /** Sure enough for coaching (isSureAi). */
  readonly sure: boolean;
}

/**
 * `after` is `before` with some of the remembered AI edits taken back (each one's inserted
 * text swapped for what it replaced, newest first) and nothing else changed. Only the
 * changed lines are compared: the common start and end of the two texts are skipped first,
 * so the person's edits elsewhere in the file, kept by the Undo, do not matter. Linear in
 * the texts' length times the edits remembered (AI_EDITS_KEPT); asked only of a change that
 * replaces a whole document.
 */
function undoesAiEdits(aiEdits: readonly AiEdit[], before: string, after: string): boolean {
  if (before === after) return false;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Whole lines: an edit that changed "1" into "100" differs from the original in "00" only.
  start = start === 0 ? 0 : before.lastIndexOf('\n', start - 1) + 1;
  const suffixLine = before.indexOf('\n', before.length - end);
  end = suffixLine < 0 ? 0 : Math.min(end, before.length - suffixLine - 1);
  let region = before.slice(start, before.length - end);
  const target = after.slice(start, after.length - end);
  let taken = 0;
  for (let k = aiEdits.length - 1; k >= 0 && region !== target; k--) {
    const e = aiEdits[k]!;
    if (e.inserted.length === 0) continue; // a deletion taken back: where it goes is not known here
    const at = region.indexOf(e.inserted);
    if (at < 0) continue;
    region = region.slice(0, at) + e.removed + region.slice(at + e.inserted.length);
    taken++;
  }
  return taken > 0 && region === target;
}

/** The change swaps a remembered AI edit's inserted text back for what it replaced. */
function revertsAiEdit(aiEdits: readonly { inserted: string; removed: string }[], removed: string, inserted: string): boolean {
  if (removed.length + inserted.length < 2) return false;
  for (let k = aiEdits.length - 1; k >= 0; k--) {
    const e = aiEdits[k]!;
    if (e.inserted.length === removed.length && e.removed.length === inserted.length && e.inserted === removed && e.removed === inserted) return true;
  }
  return false;
}

/** One change of a comment toggle: a line-comment leader inserted at, or removed from, a line's first non-blank; or a block-comment delimiter. */
function isCommentToggleEdit(before: Rope, c: DocChange['changes'][number]): boolean {
  const lineStart = lineStartOf(before, c.offset);
  const lead = before.slice(lineStart, c.offset);
  if (c.length === 0) return isLineCommentToggle(lead, 0, lead.length, c.text) || isBlockCommentDelimiter(c.text);
  if (c.text.length === 0) {
    const removed = before.slice(c.offset, c.offset + c.length);
    return isLineCommentToggle(lead, 0, lead.length, removed) || isBlockCommentDelimiter(removed);
  }
  return false;
}

/**
 * Code moved, as Extract does: some change inserts the text another change removed, or the
 * text that was selected while the other changes rewrite the selection (VS Code reports the
 * replaced expression as a character diff, `line(day)` → `newLocal` in pieces).
 */
function movesRemovedText(p: Pending, changes: DocChange['changes']): boolean {
  for (const c of changes) {
    const removed = p.before.slice(c.offset, c.offset + c.length).trim();
    if (removed.length < 8) continue;
    if (changes.some((o) => o !== c && o.text.includes(removed))) return true;
  }
  for (const sel of p.selectionsBefore) {
    const start = Math.min(sel.anchor, sel.active);
    const end = Math.max(sel.anchor, sel.active);
    const selected = p.before.slice(start, end).trim();
    if (selected.length < 4) continue;
    const inside = changes.filter((c) => c.offset >= start && c.offset + c.length <= end);
    if (inside.length > 0 && changes.some((o) => !inside.includes(o) && o.text.includes(selected))) return true;
  }
  return false;
}

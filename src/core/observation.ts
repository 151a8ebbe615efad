/**
 * The observation stream: what Deliberate sees in the editor, as plain data.
 *
 * These types mirror the edit trace interchange format (shared/spec/trace-format.md,
 * version 1) one to one, so an observation produced by the VS Code adapter, one written
 * by the recorder and one read back by replay are the same value. Offsets are UTF-16
 * code units, times are milliseconds (`t` is relative to the start of a session or
 * trace), documents are opaque ids such as "d1": no URIs or absolute paths cross here.
 */

export type DocId = string;

export const EDIT_LABELS = [
  'ai.inline',
  'ai.chat',
  'ai.agent',
  'human.type',
  'human.paste',
  'human.delete',
  'undo',
  'redo',
  'tool.format',
  'tool.refactor',
  'tool.complete',
  'vcs',
  'external',
] as const;
export type EditLabel = (typeof EDIT_LABELS)[number];

export function isAiLabel(label: EditLabel): boolean {
  return label === 'ai.inline' || label === 'ai.chat' || label === 'ai.agent';
}

/** One entry of `TextDocumentChangeEvent.contentChanges`: `rangeOffset`, `rangeLength`, `text`. */
export interface ContentChange {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export interface SelectionOffsets {
  readonly anchor: number;
  readonly active: number;
}

export type SelectionKind = 'keyboard' | 'mouse' | 'command' | null;
export type FsChange = 'created' | 'changed' | 'deleted';
export type GitOp = 'commit' | 'checkout' | 'reset' | 'merge' | 'rebase' | 'stash' | null;
export type Phase = 'start' | 'end';

interface Base {
  /** Milliseconds since the session (or trace) started; never decreasing. */
  readonly t: number;
}

export interface DocOpen extends Base {
  readonly type: 'doc.open';
  readonly doc: DocId;
  readonly lang: string;
  readonly text: string;
  readonly path?: string;
}
export interface DocChange extends Base {
  readonly type: 'doc.change';
  readonly doc: DocId;
  readonly version: number;
  readonly reason: 'undo' | 'redo' | null;
  readonly changes: readonly ContentChange[];
  /** The editor's own word on where the edit came from (proposed API); never read when scoring. */
  readonly source?: string;
  /** Ground truth, present only in labelled traces. */
  readonly label?: EditLabel;
}
export interface DocSave extends Base {
  readonly type: 'doc.save';
  readonly doc: DocId;
}
export interface DocClose extends Base {
  readonly type: 'doc.close';
  readonly doc: DocId;
}
export interface EditorActive extends Base {
  readonly type: 'editor.active';
  readonly doc: DocId | null;
}
export interface EditorSelection extends Base {
  readonly type: 'editor.selection';
  readonly doc: DocId;
  readonly selections: readonly SelectionOffsets[];
  readonly kind: SelectionKind;
}
export interface WindowFocus extends Base {
  readonly type: 'window.focus';
  readonly focused: boolean;
}
/**
 * Either the clipboard text itself, or its length and SHA-256 (what the session is fed and
 * a trace keeps), with `normalizedSha256` the hash of its text with each line trimmed (a
 * paste that VS Code re-indents still matches).
 */
export interface Clipboard extends Base {
  readonly type: 'clipboard';
  readonly text?: string;
  readonly length?: number;
  readonly sha256?: string;
  readonly normalizedSha256?: string;
}
export interface FsEvent extends Base {
  readonly type: 'fs';
  readonly doc?: DocId;
  readonly path?: string;
  readonly change: FsChange;
}
export interface GitEvent extends Base {
  readonly type: 'git';
  readonly head: string;
  readonly branch: string | null;
  readonly op?: GitOp;
}
export interface TerminalExec extends Base {
  readonly type: 'terminal.exec';
  readonly phase: Phase;
  readonly commandLine: string;
  readonly exitCode?: number | null;
}
export interface TaskEvent extends Base {
  readonly type: 'task';
  readonly phase: Phase;
  readonly name: string;
  readonly group: 'test' | 'build' | null;
  readonly exitCode?: number | null;
}
export interface DebugEvent extends Base {
  readonly type: 'debug';
  readonly phase: Phase;
}
export interface DiagnosticsEvent extends Base {
  readonly type: 'diagnostics';
  readonly doc: DocId;
  readonly errors: number;
  readonly warnings: number;
}
/**
 * The person ran an editor command that Deliberate intercepts on stable VS Code (through a
 * keybinding it contributes under VS Code's own `when` context, forwarding to the original
 * command): for example accepting an inline suggestion whole (`editor.action.inlineSuggest.commit`),
 * by word (`editor.action.inlineSuggest.acceptNextWord`) or by line (`...acceptNextLine`).
 * `command` is VS Code's command id; `doc` is the active document when it ran.
 */
export interface EditorCommand extends Base {
  readonly type: 'editor.command';
  readonly command: string;
  readonly doc?: DocId;
}
export interface AgentCheckpoint extends Base {
  readonly type: 'agent.checkpoint';
  readonly agent: string;
  readonly phase: 'pre' | 'post';
  readonly docs?: readonly DocId[];
  readonly paths?: readonly string[];
}

export type Observation =
  | DocOpen
  | DocChange
  | DocSave
  | DocClose
  | EditorActive
  | EditorSelection
  | WindowFocus
  | Clipboard
  | FsEvent
  | GitEvent
  | TerminalExec
  | TaskEvent
  | DebugEvent
  | DiagnosticsEvent
  | EditorCommand
  | AgentCheckpoint;

export type ObservationType = Observation['type'];

export const OBSERVATION_TYPES: readonly ObservationType[] = [
  'doc.open',
  'doc.change',
  'doc.save',
  'doc.close',
  'editor.active',
  'editor.selection',
  'window.focus',
  'clipboard',
  'fs',
  'git',
  'terminal.exec',
  'task',
  'debug',
  'diagnostics',
  'editor.command',
  'agent.checkpoint',
];

/** Characters a change event inserts, summed over its content changes. */
export function insertedChars(change: DocChange): number {
  let n = 0;
  for (const c of change.changes) n += c.text.length;
  return n;
}

/** Characters a change event removes, summed over its content changes. */
export function removedChars(change: DocChange): number {
  let n = 0;
  for (const c of change.changes) n += c.length;
  return n;
}

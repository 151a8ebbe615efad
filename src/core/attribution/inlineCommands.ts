/**
 * VS Code's commands that accept an inline suggestion (ghost text or a next-edit suggestion),
 * from VS Code 1.139's `inlineCompletions/browser/controller/commands.ts`. When Deliberate's
 * keybindings forward them they arrive as `editor.command` observations; a change right after
 * one is the accepted suggestion.
 */
export const INLINE_ACCEPT_COMMANDS: ReadonlySet<string> = new Set([
  'editor.action.inlineSuggest.commit',
  'editor.action.inlineSuggest.acceptNextWord',
  'editor.action.inlineSuggest.acceptNextLine',
  'editor.action.inlineSuggest.commitAlternativeAction',
]);

/**
 * Shapes of the text that VS Code's own editor features insert for one key press or one
 * command, so that the classifier does not take them for AI text. Each shape comes from VS
 * Code 1.139's source and built-in language configurations (README, "Coverage of the ways
 * text changes"): onEnter rules and comment continuation, auto-closing pairs (including
 * `/**` → ` *\/`), comment toggles, auto-closed tags (HTML, JSX), Emmet abbreviations,
 * TypeScript's code fix stubs. Pure string functions; none reads more than the edit and a
 * few characters around it.
 */

/**
 * What Enter inserts under the built-in onEnter rules: a line break, indentation, maybe a
 * continued comment leader (`//`, `///`, ` * `, `#`, `--`, `;`), and, between a pair
 * (`{|}`, `/**|*\/`), a second line break with the closing line's indentation and leader.
 * Every line after the first break is whitespace and at most one leader.
 */
const ENTER_LINE = /^[ \t]*(\/\/\/?|\/?\*+\/?|#+|--|;+|>+)?[ \t]*$/;

export function isEnterText(text: string): boolean {
  if (!/^\r?\n/.test(text)) return false;
  const lines = text.split(/\r?\n/);
  if (lines[0] !== '') return false;
  for (let k = 1; k < lines.length; k++) if (!ENTER_LINE.test(lines[k]!)) return false;
  return true;
}

/**
 * Comment scaffolding: every non-whitespace character is comment punctuation. Auto-closing
 * `/**` inserts `* *\/`, the JSDoc completion replaces `/**` with `/**\n * \n *\/`, HTML's
 * `<!--` closes with ` -->`. AI text has words in it.
 */
export function isCommentScaffold(text: string): boolean {
  const solid = text.replace(/\s+/g, '');
  return solid.length > 0 && /^[/*#!<>-]+$/.test(solid) && /[/*#-]/.test(solid);
}

/** The leaders "Toggle Line Comment" inserts, by language family. */
const LINE_COMMENT_LEADER = /^(\/\/|#|--|;|%|'|REM )[ ]?$/;

/**
 * "Toggle Line Comment" on one line: a comment leader inserted at the line's first
 * non-whitespace character (the cursor may be anywhere on the line).
 */
export function isLineCommentToggle(before: string, lineStart: number, offset: number, text: string): boolean {
  if (!LINE_COMMENT_LEADER.test(text)) return false;
  return /^[ \t]*$/.test(before.slice(lineStart, offset));
}

/** "Toggle Block Comment": the delimiters of a block comment (`/* ` and ` *\/`, `<!-- ` and ` -->`). */
export function isBlockCommentDelimiter(text: string): boolean {
  return /^[ ]?(\/\*|\*\/|<!--|-->|"""|''')[ ]?$/.test(text);
}

/**
 * A closing tag that HTML's and TypeScript's auto-close-tag insert when `>` is typed:
 * `</name>` right after an opening `<name ...>` that ends at the insertion point.
 */
export function isAutoClosedTag(textBefore: string, text: string): boolean {
  const close = /^<\/([A-Za-z][\w.:-]*)?>$/.exec(text);
  if (close === null) return false;
  const open = /<([A-Za-z][\w.:-]*)?(\s[^<>]*)?>$/.exec(textBefore);
  return open !== null && (open[1] ?? '') === (close[1] ?? '');
}

/**
 * An Emmet abbreviation (`ul>li.item*3`, `div.card`, `m10`, `p-4`, `a[href]`): one token
 * with no spaces, made of names, numbers and Emmet's operators. Its expansion is markup
 * (`<...>`) or CSS declarations (`name: value;`).
 */
export function isEmmetExpansion(removed: string, inserted: string): boolean {
  if (removed.length === 0 || removed.length > 60 || /\s/.test(removed)) return false;
  if (!/^[\w.#>+*^$@:[\]{}()=!-]+$/.test(removed)) return false;
  const markup = /^\s*</.test(inserted) && /<\/?[A-Za-z]/.test(inserted);
  const css = /^[a-z-]+:\s*[^;\n]*;?\s*$/m.test(inserted) && !/[{}]/.test(inserted);
  return markup || css;
}

/**
 * TypeScript's code fixes that add members or functions ("Add missing function
 * declaration", "Implement interface", "Declare method") write a stub whose body is this
 * exact throw; an AI writes a body.
 */
export function isCodeFixStub(inserted: string): boolean {
  return /throw new Error\((['"`])(Function|Method) not implemented\.\1\)/.test(inserted);
}

/** Import lines (and blank lines) only: an auto-import, a quick fix, "paste with imports". */
export const IMPORT_LINES = /^(\s*((import|from|using|use|#include)\b[^\n]*|const \w+ = require\([^\n]*)\r?\n?)+\s*$/;

export function isImportLines(text: string): boolean {
  return text.trim().length > 0 && IMPORT_LINES.test(text);
}

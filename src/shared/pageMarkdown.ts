/**
 * The small Markdown of Deliberate's read-only pages (the evidence page, today's habits, the
 * agent hook setup): headings with an optional `{#anchor}`, paragraphs, `-` lists, fenced code,
 * and inline `**strong**`, `*emphasis*`, `` `code` `` and `[links](target)`. Pure: the webview
 * builds its DOM from these blocks with textContent only, and the unit tests read them too.
 *
 * Link targets: `https://` and `http://` open in the browser; `#anchor` scrolls the page;
 * `evidence:anchor` opens the evidence page at that section. Anything else is plain text.
 */

export interface Inline {
  readonly text: string;
  readonly strong?: boolean;
  readonly em?: boolean;
  readonly code?: boolean;
  readonly link?: Link;
}

export type Link = { readonly kind: 'external'; readonly url: string } | { readonly kind: 'anchor'; readonly anchor: string } | { readonly kind: 'evidence'; readonly anchor: string };

export type Block =
  | { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly id: string; readonly inlines: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly kind: 'list'; readonly items: readonly (readonly Inline[])[] }
  | { readonly kind: 'code'; readonly lang: string; readonly text: string };

/** A heading's anchor when it names none: lower case, words joined by `-`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function linkOf(target: string): Link | undefined {
  if (/^https?:\/\/[^\s]+$/i.test(target)) return { kind: 'external', url: target };
  if (/^#[\w-]+$/.test(target)) return { kind: 'anchor', anchor: target.slice(1) };
  const evidence = /^evidence:#?([\w-]*)$/.exec(target);
  if (evidence) return { kind: 'evidence', anchor: evidence[1] || 'top' };
  return undefined;
}

/** Inline spans of one paragraph, list item or heading. Unclosed markers stay as text. */
export function parseInline(text: string, style: { strong?: boolean; em?: boolean } = {}): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain !== '') out.push({ text: plain, ...style });
    plain = '';
  };
  let k = 0;
  while (k < text.length) {
    const c = text[k]!;
    if (c === '`') {
      const end = text.indexOf('`', k + 1);
      if (end > k + 1) {
        flush();
        out.push({ text: text.slice(k + 1, end), code: true, ...style });
        k = end + 1;
        continue;
      }
    } else if (c === '*' && text[k + 1] === '*') {
      const end = text.indexOf('**', k + 2);
      if (end > k + 2) {
        flush();
        out.push(...parseInline(text.slice(k + 2, end), { ...style, strong: true }));
        k = end + 2;
        continue;
      }
    } else if (c === '*') {
      const end = text.indexOf('*', k + 1);
      if (end > k + 1 && text[k + 1] !== ' ') {
        flush();
        out.push(...parseInline(text.slice(k + 1, end), { ...style, em: true }));
        k = end + 1;
        continue;
      }
    } else if (c === '[') {
      const close = text.indexOf('](', k + 1);
      const end = close < 0 ? -1 : text.indexOf(')', close + 2);
      if (close > k + 1 && end > close + 2) {
        const link = linkOf(text.slice(close + 2, end));
        const label = parseInline(text.slice(k + 1, close), style);
        flush();
        out.push(...(link === undefined ? label : label.map((s) => ({ ...s, link }))));
        k = end + 1;
        continue;
      }
    }
    plain += c;
    k++;
  }
  flush();
  return out;
}

/** Blocks of a page. Never throws: what it does not know is a paragraph. */
export function parsePage(markdown: string): Block[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const used = new Set<string>();
  let paragraph: string[] = [];
  let list: string[] | undefined;
  const endParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  const endList = (): void => {
    if (list !== undefined) blocks.push({ kind: 'list', items: list.map((item) => parseInline(item)) });
    list = undefined;
  };
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k]!;
    const fence = /^```\s*([\w-]*)\s*$/.exec(line);
    if (fence) {
      endParagraph();
      endList();
      const body: string[] = [];
      for (k++; k < lines.length && !/^```\s*$/.test(lines[k]!); k++) body.push(lines[k]!);
      blocks.push({ kind: 'code', lang: fence[1] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,3})\s+(.*?)(?:\s+\{#([\w-]+)\})?\s*$/.exec(line);
    if (heading) {
      endParagraph();
      endList();
      let id = heading[3] ?? slug(heading[2]!);
      for (let n = 2; used.has(id); n++) id = `${heading[3] ?? slug(heading[2]!)}-${n}`;
      used.add(id);
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, id, inlines: parseInline(heading[2]!) });
      continue;
    }
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (item) {
      endParagraph();
      list ??= [];
      list.push(item[1]!);
      continue;
    }
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    // An indented line continues the list item above it; anything else is paragraph text.
    if (list !== undefined && /^\s+\S/.test(line)) {
      list[list.length - 1] += ` ${line.trim()}`;
      continue;
    }
    endList();
    paragraph.push(line.trim());
  }
  endParagraph();
  endList();
  return blocks;
}

/**
 * DOM building blocks shared by Deliberate's webviews. Every table has a caption, column
 * headers scoped to columns and the first cell of each row as the row's header, so screen
 * readers can name each figure.
 */

/** What VS Code gives a webview's script, typed by the messages it may post. */
export interface VsCodeApi<Message> {
  postMessage(message: Message): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi<unknown>;

/** VS Code's API for this webview. VS Code allows one call per page: each script calls it once, at load. */
export function vscodeApi<Message>(): VsCodeApi<Message> {
  return acquireVsCodeApi() as VsCodeApi<Message>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

export function table(caption: string, headers: string[], rows: (string | number)[][], id?: string): HTMLTableElement {
  const t = el('table');
  if (id !== undefined) t.id = id;
  t.append(el('caption', caption));
  const head = el('tr');
  for (const h of headers) {
    const th = el('th', h);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  t.append(thead);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    row.forEach((cell, i) => {
      const td = el(i === 0 ? 'th' : 'td', String(cell));
      if (i === 0) (td as HTMLTableCellElement).scope = 'row';
      tr.append(td);
    });
    body.append(tr);
  }
  t.append(body);
  return t;
}

/**
 * Browser side of a read-only page (evidence, today's habits, agent hook setup). Says `ready`,
 * renders the page the host sends from its small Markdown (src/shared/pageMarkdown.ts) with
 * textContent only, scrolls to the section asked for, and keeps its scroll position across
 * hide and show. Web links are plain anchors, which VS Code opens in the browser.
 */
import { parsePage, type Block, type Inline } from '../shared/pageMarkdown';
import { hostToWebviewSchema, pageStateSchema, type HostToWebview, type WebviewToHost } from '../shared/pageMessages';
import { el, vscodeApi } from './dom';

const vscode = vscodeApi<WebviewToHost>();
const app = document.getElementById('app')!;
const saved = pageStateSchema.safeParse(vscode.getState());
let state = saved.success ? saved.data : { request: -1, scrollY: 0 };

function inlines(parent: HTMLElement, spans: readonly Inline[]): void {
  for (const s of spans) {
    let node: HTMLElement | Text = s.code ? el('code', s.text) : document.createTextNode(s.text);
    if (s.em) {
      const em = el('em');
      em.append(node);
      node = em;
    }
    if (s.strong) {
      const strong = el('strong');
      strong.append(node);
      node = strong;
    }
    if (s.link !== undefined) {
      const a = el('a');
      const link = s.link;
      if (link.kind === 'external') {
        a.href = link.url;
        a.title = link.url;
      } else {
        a.href = `#${link.anchor}`;
        a.addEventListener('click', (event) => {
          event.preventDefault();
          if (link.kind === 'anchor') scrollToSection(link.anchor);
          else vscode.postMessage({ type: 'openEvidence', anchor: link.anchor });
        });
      }
      a.append(node);
      node = a;
    }
    parent.append(node);
  }
}

function codeBlock(block: Extract<Block, { kind: 'code' }>, words: HostToWebview['words']): HTMLElement {
  const wrap = el('div', undefined, 'code-block');
  const copy = el('button', words.copy, 'copy');
  copy.type = 'button';
  copy.title = words.copyLabel;
  copy.setAttribute('aria-label', words.copyLabel);
  copy.addEventListener('click', () => {
    vscode.postMessage({ type: 'copy', text: block.text });
    copy.textContent = words.copied;
    setTimeout(() => (copy.textContent = words.copy), 1500);
  });
  const pre = el('pre');
  const code = el('code', block.text);
  if (block.lang !== '') code.dataset.lang = block.lang;
  pre.append(code);
  wrap.append(copy, pre);
  return wrap;
}

function render(message: HostToWebview): void {
  const nodes: HTMLElement[] = [];
  let section: HTMLElement | undefined;
  for (const block of parsePage(message.markdown)) {
    let node: HTMLElement;
    switch (block.kind) {
      case 'heading':
        node = el(`h${block.level}` as 'h1' | 'h2' | 'h3');
        node.id = block.id;
        inlines(node, block.inlines);
        // Each h2 opens a section, so the section asked for can be marked as a whole.
        if (block.level === 2) {
          section = el('section');
          section.dataset.section = block.id;
          section.setAttribute('aria-labelledby', block.id);
          section.append(node);
          nodes.push(section);
          continue;
        }
        if (block.level === 1) section = undefined;
        break;
      case 'paragraph':
        node = el('p');
        inlines(node, block.inlines);
        break;
      case 'list':
        node = el('ul');
        for (const item of block.items) {
          const li = el('li');
          inlines(li, item);
          node.append(li);
        }
        break;
      case 'code':
        node = codeBlock(block, message.words);
        break;
    }
    if (section !== undefined) section.append(node);
    else nodes.push(node);
  }
  app.replaceChildren(...nodes);
  document.body.dataset.page = message.id;
  if (message.request !== state.request) {
    state = { request: message.request, scrollY: 0 };
    vscode.setState(state);
    if (message.anchor !== null) scrollToSection(message.anchor);
    else window.scrollTo(0, 0);
  } else {
    window.scrollTo(0, state.scrollY);
  }
}

/** Scrolls the section into view and marks it for a moment, so the eye finds it. */
function scrollToSection(anchor: string): void {
  const target = document.getElementById(anchor);
  if (target === null) return;
  for (const s of document.querySelectorAll('.target')) s.classList.remove('target');
  const block = target.closest('section') ?? target;
  block.classList.add('target');
  target.scrollIntoView({ block: 'start' });
  target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

let scrollFrame = 0;
window.addEventListener('scroll', () => {
  cancelAnimationFrame(scrollFrame);
  scrollFrame = requestAnimationFrame(() => {
    state = { ...state, scrollY: window.scrollY };
    vscode.setState(state);
  });
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) return;
  render(parsed.data);
});

vscode.postMessage({ type: 'ready' });

/**
 * Browser side of the Exercise view. Says `ready`, renders the exercise the host sends (or the
 * offer to start one), with textContent only. Steps are a list whose names wrap; the current
 * step carries its detail; the state of each is an icon and, for screen readers, a word.
 */
import { hostToWebviewSchema, type ExerciseViewModel, type HostToWebview, type WebviewToHost } from '../shared/exerciseMessages';
import { el, vscodeApi } from './dom';

const vscode = vscodeApi<WebviewToHost>();
const app = document.getElementById('app')!;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Codicon-like 16 px glyphs drawn inline (the webview has no icon font): pass-filled, a step over, arrow-circle-right, circle-large-outline. */
const ICONS: Record<ExerciseViewModel['steps'][number]['state'], string> = {
  done: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-.8 10.2L4.1 8.1l.9-.9 2.2 2.2 4-4 .9.9-4.9 4.9z',
  skipped: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1a6 6 0 1 1 0 12A6 6 0 0 1 8 2zM4 9.5h8v1H4zm4.6-5.6-.7.7 1.4 1.4H4v1h5.3L7.9 8.4l.7.7L11.2 6.5 8.6 3.9z',
  current: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1a6 6 0 1 1 0 12A6 6 0 0 1 8 2zm.6 2.9-.7.7 1.9 1.9H4.5v1h5.3l-1.9 1.9.7.7L11.7 8 8.6 4.9z',
  todo: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1a6 6 0 1 1 0 12A6 6 0 0 1 8 2z',
};
const STATE_WORDS = { done: 'done', skipped: 'skipped, not counted as done', current: 'now', todo: 'to do' } as const;

function icon(state: keyof typeof ICONS): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('icon', state);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[state]);
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}

function button(label: string, message: WebviewToHost, secondary = false): HTMLButtonElement {
  const b = el('button', label, secondary ? 'secondary' : undefined);
  b.type = 'button';
  b.addEventListener('click', () => vscode.postMessage(message));
  return b;
}

function welcome(): Node[] {
  const actions = el('div', undefined, 'actions stacked');
  actions.append(button('Start an Exercise', { type: 'start' }), button('Create a Scratch Workspace', { type: 'scratch' }, true));
  return [el('p', 'Practise one habit at a time with a short exercise, in your own code or in a scratch project. Each step is done when Deliberate sees it happen.'), actions];
}

function exercise(x: ExerciseViewModel): Node[] {
  const header = el('header');
  const title = el('h2', x.title);
  const meta = el('p', x.completed ? `${x.habitName} · ${x.skipped > 0 ? 'finished' : 'done'}` : `${x.habitName} · step ${Math.min(x.current + 1, x.steps.length)} of ${x.steps.length}`, 'meta');
  header.append(title, meta);
  const steps = el('ol', undefined, 'steps');
  x.steps.forEach((s) => {
    const li = el('li', undefined, `step ${s.state}`);
    li.dataset.state = s.state;
    if (s.state === 'current') li.setAttribute('aria-current', 'step');
    const text = el('div', undefined, 'text');
    text.append(el('span', s.title, 'title'), el('span', ` (${STATE_WORDS[s.state]})`, 'sr-only'));
    if (s.state === 'current' && s.detail !== null) text.append(el('span', s.detail, 'detail'));
    if (s.state === 'skipped') text.append(el('span', 'Skipped', 'state-note'));
    if (s.state === 'current' && s.waitingFor !== null) text.append(el('span', `Waiting for ${s.waitingFor}.`, 'waiting'));
    if (s.state === 'current' && s.seen.length > 0) {
      // What Deliberate saw that did not count yet, newest first: the reason a step is not done.
      const seen = el('ul', undefined, 'seen');
      seen.setAttribute('aria-label', 'Seen, not counted yet');
      for (const words of s.seen) seen.append(el('li', words));
      text.append(seen);
    }
    li.append(icon(s.state), text);
    steps.append(li);
  });
  const why = el('section', undefined, 'why');
  const whyText = el('p');
  const link = el('a', 'The evidence');
  link.href = '#';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'evidence', habit: x.habit });
  });
  whyText.append(document.createTextNode(`${x.why} `), link);
  why.append(el('h3', 'Why this habit'), whyText);
  const actions = el('div', undefined, 'actions');
  if (x.completed) {
    actions.append(button('Start Another Exercise', { type: 'start' }));
    if (x.skipped > 0) actions.append(button('Restart the Exercise', { type: 'restart' }, true));
  } else actions.append(button('Skip This Step', { type: 'skip' }, true), button('Restart', { type: 'restart' }, true), button('Stop the Exercise', { type: 'stop' }, true));
  const out: Node[] = [header];
  if (x.completed && x.skipped === 0) out.push(el('p', 'Finished. It counts in your progress.', 'done-note'));
  else if (x.completed) out.push(el('p', `Finished, with ${x.skipped === 1 ? 'one step' : `${x.skipped} steps`} skipped: a skipped step is not practice, so it does not count as completed. Restart it to practise the whole habit.`, 'done-note'));
  else out.push(el('p', x.summary, 'summary'));
  out.push(steps, why, actions);
  return out;
}

function render(message: HostToWebview): void {
  app.replaceChildren(...(message.exercise === null ? welcome() : exercise(message.exercise)));
  vscode.setState(message);
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (parsed.success) render(parsed.data);
});

const saved = hostToWebviewSchema.safeParse(vscode.getState());
if (saved.success) render(saved.data);
vscode.postMessage({ type: 'ready' });

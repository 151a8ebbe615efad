/**
 * Browser side of the progress view. Says `ready`, renders every model the host sends, and
 * posts `painted` after the first render with data. Messages are validated on arrival; the DOM
 * is built with textContent only (no HTML strings); charts are hand-built SVG coloured with VS
 * Code's theme variables (see progress.css), each with a table alternative in a <details>
 * element that keyboard and screen reader users reach like any other control. The selected
 * range and open tables survive hide and show via setState.
 */
import { hostToWebviewSchema, viewStateSchema, type HostToWebview, type ViewState, type WebviewToHost } from '../shared/progressMessages';
import { el, table, vscodeApi } from './dom';

type Model = Extract<HostToWebview, { type: 'progress' }>['model'];
type RangeKey = keyof Model['ranges'];
type RangeData = Model['ranges'][RangeKey];

const vscode = vscodeApi<WebviewToHost>();
const app = document.getElementById('app')!;
const SVG_NS = 'http://www.w3.org/2000/svg';
const scriptStart = performance.now();

const restored = viewStateSchema.safeParse(vscode.getState());
let state: ViewState = restored.success ? restored.data : { range: 'week' };
let current: Extract<HostToWebview, { type: 'progress' }> | undefined;
let painted = false;

function saveState(): void {
  vscode.setState(state);
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, parent?: SVGElement): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  parent?.append(node);
  return node;
}

function pct(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)}%`;
}

/** Short numbers for stats and axes: 950, 1.2k, 34k, 3.3M. Tables show the exact figures. */
function fmt(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(n >= 10_000_000 ? 0 : 1)}M`;
  if (n >= 1000) return `${(n / 1000).toFixed(n >= 10_000 ? 0 : 1)}k`;
  return String(Math.round(n));
}

let idCounter = 0;
const nextId = (prefix: string): string => `${prefix}-${++idCounter}`;

/** A chart: the SVG (an image with a text summary) and its data as a table, one keypress away. */
function figure(key: string, summary: string, chart: SVGSVGElement | HTMLElement, data: HTMLTableElement): HTMLElement {
  const fig = el('figure', undefined, 'chart');
  fig.dataset.chart = key;
  const captionId = nextId('cap');
  const cap = el('figcaption', summary, 'chart-summary');
  cap.id = captionId;
  if (chart instanceof SVGSVGElement) {
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-labelledby', captionId);
  }
  const details = el('details', undefined, 'as-table');
  details.open = state.tablesOpen?.includes(key) ?? false;
  const toggle = el('summary', 'Show as table');
  details.append(toggle, data);
  details.addEventListener('toggle', () => {
    const open = new Set(state.tablesOpen ?? []);
    if (details.open) open.add(key);
    else open.delete(key);
    state = { ...state, tablesOpen: [...open] };
    saveState();
  });
  fig.append(chart, cap, details);
  return fig;
}

function legend(items: [string, string][]): HTMLElement {
  const ul = el('ul', undefined, 'legend');
  ul.setAttribute('aria-hidden', 'true');
  for (const [cls, label] of items) {
    const li = el('li');
    const swatch = el('span', undefined, `swatch ${cls}`);
    li.append(swatch, document.createTextNode(label));
    ul.append(li);
  }
  return ul;
}

/** Matches the two-column layout of progress.css (min-width: 760px): half-width cards get half-width charts. */
const WIDE_LAYOUT = 760;
let chartSpan: 'full' | 'half' = 'full';

function chartWidth(): number {
  const inner = app.clientWidth - 34;
  const width = chartSpan === 'half' && app.clientWidth >= WIDE_LAYOUT ? (inner - 12) / 2 : inner;
  return Math.max(200, Math.min(1000, Math.floor(width)));
}

const SOURCE_SERIES = [
  ['human', 'c-human', 'You'],
  ['inline', 'c-inline', 'AI inline'],
  ['chat', 'c-chat', 'AI chat'],
  ['agent', 'c-agent', 'AI agent'],
  ['tool', 'c-tool', 'Tools'],
] as const;

/** Stacked columns of characters written by source, one per day, week or month. */
function sourcesChart(r: RangeData): SVGSVGElement {
  const width = chartWidth();
  const height = 150;
  const pad = { left: 36, right: 4, top: 8, bottom: 22 };
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'svg-chart' });
  const totals = r.series.map((p) => p.human + p.tool + p.inline + p.chat + p.agent);
  const max = Math.max(1, ...totals);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = plotW / Math.max(1, r.series.length);
  const barW = Math.max(2, step * 0.72);
  for (const frac of [0, 0.5, 1]) {
    const y = pad.top + plotH * (1 - frac);
    svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'gridline' }, root);
    svg('text', { x: pad.left - 4, y: y + 4, class: 'axis', 'text-anchor': 'end' }, root).textContent = fmt(max * frac);
  }
  const labelEvery = Math.ceil(r.series.length / Math.max(1, Math.floor(plotW / 46)));
  r.series.forEach((p, i) => {
    const x = pad.left + i * step + (step - barW) / 2;
    let y = pad.top + plotH;
    for (const [key, cls, label] of SOURCE_SERIES) {
      const value = p[key];
      if (value <= 0) continue;
      const h = (value / max) * plotH;
      y -= h;
      const rect = svg('rect', { x, y, width: barW, height: Math.max(h, 0.5), class: `bar ${cls}` }, root);
      svg('title', {}, rect).textContent = `${p.label}: ${label} ${value} characters`;
    }
    if (i % labelEvery === 0) svg('text', { x: x + barW / 2, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, root).textContent = p.label;
  });
  return root;
}

/** One horizontal bar split into parts, for shares (fates, sources in total). */
function splitBar(parts: { value: number; cls: string; label: string }[]): SVGSVGElement {
  const width = chartWidth();
  const height = 28;
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'svg-chart' });
  const total = parts.reduce((n, p) => n + p.value, 0);
  let x = 0;
  if (total === 0) {
    svg('rect', { x: 0, y: 4, width, height: 20, class: 'bar empty' }, root);
    return root;
  }
  for (const p of parts) {
    if (p.value <= 0) continue;
    const w = (p.value / total) * width;
    const rect = svg('rect', { x, y: 4, width: Math.max(w - 1, 1), height: 20, class: `bar ${p.cls}` }, root);
    svg('title', {}, rect).textContent = `${p.label}: ${p.value} (${pct(p.value / total)})`;
    if (w > 34) {
      const t = svg('text', { x: x + w / 2, y: 18, class: 'bar-label', 'text-anchor': 'middle' }, root);
      t.textContent = pct(p.value / total);
    }
    x += w;
  }
  return root;
}

/** Vertical columns with labels, for the burst size histogram. */
function columns(items: { label: string; value: number; cls: string }[]): SVGSVGElement {
  const width = chartWidth();
  const height = 140;
  const pad = { top: 16, bottom: 30 };
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'svg-chart' });
  const max = Math.max(1, ...items.map((i) => i.value));
  const step = width / items.length;
  const barW = step * 0.7;
  items.forEach((item, i) => {
    const h = (item.value / max) * (height - pad.top - pad.bottom);
    const x = i * step + (step - barW) / 2;
    const y = height - pad.bottom - h;
    const rect = svg('rect', { x, y, width: barW, height: Math.max(h, 0.5), class: `bar ${item.cls}` }, root);
    svg('title', {}, rect).textContent = `${item.label}: ${item.value}`;
    svg('text', { x: x + barW / 2, y: y - 4, class: 'axis', 'text-anchor': 'middle' }, root).textContent = String(item.value);
    const label = svg('text', { x: x + barW / 2, y: height - 16, class: 'axis', 'text-anchor': 'middle' }, root);
    label.textContent = step < 60 ? item.label.replace(' lines', '') : item.label;
  });
  return root;
}

/** Practice days as a grid of squares, a week a column. */
function practiceGrid(days: RangeData['practice']['calendar']): SVGSVGElement {
  const cell = 14;
  const gap = 3;
  const weeks = Math.ceil(days.length / 7);
  const rowsFor = days.length <= 7 ? 1 : 7;
  const width = (days.length <= 7 ? days.length : weeks) * (cell + gap);
  const height = rowsFor * (cell + gap);
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'svg-chart practice-grid' });
  days.forEach((d, i) => {
    const col = days.length <= 7 ? i : Math.floor(i / 7);
    const row = days.length <= 7 ? 0 : i % 7;
    const rect = svg('rect', { x: col * (cell + gap), y: row * (cell + gap), width: cell, height: cell, rx: 2, class: `day ${d.practiced ? 'practiced' : d.active ? 'active' : 'idle'}` }, root);
    svg('title', {}, rect).textContent = `${d.day}: ${d.practiced ? 'practised' : d.active ? 'worked, no practice' : 'no activity'}`;
  });
  return root;
}

function section(id: string, title: string): HTMLElement {
  const s = el('section', undefined, 'card');
  s.id = id;
  const h = el('h2', title);
  h.id = `${id}-title`;
  s.setAttribute('aria-labelledby', h.id);
  s.append(h);
  return s;
}

function stat(value: string, label: string): HTMLElement {
  const d = el('div', undefined, 'stat');
  d.append(el('span', value, 'stat-value'), el('span', label, 'stat-label'));
  return d;
}

function commandButton(label: string, command: Extract<WebviewToHost, { type: 'runCommand' }>['command'], secondary = false): HTMLButtonElement {
  const b = el('button', label, secondary ? 'secondary' : undefined);
  b.type = 'button';
  b.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command }));
  return b;
}

function rangeSwitch(model: Model): HTMLElement {
  const group = el('div', undefined, 'range-switch');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Time range');
  for (const key of ['week', 'month', 'all'] as const) {
    const b = el('button', key === 'week' ? 'Week' : key === 'month' ? 'Month' : 'All time');
    b.type = 'button';
    b.dataset.range = key;
    b.title = model.ranges[key].title;
    b.setAttribute('aria-pressed', String(state.range === key));
    b.addEventListener('click', () => {
      state = { ...state, range: key };
      saveState();
      render();
      (app.querySelector(`.range-switch button[data-range="${key}"]`) as HTMLButtonElement | null)?.focus();
    });
    group.append(b);
  }
  return group;
}

function firstDay(): HTMLElement {
  const s = section('first-day', 'Your progress starts here');
  s.append(el('p', 'As you work, this page shows how you use AI and how your habits change over a week, a month and all time. It stays on this machine.'));
  const ul = el('ul');
  for (const line of [
    'How much of your code came from AI, and from which kind of assistant',
    'What happened to AI edits: kept, revised, undone, committed',
    'Whether AI code was run or tested before you committed it',
    'The four habits (iterate, validate, decompose, keep learning), their trend and what each rests on',
    'Practice streaks, exercises done, and a short weekly reflection',
  ])
    ul.append(el('li', line));
  s.append(ul, el('h3', 'How to start'));
  const p = el('p', 'Just code as usual: Deliberate notices AI edits, runs and commits by itself. Or take a short exercise from the menu.');
  const actions = el('div', undefined, 'actions');
  actions.append(commandButton('Start an Exercise', 'deliberate.startExercise'), commandButton('Open the Menu', 'deliberate.showMenu', true));
  s.append(p, actions);
  return s;
}

function renderReflection(r: RangeData): HTMLElement {
  const s = section('reflection', r.range === 'week' ? 'Your week in words' : r.range === 'month' ? 'Your month in words' : 'All time in words');
  const ul = el('ul', undefined, 'reflection');
  for (const line of r.reflection) ul.append(el('li', line));
  s.append(ul);
  return s;
}

function renderSources(r: RangeData): HTMLElement {
  const s = section('sources', 'Where your code came from');
  const ai = r.code.ai.inline + r.code.ai.chat + r.code.ai.agent;
  const stats = el('div', undefined, 'stats');
  stats.append(stat(pct(r.code.aiShare), 'written by AI'), stat(fmt(r.code.total), 'characters in all'), stat(String(r.aiEdits), 'AI edits'));
  s.append(stats, legend(SOURCE_SERIES.map(([, cls, label]) => [cls, label])));
  const summary = r.code.total === 0 ? 'No code written in this range.' : `${pct(r.code.aiShare)} of ${r.code.total} characters came from AI: ${r.code.ai.inline} inline, ${r.code.ai.chat} chat, ${r.code.ai.agent} agent; ${r.code.human} typed by you; ${r.code.tool} by tools${r.code.possiblyAi > 0 ? `; ${r.code.possiblyAi} possibly AI (not sure, so counted as neither yours nor AI's in the habits)` : ''}. By ${r.seriesUnit}.`;
  s.append(
    figure(
      'sources',
      summary,
      sourcesChart(r),
      table(`Characters written by source, by ${r.seriesUnit}`, [r.seriesUnit === 'day' ? 'Day' : r.seriesUnit === 'week' ? 'Week' : 'Month', 'You', 'AI inline', 'AI chat', 'AI agent', 'Tools', 'AI share'], r.series.map((p) => {
        const total = p.human + p.inline + p.chat + p.agent + p.tool;
        return [p.label, p.human, p.inline, p.chat, p.agent, p.tool, total > 0 ? pct((p.inline + p.chat + p.agent) / total) : '–'];
      })),
    ),
  );
  if (ai > 0) {
    s.append(
      figure(
        'assistants',
        `Of the AI code: ${pct(r.code.ai.inline / ai)} inline suggestions, ${pct(r.code.ai.chat / ai)} chat, ${pct(r.code.ai.agent / ai)} agents.`,
        splitBar([
          { value: r.code.ai.inline, cls: 'c-inline', label: 'Inline' },
          { value: r.code.ai.chat, cls: 'c-chat', label: 'Chat' },
          { value: r.code.ai.agent, cls: 'c-agent', label: 'Agent' },
        ]),
        table('AI-written characters by kind of assistant', ['Assistant', 'Characters', 'Share'], (['inline', 'chat', 'agent'] as const).map((k) => [k === 'inline' ? 'Inline suggestions' : k === 'chat' ? 'Chat' : 'Agent', r.code.ai[k], pct(r.code.ai[k] / ai)])),
      ),
    );
  }
  return s;
}

function renderFates(r: RangeData): HTMLElement {
  const s = section('fates', 'What happened to AI edits');
  const f = r.fates;
  const parts = [
    { value: f.kept, cls: 'c-kept', label: 'Kept as written' },
    { value: f.revised, cls: 'c-revised', label: 'Revised by you' },
    { value: f.undone, cls: 'c-undone', label: 'Undone' },
    { value: f.deleted, cls: 'c-deleted', label: 'Deleted later' },
  ];
  s.append(legend(parts.map((p) => [p.cls, p.label])));
  const summary = f.total === 0 ? 'No AI edit settled in this range yet.' : `${f.total} AI edits settled: ${f.kept} kept, ${f.revised} revised, ${f.undone} undone, ${f.deleted} deleted; ${f.committed} reached a commit.`;
  s.append(figure('fates', summary, splitBar(parts), table('Fate of AI edits', ['Outcome', 'Edits', 'Share'], [...parts.map((p) => [p.label, p.value, f.total > 0 ? pct(p.value / f.total) : '–']), ['Reached a commit', f.committed, f.total > 0 ? pct(f.committed / f.total) : '–']])));
  return s;
}

function renderValidation(r: RangeData): HTMLElement {
  const s = section('validation', 'Run before commit');
  const v = r.validation;
  const stats = el('div', undefined, 'stats');
  stats.append(stat(v.committedAiEdits > 0 ? pct(v.share) : '–', 'of committed AI edits were run first'), stat(String(v.commits), 'commits'), stat(String(v.runs), 'test, build and other runs'));
  s.append(stats);
  const summary = v.committedAiEdits === 0 ? 'No AI edit reached a commit in this range.' : `${v.ranFirst} of ${v.committedAiEdits} committed AI edits were run or tested before the commit.`;
  s.append(
    figure(
      'validation',
      summary,
      splitBar([
        { value: v.ranFirst, cls: 'c-kept', label: 'Run first' },
        { value: v.committedAiEdits - v.ranFirst, cls: 'c-unrun', label: 'Not run before commit' },
      ]),
      table('Committed AI edits', ['', 'Count'], [
        ['Run or tested before the commit', v.ranFirst],
        ['Not run before the commit', v.committedAiEdits - v.ranFirst],
        ['Commits with AI code', v.commitsWithAi],
        ['…all of whose AI edits were run', v.commitsAllRun],
      ]),
    ),
  );
  return s;
}

function renderBursts(r: RangeData): HTMLElement {
  const s = section('bursts', 'Size of AI bursts');
  const b = r.bursts;
  s.append(el('p', 'A burst is AI code written before you looked at it: lines per burst.', 'muted'));
  const summary = b.count === 0 ? 'No AI bursts in this range.' : `${b.count} bursts; ${b.reviewable} of them 50 lines or fewer; ${b.meanLines === null ? '' : `about ${Math.round(b.meanLines)} lines on average.`}`;
  s.append(figure('bursts', summary, columns(b.buckets.map((x, i) => ({ label: x.label, value: x.count, cls: i <= 2 ? 'c-small' : 'c-large' }))), table('AI bursts by size', ['Size', 'Bursts'], b.buckets.map((x) => [x.label, x.count]))));
  return s;
}

const TREND_TEXT = { up: '▲ up', down: '▼ down', steady: '● steady', unknown: 'too early for a trend' } as const;

function renderHabits(r: RangeData): HTMLElement {
  const s = section('habits', 'Your four habits');
  const list = el('div', undefined, 'habits');
  for (const h of r.habits) {
    const card = el('article', undefined, 'habit');
    card.dataset.habit = h.habit;
    card.append(el('h3', h.title));
    const row = el('div', undefined, 'habit-score');
    row.append(el('span', h.enough ? pct(h.score) : h.score === null ? 'no data yet' : 'too few to tell', 'stat-value'));
    const trend = el('span', TREND_TEXT[h.trend], `trend trend-${h.trend}`);
    trend.setAttribute('aria-label', h.trend === 'unknown' ? 'Too early for a trend' : `Trend: ${h.trend}${h.previous !== null ? `, from ${pct(h.previous)} before` : ''}`);
    row.append(trend);
    card.append(row, el('p', h.measure, 'muted'), el('p', `Based on: ${h.basedOn}`, 'based-on'));
    const why = el('details', undefined, 'why');
    const evidence = el('p', `${h.evidence} `);
    const link = el('a', 'The studies');
    link.href = '#';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      vscode.postMessage({ type: 'openEvidence', habit: h.habit });
    });
    evidence.append(link);
    why.append(el('summary', 'Why this matters'), evidence);
    card.append(why);
    list.append(card);
  }
  s.append(list);
  return s;
}

function renderPractice(model: Model, r: RangeData): HTMLElement {
  const s = section('practice', 'Practice');
  const stats = el('div', undefined, 'stats');
  stats.append(stat(String(model.streak.current), model.streak.current === 1 ? 'practice day in a row' : 'practice days in a row'), stat(String(model.streak.longest), 'longest streak'), stat(String(r.exercises.completed), 'exercises done'));
  s.append(stats);
  s.append(el('p', 'A practice day has an exercise step, or a commit whose AI code you ran or tested first.', 'muted'));
  const cal = r.practice.calendar;
  const practiced = cal.filter((d) => d.practiced).length;
  s.append(legend([['practiced', 'Practised'], ['active', 'Worked'], ['idle', 'No activity']]));
  s.append(figure('practice', `${practiced} practice days of the ${cal.length} shown, from ${cal[0]?.day ?? ''} to ${cal[cal.length - 1]?.day ?? ''}.`, practiceGrid(cal), table('Practice by day', ['Day', 'Practised', 'Worked'], cal.map((d) => [d.day, d.practiced ? 'yes' : 'no', d.active ? 'yes' : 'no']))));
  return s;
}

function render(): void {
  if (current === undefined) return;
  const { model, skippedRecords, dataFolder } = current;
  const r = model.ranges[state.range];
  const header = el('header', undefined, 'top');
  // In the sidebar the view's title bar already says "My Progress": the heading stays for screen readers only.
  header.append(el('h1', 'Your progress', current.surface === 'view' ? 'sr-only' : undefined));
  if (!model.empty) header.append(rangeSwitch(model));
  const body = el('div', undefined, 'sections');
  if (model.empty) body.append(firstDay());
  else {
    const period = el('p', `${r.title}: ${r.from} to ${r.to}`, 'muted period');
    period.setAttribute('aria-live', 'polite');
    chartSpan = 'full';
    const full = [renderReflection(r), renderSources(r)];
    chartSpan = 'half';
    body.append(period, ...full, renderFates(r), renderValidation(r), renderBursts(r), renderPractice(model, r), renderHabits(r));
  }
  const footer = el('footer');
  if (skippedRecords > 0) footer.append(el('p', `${skippedRecords} damaged record(s) were skipped; the Deliberate output channel names each file and line.`, 'warning'));
  const where = el('p', 'Stored only on this machine, in ', 'muted where');
  where.append(el('code', dataFolder));
  footer.append(where);
  const actions = el('div', undefined, 'actions');
  actions.append(commandButton('Export…', 'deliberate.exportData', true), commandButton('Open Data Folder', 'deliberate.openDataFolder', true));
  footer.append(actions);
  app.replaceChildren(header, body, footer);
  if (!painted) {
    painted = true;
    requestAnimationFrame(() => requestAnimationFrame(() => vscode.postMessage({ type: 'painted', ms: performance.now() - scriptStart })));
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = hostToWebviewSchema.safeParse(event.data);
  if (!parsed.success) return;
  current = parsed.data;
  render();
});

// Charts are drawn at the view's width: redraw when the sidebar or panel is resized.
let lastWidth = app.clientWidth;
let resizeFrame = 0;
new ResizeObserver(() => {
  if (Math.abs(app.clientWidth - lastWidth) < 16) return;
  lastWidth = app.clientWidth;
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(render);
}).observe(app);

vscode.postMessage({ type: 'ready' });

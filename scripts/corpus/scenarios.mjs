// Scenarios of the labelled corpus. Each runs in a fresh copy of test/corpus/project in a
// real VS Code (code-server), driven with the real keyboard and mouse through Playwright.
// `ctx.phase(label)` says what the person is doing now; changes whose VS Code edit source
// is generic get their label from it (scripts/corpus/label.mjs). `split` says whether the
// classifier may be tuned on the scenario ("tune") or must not ("holdout"). The first six
// held-out scenarios were scored once (README, "Held-out history") and then became tuning
// data when their errors were studied; the held-out set now is the second batch below.

export const scenarios = [
  {
    name: 'typing-inline-accept',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function windChill(', text: 'tempC: number, windKmh: number): number {\n  return 13.12 + 0.6215 * tempC - 11.37 * windKmh ** 0.16 + 0.3965 * tempC * windKmh ** 0.16;\n}' },
        { trigger: 'const mph = ', text: 'kmhToMph(day.windKmh);' },
        { trigger: '// average high', text: '\nexport function averageHigh(days: Day[]): number {\n  return days.reduce((sum, d) => sum + d.highC, 0) / days.length;\n}' },
      ]);
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n\nexport function windChill(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type('\n\n// wind in miles per hour');
      await ctx.press('Backspace', 5);
      await ctx.type('hour!');
      await ctx.press('Backspace');
      await ctx.save();
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('\n// average high');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type('\n\nexport const days = sample.length;');
      await ctx.save();
    },
  },
  {
    name: 'inline-partial-and-undo',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function coldest(', text: 'days: Day[]): Day | undefined {\n  return days.reduce<Day | undefined>((a, d) => (a === undefined || d.lowC < a.lowC ? d : a), undefined);\n}' },
        { trigger: 'const rainy = ', text: 'days.filter((d) => d.precipitationMm > 0.2).length;' },
        { trigger: 'export function dryDays(', text: 'days: Day[]): number {\n  return days.filter((d) => d.precipitationMm === 0).length;\n}' },
      ]);
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function rainyDays(days: Day[]): number {');
      await ctx.press('Enter');
      await ctx.type('const rainy = ');
      await ctx.acceptInlineWords('ai.inline', 4);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.type(' // partly accepted');
      await ctx.press('Enter');
      await ctx.type('return rainy;');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.type('\n\nexport function coldest(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.type('days: Day[]) {');
      await ctx.press('Enter');
      await ctx.type('return days[0];');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.type('\n\nexport function dryDays(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'paste-and-cut',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.phase('human.type');
      await ctx.selectLines(3, 5);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.type('\n');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.find('toFahrenheit(celsius: number): number {\n');
      await ctx.selectLines(11, 11);
      await ctx.phase('human.delete');
      await ctx.press('Control+x');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.gotoLine(1);
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.type('// pasted above\n');
      await ctx.open('src/report.ts');
      await ctx.selectLines(7, 13);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.type('\n');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.type('// a copy to change by hand');
      await ctx.phase('human.delete');
      await ctx.selectLines(15, 17);
      await ctx.press('Delete');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'intellisense-and-snippets',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function total(days: Day[]): number {');
      await ctx.press('Enter');
      await ctx.type('let sum = 0;');
      await ctx.press('Enter');
      await ctx.type('for (const day of days) {');
      await ctx.press('Enter');
      await ctx.type('sum += day.prec');
      await ctx.acceptSuggestion('tool.complete');
      await ctx.phase('human.type');
      await ctx.type(';');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('return su');
      await ctx.acceptSuggestion('tool.complete');
      await ctx.phase('human.type');
      await ctx.type(';');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.type('export const n = sample.le');
      await ctx.acceptSuggestion('tool.complete');
      await ctx.phase('human.type');
      await ctx.type(';');
      await ctx.press('Enter');
      await ctx.type('forof');
      await ctx.acceptSuggestion('tool.complete', 'Tab');
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.save();
    },
  },
  {
    name: 'format-document-and-on-save',
    split: 'tune',
    settings: { 'editor.formatOnSave': false, 'files.autoSave': 'off' },
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport   function   mildDays(days:Day[]):Day[]{');
      await ctx.press('Enter');
      await ctx.type('return    days.filter((d)=>d.highC>10&&d.lowC>0);');
      await ctx.phase('tool.format');
      await ctx.palette('Format Document');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('\nexport const   header={title:"Weather",  units:"C"};');
      await ctx.setSetting('editor.formatOnSave', true);
      await ctx.phase('tool.format');
      await ctx.save();
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.type('\nexport const footer =   "end";');
      await ctx.phase('tool.format');
      await ctx.save();
      await ctx.wait(1500);
    },
  },
  {
    name: 'rename-quickfix-replace',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.wait(3000); // TypeScript's language server starts
      await ctx.find('best');
      await ctx.press('Escape');
      await ctx.phase('tool.refactor');
      await ctx.press('F2');
      await ctx.wait(800);
      await ctx.type('wettestDay', { phaseLabel: 'tool.refactor' });
      await ctx.press('Enter');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\nexport const windMph = kmhToMph(30);');
      await ctx.wait(2500);
      await ctx.find('kmhToMph(30)');
      await ctx.press('Escape');
      await ctx.phase('tool.refactor');
      await ctx.press('Control+.');
      await ctx.wait(1500);
      await ctx.press('Enter');
      await ctx.wait(1500);
      await ctx.phase('tool.refactor');
      await ctx.press('Control+h');
      await ctx.wait(400);
      await ctx.typeInWidget('precipitationMm');
      await ctx.press('Tab');
      await ctx.typeInWidget('rainMm');
      await ctx.press('Control+Alt+Enter');
      await ctx.wait(1000);
      await ctx.press('Escape');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'multicursor-undo-redo',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.phase('human.type');
      await ctx.find('day');
      await ctx.press('Escape');
      await ctx.press('Control+d', 3);
      await ctx.type('entry');
      await ctx.press('Escape');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(300);
      await ctx.phase('redo');
      await ctx.press('Control+Shift+z');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.gotoLine(9);
      await ctx.press('End');
      await ctx.press('Control+Alt+ArrowDown', 2);
      await ctx.type(' // x');
      await ctx.phase('human.delete');
      await ctx.press('Backspace', 3);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.phase('undo');
      await ctx.press('Control+z', 2);
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'agent-extension-edits',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.open('src/units.ts');
      await ctx.open('src/forecast.ts');
      await ctx.phase('ai.agent');
      await ctx.agent({
        steps: [{ edits: [{ path: 'src/forecast.ts', after: 'windKmh: number;\n', text: '  humidityPct?: number;\n' }] }],
      });
      await ctx.wait(1200);
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/units.ts', text: '\nexport function kelvin(celsius: number): number {\n  return celsius + 273.15;\n}\n' },
              { path: 'src/report.ts', replace: "  return lines.join('\\n');", text: "  return [`${days.length} days`, ...lines].join('\\n');" },
              { path: 'src/summary.ts', create: true, text: "import { report } from './report';\n\nexport function summary(): string {\n  return report().split('\\n')[0] ?? '';\n}\n" },
            ],
          },
        ],
      });
      await ctx.wait(1500);
      const chunks = ['\nexport function trend(days: Day[]): ', "'warmer' | 'colder' | 'same' {\n", '  const first = days[0]?.highC ?? 0;\n', '  const last = days[days.length - 1]?.highC ?? 0;\n', "  return last > first ? 'warmer' : last < first ? 'colder' : 'same';\n", '}\n'];
      await ctx.agent({ steps: chunks.map((text) => ({ edits: [{ path: 'src/forecast.ts', text }], delayMs: 120 })) });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'agent-extension-hold',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/notes.md');
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('- [ ] ask the agent for dew point');
      await ctx.phase('ai.agent');
      const chunks = ['\nexport function dewPoint(tempC: number, humidityPct: number): number {\n', '  const a = 17.27;\n  const b = 237.7;\n', '  const alpha = (a * tempC) / (b + tempC) + Math.log(humidityPct / 100);\n', '  return (b * alpha) / (a - alpha);\n', '}\n'];
      await ctx.agent({ steps: chunks.map((text) => ({ edits: [{ path: 'src/units.ts', text }], delayMs: 200 })) });
      await ctx.wait(1200);
      await ctx.agent({
        steps: [
          { edits: [{ path: 'src/notes.md', replace: '- [ ] ask the agent for dew point', text: '- [x] dew point (see units.ts)' }] },
          { edits: [{ path: 'src/dew.test.ts', create: true, text: "import { dewPoint } from './units';\n\nif (Math.round(dewPoint(20, 50)) !== 9) throw new Error('dew point');\n" }] },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// reviewed the dew point by hand');
      await ctx.save();
    },
  },
  {
    name: 'cli-agent-with-hooks',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/units.ts');
      await ctx.cliJob({
        hooks: true,
        agent: 'claude-code',
        files: [
          { path: 'src/units.ts', append: '\nexport function mphToKmh(mph: number): number {\n  return mph / 0.621371;\n}\n' },
          { path: 'src/notes.md', replace: '- [ ] wind chill', with: '- [x] wind chill (agent)' },
          { path: 'src/export.ts', text: "import { sample } from './forecast';\n\nexport const csv = sample.map((d) => `${d.date},${d.highC}`).join('\\n');\n" },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('claude -p "add mph to kmh and a CSV export"', 6000);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// checked');
      await ctx.save();
    },
  },
  {
    name: 'cli-agent-no-hooks-hold',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.open('src/forecast.ts');
      await ctx.cliJob({
        hooks: false,
        files: [
          { path: 'src/forecast.ts', replace: 'export function wettest', with: '/** The day with the most rain. */\nexport function wettest' },
          { path: 'src/report.ts', append: "\nexport function short(day: Day): string {\n  return `${day.date} ${day.highC}C`;\n}\n" },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('codex exec "document wettest and add a short line format"', 6000);
      await ctx.cliJob({ hooks: false, thinkMs: 800, files: [{ path: 'src/report.ts', replace: '${day.highC}C`', with: '${day.highC} C`' }] });
      await ctx.terminal('aider --message "put a space before C" src/report.ts', 4000);
      await ctx.phase('human.type');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('// looks fine');
      await ctx.save();
    },
  },
  {
    name: 'git-operations',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/forecast.ts');
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\nexport const draft = 1;');
      await ctx.save();
      await ctx.phase('vcs');
      await ctx.terminal('git stash', 2500);
      await ctx.terminal('git stash pop', 2500);
      await ctx.terminal('git checkout -- src/forecast.ts', 2500);
      await ctx.terminal('git checkout feature', 3000);
      await ctx.terminal('git checkout main', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('\nexport const kept = true;');
      await ctx.save();
      await ctx.phase('vcs');
      await ctx.terminal('git reset --hard', 2500);
    },
  },
  {
    name: 'external-programs',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/report.ts');
      await ctx.phase('external');
      await ctx.terminal("sed -i 's/lines.push(line(day));/lines.push(line(day)); \\/\\/ one per day/' src/report.ts", 2500);
      await ctx.terminal('node tools/codegen.js', 2500);
      await ctx.terminal("printf '\\t// tab-indented\\n' >> src/report.ts && node tools/fmt.js src/report.ts", 2500);
      await ctx.phase('human.type');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('\n// after the tools ran');
      await ctx.save();
    },
  },
  {
    name: 'git-and-external-hold',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.open('src/units.ts');
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\nexport const scratch = 2;');
      await ctx.save();
      await ctx.phase('external');
      await ctx.terminal("perl -pi -e 's/kmh \\* 0.621371/kmh * 0.6214/' src/units.ts", 2500);
      await ctx.terminal('cp src/report.ts /tmp/report.bak && sed -i "1i // report module" src/report.ts', 2500);
      await ctx.phase('vcs');
      await ctx.terminal('git stash', 2500);
      await ctx.terminal('git checkout feature && git checkout main', 3500);
      await ctx.terminal('git stash pop', 2500);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('\n// done');
      await ctx.save();
    },
  },
];

// Second batch: written after the first held-out batch was scored and studied; held out,
// scored once (README, "Held-out history"), then studied and moved to tuning.
scenarios.push(
  {
    name: 'h2-python-inline-session',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'def load(path', text: ': str) -> list[Note]:\n    with open(path, encoding="utf-8") as f:\n        return [parse(line.rstrip("\\n")) for line in f if line.strip()]' },
        { trigger: 'def search(notes', text: ': list[Note], word: str) -> list[Note]:\n    return [n for n in notes if word.lower() in n.text.lower()]' },
        { trigger: 'def count_by_day(', text: 'notes: list[Note]) -> dict[str, int]:\n    counts: dict[str, int] = {}\n    for n in notes:\n        counts[n.day] = counts.get(n.day, 0) + 1\n    return counts' },
        { trigger: 'return sorted(', text: 'notes, key=lambda n: n.day)' },
      ]);
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n\ndef load(path');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.press('Shift+Tab', 2);
      await ctx.type('def search(notes');
      await ctx.acceptInlineWords('ai.inline', 3);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.press('Backspace', 8);
      await ctx.type('word: str):');
      await ctx.press('Enter');
      await ctx.type('return [n for n in notes if word in n.text]');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.press('Shift+Tab', 2);
      await ctx.type('def count_by_day(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.press('Shift+Tab', 2);
      await ctx.type('def by_day(notes):');
      await ctx.press('Enter');
      await ctx.type('return sorted(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h2-agent-multifile-and-undo',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/report.ts');
      await ctx.open('src/forecast.ts');
      await ctx.phase('ai.agent');
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/forecast.ts', replace: '    if (best === undefined || day.precipitationMm > best.precipitationMm) best = day;', text: '    const wetter = best === undefined || day.precipitationMm > best.precipitationMm;\n    if (wetter) best = day;' },
              { path: 'src/report.ts', replace: 'export function line(day: Day): string {', text: '/** One line of the report for a day. */\nexport function line(day: Day): string {' },
              { path: 'src/notes.md', replace: '- [ ] weekly summary', text: '- [ ] weekly summary (started in report.ts)' },
              { path: 'src/week.ts', create: true, text: "import { report } from './report';\n\nexport const week = (): string => report();\n" },
            ],
          },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('undo');
      await ctx.open('src/report.ts');
      await ctx.press('Control+z');
      await ctx.wait(500);
      await ctx.phase('ai.agent');
      const chunks = ['\nexport function ', 'feelsLike(', 'day: Day', '): number {\n', '  return day.highC', ' - day.windKmh', ' / 10;\n', '}\n'];
      await ctx.agent({ steps: chunks.map((text) => ({ edits: [{ path: 'src/forecast.ts', text }], delayMs: 60 })) });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('// feels-like checked by hand');
      await ctx.save();
    },
  },
  {
    name: 'h2-cli-gemini-then-tools',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/report.ts');
      await ctx.cliJob({
        hooks: false,
        thinkMs: 1500,
        gapMs: 900,
        files: [
          { path: 'src/report.ts', replace: "  return lines.join('\\n');", with: "  return lines.join('\\n') + '\\n';" },
          { path: 'src/units.ts', append: '\nexport const KNOTS_PER_KMH = 0.539957;\n' },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('gemini -p "end the report with a newline and add a knots constant"', 6000);
      await ctx.phase('external');
      await ctx.terminal('node tools/fmt.js src/report.ts src/units.ts && sed -i "s/0.539957/0.54/" src/units.ts', 3000);
      await ctx.phase('vcs');
      await ctx.terminal('git stash && sleep 1 && git stash pop', 4000);
      await ctx.cliJob({ hooks: true, agent: 'claude-code', files: [{ path: 'src/units.ts', replace: 'export const KNOTS_PER_KMH = 0.54;', with: 'export const KNOTS_PER_KMH = 0.539957; // exact' }] });
      await ctx.phase('ai.agent');
      await ctx.terminal('claude -p "use the exact knots factor"', 5000);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// ok');
      await ctx.save();
    },
  },
  {
    name: 'h2-hard-negatives',
    split: 'tune',
    settings: { 'files.autoSave': 'off' },
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.wait(2500);
      await ctx.phase('human.type');
      await ctx.selectLines(15, 21);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.type('\n');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(600);
      await ctx.phase('human.type');
      await ctx.find('export function wettest(days: Day[]): Day | undefined {\n  let best');
      await ctx.find('wettest(days: Day[]): Day | undefined {\n  let best: Day | undefined;\n  for (const day of days) {\n    if (best === undefined || day.precipitationMm > best.precipitationMm) best = day;\n  }\n  return best;\n}\n\nexport');
      await ctx.gotoLine(24);
      await ctx.press('End');
      await ctx.press('Control+ArrowLeft', 1);
      await ctx.wait(300);
      await ctx.phase('tool.refactor');
      await ctx.press('F2');
      await ctx.wait(800);
      await ctx.typeInWidget('driest');
      await ctx.press('Enter');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\nexport const   x={a:1,b:[1,2,3]};');
      await ctx.phase('tool.format');
      await ctx.palette('Format Document');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.type('for');
      await ctx.acceptSuggestion('tool.complete', 'Enter');
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.phase('tool.refactor');
      await ctx.press('Control+h');
      await ctx.wait(400);
      await ctx.typeInWidget('lowC');
      await ctx.press('Tab');
      await ctx.typeInWidget('minC');
      await ctx.press('Enter');
      await ctx.wait(800);
      await ctx.press('Escape');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h2-inline-undo-redo-multicursor',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function celsiusRange(', text: 'days: Day[]): [number, number] {\n  return [Math.min(...days.map((d) => d.lowC)), Math.max(...days.map((d) => d.highC))];\n}' },
        { trigger: 'const spread = ', text: 'range[1] - range[0];' },
      ]);
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function celsiusRange(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(400);
      await ctx.phase('redo');
      await ctx.press('Control+Shift+z');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.type('\n\nconst range = celsiusRange(sample);');
      await ctx.press('Enter');
      await ctx.type('const spread = ');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.find('highC');
      await ctx.press('Escape');
      await ctx.press('Control+d', 2);
      await ctx.type('maxC');
      await ctx.press('Escape');
      await ctx.selectLines(2, 2);
      await ctx.phase('human.delete');
      await ctx.press('Control+x');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.gotoLine(7);
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h2-agent-while-typing',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('ai.agent');
      const chunks = ['\nexport function ', 'toKelvin(celsius: number): number {\n', '  return celsius', ' + 273.15;\n', '}\n', '\nexport function ', 'fromKelvin(kelvin: number): number {\n', '  return kelvin - 273.15;\n', '}\n'];
      writeJob(ctx, { steps: chunks.map((text) => ({ edits: [{ path: 'src/units.ts', text }], delayMs: 250 })) });
      await ctx.palette('Corpus Agent: Apply the Requested Change');
      // The person keeps typing in another file while the agent streams into units.ts.
      await ctx.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click({ position: { x: 5, y: 5 } });
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n// while the agent works');
      await ctx.wait(2500);
      await ctx.save();
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
);

function writeJob(ctx, job) {
  // The typing phase above starts before the agent's chunks finish: label by edit source.
  ctx.agentJobOnly(job);
}

// Third batch: written after the second was scored and studied; held out, scored once
// (README, "Held-out history"), then studied and moved to tuning.
scenarios.push(
  {
    name: 'h3-ts-feature-with-inline',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function csvLine(', text: 'day: Day): string {\n  return [day.date, day.highC, day.lowC, day.precipitationMm].join(",");\n}' },
        { trigger: '// header row', text: '\nexport const CSV_HEADER = "date,highC,lowC,precipitationMm";' },
        { trigger: 'const rows = ', text: 'days.map(csvLine);' },
      ]);
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n// header row');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type('\n\nexport function csvLine(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type('\n\nexport function csv(days: Day[]): string {');
      await ctx.press('Enter');
      await ctx.type('const rows = ');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.press('Enter');
      await ctx.type('return [CSV_HEADER, ...rows].join("\\n");');
      await ctx.find('CSV_HEADER = "date');
      await ctx.press('Escape');
      await ctx.press('Control+ArrowRight', 3);
      await ctx.press('Control+Shift+ArrowRight');
      await ctx.type('day');
      await ctx.save();
    },
  },
  {
    name: 'h3-agent-rewrite-and-stream',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/forecast.ts');
      await ctx.gotoLine(3);
      await ctx.phase('ai.agent');
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/forecast.ts', replace: "  let best: Day | undefined;\n  for (const day of days) {\n    if (best === undefined || day.precipitationMm > best.precipitationMm) best = day;\n  }\n  return best;", text: '  return days.reduce<Day | undefined>((best, day) => (best === undefined || day.precipitationMm > best.precipitationMm ? day : best), undefined);' },
            ],
          },
        ],
      });
      await ctx.wait(1500);
      const chunks = ['\n## Agent log\n', '\n- rewrote ', '`wettest` ', 'with reduce', '\n- next: ', 'weekly summary\n'];
      await ctx.agent({ steps: chunks.map((text) => ({ edits: [{ path: 'src/notes.md', text }], delayMs: 90 })) });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('\n// reviewed wettest');
      await ctx.save();
    },
  },
  {
    name: 'h3-cli-codex-hooks-python-git',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.py');
      await ctx.open('src/forecast.ts');
      await ctx.cliJob({
        hooks: true,
        agent: 'codex',
        files: [
          { path: 'src/notes.py', append: '\n\ndef words(note: Note) -> int:\n    return len(note.text.split())\n' },
          { path: 'src/forecast.ts', replace: '  windKmh: number;\n}', with: '  windKmh: number;\n  gustKmh?: number;\n}' },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('codex exec "count words in notes and add gusts"', 6000);
      await ctx.phase('external');
      await ctx.terminal(`python3 -c "import re,io; p='src/notes.py'; s=open(p).read(); open(p,'w').write(s.replace('    return len', '    return  len'))"`, 3000);
      await ctx.phase('vcs');
      await ctx.terminal('git checkout -- src/forecast.ts', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.type('# words checked');
      await ctx.save();
    },
  },
  {
    name: 'h3-paste-heavy',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.phase('human.type');
      await ctx.selectLines(7, 13);
      await ctx.press('Control+c');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('\n');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.selectLines(3, 5);
      await ctx.press('Control+c');
      await ctx.find('export function report');
      await ctx.press('Escape');
      await ctx.press('Home');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.find('sample');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.selectLines(1, 1);
      await ctx.phase('human.delete');
      await ctx.press('Control+x');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h3-snippets-and-suggest',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.wait(2500);
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function warmest(days: Day[]) {');
      await ctx.press('Enter');
      await ctx.type('let top = days[0];');
      await ctx.press('Enter');
      await ctx.type('forof');
      await ctx.acceptSuggestion('tool.complete', 'Tab');
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.gotoLine(33);
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('if (top === undefined || day.hig');
      await ctx.acceptSuggestion('tool.complete', 'Tab');
      await ctx.phase('human.type');
      await ctx.type(' > top.hi');
      await ctx.acceptSuggestion('tool.complete', 'Tab');
      await ctx.phase('human.type');
      await ctx.type(') top = day;');
      await ctx.press('Escape');
      await ctx.save();
    },
  },
  {
    name: 'h3-agent-undo-and-format',
    split: 'tune',
    settings: { 'files.autoSave': 'off' },
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.phase('ai.agent');
      await ctx.agent({ steps: [{ edits: [{ path: 'src/units.ts', after: "export type TemperatureUnit = 'celsius' | 'fahrenheit';\n", text: "\nexport const UNITS: TemperatureUnit[] = ['celsius', 'fahrenheit'];\n" }] }] });
      await ctx.wait(1200);
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(500);
      await ctx.phase('ai.agent');
      const chunks = ['\nexport function round1(', 'x: number): number {\n', '  return Math.round(x * 10)', ' / 10;\n', '}\n'];
      await ctx.agent({ steps: chunks.map((text) => ({ edits: [{ path: 'src/units.ts', text }], delayMs: 150 })) });
      await ctx.wait(1200);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('export const   half=round1( 0.45 );');
      await ctx.phase('tool.format');
      await ctx.palette('Format Document');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
);

// Fourth batch: written after the third was scored and studied; held out, scored once
// (README, "Held-out history"), then studied and moved to tuning.
scenarios.push(
  {
    name: 'h4-markdown-and-json-inline',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: '- [ ] ', text: 'compare forecasts with observed temperatures' },
        { trigger: 'export const KNOTS_PER_KMH = ', text: '0.539957;' },
        { trigger: '## Ideas', text: '\n\n- hourly wind chart\n- rain alerts by email\n- weekly PDF summary' },
      ]);
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('- [ ] ');
      await ctx.acceptInlineWords('ai.inline', 2);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.type(' forecast errors');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.type('## Ideas');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Backspace', 13);
      await ctx.type('monthly summary');
      await ctx.save();
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('\n// wind in knots\nexport const KNOTS_PER_KMH = ');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h4-agent-test-file-stream',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/report.ts');
      await ctx.phase('ai.agent');
      await ctx.agent({ steps: [{ edits: [{ path: 'src/units.test.ts', create: true, text: '' }] }] });
      await ctx.wait(800);
      await ctx.phase('human.type');
      await ctx.open('src/units.test.ts');
      await ctx.phase('ai.agent');
      const chunks = ["import { toCelsius, toFahrenheit } from './units';\n", '\n', "if (toFahrenheit(0) !== 32) ", "throw new Error('freezing');\n", "if (toCelsius(212) !== 100) ", "throw new Error('boiling');\n"];
      await ctx.agent({ steps: chunks.map((text) => ({ edits: [{ path: 'src/units.test.ts', text }], delayMs: 110 })) });
      await ctx.wait(1200);
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/units.ts', replace: 'export function kmhToMph(kmh: number): number {', text: '/** Kilometres per hour to miles per hour. */\nexport function kmhToMph(kmh: number): number {' },
              { path: 'src/report.ts', replace: '${day.precipitationMm} mm', text: '${day.precipitationMm.toFixed(1)} mm' },
            ],
          },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('// run with: node --test');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h4-cli-aider-then-sed-and-reset',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.open('src/notes.md');
      await ctx.cliJob({
        hooks: false,
        thinkMs: 1000,
        files: [
          { path: 'src/notes.md', replace: '- [ ] export to CSV', with: '- [x] export to CSV (see report.ts)\n- [ ] export to JSON' },
          { path: 'src/forecast.ts', append: '\nexport const days = sample.length;\n' },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('aider --yes --message "note the CSV export and count days"', 5000);
      await ctx.phase('external');
      await ctx.terminal("sed -i 's/export to JSON/export to YAML/' src/notes.md", 2500);
      await ctx.phase('vcs');
      await ctx.terminal('git reset --hard -q', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('// back to the last commit');
      await ctx.save();
    },
  },
  {
    name: 'h4-python-suggest-and-paste',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n\ndef first_note(lines: list[str]) -> Note:');
      await ctx.press('Enter');
      await ctx.type('return pars');
      await ctx.acceptSuggestion('tool.complete', 'Tab');
      await ctx.phase('human.type');
      await ctx.type('(lines[0])');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.press('Shift+Tab');
      await ctx.selectLines(12, 14);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.press('Enter');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.type('# copied parse, to adapt');
      await ctx.save();
    },
  },
  {
    name: 'h4-undo-redo-paste-inline',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([{ trigger: 'export function isFreezing(', text: 'celsius: number): boolean {\n  return celsius <= 0;\n}' }]);
      await ctx.open('src/units.ts');
      await ctx.selectLines(3, 5);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(400);
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(300);
      await ctx.phase('redo');
      await ctx.press('Control+Shift+z');
      await ctx.wait(300);
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.type('\nexport function isFreezing(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.selectLines(16, 16);
      await ctx.phase('human.delete');
      await ctx.press('Control+x');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.type('  return celsius < 0.5;\n');
      await ctx.save();
    },
  },
  {
    name: 'h4-claude-hooks-and-checkout',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/forecast.ts');
      await ctx.cliJob({
        hooks: true,
        agent: 'claude-code',
        gapMs: 400,
        files: [
          { path: 'src/forecast.ts', replace: '  windKmh: number;\n', with: '  windKmh: number;\n  /** Relative humidity, 0 to 100. */\n  humidityPct?: number;\n' },
          { path: 'src/units.ts', replace: 'export function toCelsius', with: '/** Fahrenheit to Celsius. */\nexport function toCelsius' },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('claude -p "document humidity and toCelsius"', 5000);
      await ctx.phase('vcs');
      await ctx.terminal('git stash -q && git checkout -q feature', 3000);
      await ctx.terminal('git checkout -q main && git stash pop -q', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// kept the docs');
      await ctx.save();
    },
  },
);

// Fifth batch: written after the fourth was scored and studied; held out, scored once
// (README, "Held-out history"), then studied and moved to tuning.
scenarios.push(
  {
    name: 'h5-inline-long-session',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function freezingDays(', text: 'days: Day[]): number {\n  return days.filter((d) => d.lowC < 0).length;\n}' },
        { trigger: 'const windiest = ', text: 'days.reduce((a, d) => (d.windKmh > a.windKmh ? d : a));' },
        { trigger: 'export function summary(', text: 'days: Day[]): string {\n  const wet = wettest(days);\n  return wet ? `wettest: ${wet.date}` : "no rain";\n}' },
        { trigger: '// total rain', text: '\nexport const totalRain = (days: Day[]): number => days.reduce((s, d) => s + d.precipitationMm, 0);' },
      ]);
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function freezingDays(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type('\n\nexport function windiestDay(days: Day[]): Day {');
      await ctx.press('Enter');
      await ctx.type('const windiest = ');
      await ctx.acceptInlineWords('ai.inline', 2);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.press('Backspace', 4);
      await ctx.type('days[0];');
      await ctx.press('Enter');
      await ctx.type('return windiest;');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.type('\n\nexport function summary(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type('\n\n// total rain');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h5-agent-interleaved-files',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/report.ts');
      await ctx.phase('ai.agent');
      const steps = [
        { edits: [{ path: 'src/units.ts', text: '\nexport function msToKmh(ms: number): number {\n' }], delayMs: 80 },
        { edits: [{ path: 'src/report.ts', text: '\nexport function header(): string {\n' }], delayMs: 80 },
        { edits: [{ path: 'src/units.ts', text: '  return ms * 3.6;\n}\n' }], delayMs: 80 },
        { edits: [{ path: 'src/report.ts', text: "  return 'date: low to high';\n}\n" }], delayMs: 80 },
        { edits: [{ path: 'src/wind.ts', create: true, text: "import { msToKmh } from './units';\n\nexport const gale = msToKmh(17.2);\n" }], delayMs: 80 },
      ];
      await ctx.agent({ steps });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/wind.ts');
      await ctx.endOfFile();
      await ctx.type('// 62 km/h');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h5-cli-claude-no-hooks',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/forecast.ts');
      await ctx.open('src/notes.md');
      await ctx.cliJob({
        hooks: false,
        gapMs: 500,
        files: [
          { path: 'src/units.ts', replace: 'export function kmhToMph', with: 'export function kmhToKnots(kmh: number): number {\n  return kmh * 0.539957;\n}\n\nexport function kmhToMph' },
          { path: 'src/forecast.ts', replace: "  { date: '2026-11-22'", with: "  { date: '2026-11-23', highC: 5, lowC: -3, precipitationMm: 1.2, windKmh: 18 },\n  { date: '2026-11-22'" },
          { path: 'src/notes.md', append: '- [ ] knots in the report\n' },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('claude "add knots, one more sample day, and a note"', 6000);
      await ctx.phase('human.type');
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.type('- [ ] check the new sample day');
      await ctx.save();
    },
  },
  {
    name: 'h5-format-on-save-and-paste',
    split: 'tune',
    settings: { 'editor.formatOnSave': true, 'files.autoSave': 'off' },
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.phase('human.type');
      await ctx.selectLines(11, 13);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.type('export   const  ratio=0.621371 ;');
      await ctx.phase('tool.format');
      await ctx.save();
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.type('export const  twice =ratio*2;');
      await ctx.phase('tool.format');
      await ctx.save();
      await ctx.wait(1500);
    },
  },
  {
    name: 'h5-codex-hooks-reset-inline',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([{ trigger: 'export const FREEZING_F = ', text: 'toFahrenheit(0);' }]);
      await ctx.open('src/units.ts');
      await ctx.cliJob({ hooks: true, agent: 'codex', files: [{ path: 'src/units.ts', append: '\nexport const ABSOLUTE_ZERO_C = -273.15;\n' }] });
      await ctx.phase('ai.agent');
      await ctx.terminal('codex exec "add absolute zero"', 5000);
      await ctx.phase('vcs');
      await ctx.terminal('git reset --hard -q', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('\nexport const FREEZING_F = ');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h5-refactor-tools',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.wait(5000); // TypeScript's language server starts
      await ctx.find('lines.push');
      await ctx.press('Escape');
      await ctx.press('Home');
      await ctx.press('Control+ArrowRight');
      await ctx.press('ArrowLeft');
      await ctx.phase('tool.refactor');
      await ctx.press('F2');
      await ctx.wait(1500);
      await ctx.typeInWidget('out');
      await ctx.press('Enter');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\nexport const mph = kmhToMph(10);');
      await ctx.wait(3000);
      await ctx.find('kmhToMph(10)');
      await ctx.press('Escape');
      await ctx.phase('tool.refactor');
      await ctx.press('Control+.');
      await ctx.wait(1500);
      await ctx.press('Enter');
      await ctx.wait(1500);
      await ctx.press('Control+h');
      await ctx.wait(400);
      await ctx.typeInWidget('day');
      await ctx.press('Tab');
      await ctx.typeInWidget('entry');
      await ctx.press('Control+Alt+Enter');
      await ctx.wait(1000);
      await ctx.press('Escape');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h5-multicursor-and-line-commands',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.phase('human.type');
      await ctx.find('windKmh');
      await ctx.press('Escape');
      await ctx.press('Control+d', 2);
      await ctx.type('windSpeedKmh');
      await ctx.press('Escape');
      await ctx.gotoLine(3);
      await ctx.phase('human.type');
      await ctx.palette('Copy Line Down');
      await ctx.wait(400);
      await ctx.palette('Move Line Up');
      await ctx.wait(400);
      await ctx.press('End');
      await ctx.type(' // copied');
      await ctx.phase('human.delete');
      await ctx.palette('Delete Line');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h5-agent-replace-undo-redo',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.phase('ai.agent');
      await ctx.agent({
        steps: [{ edits: [{ path: 'src/report.ts', replace: "  const lines: string[] = [];\n  for (const day of days) {\n    lines.push(line(day));\n  }\n  return lines.join('\\n');", text: "  return days.map(line).join('\\n');" }] }],
      });
      await ctx.wait(1200);
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(400);
      await ctx.phase('redo');
      await ctx.press('Control+Shift+z');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\n// map instead of a loop, reviewed');
      await ctx.save();
    },
  },
);

// Sixth batch: written after the fifth was scored and studied; held out, scored once
// (README, "Held-out history"), then studied and moved to tuning.
scenarios.push(
  {
    name: 'h6-new-file-inline',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: "import { report } from './report';", text: "\nimport { sample } from './forecast';" },
        { trigger: 'const args = ', text: 'process.argv.slice(2);' },
        { trigger: "if (args.includes('--help')) {", text: "\n  console.log('usage: weather [--days N]');\n  process.exit(0);\n}" },
        { trigger: 'console.log(', text: 'report(sample));' },
      ]);
      await ctx.phase('external');
      await ctx.terminal('touch src/cli.ts', 1500);
      await ctx.open('src/cli.ts');
      await ctx.phase('human.type');
      await ctx.type("import { report } from './report';");
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type('\n\nconst args = ');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.type("\nif (args.includes('--help')) {");
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Control+End');
      await ctx.type('\nconsole.log(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h6-agent-feature-then-edit',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/forecast.ts');
      await ctx.open('src/report.ts');
      await ctx.phase('ai.agent');
      await ctx.agent({
        steps: [
          { edits: [{ path: 'src/forecast.ts', after: '  windKmh: number;\n', text: '  pressureHpa?: number;\n' }], delayMs: 100 },
          { edits: [{ path: 'src/units.ts', text: '\nexport function hpaToInHg(hpa: number): number {\n' }], delayMs: 100 },
          { edits: [{ path: 'src/units.ts', text: '  return hpa * 0.02953;\n}\n' }], delayMs: 100 },
          { edits: [{ path: 'src/report.ts', replace: ' mm`;', text: ' mm, ${day.pressureHpa ?? "?"} hPa`;' }], delayMs: 100 },
          { edits: [{ path: 'src/pressure.ts', create: true, text: "import { hpaToInHg } from './units';\n\nexport const standard = hpaToInHg(1013.25);\n" }] },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.find('0.02953');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.press('Backspace');
      await ctx.type('; // inches of mercury');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h6-gemini-hooks-codegen-claude',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/units.ts');
      await ctx.cliJob({ hooks: true, agent: 'gemini-cli', files: [{ path: 'src/units.ts', append: '\nexport const MPH_PER_KNOT = 1.15078;\n' }] });
      await ctx.phase('ai.agent');
      await ctx.terminal('gemini -p "add knots to mph"', 4500);
      await ctx.phase('external');
      await ctx.terminal('node tools/codegen.js', 2500);
      await ctx.cliJob({ hooks: false, files: [{ path: 'src/notes.md', append: '- [ ] knots in the CLI\n' }] });
      await ctx.phase('ai.agent');
      await ctx.terminal('claude -p "note the knots follow-up"', 4500);
      await ctx.phase('human.type');
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.type('- [ ] review the generated constants');
      await ctx.save();
    },
  },
  {
    name: 'h6-line-commands-and-paste',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.phase('human.type');
      await ctx.gotoLine(3);
      await ctx.palette('Copy Line Down');
      await ctx.wait(300);
      await ctx.palette('Move Line Down');
      await ctx.wait(300);
      await ctx.selectLines(3, 6);
      await ctx.palette('Sort Lines Ascending');
      await ctx.wait(300);
      await ctx.gotoLine(1);
      await ctx.press('End');
      await ctx.press('Shift+Home');
      await ctx.palette('Transform to Uppercase');
      await ctx.wait(300);
      await ctx.selectLines(3, 4);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.type('- [ ] tidy this list');
      await ctx.save();
    },
  },
  {
    name: 'h6-inline-word-by-word',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function describe(day: Day): string {', text: '\n  return `${day.date} will be ${day.highC > 15 ? "mild" : "cold"} with ${day.windKmh} km/h wind`;\n}' },
        { trigger: 'export const note = ', text: '"forecast data is a sample, not a live feed";' },
      ]);
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function describe(day: Day): string {');
      await ctx.acceptInlineWords('ai.inline', 7);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.type('`;');
      await ctx.press('Enter');
      await ctx.type('}');
      await ctx.press('Enter');
      await ctx.type('export const note = ');
      await ctx.acceptInlineWords('ai.inline', 5);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.type(' feed";');
      await ctx.save();
    },
  },
  {
    name: 'h6-git-branches-restore',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/forecast.ts');
      await ctx.phase('vcs');
      await ctx.terminal('git checkout -q feature', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// on the feature branch');
      await ctx.save();
      await ctx.phase('vcs');
      await ctx.terminal('git restore src/units.ts', 3000);
      await ctx.terminal('git checkout -q main', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('// back on main');
      await ctx.save();
    },
  },
  {
    name: 'h6-quickfix-and-suggest',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.wait(5000);
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport const f = toFahrenheit(20);');
      await ctx.wait(3000);
      await ctx.find('toFahrenheit(20)');
      await ctx.press('Escape');
      await ctx.phase('tool.refactor');
      await ctx.press('Control+.');
      await ctx.wait(1500);
      await ctx.press('Enter');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\nexport const c = toCel');
      await ctx.acceptSuggestion('tool.complete', 'Tab');
      await ctx.phase('human.type');
      await ctx.type('(68);');
      await ctx.save();
    },
  },
  {
    name: 'h6-agent-undo-after-save',
    split: 'tune',
    settings: { 'files.autoSave': 'off' },
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.phase('ai.agent');
      await ctx.agent({
        steps: [{ edits: [{ path: 'src/forecast.ts', text: '\nexport function coldestNight(days: Day[]): number {\n  return Math.min(...days.map((d) => d.lowC));\n}\n' }] }],
        save: true,
      });
      await ctx.wait(1200);
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(400);
      await ctx.phase('redo');
      await ctx.press('Control+Shift+z');
      await ctx.wait(400);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('// kept after a second look');
      await ctx.save();
    },
  },
);

// Seventh held-out batch: written after the sixth was scored and studied; never tuned on.
// The held-out figures in README.md come from this batch.
scenarios.push(
  {
    name: 'h7-py-inline-feature',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'def to_line(', text: 'note: Note) -> str:\n    return f"{note.day}: {note.text}"' },
        { trigger: 'def save(', text: 'notes: list[Note], path: str) -> None:\n    with open(path, "w", encoding="utf-8") as f:\n        f.write("\\n".join(to_line(n) for n in notes))' },
        { trigger: 'def latest(', text: 'notes: list[Note]) -> Note | None:\n    return max(notes, key=lambda n: n.day, default=None)' },
        { trigger: '    days = ', text: '{n.day for n in notes}' },
      ]);
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n\ndef to_line(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.press('Shift+Tab');
      await ctx.type('def save(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.press('Shift+Tab', 3);
      await ctx.type('def latest(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.press('Enter');
      await ctx.press('Shift+Tab', 2);
      await ctx.type('def day_count(notes: list[Note]) -> int:');
      await ctx.press('Enter');
      await ctx.type('days = ');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.type('return len(days)');
      await ctx.save();
    },
  },
  {
    name: 'h7-ts-inline-mixed',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function table(days: Day[]): string {', text: '\n  return days.map((d) => `| ${d.date} | ${d.highC} | ${d.lowC} |`).join("\\n");\n}' },
        { trigger: 'export const TABLE_HEAD = ', text: '"| date | high | low |";' },
      ]);
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport const TABLE_HEAD = ');
      await ctx.acceptInlineWords('ai.inline', 4);
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.type(' |";');
      await ctx.press('Enter');
      await ctx.type('export function table(days: Day[]): string {');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.find('d.lowC} |');
      await ctx.press('Escape');
      await ctx.press('ArrowRight');
      await ctx.type(' ${d.precipitationMm} |');
      await ctx.save();
    },
  },
  {
    name: 'h7-agent-docs-pass',
    split: 'holdout',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.open('src/units.ts');
      await ctx.gotoLine(1);
      await ctx.phase('ai.agent');
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/units.ts', replace: 'export function toFahrenheit', text: '/** Celsius to Fahrenheit. */\nexport function toFahrenheit' },
              { path: 'src/units.ts', replace: 'export function toCelsius', text: '/** Fahrenheit to Celsius. */\nexport function toCelsius' },
              { path: 'src/units.ts', replace: 'export function kmhToMph', text: '/** Kilometres per hour to miles per hour. */\nexport function kmhToMph' },
              { path: 'src/report.ts', replace: 'export function report', text: '/** The whole report, one line a day. */\nexport function report' },
            ],
          },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('// docs reviewed');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h7-agent-stream-long',
    split: 'holdout',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.gotoLine(1);
      await ctx.phase('ai.agent');
      const chunks = ['\n/** Days grouped by ', 'rain: dry, light, heavy. */\n', 'export function byRain(', 'days: Day[]', '): Record<string, Day[]> {\n', '  const groups: Record<string, Day[]> = ', '{ dry: [], light: [], heavy: [] };\n', '  for (const d of days) {\n', "    const key = d.precipitationMm === 0 ? 'dry' : ", "d.precipitationMm < 2 ? 'light' : 'heavy';\n", '    groups[key]!.push(d);\n', '  }\n', '  return groups;\n', '}\n'];
      await ctx.agent({ steps: chunks.map((text) => ({ edits: [{ path: 'src/forecast.ts', text }], delayMs: 70 })) });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('// grouping looks right');
      await ctx.save();
    },
  },
  {
    name: 'h7-cli-claude-hooks-three-files',
    split: 'holdout',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/report.ts');
      await ctx.open('src/forecast.ts');
      await ctx.cliJob({
        hooks: true,
        agent: 'claude-code',
        gapMs: 500,
        files: [
          { path: 'src/forecast.ts', append: '\nexport const WEEK = 7;\n' },
          { path: 'src/report.ts', replace: "  return lines.join('\\n');", with: "  return lines.slice(0, 7).join('\\n');" },
          { path: 'src/notes.md', replace: '- [ ] weekly summary', with: '- [x] weekly summary (7 days)' },
        ],
      });
      await ctx.phase('ai.agent');
      await ctx.terminal('claude -p "limit the report to a week"', 6000);
      await ctx.phase('human.type');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('// a week is enough');
      await ctx.save();
    },
  },
  {
    name: 'h7-cli-codex-then-stash',
    split: 'holdout',
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.cliJob({ hooks: false, files: [{ path: 'src/units.ts', replace: '  return kmh * 0.621371;', with: '  return Math.round(kmh * 0.621371 * 10) / 10;' }] });
      await ctx.phase('ai.agent');
      await ctx.terminal('codex exec "round mph to one decimal"', 5000);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// rounded');
      await ctx.save();
      await ctx.phase('vcs');
      await ctx.terminal('git stash -q', 2500);
      await ctx.terminal('git stash pop -q', 2500);
    },
  },
  {
    name: 'h7-paste-rename-replace',
    split: 'holdout',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.wait(5000);
      await ctx.phase('human.type');
      await ctx.selectLines(1, 7);
      await ctx.press('Control+c');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('\n');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.find('function wettest');
      await ctx.press('Escape');
      await ctx.press('ArrowRight');
      await ctx.press('Control+ArrowLeft');
      await ctx.phase('tool.refactor');
      await ctx.press('F2');
      await ctx.wait(1500);
      await ctx.typeInWidget('rainiest');
      await ctx.press('Enter');
      await ctx.wait(1500);
      await ctx.press('Control+h');
      await ctx.wait(400);
      await ctx.typeInWidget('highC');
      await ctx.press('Tab');
      await ctx.typeInWidget('maxC');
      await ctx.press('Control+Alt+Enter');
      await ctx.wait(1000);
      await ctx.press('Escape');
      await ctx.phase('human.type');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h7-format-and-if-snippet',
    split: 'holdout',
    settings: { 'files.autoSave': 'off' },
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.wait(3000);
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function  clamp( x:number,lo:number,hi:number ){');
      await ctx.press('Enter');
      await ctx.type('return Math.min(hi,Math.max(lo,x));');
      await ctx.phase('tool.format');
      await ctx.palette('Format Document');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.press('Enter');
      await ctx.type('if');
      await ctx.acceptSuggestion('tool.complete', 'Tab');
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.save();
    },
  },
  {
    name: 'h7-external-tools-with-typing',
    split: 'holdout',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/units.ts');
      await ctx.phase('external');
      await ctx.terminal("perl -pi -e 's/0\\.621371/0.6214/' src/units.ts", 2500);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// approximate');
      await ctx.save();
      await ctx.phase('external');
      await ctx.terminal('node tools/codegen.js && sed -i "s/wind chill/wind-chill/" src/notes.md', 3000);
      await ctx.phase('human.type');
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.type('- [ ] check the codegen');
      await ctx.save();
    },
  },
  {
    name: 'h7-inline-undo-retry-revise',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([{ trigger: 'export function heatIndex(', text: 'tempC: number, humidityPct: number): number {\n  return tempC + 0.1 * humidityPct;\n}' }]);
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\nexport function heatIndex(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(500);
      await ctx.phase('human.type');
      await ctx.press('Backspace');
      await ctx.type('(');
      await ctx.acceptInline('ai.inline');
      await ctx.phase('human.type');
      await ctx.find('0.1 * humidityPct');
      await ctx.type('0.05 * humidityPct');
      await ctx.save();
    },
  },
);

// Eighth batch: written from the enumeration of the ways text changes in VS Code 1.139
// (README, "Coverage of the ways text changes"), not from what the classifier does: editor
// features that insert several characters per key (auto-closing, onEnter rules, comment
// toggles, Emmet, snippets, auto-imports, code actions, format on type/paste/save, linked
// editing, smart paste, drag and drop, IME-style input), more languages (Go, Rust, TSX,
// CSS, HTML, Python, Markdown, YAML), and AI routes the corpus lacked (inline suggestions
// accepted by line and replacing the typed prefix, an agent creating and showing a new
// file and editing at the cursor, atomic command-line writes, and the real Claude Code CLI
// with and without hooks, including its Bash tool). Held out, scored once before study
// (README, "Held-out history", batch 8), then studied: tuning data. Two scenarios failed to
// record that day (an editor focus problem of the recorder) and were recorded with the ninth
// batch, held out and scored with it. The second argument of `phase` names the route.
scenarios.push(
  {
    name: 'h8-ts-enter-comments-pairs',
    split: 'tune',
    settings: { 'editor.acceptSuggestionOnEnter': 'on' },
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.wait(3000);
      await ctx.endOfFile();
      await ctx.phase('human.type', 'onenter-doc-comment');
      await ctx.type('\n\n/**');
      await ctx.wait(800);
      await ctx.press('Enter');
      await ctx.type('Rounds to one decimal.');
      await ctx.press('Enter');
      await ctx.type('@param x the value');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.phase('human.type', 'auto-close-pair');
      await ctx.type('\nexport function round1(x: number): number {');
      await ctx.phase('human.type', 'onenter-indent');
      await ctx.press('Enter');
      await ctx.phase('human.type', 'auto-close-pair');
      await ctx.type('return Math.round(x * 10) / 10;');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.phase('human.type', 'onenter-line-comment');
      await ctx.type('\n// keep one decimal for display');
      await ctx.press('Home');
      await ctx.press('Control+ArrowRight', 4);
      await ctx.press('Enter');
      await ctx.phase('human.type', 'toggle-line-comment');
      await ctx.gotoLine(4);
      await ctx.press('End');
      await ctx.press('Control+/');
      await ctx.wait(300);
      await ctx.selectLines(7, 9);
      await ctx.press('Control+/');
      await ctx.wait(300);
      await ctx.press('Control+/');
      await ctx.wait(300);
      await ctx.phase('human.type', 'toggle-block-comment');
      await ctx.find('kmh * 0.621371');
      await ctx.press('Shift+Alt+a');
      await ctx.wait(300);
      await ctx.press('Shift+Alt+a');
      await ctx.wait(300);
      await ctx.phase('human.type', 'surround-pair');
      await ctx.find('celsius * 9');
      await ctx.type('(');
      await ctx.phase('human.type', 'indent-outdent');
      await ctx.selectLines(11, 13);
      await ctx.press('Tab');
      await ctx.press('Shift+Tab');
      await ctx.phase('human.type', 'join-lines');
      await ctx.gotoLine(3);
      await ctx.palette('Join Lines');
      await ctx.phase('human.type', 'insert-line-above');
      await ctx.press('Control+Shift+Enter');
      await ctx.type('// converts');
      await ctx.phase('human.type', 'transform-case');
      await ctx.find('TemperatureUnit');
      await ctx.palette('Transform to Uppercase');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.phase('human.type', 'duplicate-selection');
      await ctx.find('0.621371');
      await ctx.palette('Duplicate Selection');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.phase('human.type', 'ime-insert-text');
      await ctx.endOfFile();
      await ctx.type('\n// ');
      await ctx.insertText('température ressentie');
      await ctx.type(' (wind chill)');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h8-web-emmet-tags-css',
    split: 'tune',
    settings: { 'editor.linkedEditing': true },
    async run(ctx) {
      await ctx.open('web/index.html');
      await ctx.wait(1500);
      await ctx.find('<div id="root"></div>');
      await ctx.press('End');
      await ctx.phase('human.type');
      await ctx.type('\nul>li.day*3');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'emmet-html');
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.press('Control+End');
      await ctx.gotoLine(10);
      await ctx.press('End');
      await ctx.phase('human.type', 'auto-close-tag-html');
      await ctx.type('\n<p>');
      await ctx.type('Updated daily');
      await ctx.phase('human.type', 'linked-editing');
      await ctx.find('<div id');
      await ctx.press('Escape');
      await ctx.press('ArrowLeft');
      await ctx.press('ArrowRight', 4);
      await ctx.press('Backspace', 3);
      await ctx.type('main');
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.open('web/panel.css');
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n.day {');
      await ctx.press('Enter');
      await ctx.type('m10');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'emmet-css');
      await ctx.phase('human.type');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('backgr');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'suggest-css-property');
      await ctx.phase('human.type');
      await ctx.type('#eef');
      await ctx.press('End');
      await ctx.save();
      await ctx.open('web/Panel.tsx');
      await ctx.wait(3000);
      await ctx.find('<h2>Forecast</h2>');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.phase('human.type', 'auto-close-tag-jsx');
      await ctx.type('\n<p className="hint">');
      await ctx.wait(500);
      await ctx.type('Seven days');
      await ctx.press('End');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h8-suggest-snippets-autoimport',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.wait(5000);
      await ctx.endOfFile();
      await ctx.phase('human.type');
      await ctx.type('\n\nexport function toF(c: number) {');
      await ctx.press('Enter');
      await ctx.type('return toFahr');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'suggest-auto-import');
      await ctx.phase('human.type');
      await ctx.type('(c);');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.type('\n\nexport function logReport() {');
      await ctx.press('Enter');
      await ctx.type('log');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'snippet-tabstop');
      await ctx.phase('human.type');
      await ctx.type('report()');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('const parts = report().spl');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'suggest-method');
      await ctx.phase('human.type');
      await ctx.type("('\\n');");
      await ctx.press('Enter');
      await ctx.type('fore');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'snippet-placeholders');
      await ctx.phase('human.type');
      await ctx.press('Escape');
      await ctx.save();
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\ndef count(notes):\n');
      await ctx.type('return len(no');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'suggest-word');
      await ctx.phase('human.type');
      await ctx.press('End');
      await ctx.save();
    },
  },
  {
    name: 'h8-code-actions-several-places',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.wait(6000);
      await ctx.phase('human.type');
      await ctx.gotoLine(1);
      await ctx.type("import { kmhToMph } from './units';\n");
      await ctx.endOfFile();
      await ctx.type('\n\nexport const avg = averageOf([1, 2, 3]);');
      await ctx.wait(3000);
      await ctx.find('averageOf');
      await ctx.press('Escape');
      await ctx.phase('tool.refactor', 'code-action-add-function');
      await ctx.press('Control+.');
      await ctx.wait(1500);
      await ctx.press('Enter');
      await ctx.wait(2000);
      await ctx.phase('tool.refactor', 'organize-imports');
      await ctx.palette('Organize Imports');
      await ctx.wait(1500);
      await ctx.phase('tool.refactor', 'extract-refactor');
      await ctx.find('line(day)');
      await ctx.palette('Refactor...');
      await ctx.wait(1500);
      await ctx.press('Enter');
      await ctx.wait(2000);
      await ctx.press('Escape');
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.type('\n// refactored');
      await ctx.save();
    },
  },
  {
    name: 'h8-format-type-paste-save',
    split: 'tune',
    settings: {
      'editor.formatOnType': true,
      'editor.formatOnPaste': true,
      'editor.formatOnSave': true,
      'files.trimTrailingWhitespace': true,
      'files.insertFinalNewline': true,
      'files.autoSave': 'off',
      'editor.codeActionsOnSave': { 'source.organizeImports': 'explicit' },
    },
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.wait(5000);
      await ctx.endOfFile();
      await ctx.phase('human.type', 'format-on-type');
      await ctx.type('\nexport function  mild(days:Day[]){');
      await ctx.press('Enter');
      await ctx.type('return days.filter((d)=>d.highC>10);');
      await ctx.press('Enter');
      await ctx.type('}');
      await ctx.wait(800);
      await ctx.phase('human.type');
      await ctx.press('Enter');
      await ctx.setClipboard('export function   windy(days:Day[]){\nreturn days.filter((d)=>d.windKmh>25);\n}\n');
      await ctx.phase('human.paste', 'format-on-paste');
      await ctx.press('Control+v');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.type('// windy days   ');
      await ctx.phase('tool.format', 'format-on-save');
      await ctx.save();
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/report.ts');
      await ctx.gotoLine(1);
      await ctx.type("import { toCelsius } from './units';\n");
      await ctx.phase('tool.refactor', 'code-actions-on-save');
      await ctx.save();
      await ctx.wait(1500);
    },
  },
  {
    name: 'h8-rename-search-multi-file',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.wait(6000);
      await ctx.find('const sample');
      await ctx.press('Escape');
      await ctx.press('ArrowRight');
      await ctx.phase('tool.refactor', 'rename-multi-file');
      await ctx.press('F2');
      await ctx.wait(1500);
      await ctx.typeInWidget('sampleDays');
      await ctx.press('Enter');
      await ctx.wait(2500);
      await ctx.phase('human.type');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
      await ctx.phase('tool.refactor', 'search-replace-files');
      await ctx.press('Control+Shift+h');
      await ctx.wait(1000);
      await ctx.typeInWidget('precipitationMm');
      await ctx.wait(1500);
      const replace = ctx.page.locator('.search-view .replace-input textarea, .search-view .replace-container textarea').first();
      await replace.click();
      await ctx.typeInWidget('rainMm');
      await ctx.wait(1500);
      await ctx.press('Control+Alt+Enter');
      await ctx.wait(1000);
      const confirm = ctx.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Replace' }).first();
      if (await confirm.isVisible().catch(() => false)) await confirm.click();
      await ctx.wait(2500);
      await ctx.phase('human.type');
      await ctx.open('src/units.ts');
      await ctx.phase('tool.refactor', 'find-replace-one');
      await ctx.press('Control+h');
      await ctx.wait(400);
      await ctx.typeInWidget('celsius');
      await ctx.press('Tab');
      await ctx.typeInWidget('c');
      await ctx.press('Enter');
      await ctx.wait(600);
      await ctx.press('Escape');
      await ctx.phase('human.type');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h8-markdown-yaml-paste-drag',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.type('\n\n## Next\n\n- add a rain chart');
      await ctx.press('Enter');
      await ctx.type('check the units');
      await ctx.setClipboard('https://example.invalid/chart');
      await ctx.find('rain chart');
      await ctx.phase('human.paste', 'paste-markdown-link');
      await ctx.press('Control+v');
      await ctx.wait(1200);
      await ctx.phase('human.type');
      await ctx.find('check the units');
      await ctx.phase('human.paste', 'drag-drop-text');
      await ctx.dragSelectionTo('wind chill');
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.open('config/app.yaml');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-yaml');
      await ctx.type('\n- name: station-c');
      await ctx.press('Enter');
      await ctx.type('url: https://example.invalid/c');
      await ctx.phase('human.type');
      await ctx.selectLines(2, 4);
      await ctx.press('Control+c');
      await ctx.endOfFile();
      await ctx.press('Enter');
      await ctx.press('Shift+Tab', 2);
      await ctx.phase('human.paste', 'paste-yaml');
      await ctx.press('Control+v');
      await ctx.wait(800);
      await ctx.phase('human.type');
      await ctx.type('# copied service block');
      await ctx.save();
    },
  },
  {
    name: 'h8-go-rust-inline-lines',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'func Calm(', text: 'kmh float64) bool {\n\treturn Beaufort(kmh) <= 1\n}' },
        { trigger: 'return len(', text: 'gusts' },
        { trigger: 'pub fn heaviest(', text: 'days: &[Rain]) -> Option<Rain> {\n    days.iter().copied().fold(None, |best, d| match best {\n        Some(b) if b.mm >= d.mm => Some(b),\n        _ => Some(d),\n    })\n}' },
      ]);
      await ctx.open('src/wind.go');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n// Calm says whether the wind is calm.\nfunc Calm(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n\n// Count returns how many gusts there are.\nfunc Count(gusts []Gust) int {');
      await ctx.press('Enter');
      await ctx.type('return len(');
      await ctx.acceptInline('ai.inline', 'inline-accept-short');
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.open('src/rain.rs');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'onenter-doc-comment');
      await ctx.type('\n/// The day with the most rain.');
      await ctx.press('Enter');
      await ctx.type('Ties keep the earlier day.');
      await ctx.press('Enter');
      await ctx.phase('human.delete');
      await ctx.press('Backspace', 4);
      await ctx.phase('human.type', 'typing-rust');
      await ctx.type('pub fn heaviest(');
      await ctx.acceptInlineLines('ai.inline', 3, 'inline-accept-line');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h8-py-inline-prefix-words',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'def rainy_', text: 'def rainy_notes(notes):\n    return [n for n in notes if "rain" in n.text]', replacePrefix: 'def rainy_'.length },
        { trigger: 'total = ', text: 'sum(len(n.text) for n in notes)' },
      ]);
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\n\ndef rainy_');
      await ctx.acceptInline('ai.inline', 'inline-replace-prefix');
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\n\ndef summary(notes):\n');
      await ctx.type('total = ');
      await ctx.acceptInlineWords('ai.inline', 3, 'inline-accept-word');
      await ctx.phase('human.type', 'typing-python');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.type('\nreturn total');
      await ctx.save();
    },
  },
  {
    name: 'h8-agent-new-file-and-cursor',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('ai.agent', 'agent-new-file-shown');
      const body = ["import { report } from './report';\n", '\n', '/** The report as one line per day, numbered. */\n', 'export function numbered(): string {\n', "  return report()\n    .split('\\n')\n    .map((l, k) => `${k + 1}. ${l}`)\n    .join('\\n');\n", '}\n'];
      await ctx.agent({
        steps: [
          { edits: [{ path: 'src/summary.ts', createEmpty: true }], show: 'src/summary.ts', delayMs: 400 },
          ...body.map((text) => ({ edits: [{ path: 'src/summary.ts', text }], delayMs: 90 })),
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.open('src/summary.ts');
      await ctx.endOfFile();
      await ctx.type('// numbering checked');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.wait(2000);
      await ctx.phase('ai.agent', 'agent-edit-at-cursor');
      await ctx.agent({ steps: [{ edits: [{ path: 'src/report.ts', text: '\nexport const REPORT_DAYS = 7;\n' }] }] });
      await ctx.wait(1500);
      await ctx.phase('ai.agent', 'agent-small-edits-many-files');
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/units.ts', replace: 'kmh * 0.621371', text: 'kmh / 1.609344' },
              { path: 'src/forecast.ts', replace: 'windKmh: number;', text: 'windKmh: number; // sustained' },
            ],
          },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.type('// ok');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h8-claude-real-hooks',
    split: 'tune',
    claude: { hooks: true },
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.open('src/report.ts');
      await ctx.claudeScript([
        [{ tool: 'Read', input: { file_path: '$WS/src/units.ts' } }, { tool: 'Read', input: { file_path: '$WS/src/report.ts' } }],
        [{ tool: 'Edit', input: { file_path: '$WS/src/units.ts', old_string: '  return kmh * 0.621371;', new_string: '  return Math.round(kmh * 0.621371 * 10) / 10;' } }],
        [{ tool: 'Write', input: { file_path: '$WS/src/gusts.ts', content: "import { kmhToMph } from './units';\n\n/** Gust speeds in miles per hour, rounded. */\nexport function gustsMph(gustsKmh: number[]): number[] {\n  return gustsKmh.map(kmhToMph);\n}\n" } }],
        [{ tool: 'Edit', input: { file_path: '$WS/src/report.ts', old_string: "  return lines.join('\\n');", new_string: "  lines.push(`${days.length} days`);\n  return lines.join('\\n');" } }],
        'Rounded mph to one decimal, added gustsMph, and a day count to the report.',
      ]);
      await ctx.phase('ai.agent', 'cli-claude-hooks');
      await ctx.terminal('claude -p "round mph, add gust conversion, count the days in the report" --dangerously-skip-permissions', 20000);
      await ctx.phase('human.type', 'closed-file-opened-later');
      await ctx.open('src/gusts.ts');
      await ctx.endOfFile();
      await ctx.type('// gusts checked');
      await ctx.phase('human.type');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('\n// day count reviewed');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h8-claude-real-bash-no-hooks',
    split: 'tune',
    claude: { hooks: false },
    async run(ctx) {
      await ctx.open('src/notes.md');
      await ctx.open('src/forecast.ts');
      await ctx.claudeScript([
        [{ tool: 'Read', input: { file_path: '$WS/src/forecast.ts' } }],
        [{ tool: 'Edit', input: { file_path: '$WS/src/forecast.ts', old_string: '  windKmh: number;\n}', new_string: '  windKmh: number;\n  humidityPct?: number;\n}' } }],
        [{ tool: 'Bash', input: { command: "sed -i 's/- \\[ \\] weekly summary/- [x] weekly summary/' src/notes.md", description: 'Tick the weekly summary' } }],
        [{ tool: 'Bash', input: { command: 'node tools/codegen.js', description: 'Regenerate' } }],
        'Added humidity and ticked the weekly summary.',
      ]);
      await ctx.phase('ai.agent', 'cli-claude-no-hooks');
      await ctx.terminal('claude -p "add humidity and tick the summary" --dangerously-skip-permissions', 20000);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('// humidity is optional');
      await ctx.save();
    },
  },
  {
    name: 'h8-cli-atomic-vcs-undo-eol',
    split: 'holdout',
    settings: { 'files.autoSave': 'off' },
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.open('src/units.ts');
      await ctx.cliJob({
        atomic: true,
        files: [
          { path: 'src/units.ts', replace: '  return kmh * 0.621371;', with: '  return kmh * 0.62137;' },
          { path: 'src/forecast.ts', append: '\nexport const STATIONS = 2;\n' },
        ],
      });
      await ctx.phase('ai.agent', 'cli-atomic-write');
      await ctx.terminal('codex exec "tidy the units"', 6000);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('export const unit = "C";');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(300);
      await ctx.phase('redo');
      await ctx.press('Control+Shift+z');
      await ctx.wait(300);
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.phase('vcs', 'vcs-checkout-file');
      await ctx.terminal('git checkout -- src/units.ts', 2500);
      await ctx.phase('external', 'external-formatter');
      await ctx.terminal('node tools/fmt.js src/forecast.ts && printf "\\n// generated\\n" >> src/forecast.ts', 2500);
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.type('// after the tools');
      await ctx.save();
    },
  },
);

// Ninth batch: written from the same route enumeration after the eighth was scored, with
// other code, other orders and everyday work in each language, and one long session (over
// 15 minutes, so the 300, 600 and 900 s retention windows are measured). Held out, scored
// once before study (README, "Held-out history", batch 9; the long session could not be
// recorded in time for it and was held out for batch 10 with h8-cli-atomic-vcs-undo-eol),
// then studied: tuning data.
scenarios.push(
  {
    name: 'h9-long-session',
    split: 'holdout',
    async run(ctx) {
      // Minute 0-2: a feature with inline help and an agent's test file.
      await ctx.suggestions([
        { trigger: 'export function dewPoint(', text: 'tempC: number, humidityPct: number): number {\n  const a = 17.27;\n  const b = 237.7;\n  const g = (a * tempC) / (b + tempC) + Math.log(humidityPct / 100);\n  return (b * g) / (a - g);\n}' },
        { trigger: 'export function feelsLike(', text: 'tempC: number, windKmh: number): number {\n  return windKmh > 5 ? tempC - windKmh / 10 : tempC;\n}' },
      ]);
      await ctx.open('src/units.ts');
      await ctx.wait(3000);
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n/** Dew point by the Magnus formula. */\nexport function dewPoint(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.save();
      await ctx.phase('ai.agent', 'agent-new-file-background');
      await ctx.agent({
        steps: [
          { edits: [{ path: 'src/units.test.ts', create: true, text: '' }], delayMs: 300 },
          { edits: [{ path: 'src/units.test.ts', text: "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { dewPoint } from './units';\n\ntest('dew point of saturated air is the temperature', () => {\n  assert.ok(Math.abs(dewPoint(20, 100) - 20) < 0.01);\n});\n" }] },
        ],
        save: true,
      });
      await ctx.wait(2000);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.open('src/units.test.ts');
      await ctx.endOfFile();
      await ctx.type("\ntest('dew point is below the temperature in dry air', () => {");
      await ctx.press('Enter');
      await ctx.type('assert.ok(dewPoint(20, 40) < 20);');
      await ctx.save();
      await ctx.phase('external', 'run-tests');
      await ctx.terminal('node --test src/ 2>&1 | tail -3', 4000);
      // Minute 2-5: reading, then small revisions of the AI code.
      await ctx.phase('human.type');
      await ctx.wait(90_000);
      await ctx.open('src/units.ts');
      await ctx.find('const b = 237.7;');
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.type('const b = 243.04; // Alduchov and Eskridge');
      await ctx.save();
      await ctx.wait(60_000);
      // Minute 5-8: another inline function, word by word, and a comment toggle.
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n\nexport function feelsLike(');
      await ctx.acceptInlineWords('ai.inline', 5, 'inline-accept-word');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.type(' tempC;\n}');
      await ctx.phase('human.type', 'toggle-line-comment');
      await ctx.find('const a = 17.27;');
      await ctx.press('Control+/');
      await ctx.press('Control+/');
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.wait(120_000);
      // Minute 8-11: notes in Markdown, a commit.
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.type('\n- [x] dew point (Magnus formula, checked against a table)');
      await ctx.save();
      await ctx.phase('human.type');
      await ctx.terminal('git add -A && git commit -qm "dew point"', 2500);
      await ctx.wait(90_000);
      // Minute 11-16: the AI function revised again, part deleted; then idle reading.
      await ctx.open('src/units.ts');
      await ctx.find('Math.log(humidityPct / 100)');
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.type('Math.log(Math.max(humidityPct, 1) / 100)');
      await ctx.find('const a = 17.27;');
      await ctx.press('End');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type(' // Magnus coefficient');
      await ctx.save();
      await ctx.wait(150_000);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\n// reviewed after a quarter of an hour');
      await ctx.save();
      await ctx.wait(120_000);
      await ctx.endOfFile();
      await ctx.type('\n');
      await ctx.save();
    },
  },
  {
    name: 'h9-go-everyday',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([{ trigger: 'func Average(', text: 'gusts []Gust) float64 {\n\tif len(gusts) == 0 {\n\t\treturn 0\n\t}\n\tsum := 0.0\n\tfor _, g := range gusts {\n\t\tsum += g.Kmh\n\t}\n\treturn sum / float64(len(gusts))\n}' }]);
      await ctx.open('src/wind.go');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n// Gusty reports whether any gust passes the limit.\nfunc Gusty(gusts []Gust, limit float64) bool {');
      await ctx.press('Enter');
      await ctx.type('for _, g := range gusts {');
      await ctx.press('Enter');
      await ctx.type('if g.Kmh > limit {');
      await ctx.press('Enter');
      await ctx.type('return true');
      await ctx.press('ArrowDown', 2);
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('return false');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.phase('human.type', 'onenter-line-comment');
      await ctx.type('\n\n// Average is the mean gust speed');
      await ctx.press('Home');
      await ctx.press('Control+ArrowRight', 3);
      await ctx.press('Enter');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('func Average(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'toggle-line-comment');
      await ctx.selectLines(3, 3);
      await ctx.press('Control+/');
      await ctx.press('Control+/');
      await ctx.phase('human.type', 'move-line');
      await ctx.gotoLine(7);
      await ctx.press('Alt+ArrowUp');
      await ctx.press('Alt+ArrowDown');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h9-rust-words-multicursor',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([{ trigger: 'pub fn driest(', text: 'days: &[Rain]) -> Option<Rain> {\n    days.iter().copied().min_by(|a, b| a.mm.total_cmp(&b.mm))\n}' }]);
      await ctx.open('src/rain.rs');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'onenter-doc-comment');
      await ctx.type('\n/// The driest day');
      await ctx.press('Enter');
      await ctx.type('(none when there are no days).');
      await ctx.press('Enter');
      await ctx.press('Backspace', 4);
      await ctx.phase('human.type', 'typing-rust');
      await ctx.type('pub fn driest(');
      await ctx.acceptInlineWords('ai.inline', 4, 'inline-accept-word');
      await ctx.phase('human.type');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'multi-cursor');
      await ctx.find('days: &[Rain]');
      await ctx.press('Escape');
      await ctx.press('Control+d', 2);
      await ctx.type('list: &[Rain]');
      await ctx.press('Escape');
      await ctx.phase('human.type', 'column-select');
      await ctx.gotoLine(1);
      await ctx.press('Home');
      await ctx.press('Shift+Alt+ArrowDown', 2);
      await ctx.type('// ');
      await ctx.press('Escape');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h9-tsx-css-everyday',
    split: 'tune',
    settings: { 'editor.linkedEditing': true },
    async run(ctx) {
      await ctx.open('web/Panel.tsx');
      await ctx.wait(5000);
      await ctx.find('<li key={d.date}>{d.date}</li>');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.press('Enter');
      await ctx.type('<li className="high');
      await ctx.press('End');
      await ctx.phase('human.type', 'auto-close-tag-jsx');
      await ctx.type('>');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.type('{d.highC}');
      await ctx.phase('human.type', 'linked-editing');
      await ctx.find('<section className');
      await ctx.press('Escape');
      await ctx.press('ArrowLeft');
      await ctx.press('ArrowRight', 8);
      await ctx.press('Backspace', 7);
      await ctx.type('article');
      await ctx.phase('tool.refactor', 'rename-symbol');
      await ctx.find('function Panel');
      await ctx.press('Escape');
      await ctx.press('ArrowRight');
      await ctx.press('F2');
      await ctx.wait(1500);
      await ctx.typeInWidget('ForecastPanel');
      await ctx.press('Enter');
      await ctx.wait(2000);
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.open('web/panel.css');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-css');
      await ctx.type('\n.high {');
      await ctx.press('Enter');
      await ctx.type('p4');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'emmet-css');
      await ctx.phase('human.type', 'typing-css');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('font-weight: bold;');
      await ctx.phase('human.type', 'toggle-block-comment');
      await ctx.find('font-size: 1.2em;');
      await ctx.press('Control+/');
      await ctx.press('Control+/');
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.open('web/index.html');
      await ctx.find('<div id="root"></div>');
      await ctx.press('End');
      await ctx.phase('human.type');
      await ctx.type('\nfooter>p.small');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'emmet-html');
      await ctx.phase('human.type');
      await ctx.type('Data from two stations');
      await ctx.press('Escape');
      await ctx.save();
    },
  },
  {
    name: 'h9-python-yaml-lines',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'def longest(', text: 'notes):\n    """The longest note, or None."""\n    if not notes:\n        return None\n    return max(notes, key=lambda n: len(n.text))' },
      ]);
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\n\ndef longest(');
      await ctx.acceptInlineLines('ai.inline', 2, 'inline-accept-line');
      await ctx.phase('human.type');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\n\ndef shout(note):');
      await ctx.press('Enter');
      await ctx.type('return Note(day=note.day, text=note.text.upper())');
      await ctx.phase('human.type', 'copy-line');
      await ctx.press('Shift+Alt+ArrowDown');
      await ctx.phase('human.delete', 'delete-line');
      await ctx.press('Control+Shift+k');
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.open('config/app.yaml');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-yaml');
      await ctx.type('\nretries: 3\ntimeouts:');
      await ctx.press('Enter');
      await ctx.type('  connect: 5\nread: 30');
      await ctx.phase('human.type', 'toggle-line-comment');
      await ctx.gotoLine(3);
      await ctx.press('Control+/');
      await ctx.phase('human.type', 'indent-outdent');
      await ctx.selectLines(5, 8);
      await ctx.press('Tab');
      await ctx.press('Shift+Tab');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h9-markdown-writing',
    split: 'tune',
    async run(ctx) {
      await ctx.suggestions([{ trigger: 'The dew point ', text: 'is the temperature at which air becomes saturated and water vapour condenses into dew.' }]);
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.type('\n\n## Dew point\n\nThe dew point ');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.type(' See the ');
      await ctx.type('Magnus formula');
      await ctx.setClipboard('https://example.invalid/magnus');
      await ctx.press('Shift+Control+ArrowLeft', 2);
      await ctx.phase('human.paste', 'paste-markdown-link');
      await ctx.press('Control+v');
      await ctx.wait(1200);
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.press('End');
      await ctx.type('.');
      await ctx.phase('human.type', 'sort-lines');
      await ctx.selectLines(3, 5);
      await ctx.palette('Sort Lines Descending');
      await ctx.phase('human.type', 'transform-case');
      await ctx.find('Dew point');
      await ctx.palette('Transform to Title Case');
      await ctx.phase('human.type', 'ime-insert-text');
      await ctx.endOfFile();
      await ctx.type('\n\nSee also: ');
      await ctx.insertText('point de rosée');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
  {
    name: 'h9-agent-while-typing-undo',
    split: 'tune',
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport const days = sample.length;');
      await ctx.phase('ai.agent', 'agent-multi-file');
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/report.ts', replace: "  return lines.join('\\n');", text: "  return lines.join('\\n').trimEnd();" },
              { path: 'src/units.ts', text: '\nexport function toKelvin(celsius: number): number {\n  return celsius + 273.15;\n}\n' },
            ],
          },
        ],
      });
      await ctx.wait(1200);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n// days counted');
      await ctx.phase('ai.agent', 'agent-edit-at-cursor');
      await ctx.agent({ steps: [{ edits: [{ path: 'src/forecast.ts', text: '\nexport const firstDay = sample[0]?.date;\n' }] }] });
      await ctx.wait(1200);
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(400);
      await ctx.phase('ai.agent', 'agent-new-file-shown');
      await ctx.agent({
        steps: [
          { edits: [{ path: 'src/stations.ts', createEmpty: true }], show: 'src/stations.ts', delayMs: 400 },
          { edits: [{ path: 'src/stations.ts', text: "export const STATIONS = ['station-a', 'station-b'] as const;\n" }], delayMs: 120 },
          { edits: [{ path: 'src/stations.ts', text: 'export type Station = (typeof STATIONS)[number];\n' }] },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.open('src/stations.ts');
      await ctx.endOfFile();
      await ctx.type('// two for now');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h9-claude-real-format-closed',
    split: 'tune',
    claude: { hooks: true },
    async run(ctx) {
      await ctx.open('src/forecast.ts');
      await ctx.claudeScript([
        [{ tool: 'Read', input: { file_path: '$WS/src/forecast.ts' } }],
        [{ tool: 'Edit', input: { file_path: '$WS/src/forecast.ts', old_string: 'export function wettest(', new_string: '/** The day with the most rain, if any. */\nexport function wettest(' } }],
        [{ tool: 'Write', input: { file_path: '$WS/src/calm.ts', content: "import type { Day } from './forecast';\n\nexport function calmDays(days: Day[]): Day[] {\n\treturn days.filter((d) => d.windKmh < 10);\n}\n" } }],
        [{ tool: 'Bash', input: { command: 'node tools/fmt.js src/calm.ts src/forecast.ts', description: 'Format the changed files' } }],
        'Documented wettest and added calmDays.',
      ]);
      await ctx.phase('ai.agent', 'cli-claude-hooks');
      await ctx.terminal('claude -p "document wettest and add calmDays" --dangerously-skip-permissions', 20000);
      await ctx.phase('human.type', 'closed-file-opened-later');
      await ctx.open('src/calm.ts');
      await ctx.endOfFile();
      await ctx.type('// calm: under 10 km/h');
      await ctx.phase('human.type');
      await ctx.open('src/forecast.ts');
      await ctx.find('The day with the most rain, if any.');
      await ctx.press('End');
      await ctx.type(' Ties keep the first.');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h9-refactor-snippets-paste',
    split: 'tune',
    settings: { 'editor.acceptSuggestionOnEnter': 'on', 'editor.formatOnPaste': true },
    async run(ctx) {
      await ctx.open('src/report.ts');
      await ctx.wait(6000);
      await ctx.endOfFile();
      await ctx.phase('human.type', 'onenter-doc-comment');
      await ctx.type('\n/**');
      await ctx.wait(800);
      await ctx.press('Enter');
      await ctx.type('The hottest day.');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport function hottest(days: Day[]) {');
      await ctx.press('Enter');
      await ctx.type('return days.reduce((a, d) => (d.highC > a.highC ? d : a));');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.type('\n\nexport const c = toCelsi');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'suggest-auto-import');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('(50);');
      await ctx.press('Enter');
      await ctx.type('export const k = kelvinOf(c);');
      await ctx.wait(3000);
      await ctx.find('kelvinOf');
      await ctx.press('Escape');
      await ctx.phase('tool.refactor', 'code-action-add-function');
      await ctx.press('Control+.');
      await ctx.wait(1500);
      await ctx.press('Enter');
      await ctx.wait(2000);
      await ctx.phase('human.type');
      await ctx.endOfFile();
      await ctx.press('Enter');
      await ctx.setClipboard('export  function coldest(days:Day[]){\n  return days.reduce((a,d)=>(d.lowC<a.lowC?d:a));\n}\n');
      await ctx.phase('human.paste', 'format-on-paste');
      await ctx.press('Control+v');
      await ctx.wait(1500);
      await ctx.phase('human.type', 'surround-pair');
      await ctx.find('d.lowC < a.lowC');
      await ctx.type('(');
      await ctx.phase('human.type');
      await ctx.save();
    },
  },
);

// Twelfth batch: VS Code's chat editing sessions (issue 11, item 3), the first recorded,
// mixed with everyday typing. The stand-in chat participant (test/corpus/chat-participant,
// `@standin`) answers each request with scripted edits that VS Code's chat editing session
// applies (`Chat.applyEdits`, one change per push); the person keeps them (Ctrl+Enter in the
// chat input, Ctrl+Shift+Y in the editor: no document change, a save), undoes them (Ctrl+
// Backspace in the chat input, Ctrl+Shift+N in the editor: the whole document back to its
// text before the request, `Chat.undoEdits`, a created file deleted), undoes or keeps one
// change (the toolbar by the change in the editor: generic source) or presses Ctrl+Z; and
// inline chat (Ctrl+I; `inlineChat.applyEdits`; Ctrl+Enter keeps, Escape undoes). Held out,
// recorded and committed before it was scored once (README, "Held-out history", batch 12).
scenarios.push(
  {
    name: 'h12-chat-ts-keep-multi-file',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n\nexport function toKnots(kmh: number): number {');
      await ctx.press('Enter');
      await ctx.type('return kmh / 1.852;');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a Kelvin conversion', {
        text: 'Added toKelvin above kmhToMph.',
        files: [{ path: 'src/units.ts', edits: [{ range: [10, 0, 10, 0], text: 'export function toKelvin(celsius: number): number {\n  return celsius + 273.15;\n}\n\n' }] }],
      });
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.chatKeepAll();
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.open('src/units.ts');
      await ctx.find('celsius + 273.15');
      await ctx.press('End');
      await ctx.type(' // absolute zero is 0 K');
      await ctx.save();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('\n\nexport const title = ');
      await ctx.type("'Forecast");
      await ctx.press('End');
      await ctx.type(';');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a summary to the report, in a module of its own', {
        text: 'Added summary() in a new module and used it in the report.',
        files: [
          { path: 'src/summary.ts', create: "import type { Day } from './forecast';\n\nexport function summary(days: Day[]): string {\n  const wettest = Math.max(...days.map((d) => d.precipitationMm));\n  return `${days.length} days, at most ${wettest} mm of rain`;\n}\n" },
          { path: 'src/report.ts', edits: [{ range: [0, 0, 0, 0], text: "import { summary } from './summary';\n" }, { range: [11, 0, 11, 0], text: '  lines.push(summary(days));\n' }] },
        ],
      });
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.open('src/report.ts');
      await ctx.chatFile(true);
      await ctx.open('src/summary.ts');
      await ctx.chatFile(true);
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.find('at most');
      await ctx.press('End');
      await ctx.press('ArrowLeft', 2);
      await ctx.type(' in a day');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\nexport const none = summary([]);');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h12-chat-undo-after-typing-python',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\ndef words(note: Note) -> int:\n');
      await ctx.type('return len(note.text.split())');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a formatter and a test for it', {
        text: 'Added format_note and a test.',
        files: [
          { path: 'src/notes.py', edits: [{ range: [11, 0, 11, 0], text: 'def format_note(note: Note) -> str:\n    return f"{note.day}: {note.text}"\n\n\n' }] },
          { path: 'src/test_notes.py', create: 'from notes import Note, format_note, parse\n\n\ndef test_round_trip():\n    note = parse("Monday: rain")\n    assert format_note(note) == "Monday: rain"\n' },
        ],
      });
      // The person goes on working before deciding: a note in Markdown, a line in the file.
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.type('\n\n- Check the formatter before keeping it.');
      await ctx.save();
      await ctx.phase('human.type', 'typing-python');
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.press('Enter');
      await ctx.press('Shift+Tab');
      await ctx.type('# words counted by spaces');
      await ctx.phase('undo', 'chat-undo');
      await ctx.chatUndoAll();
      await ctx.phase('human.type', 'typing-python');
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.type('\n\ndef lines(notes: list[Note]) -> list[str]:\n');
      await ctx.type('return [f"{n.day}: {n.text}" for n in notes]');
      await ctx.save();
    },
  },
  {
    name: 'h12-chat-hunks-go-rust',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('src/wind.go');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n// Count returns how many gusts there are.\nfunc Count(gusts []Gust) int {');
      await ctx.press('Enter');
      await ctx.type('return len(gusts)');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('name the Beaufort divisor and document the package', {
        text: 'Named the divisor and documented the package.',
        files: [
          {
            path: 'src/wind.go',
            edits: [
              { range: [0, 0, 0, 0], text: '// Package weather measures wind and rain.\n' },
              { range: [3, 0, 3, 0], text: '// beaufortDivisor scales km/h to the Beaufort scale.\nconst beaufortDivisor = 3.01\n\n' },
              { range: [23, 36, 23, 40], text: 'beaufortDivisor' },
            ],
          },
        ],
      });
      // In the editor: the package comment undone from its toolbar, the rest kept.
      await ctx.focusEditor();
      await ctx.phase('undo', 'chat-hunk-undo');
      await ctx.chatHunk(false, 'Package weather measures');
      // The rest kept with the file (a second change's toolbar, drawn out of the editor's
      // view after the first was undone, could not be clicked in the recording).
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.focusEditor();
      await ctx.chatFile(true);
      await ctx.phase('human.type', 'typing-go');
      await ctx.endOfFile();
      await ctx.type('\n// Gentle says whether a gust is under 20 km/h.\nfunc Gentle(g Gust) bool {');
      await ctx.press('Enter');
      await ctx.type('return g.Kmh < 20');
      await ctx.save();
      await ctx.open('src/rain.rs');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-rust');
      await ctx.type('\n/// Whether any day had rain.\npub fn any_rain(days: &[Rain]) -> bool {');
      await ctx.press('Enter');
      await ctx.type('wet_days(days) > 0');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a dry_days function', {
        text: 'Added dry_days.',
        files: [{ path: 'src/rain.rs', edits: [{ range: [10, 0, 10, 0], text: '/// Days with no rain.\npub fn dry_days(days: &[Rain]) -> usize {\n    days.len() - wet_days(days)\n}\n\n' }] }],
      });
      await ctx.open('src/rain.rs');
      await ctx.phase('undo', 'chat-undo');
      await ctx.chatFile(false);
      await ctx.phase('human.type', 'typing-rust');
      await ctx.endOfFile();
      await ctx.type('\n// dry days: total minus wet ones');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h12-inline-chat-css-ts',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('web/panel.css');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-css');
      await ctx.type('\n\n.panel .warm {');
      await ctx.press('Enter');
      await ctx.type('color: #b34700;');
      await ctx.save();
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('ai.chat', 'inline-chat');
      await ctx.inlineChat('add a driest function', {
        text: 'Added driest.',
        files: [{ path: 'src/forecast.ts', edits: [{ range: [21, 0, 21, 0], text: '\nexport function driest(days: Day[]): Day | undefined {\n  return days.reduce<Day | undefined>((a, d) => (a === undefined || d.precipitationMm < a.precipitationMm ? d : a), undefined);\n}\n' }] }],
      });
      await ctx.phase('ai.chat', 'inline-chat-keep');
      await ctx.press('Control+Enter');
      await ctx.wait(1200);
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.find('export function driest');
      await ctx.press('Home');
      await ctx.type('/** The day with the least rain. */');
      await ctx.press('Enter');
      await ctx.save();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.gotoLine(18);
      await ctx.press('End');
      await ctx.phase('ai.chat', 'inline-chat');
      await ctx.inlineChat('skip days without a reading', {
        text: 'Skipped days without a reading.',
        files: [{ path: 'src/forecast.ts', edits: [{ range: [16, 27, 16, 27], text: '\n    if (Number.isNaN(day.precipitationMm)) continue;' }] }],
      });
      await ctx.phase('undo', 'inline-chat-discard');
      await ctx.press('Escape');
      await ctx.wait(1500);
      await ctx.phase('human.type', 'typing-css');
      await ctx.open('web/panel.css');
      await ctx.endOfFile();
      await ctx.type('\n\n.panel .cold {');
      await ctx.press('Enter');
      await ctx.type('color: #1f5fa8;');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h12-chat-keep-undo-ctrl-z',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('src/units.ts');
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a Kelvin conversion', {
        text: 'Added toKelvin.',
        files: [{ path: 'src/units.ts', edits: [{ range: [13, 0, 13, 0], text: '\nexport function toKelvin(celsius: number): number {\n  return celsius + 273.15;\n}\n' }] }],
      });
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.chatKeepAll();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.type('// kelvin kept');
      await ctx.save();
      await ctx.open('src/report.ts');
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('count the days in the report', {
        text: 'Counted the days.',
        files: [{ path: 'src/report.ts', edits: [{ range: [11, 0, 11, 0], text: '  lines.push(`${days.length} days`);\n' }] }],
      });
      await ctx.phase('undo', 'chat-undo');
      await ctx.chatUndoAll();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a header line', {
        text: 'Added a header.',
        files: [{ path: 'src/report.ts', edits: [{ range: [8, 0, 8, 0], text: "  lines.push('Weather');\n" }] }],
      });
      await ctx.open('src/report.ts');
      await ctx.phase('undo', 'chat-ctrl-z');
      await ctx.press('Control+z');
      await ctx.wait(800);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\n// header left out');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
);

// h9-long-session lasted 12 minutes, too short for the 900 s retention window. The same
// session with its reading pauses 1.6 times as long lasts about 18. Held out (batch 11).
scenarios.push({
  name: 'h10-long-session',
  split: 'holdout',
  async run(ctx) {
    const slower = Object.create(ctx);
    slower.wait = (ms) => ctx.wait(ms >= 60_000 ? Math.round(ms * 1.6) : ms);
    await scenarios.find((s) => s.name === 'h9-long-session').run(slower);
  },
});

// Thirteenth batch: the two stable-API signals no recorded trace had yet. Recorded with the
// adapter that turns VS Code's `chat-editing-text-model` documents into `agent.checkpoint`
// (agent `vscode.chat`), and with Deliberate's accept keys (Tab, Ctrl+Right: an
// `editor.command` observation before each acceptance). Chat editing sessions (edits to an
// open file, a closed file and a new file; Keep and Undo of everything and of a file after
// typing elsewhere; one change undone from its toolbar; Ctrl+Z; inline chat kept and
// discarded), inline suggestions accepted with the real keys (whole, word by word, partly,
// by line with a key the person bound to VS Code's own command, which Deliberate's keys do
// not see) and turned down (Escape, typing on), next-edit suggestions (an inline edit away
// from the cursor from the helper's provider: Tab jumps, Tab accepts), and an editor agent
// with chat and inline in one session, mixed with everyday typing in TS/TSX, Python, Go,
// Rust, CSS, Markdown and YAML. Held out, recorded and committed before it was scored once.
scenarios.push(
  {
    name: 'h13-chat-tsx-css-new-file-keep',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('web/Panel.tsx');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.type("\nexport const EMPTY_TEXT = 'No days yet';");
      await ctx.save();
      // Panel.tsx open, panel.css never opened, Legend.tsx new.
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a legend under the list, with its styles', {
        text: 'Added a Legend component under the list and its styles.',
        files: [
          { path: 'web/Legend.tsx', create: 'export function Legend() {\n  return <p className="legend">Highs and lows in C, rain in mm</p>;\n}\n' },
          { path: 'web/Panel.tsx', edits: [{ range: [1, 0, 1, 0], text: "import { Legend } from './Legend';\n" }, { range: [11, 0, 11, 0], text: '      <Legend />\n' }] },
          { path: 'web/panel.css', edits: [{ range: [8, 0, 8, 0], text: '\n.panel .legend {\n  font-size: 0.8em;\n  color: #555;\n}\n' }] },
        ],
      });
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.chatKeepAll();
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.open('web/panel.css');
      await ctx.find('color: #555;');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('line-height: 1.4;');
      await ctx.phase('human.type', 'typing-css');
      await ctx.endOfFile();
      await ctx.type('\n.panel .legend strong {');
      await ctx.press('Enter');
      await ctx.type('font-weight: 600;');
      await ctx.save();
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.open('web/Legend.tsx');
      await ctx.endOfFile();
      await ctx.type("\nexport const LEGEND_TITLE = 'Legend';");
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h13-chat-undo-file-python-yaml',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\ndef is_rainy(note: Note) -> bool:\n');
      await ctx.type('return "rain" in note.text.lower()');
      await ctx.save();
      // notes.py open, app.yaml closed.
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('parse note days as dates and add a third station', {
        text: 'Added day_of and station-c.',
        files: [
          { path: 'src/notes.py', edits: [{ range: [3, 0, 3, 0], text: 'from datetime import date\n' }, { range: [14, 0, 14, 0], text: '\n\ndef day_of(note: Note) -> date:\n    return date.fromisoformat(note.day)\n' }] },
          { path: 'config/app.yaml', edits: [{ range: [9, 0, 9, 0], text: '  - name: station-c\n    url: https://example.invalid/c\n' }] },
        ],
      });
      // Typing elsewhere before deciding.
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.type('- [ ] check station c');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.open('config/app.yaml');
      await ctx.chatFile(true);
      await ctx.phase('human.type', 'typing-yaml');
      await ctx.endOfFile();
      await ctx.type('logging:');
      await ctx.press('Enter');
      await ctx.type('  level: info');
      await ctx.save();
      await ctx.phase('undo', 'chat-undo');
      await ctx.open('src/notes.py');
      await ctx.chatFile(false);
      await ctx.phase('human.type', 'typing-python');
      await ctx.endOfFile();
      await ctx.type('\n# days stay strings for now');
      await ctx.save();
      // A second request that creates a test file, undone as a whole after typing elsewhere.
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a test for is_rainy', {
        text: 'Added a test for is_rainy.',
        files: [{ path: 'src/test_rainy.py', create: 'from notes import Note, is_rainy\n\n\ndef test_rain_word():\n    assert is_rainy(Note(day="Mon", text="Light Rain"))\n' }],
      });
      await ctx.phase('human.type', 'typing-yaml');
      await ctx.open('config/app.yaml');
      await ctx.endOfFile();
      await ctx.type('\nformat: text');
      await ctx.save();
      await ctx.phase('undo', 'chat-undo');
      await ctx.chatUndoAll();
      await ctx.phase('human.type', 'typing-python');
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.type('\n\ndef is_dry(note: Note) -> bool:\n');
      await ctx.type('return not is_rainy(note)');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h13-chat-hunk-ctrl-z-inline-chat-go-rust',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      // Inline chat first: with the chat view open and a chat editing session pending in the
      // file, Ctrl+I showed no inline chat in a recording.
      await ctx.open('src/rain.rs');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-rust');
      await ctx.type('\n/// The wettest day, in millimetres.\npub fn most(days: &[Rain]) -> f64 {');
      await ctx.press('Enter');
      await ctx.type('days.iter().map(|d| d.mm).fold(0.0, f64::max)');
      await ctx.save();
      await ctx.gotoLine(7);
      await ctx.press('End');
      await ctx.phase('ai.chat', 'inline-chat');
      await ctx.inlineChat('document that the sum may be zero', {
        text: 'Documented the zero case.',
        files: [{ path: 'src/rain.rs', edits: [{ range: [6, 29, 6, 29], text: ' Zero when there are no days.' }] }],
      });
      await ctx.phase('ai.chat', 'inline-chat-keep');
      await ctx.press('Control+Enter');
      await ctx.wait(1200);
      await ctx.phase('human.type', 'typing-rust');
      await ctx.endOfFile();
      await ctx.type('\n// zero case documented');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a mean function', {
        text: 'Added mean.',
        files: [{ path: 'src/rain.rs', edits: [{ range: [10, 0, 10, 0], text: '\n/// Mean rain per day.\npub fn mean(days: &[Rain]) -> f64 {\n    if days.is_empty() { 0.0 } else { total(days) / days.len() as f64 }\n}\n' }] }],
      });
      await ctx.open('src/rain.rs');
      await ctx.phase('undo', 'chat-ctrl-z');
      await ctx.press('Control+z');
      await ctx.wait(800);
      await ctx.phase('human.type', 'typing-rust');
      await ctx.endOfFile();
      await ctx.type('\n// mean left for later');
      await ctx.save();
      await ctx.open('src/wind.go');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n// Mean returns the mean gust speed.\nfunc Mean(gusts []Gust) float64 {');
      await ctx.press('Enter');
      await ctx.type('if len(gusts) == 0 {');
      await ctx.press('Enter');
      await ctx.type('return 0');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('finish Mean and name the bearing unit', {
        text: 'Finished Mean and documented the bearing.',
        files: [
          {
            path: 'src/wind.go',
            edits: [
              { range: [7, 0, 7, 0], text: '\t// Bearing is in degrees from north.\n' },
              { range: [31, 0, 31, 0], text: '\tsum := 0.0\n\tfor _, g := range gusts {\n\t\tsum += g.Kmh\n\t}\n\treturn sum / float64(len(gusts))\n' },
            ],
          },
        ],
      });
      await ctx.focusEditor();
      await ctx.phase('undo', 'chat-hunk-undo');
      await ctx.chatHunk(false, 'Bearing is in degrees');
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.chatKeepAll();
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.open('src/wind.go');
      await ctx.find('sum := 0.0');
      await ctx.press('End');
      await ctx.type(' // km/h');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h13-inline-keys-ts-python-yaml',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function coolest(', text: 'days: Day[]): Day | undefined {\n  return days.reduce<Day | undefined>((a, d) => (a === undefined || d.highC < a.highC ? d : a), undefined);\n}' },
        { trigger: 'export const totalRain = ', text: 'sample.reduce((sum, d) => sum + d.precipitationMm, 0);' },
        { trigger: 'export const windy = ', text: 'sample.filter((d) => d.windKmh > 20);' },
        { trigger: 'export const firstDate = ', text: "sample[0]?.date ?? '';" },
        { trigger: '// rain in ', text: 'millimetres per day' },
        { trigger: 'def shout(', text: 'note: Note) -> Note:\n    return Note(day=note.day, text=note.text.upper())' },
        { trigger: 'words = ', text: 'note.text.split()' },
        { trigger: 'timeout_s: ', text: '30' },
      ]);
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n// The day with the lowest high.\nexport function coolest(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n\nexport const totalRain = ');
      await ctx.acceptInlineWords('ai.inline', 3, 'inline-accept-word');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.type('\nexport const windy = ');
      await ctx.acceptInlineWords('ai.inline', 2, 'inline-accept-word');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport const firstDate = ');
      await ctx.rejectInline('typing-ts');
      await ctx.type("sample.length > 0 ? sample[0].date : '';");
      await ctx.type('\n// rain in ');
      await ctx.rejectInline('typing-ts', 'mm');
      await ctx.save();
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\ndef shout(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\n\ndef word_count(note: Note) -> int:\n');
      await ctx.type('words = ');
      await ctx.acceptInlineWords('ai.inline', 2, 'inline-accept-word');
      await ctx.phase('human.type', 'typing-python');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.type('return len(words)');
      await ctx.save();
      await ctx.open('config/app.yaml');
      await ctx.gotoLine(4);
      await ctx.press('End');
      await ctx.phase('human.type', 'typing-yaml');
      await ctx.type('\ntimeout_s: ');
      await ctx.rejectInline('typing-yaml', '45');
      await ctx.save();
    },
  },
  {
    name: 'h13-inline-keys-go-rust-css-markdown',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'func Calm(', text: 'kmh float64) bool {\n\treturn Beaufort(kmh) <= 1\n}' },
        { trigger: 'return len(', text: 'gusts) == 0' },
        { trigger: 'pub fn driest(', text: 'days: &[Rain]) -> Option<Rain> {\n    days.iter().copied().fold(None, |best, d| match best {\n        Some(b) if b.mm <= d.mm => Some(b),\n        _ => Some(d),\n    })\n}' },
        { trigger: '.panel .cold', text: ' {\n  color: #1f5fa8;\n}' },
        { trigger: '.panel .hot', text: ' {\n  color: #b34700;\n}' },
        { trigger: '- [ ] ', text: 'weekly wind report with gusts' },
      ]);
      await ctx.open('src/wind.go');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n// Calm says whether the wind is calm.\nfunc Calm(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n\n// None says whether there are no gusts.\nfunc None(gusts []Gust) bool {');
      await ctx.press('Enter');
      await ctx.type('return len(');
      await ctx.acceptInline('ai.inline', 'inline-accept-short');
      await ctx.phase('human.type', 'typing-go');
      await ctx.save();
      await ctx.open('src/rain.rs');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-rust');
      await ctx.type('\n/// The driest day.\npub fn driest(');
      // Ctrl+Alt+Down: a key the person bound to VS Code's own acceptNextLine (record.mjs),
      // not through Deliberate: no `editor.command` is expected before these.
      // Line by line up to the last, `}`, taken with Tab. (After two lines, in a recording, the
      // rest began with 8 spaces, more than a tab: Tab indented instead of accepting.)
      await ctx.acceptInlineLines('ai.inline', 5, 'inline-accept-line');
      await ctx.phase('human.type');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-rust');
      await ctx.save();
      await ctx.open('web/panel.css');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-css');
      await ctx.type('\n.panel .cold');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-css');
      await ctx.type('\n\n.panel .hot');
      await ctx.rejectInline('typing-css');
      await ctx.type(' {');
      await ctx.press('Enter');
      await ctx.type('color: #c0392b;');
      await ctx.save();
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.type('- [ ] ');
      await ctx.acceptInlineWords('ai.inline', 3, 'inline-accept-word');
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.type(' by station');
      await ctx.press('Enter');
      await ctx.type('rain totals per week');
      await ctx.save();
    },
  },
  {
    name: 'h13-next-edit-ts',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'return celsius + 273.15', nextEdit: { find: "'celsius' | 'fahrenheit'", text: "'celsius' | 'fahrenheit' | 'kelvin'" } },
        // Its range starts inside a line: at a line's start (its indentation) Tab indents instead.
        { trigger: 'lines.push(`${days.length} days`)', nextEdit: { find: '${day.precipitationMm} mm`', text: '${day.precipitationMm} mm, wind ${day.windKmh} km/h`' } },
      ]);
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport function toKelvin(celsius: number): number {');
      await ctx.press('Enter');
      await ctx.type('return celsius + 273.15');
      await ctx.acceptNextEdit('ai.inline', 'next-edit');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\n// kelvin added');
      await ctx.save();
      await ctx.open('src/report.ts');
      await ctx.gotoLine(11);
      await ctx.press('End');
      await ctx.type('\nlines.push(`${days.length} days`);');
      await ctx.acceptNextEdit('ai.inline', 'next-edit');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\nexport const empty = report([]);');
      await ctx.save();
    },
  },
  {
    name: 'h13-agent-chat-inline-session',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function header(', text: "days: Day[]): string {\n  return `Forecast for ${days.length} days`;\n}" },
        { trigger: 'const unit = ', text: "'celsius' as TemperatureUnit;" },
        { trigger: '<li key={d.date}>', text: '{d.date}: {d.highC} C' },
      ]);
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport function header(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.save();
      await ctx.phase('ai.agent', 'agent-multi-file');
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/report.ts', replace: "  return lines.join('\\n');", text: "  return [header(days), ...lines].join('\\n');" },
              { path: 'src/units.ts', text: '\nexport function toKelvin(celsius: number): number {\n  return celsius + 273.15;\n}\n' },
            ],
          },
        ],
      });
      await ctx.wait(1200);
      await ctx.phase('ai.agent', 'agent-new-file-shown');
      await ctx.agent({
        steps: [
          { edits: [{ path: 'src/format.ts', createEmpty: true }], show: 'src/format.ts', delayMs: 400 },
          { edits: [{ path: 'src/format.ts', text: "import type { TemperatureUnit } from './units';\n\nexport function degrees(value: number, unit: TemperatureUnit): string {\n  return `${value} ${unit === 'celsius' ? 'C' : 'F'}`;\n}\n" }] },
        ],
      });
      await ctx.wait(1500);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.open('src/format.ts');
      await ctx.endOfFile();
      await ctx.type('const unit = ');
      await ctx.acceptInlineWords('ai.inline', 2, 'inline-accept-word');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport { unit };');
      await ctx.palette('File: Save All');
      await ctx.wait(600);
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('show the high temperature in the panel', {
        text: 'The panel shows each high.',
        files: [{ path: 'web/Panel.tsx', edits: [{ range: [8, 0, 9, 0], text: '          <li key={d.date}>\n            {d.date}: {d.highC} C\n          </li>\n' }] }],
      });
      await ctx.phase('undo', 'chat-undo');
      await ctx.open('web/Panel.tsx');
      await ctx.chatFile(false);
      await ctx.phase('human.type', 'typing-tsx');
      // The person does it by hand: the item's text deleted, a suggestion asked for (Alt+\).
      await ctx.find('<li key={d.date}>{d.date}');
      await ctx.press('ArrowRight');
      await ctx.phase('human.delete');
      await ctx.press('Backspace', 8);
      await ctx.press('Alt+Backslash');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.save();
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.phase('ai.chat', 'inline-chat');
      await ctx.inlineChat('add a Kelvin to Celsius conversion', {
        text: 'Added fromKelvin.',
        files: [{ path: 'src/units.ts', edits: [{ range: [17, 0, 17, 0], text: '\nexport function fromKelvin(kelvin: number): number {\n  return kelvin - 273.15;\n}\n' }] }],
      });
      await ctx.phase('undo', 'inline-chat-discard');
      await ctx.press('Escape');
      await ctx.wait(1500);
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.type('- [x] kelvin and highs in the panel');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
);

// Fourteenth batch: more first encounters of the stable-API signals (the accept keys'
// `editor.command`, the chat checkpoints of agent `vscode.chat`) in new files, functions and
// orders: a long inline session (TS, Python: Tab and Ctrl+Right, turned down, revised by hand,
// an acceptance undone with Ctrl+Z), chat editing in Go, Rust and YAML (two open files and a
// new one, Keep of one file, Undo of everything after typing, a second request kept), an
// editor agent's new file taken on with inline and chat, next-edit suggestions in Markdown,
// CSS and TSX, and a trace with no AI at all full of editor features (TSX, Go). Held out,
// recorded and committed before it was scored once.
scenarios.push(
  {
    name: 'h14-inline-long-ts-python',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function colderThan(', text: 'days: Day[], limitC: number): Day[] {\n  return days.filter((d) => d.highC < limitC);\n}' },
        { trigger: 'export const dryDays = ', text: 'sample.filter((d) => d.precipitationMm === 0);' },
        { trigger: 'export const calmDays = ', text: 'sample.filter((d) => d.windKmh < 10);' },
        { trigger: 'export const widestRange = ', text: 'Math.max(...sample.map((d) => d.highC - d.lowC));' },
        { trigger: 'export const warmest = ', text: 'sample.reduce((a, d) => (d.highC > a.highC ? d : a));' },
        { trigger: 'def by_day(', text: 'notes: list[Note]) -> dict[str, Note]:\n    return {n.day: n for n in notes}' },
        { trigger: 'def longest(', text: 'notes: list[Note]) -> Note | None:\n    return max(notes, key=lambda n: len(n.text), default=None)' },
        { trigger: 'def is_empty(', text: 'notes: list[Note]) -> bool:\n    return len(notes) == 0' },
        { trigger: 'def first_word(', text: 'note: Note) -> str:\n    return note.text.split(" ")[0]' },
        { trigger: 'export function mphToKmh(', text: 'mph: number): number {\n  return mph / 0.621371;\n}' },
        { trigger: 'export const FREEZING_F = ', text: '32;' },
      ]);
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n\n// Days colder than the given high.\nexport function colderThan(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.find('d.highC < limitC');
      await ctx.press('ArrowLeft');
      await ctx.press('ArrowRight', 9);
      await ctx.type('=');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\n\nexport const dryDays = ');
      await ctx.acceptInlineWords('ai.inline', 2, 'inline-accept-word');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport const calmDays = ');
      await ctx.rejectInline('typing-ts');
      await ctx.type('sample.filter((d) => d.windKmh < 15);');
      await ctx.type('\nexport const widestRange = ');
      await ctx.rejectInline('typing-ts', 'sample.length;');
      await ctx.save();
      await ctx.wait(30_000); // reading it over
      await ctx.type('\nexport const warmest = ');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      // Changed their mind: Ctrl+Z takes the suggestion back, then their own.
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(600);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.press('Escape');
      await ctx.type('sample[0];');
      await ctx.save();
      await ctx.open('src/notes.py');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\ndef by_day(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-python');
      await ctx.type('\n\n\ndef longest(');
      await ctx.acceptInlineWords('ai.inline', 3, 'inline-accept-word');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.find('for n in notes}');
      await ctx.press('ArrowLeft');
      await ctx.press('ArrowRight', 14);
      await ctx.type(' if n.text');
      await ctx.phase('human.type', 'typing-python');
      await ctx.endOfFile();
      await ctx.type('\n\n\ndef is_empty(');
      await ctx.rejectInline('typing-python');
      await ctx.type('notes: list[Note]) -> bool:\n');
      await ctx.type('return not notes');
      await ctx.save();
      await ctx.wait(35_000); // a look at the tests
      await ctx.type('\n\n\ndef first_word(');
      await ctx.rejectInline('typing-python', 'text: str) -> str:');
      await ctx.press('Enter');
      await ctx.type('return text.split()[0] if text else ""');
      await ctx.save();
      await ctx.open('src/units.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n\nexport function mphToKmh(');
      await ctx.acceptInlineWords('ai.inline', 2, 'inline-accept-word');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.find('/ 0.621371');
      await ctx.type('* 1.609344');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\n\nexport const FREEZING_F = ');
      await ctx.acceptInline('ai.inline', 'inline-accept-short');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport const BOILING_F = 212;');
      await ctx.save();
      await ctx.wait(25_000);
      await ctx.open('src/report.ts');
      await ctx.endOfFile();
      await ctx.type('\n// colderThan keeps days at the limit too');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h14-chat-go-rust-yaml',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.open('src/rain.rs');
      await ctx.open('src/wind.go');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n// Light says whether the wind is light.\nfunc Light(kmh float64) bool {');
      await ctx.press('Enter');
      await ctx.type('return Beaufort(kmh) <= 3');
      await ctx.save();
      // wind.go and rain.rs open, config/alerts.yaml new.
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add a calm limit, count heavy rain days and write alert settings', {
        text: 'Added CalmKmh, heavy_days and config/alerts.yaml.',
        files: [
          { path: 'src/wind.go', edits: [{ range: [4, 0, 4, 0], text: '// CalmKmh is the top speed of a calm wind, in km/h.\nconst CalmKmh = 2.0\n\n' }] },
          { path: 'src/rain.rs', edits: [{ range: [11, 0, 11, 0], text: '/// Days with heavy rain (over 10 mm).\npub fn heavy_days(days: &[Rain]) -> usize {\n    days.iter().filter(|d| d.mm > 10.0).count()\n}\n\n' }] },
          { path: 'config/alerts.yaml', create: 'alerts:\n  - kind: gust\n    over_kmh: 60\n  - kind: rain\n    over_mm: 25\n' },
        ],
      });
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.open('src/wind.go');
      await ctx.chatFile(true);
      await ctx.phase('human.type', 'typing-go');
      await ctx.endOfFile();
      await ctx.type('\n\n// Calm says whether the wind is calm.\nfunc Calm(kmh float64) bool {');
      await ctx.press('Enter');
      await ctx.type('return kmh <= CalmKmh');
      await ctx.save();
      await ctx.phase('human.type', 'typing-yaml');
      await ctx.open('config/app.yaml');
      await ctx.endOfFile();
      await ctx.type('\nalerts_file: config/alerts.yaml');
      await ctx.save();
      await ctx.phase('undo', 'chat-undo');
      await ctx.chatUndoAll();
      await ctx.phase('human.type', 'typing-rust');
      await ctx.open('src/rain.rs');
      await ctx.endOfFile();
      await ctx.type('\n/// Whether any day had rain.\npub fn any_rain(days: &[Rain]) -> bool {');
      await ctx.press('Enter');
      await ctx.type('wet_days(days) > 0');
      await ctx.save();
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add the share of rainy days and a request timeout', {
        text: 'Added rainy_share and timeout_s.',
        files: [
          { path: 'src/rain.rs', edits: [{ range: [6, 0, 6, 0], text: '/// Share of days with rain, 0 to 1.\npub fn rainy_share(days: &[Rain]) -> f64 {\n    if days.is_empty() { 0.0 } else { wet_days(days) as f64 / days.len() as f64 }\n}\n\n' }] },
          { path: 'config/app.yaml', edits: [{ range: [4, 0, 4, 0], text: '  timeout_s: 20\n' }] },
        ],
      });
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.chatKeepAll();
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.open('src/rain.rs');
      await ctx.find('0 to 1.');
      await ctx.press('ArrowLeft');
      await ctx.press('ArrowRight', 7);
      await ctx.type(' Zero with no days.');
      await ctx.phase('human.type', 'typing-rust');
      await ctx.endOfFile();
      await ctx.type('\n// share kept');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h14-agent-new-file-inline-chat',
    split: 'holdout',
    chat: true,
    async run(ctx) {
      await ctx.suggestions([
        { trigger: 'export function frostAlerts(', text: 'days: Day[]): string[] {\n  return days.filter((d) => d.lowC < 0).map((d) => `${d.date}: frost`);\n}' },
        { trigger: 'export const ALERT_PREFIX = ', text: "'Alert: ';" },
        { trigger: 'export const MAX_ALERTS = ', text: '10;' },
      ]);
      await ctx.open('src/forecast.ts');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n\nexport const dayCount = sample.length;');
      await ctx.save();
      await ctx.phase('ai.agent', 'agent-multi-file');
      await ctx.agent({
        steps: [
          {
            edits: [
              { path: 'src/forecast.ts', text: '\nexport const windLimitKmh = 50;\n' },
              { path: 'src/report.ts', replace: "import { sample, type Day } from './forecast';", text: "import { sample, type Day } from './forecast';\nimport { alerts } from './alerts';" },
            ],
          },
        ],
      });
      await ctx.wait(1200);
      await ctx.phase('ai.agent', 'agent-new-file-shown');
      await ctx.agent({
        steps: [
          { edits: [{ path: 'src/alerts.ts', createEmpty: true }], show: 'src/alerts.ts', delayMs: 400 },
          { edits: [{ path: 'src/alerts.ts', text: "import type { Day } from './forecast';\n\nexport function alerts(days: Day[]): string[] {\n  return days.filter((d) => d.windKmh > 25).map((d) => `${d.date}: wind ${d.windKmh} km/h`);\n}\n" }] },
        ],
      });
      await ctx.wait(1500);
      // The agent's file is the active editor; its first line is AI code (a CodeLens above it),
      // so the person comes back to it from the keyboard.
      await ctx.focusEditor();
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport function frostAlerts(');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\n\nexport const ALERT_PREFIX = ');
      await ctx.acceptInlineWords('ai.inline', 1, 'inline-accept-word');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.type('\nexport const MAX_ALERTS = ');
      await ctx.rejectInline('typing-ts');
      await ctx.type('5;');
      await ctx.phase('human.type', 'revise-ai-code');
      await ctx.find('d.windKmh > 25');
      await ctx.type('d.windKmh >= 30');
      await ctx.phase('human.type', 'typing-ts');
      await ctx.palette('File: Save All');
      await ctx.wait(600);
      await ctx.phase('ai.chat', 'chat-apply');
      await ctx.chat('add rain alerts to alerts.ts', {
        text: 'Added rainAlerts.',
        files: [{ path: 'src/alerts.ts', edits: [{ range: [2, 0, 2, 0], text: "export function rainAlerts(days: Day[]): string[] {\n  return days.filter((d) => d.precipitationMm > 20).map((d) => `${d.date}: rain`);\n}\n\n" }] }],
      });
      await ctx.focusEditor();
      await ctx.phase('ai.chat', 'chat-keep');
      await ctx.chatFile(true);
      await ctx.phase('human.type', 'typing-ts');
      await ctx.endOfFile();
      await ctx.type('\n// rain alerts from chat, kept');
      await ctx.palette('File: Save All');
      await ctx.wait(800);
    },
  },
  {
    name: 'h14-next-edit-md-css-tsx',
    split: 'holdout',
    async run(ctx) {
      await ctx.suggestions([
        // Inline suggestions first: the provider answers with the first that fits.
        { trigger: 'Alerts go out ', text: 'when gusts pass 60 km/h or a day has over 25 mm of rain.' },
        { trigger: '<p className="count">', text: '{days.length} days in the forecast' },
        // Each range starts inside a line: at a line's indentation Tab indents instead.
        { trigger: '- [ ] frost alerts', nextEdit: { find: 'wind chill', text: 'wind chill and frost' } },
        { trigger: 'list-style: none;', nextEdit: { find: '8px;', text: '8px 12px;' } },
        // Away from the cursor: on the line next to it, Tab accepted at once (no jump) in a
        // recording, and the second Tab was typed into the file.
        { trigger: '{days.length} days in the forecast', nextEdit: { find: '{ days: Day[] }', text: '{ days: readonly Day[] }' } },
      ]);
      await ctx.open('src/notes.md');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.press('Enter');
      await ctx.type('- [ ] frost alerts');
      await ctx.acceptNextEdit('ai.inline');
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.endOfFile();
      await ctx.type('\n\n## Alerts\n\nAlerts go out ');
      await ctx.acceptInlineWords('ai.inline', 4, 'inline-accept-word');
      await ctx.phase('human.type', 'typing-markdown');
      await ctx.press('Escape');
      await ctx.press('End');
      await ctx.type(' km/h, by station.');
      await ctx.save();
      await ctx.open('web/panel.css');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-css');
      await ctx.type('\n\n.panel ul {');
      await ctx.press('Enter');
      await ctx.type('list-style: none;');
      await ctx.acceptNextEdit('ai.inline');
      await ctx.phase('human.type', 'typing-css');
      await ctx.endOfFile();
      await ctx.type('\n\n.panel .count {');
      await ctx.press('Enter');
      await ctx.type('color: #666;');
      await ctx.save();
      await ctx.open('web/Panel.tsx');
      await ctx.find('<h2>Forecast</h2>');
      await ctx.press('End');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.press('Enter');
      await ctx.type('<p className="count"');
      await ctx.phase('human.type', 'auto-close-tag-jsx');
      await ctx.type('>');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.acceptInlineWords('ai.inline', 2, 'inline-accept-word');
      await ctx.acceptInline('ai.inline', 'inline-accept-whole');
      await ctx.acceptNextEdit('ai.inline');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.endOfFile();
      await ctx.type("\nexport const PANEL_CLASS = 'panel';");
      await ctx.save();
    },
  },
  {
    name: 'h14-no-ai-editor-features-tsx-go',
    split: 'holdout',
    async run(ctx) {
      await ctx.open('web/Panel.tsx');
      await ctx.wait(5000); // TypeScript's language server starts
      await ctx.phase('human.type', 'multi-cursor');
      await ctx.find('d.date');
      await ctx.press('Control+d', 2);
      await ctx.type('day.date');
      await ctx.press('Escape');
      await ctx.phase('undo');
      await ctx.press('Control+z');
      await ctx.wait(300);
      await ctx.phase('tool.refactor', 'rename-symbol');
      await ctx.find('function Panel');
      await ctx.press('ArrowRight');
      await ctx.press('F2');
      await ctx.wait(1500);
      await ctx.typeInWidget('DaysPanel');
      await ctx.press('Enter');
      await ctx.wait(2000);
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.endOfFile();
      await ctx.type('\n\nexport function count(days: Day[]) {');
      await ctx.press('Enter');
      await ctx.type('return days.len');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'suggest-method');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.type(';');
      await ctx.press('End');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.type('\n\nexport function logDays(days: Day[]) {');
      await ctx.press('Enter');
      await ctx.type('log');
      await ctx.acceptSuggestion('tool.complete', 'Tab', 'snippet-tabstop');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.type('count(days)');
      await ctx.press('Escape');
      await ctx.phase('human.type', 'move-line');
      await ctx.press('Alt+ArrowUp');
      await ctx.press('Alt+ArrowDown');
      await ctx.phase('human.type', 'copy-line');
      await ctx.press('Shift+Alt+ArrowDown');
      await ctx.phase('human.delete', 'delete-line');
      await ctx.press('Control+Shift+k');
      await ctx.phase('human.type', 'typing-tsx');
      await ctx.endOfFile();
      await ctx.type('\nexport   const   EMPTY={days:[] as Day[]};');
      await ctx.phase('tool.format');
      await ctx.palette('Format Document');
      await ctx.wait(1500);
      await ctx.phase('human.type');
      await ctx.save();
      await ctx.open('src/wind.go');
      await ctx.endOfFile();
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('\n// Weakest returns the weakest gust.\nfunc Weakest(gusts []Gust) Gust {');
      await ctx.press('Enter');
      await ctx.type('if len(gusts) == 0 {');
      await ctx.press('Enter');
      await ctx.type('return Gust{}');
      await ctx.press('ArrowDown');
      await ctx.press('End');
      await ctx.press('Enter');
      await ctx.setClipboard('best := gusts[0]\nfor _, g := range gusts {\n\tif g.Kmh < best.Kmh {\n\t\tbest = g\n\t}\n}\nreturn best');
      await ctx.phase('human.paste');
      await ctx.press('Control+v');
      await ctx.wait(600);
      await ctx.phase('human.type', 'toggle-line-comment');
      await ctx.selectLines(11, 11);
      await ctx.press('Control+/');
      await ctx.press('Control+/');
      await ctx.phase('human.type', 'column-select');
      await ctx.gotoLine(7);
      await ctx.press('Home');
      await ctx.press('Home');
      await ctx.press('Shift+Alt+ArrowDown');
      await ctx.press('End');
      await ctx.type(' // field');
      await ctx.press('Escape');
      await ctx.phase('human.type', 'insert-line-above');
      await ctx.gotoLine(5);
      await ctx.press('Control+Shift+Enter');
      await ctx.phase('human.type', 'typing-go');
      await ctx.type('// Gusts are measured at 10 m.');
      await ctx.save();
    },
  },
);

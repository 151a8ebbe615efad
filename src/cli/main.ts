/**
 * The `deliberate` command line.
 *
 *   deliberate replay [--score] [--summary-only] TRACE...
 *   deliberate replay --coach [--preset P] [--budget N] [--targets] TRACE...
 *   deliberate replay --habits TRACE...
 *   deliberate checkpoint --agent NAME [--phase pre|post] [FILES...]
 *   deliberate history [--repo DIR] [--json]
 *   deliberate check FILE...   (src/cli/check.ts)
 *
 * replay reads edit traces (shared/spec/trace-format.md), runs them through the same core
 * the extension uses, and prints one JSON line per document change; with --score the last
 * line is a JSON summary against the trace's labels. checkpoint is for AI agents' hooks:
 * it tells a running Deliberate which files the agent is about to edit or has edited.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { replayFates, replayTrace } from '../core/attribution/replay';
import { habitSummary } from '../core/coach/habits';
import { DEFAULT_COACH_SETTINGS, PRESETS, type Preset } from '../core/coach/policy';
import { LOCAL_TIME } from '../shared/localTime';
import { checkTargets, replayCoach } from '../core/coach/replay';
import { score, type ScoredEvent } from '../core/attribution/scoring';
import { parseTrace, TraceError, type IndexedObservation, type TraceHeader } from '../core/traceFormat';
import { CHECK_USAGE, checkCommand } from './check';
import { checkpointCommand } from './checkpoint';
import { historyCommand } from './history';

const USAGE = `usage:
  deliberate replay [--score] [--summary-only] [--explain] TRACE...
      --score         last line: precision, recall and confusion against the trace's labels
      --explain       add the rule that decided, the sizes and the true label to each line
  deliberate replay --fate [--use-labels] TRACE...
      one line per AI edit: characters retained 30 s to 15 min later, at the end, and its outcome
  deliberate replay --coach [--preset quiet|standard|learner] [--budget N] [--targets] TRACE...
      runs the coach over each trace, its clock taken from the trace: one line per nudge
      {"t":ms,"kind":...,"doc":...}; --targets adds a summary line per trace (typing, budget, commit hints)
  deliberate replay --habits TRACE...
      the day's habit summary of each trace: figures with the evidence behind them
  deliberate checkpoint --agent NAME [--phase pre|post] [FILES...]
      (with no FILES, reads an agent hook's JSON payload from standard input)
  deliberate history [--repo DIR] [--json]
      how much of the lines AI-assisted commits added was rewritten or deleted within
      14 and 30 days, next to the other commits (current branch, local clone only)
${CHECK_USAGE}`;

class UsageError extends Error {}

function write(line: string): void {
  process.stdout.write(`${line}\n`);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}


function replayCommand(argv: string[]): number {
  const values = new Map<string, string>();
  const args: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const name = a.split('=')[0]!;
    if (name === '--preset' || name === '--budget') {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++k];
      if (value === undefined) throw new UsageError(`${name} needs a value`);
      values.set(name, value);
    } else args.push(a);
  }
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  for (const f of flags) if (!['--score', '--summary-only', '--explain', '--fate', '--use-labels', '--coach', '--habits', '--targets'].includes(f)) throw new UsageError(`unknown option ${f}`);
  if ((values.size > 0 || flags.has('--targets')) && !flags.has('--coach')) throw new UsageError('--preset, --budget and --targets go with --coach');
  if (flags.has('--use-labels') && !flags.has('--fate')) throw new UsageError('--use-labels goes with --fate');
  const files = args.filter((a) => !a.startsWith('--'));
  if (files.length === 0) throw new UsageError('replay needs at least one trace file');
  const traces: { file: string; header: TraceHeader; observations: readonly IndexedObservation[] }[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new TraceError(file, 0, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    const trace = parseTrace(text, file);
    for (const w of trace.warnings) process.stderr.write(`deliberate: warning: ${w.file}:${w.line}: ${w.message}\n`);
    traces.push({ file, header: trace.header, observations: trace.observations });
  }
  // Inputs a trace holds that the session could not apply are errors naming file and line;
  // replay goes on past them and exits 1 at the end.
  let problems = 0;
  const problemReporter = (trace: (typeof traces)[number]) => {
    const lineOf = new Map(trace.observations.map((o) => [o.i, o.line]));
    return (i: number, message: string) => {
      problems++;
      process.stderr.write(`deliberate: error: ${trace.file}:${lineOf.get(i) ?? '?'}: ${message}\n`);
    };
  };
  if (flags.has('--coach') || flags.has('--habits')) {
    const preset = values.get('--preset') ?? 'standard';
    if (!(PRESETS as readonly string[]).includes(preset)) throw new UsageError(`--preset is one of ${PRESETS.join(', ')}`);
    const budgetText = values.get('--budget');
    const budget = budgetText === undefined ? null : Number(budgetText);
    if (budget !== null && !(Number.isInteger(budget) && budget >= 0)) throw new UsageError('--budget is a whole number, 0 or more');
    const settings = { ...DEFAULT_COACH_SETTINGS, preset: preset as Preset, dailyBudget: budget };
    for (const trace of traces) {
      const recordedAt = trace.header.recordedAt === undefined ? NaN : Date.parse(trace.header.recordedAt);
      const startEpochMs = Number.isFinite(recordedAt) ? recordedAt : 0;
      const result = replayCoach(trace.observations, { startEpochMs, local: LOCAL_TIME, settings, onProblem: problemReporter(trace) });
      if (flags.has('--habits')) {
        write(JSON.stringify({ trace: trace.file, habits: habitSummary(result.metrics, result.coach.settings.largeBurstLines) }));
        continue;
      }
      // `edits`: the observation indices (as the plain replay prints them) of the AI edits the nudge is about.
      for (const n of result.nudges) write(JSON.stringify({ t: n.t, kind: n.kind, doc: n.doc, edits: n.edits }));
      if (flags.has('--targets')) write(JSON.stringify({ trace: trace.file, targets: checkTargets(trace.observations, result, LOCAL_TIME) }));
    }
    return problems > 0 ? 1 : 0;
  }
  if (flags.has('--fate')) {
    for (const trace of traces) {
      for (const f of replayFates(trace.observations, { useLabels: flags.has('--use-labels'), onProblem: problemReporter(trace) })) {
        write(JSON.stringify({ i: f.i, t: f.t, doc: f.doc, originalChars: f.originalChars, retained: f.retained, atEnd: f.atEnd, outcome: f.outcome }));
      }
    }
    return problems > 0 ? 1 : 0;
  }
  const scored: ScoredEvent[] = [];
  const baseline: ScoredEvent[] = [];
  let observations = 0;
  let seconds = 0;
  for (const trace of traces) {
    const start = performance.now();
    const result = replayTrace(trace.observations, { onProblem: problemReporter(trace) });
    seconds += (performance.now() - start) / 1000;
    observations += result.observations;
    scored.push(...result.scored);
    baseline.push(...result.baseline);
    if (!flags.has('--summary-only')) {
      const explain = flags.has('--explain');
      const truth = explain ? new Map(trace.observations.flatMap(({ i, observation: o }) => (o.type === 'doc.change' && o.label !== undefined ? [[i, o.label] as const] : []))) : undefined;
      for (const a of result.attributions) {
        const line: Record<string, unknown> = { i: a.i, t: a.t, doc: a.doc, label: a.label, confidence: round(a.confidence) };
        if (explain) Object.assign(line, { basis: a.basis, inserted: a.insertedChars, removed: a.removedChars, ...(truth?.has(a.i) ? { truth: truth.get(a.i) } : {}) });
        write(JSON.stringify(line));
      }
    }
  }
  if (flags.has('--score')) {
    if (scored.length === 0) process.stderr.write('deliberate: warning: no doc.change carries a "label": nothing to score\n');
    const s = score(scored);
    const b = score(baseline);
    const roundAll = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v)]));
    write(
      JSON.stringify({
        ai: roundAll({ ...s.ai }),
        accuracy: round(s.accuracy),
        confusion: s.confusion,
        events: s.events,
        observations,
        eventsPerSecond: Math.round(observations / Math.max(seconds, 1e-9)),
        baseline50: { ai: roundAll({ ...b.ai }) },
        traces: files.length,
      }),
    );
  }
  return problems > 0 ? 1 : 0;
}

/** Runs a command; history is asynchronous, the others finish synchronously. */
export function main(argv: string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'history':
        return historyCommand(rest);
      case 'replay':
        return replayCommand(rest);
      case 'checkpoint':
        return checkpointCommand(rest); // src/cli/checkpoint.ts: never fails an agent's hook
      case 'check':
        return checkCommand(rest);
      case '--help':
      case '-h':
      case 'help':
        write(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`deliberate: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof TraceError) {
      process.stderr.write(`deliberate: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) {
  // Output piped into a reader that stops early (`deliberate replay … | head`): stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(0);
  });
  void Promise.resolve(main(process.argv.slice(2))).then((code) => {
    process.exitCode = code;
  });
}

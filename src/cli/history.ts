/**
 * `deliberate history [--repo DIR] [--json]`: the history retrospective on a local clone,
 * as text or JSON. The person runs it on a folder they name, which is their consent for git to
 * read that repository; the repository's own programs stay off all the same (adapters/git.ts).
 */
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PERSON_RAN_IT } from '../adapters/git';
import { HistoryReviewError, reviewRepositoryHistory } from '../adapters/historyGit';
import { formatHistoryReport } from '../shared/historyReport';

export const HISTORY_USAGE = `usage: deliberate history [--repo DIR] [--json]
    how much of the lines AI-assisted commits added was rewritten or deleted within
    14 and 30 days, next to the other commits (current branch, local clone only)`;

/** Runs the command; resolves with the exit code (0 done, 1 the repository could not be reviewed, 2 bad arguments). */
export async function historyCommand(args: readonly string[]): Promise<number> {
  let repo = process.cwd();
  let json = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--json') json = true;
    else if (a === '--repo' || a.startsWith('--repo=')) {
      const value = a === '--repo' ? args[++k] : a.slice('--repo='.length);
      if (value === undefined || value === '') return usage('--repo needs a folder');
      repo = value;
    } else return usage(`unknown option ${a}`);
  }
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const start = performance.now();
  try {
    const progress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\rdeliberate: ${done}/${total} commits`) : undefined;
    const result = await reviewRepositoryHistory(path.resolve(repo), { trust: PERSON_RAN_IT, signal: controller.signal, onProgress: progress });
    if (progress !== undefined) process.stderr.write('\n');
    const seconds = (performance.now() - start) / 1000;
    for (const w of result.warnings) process.stderr.write(`deliberate: warning: git log output line ${w.line}: ${w.message}\n`);
    for (const m of result.gitMessages) process.stderr.write(`deliberate: git said: ${m}\n`);
    if (json) process.stdout.write(`${JSON.stringify({ ...result, seconds: Math.round(seconds * 1000) / 1000, commitsPerSecond: Math.round(result.commitsScanned / Math.max(seconds, 1e-9)) })}\n`);
    else process.stdout.write(`${formatHistoryReport(result)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof HistoryReviewError) {
      process.stderr.write(`deliberate: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

function usage(problem: string): number {
  process.stderr.write(`deliberate: ${problem}\n${HISTORY_USAGE}\n`);
  return 2;
}

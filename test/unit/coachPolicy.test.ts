import * as assert from 'node:assert/strict';
import {
  blockedBy, DAY_MS, DEFAULT_COACH_SETTINGS, DISMISS_QUIET_MS, emptyState, parseQuietHours, PRESET_CONFIG, record, resetKinds, resolveConfig, reviveState,
  type CoachSettings, type CoachState,
} from '../../src/core/coach/policy';
import { UTC_TIME } from '../../src/core/coach/replay';
import { classifyCommand, classifyTask, invalidTeamPatterns, isValidationCommand } from '../../src/core/fate/validation';

const H = 3_600_000;
const MIN = 60_000;
/** 2026-11-23 00:00 UTC. */
const DAY0 = Date.UTC(2026, 10, 23);
const settings = (over: Partial<CoachSettings> = {}): CoachSettings => ({ ...DEFAULT_COACH_SETTINGS, ...over });

function show(state: CoachState, kind: Parameters<typeof record>[1], at: number): CoachState {
  return record(state, kind, 'shown', at, UTC_TIME);
}

describe('coach policy', () => {
  it('presets: quiet < standard < learner in budget, and learner shows every kind', () => {
    assert.deepEqual(
      (['quiet', 'standard', 'learner'] as const).map((p) => resolveConfig(settings({ preset: p })).dailyBudget),
      [1, 3, 6],
    );
    assert.deepEqual(resolveConfig(settings({ preset: 'learner' })).kinds, ['unrunAtCommit', 'largeBurst', 'unrunAiCode', 'unreadAiCode', 'aiFixLoop', 'errorsAfterAi', 'keptAsWritten', 'undoneNoRetry']);
    assert.deepEqual(resolveConfig(settings({ preset: 'quiet' })).kinds, ['unrunAtCommit', 'largeBurst']);
  });

  it('settings override the preset; emphasis adds the kinds of a habit; bad quiet hours are reported, not fatal', () => {
    const warnings: string[] = [];
    const c = resolveConfig(settings({ preset: 'quiet', dailyBudget: 5, largeBurstLines: 30, emphasis: ['learn'], quietHours: '25:00-7' }), (m) => warnings.push(m));
    assert.equal(c.dailyBudget, 5);
    assert.equal(c.largeBurstLines, 30);
    assert.deepEqual(c.kinds, ['unrunAtCommit', 'largeBurst', 'unreadAiCode', 'aiFixLoop']);
    assert.equal(c.quietHours, null);
    assert.deepEqual(warnings, ['quiet hours "25:00-7" are not of the form HH:MM-HH:MM']);
  });

  it('parses quiet hours, across midnight too', () => {
    assert.deepEqual(parseQuietHours('22:30-07:00'), { from: 1350, to: 420 });
    assert.equal(parseQuietHours('  '), null);
    const c = resolveConfig(settings({ quietHours: '22:30-07:00' }));
    const at = (h: number, m = 0) => DAY0 + h * H + m * MIN;
    assert.deepEqual(
      [at(22, 29), at(22, 30), at(3), at(6, 59), at(7)].map((t) => blockedBy(c, emptyState(), 'largeBurst', t, UTC_TIME)),
      [null, 'quietHours', 'quietHours', 'quietHours', null],
    );
  });

  it('a daily budget per local day; the commit hint is outside it and does not use it', () => {
    const c = resolveConfig(settings()); // standard: 3 a day
    let s = emptyState();
    const t0 = DAY0 + 9 * H;
    s = show(s, 'largeBurst', t0);
    s = show(s, 'unrunAtCommit', t0 + 1 * H);
    s = show(s, 'unrunAiCode', t0 + 3 * H);
    assert.equal(s.usedToday, 2, 'the commit hint used none of the budget');
    s = show(s, 'errorsAfterAi', t0 + 6 * H);
    assert.equal(blockedBy(c, s, 'errorsAfterAi', t0 + 9 * H, UTC_TIME), 'budget');
    assert.equal(blockedBy(c, s, 'largeBurst', t0 + 9 * H, UTC_TIME), 'budget');
    // Every commit with unrun AI code still gets its hint.
    assert.equal(blockedBy(c, s, 'unrunAtCommit', t0 + 9 * H, UTC_TIME), null);
    // The next day starts afresh.
    assert.equal(blockedBy(c, s, 'errorsAfterAi', DAY0 + DAY_MS + 9 * H, UTC_TIME), null);
  });

  it('a gap between any two nudges and a cooldown per kind; the commit hint is exempt from both', () => {
    const c = resolveConfig(settings());
    const t0 = DAY0 + 9 * H;
    const s = show(emptyState(), 'largeBurst', t0);
    assert.equal(blockedBy(c, s, 'unrunAiCode', t0 + PRESET_CONFIG.standard.minGapMs - 1, UTC_TIME), 'gap');
    assert.equal(blockedBy(c, s, 'unrunAiCode', t0 + PRESET_CONFIG.standard.minGapMs, UTC_TIME), null);
    assert.equal(blockedBy(c, s, 'largeBurst', t0 + PRESET_CONFIG.standard.minGapMs, UTC_TIME), 'cooldown');
    assert.equal(blockedBy(c, s, 'largeBurst', t0 + PRESET_CONFIG.standard.cooldownMs, UTC_TIME), null);
    assert.equal(blockedBy(c, s, 'unrunAtCommit', t0 + 1, UTC_TIME), null);
  });

  it('dismissed: quiet for a while; snoozed: a day; not useful: retired until reset', () => {
    const c = resolveConfig(settings({ dailyBudget: 100 }));
    const t0 = DAY0 + 9 * H;
    let s = show(emptyState(), 'largeBurst', t0);
    s = record(s, 'largeBurst', 'dismissed', t0 + MIN, UTC_TIME);
    assert.equal(blockedBy(c, s, 'largeBurst', t0 + MIN + DISMISS_QUIET_MS - 1, UTC_TIME), 'quieted');
    assert.equal(blockedBy(c, s, 'largeBurst', t0 + MIN + DISMISS_QUIET_MS, UTC_TIME), null);
    s = record(s, 'unrunAiCode', 'snoozed', t0, UTC_TIME);
    assert.equal(blockedBy(c, s, 'unrunAiCode', t0 + DAY_MS - 1, UTC_TIME), 'quieted');
    assert.equal(blockedBy(c, s, 'unrunAiCode', t0 + DAY_MS, UTC_TIME), null);
    s = record(s, 'errorsAfterAi', 'notUseful', t0, UTC_TIME);
    assert.equal(blockedBy(c, s, 'errorsAfterAi', t0 + 30 * DAY_MS, UTC_TIME), 'retired');
    assert.equal(blockedBy(c, resetKinds(s), 'errorsAfterAi', t0 + 30 * DAY_MS, UTC_TIME), null);
  });

  it('a kind that is mostly dismissed retires itself; one mostly acted on does not', () => {
    let s = emptyState();
    let t = DAY0;
    const answers = ['dismissed', 'acted', 'dismissed', 'dismissed'] as const;
    for (const a of answers) {
      s = show(s, 'largeBurst', (t += DAY_MS));
      s = record(s, 'largeBurst', a, t + 1, UTC_TIME);
    }
    assert.equal(s.kinds.largeBurst?.retired, true);
    let u = emptyState();
    for (const a of ['dismissed', 'acted', 'acted', 'dismissed'] as const) {
      u = show(u, 'unrunAiCode', (t += DAY_MS));
      u = record(u, 'unrunAiCode', a, t + 1, UTC_TIME);
    }
    assert.equal(u.kinds.unrunAiCode?.retired, false);
  });

  it('the master switch stops everything', () => {
    assert.equal(blockedBy(resolveConfig(settings({ enabled: false })), emptyState(), 'unrunAtCommit', DAY0, UTC_TIME), 'off');
  });

  it('revives a stored state defensively', () => {
    const s = show(emptyState(), 'largeBurst', DAY0);
    assert.deepEqual(reviveState(JSON.parse(JSON.stringify(s))), s);
    assert.deepEqual(reviveState({ version: 2 }), emptyState());
    assert.deepEqual(reviveState('garbage'), emptyState());
    assert.deepEqual(reviveState({ version: 1, day: 'x', usedToday: 1, lastNudgeAt: null, kinds: { largeBurst: { shown: 'many', retired: true }, bogus: {} } }).kinds, {
      largeBurst: { shown: 0, acted: 0, dismissed: 0, notUseful: 0, lastShownAt: null, quietUntil: null, retired: true },
    });
  });
});

describe('validation runs', () => {
  it('classifies the common ecosystems by kind', () => {
    const cases: [string, string | null][] = [
      ['npm test', 'test'], ['npm run lint', 'lint'], ['npm run build', 'build'], ['npm run typecheck', 'typecheck'], ['npm start', 'run'], ['npm install', null],
      ['yarn test', 'test'], ['yarn add left-pad', null], ['pnpm lint', 'lint'], ['npx jest src', 'test'], ['vitest run', 'test'], ['mocha', 'test'],
      ['pytest -q', 'test'], ['python -m pytest', 'test'], ['python3 -m mypy .', 'typecheck'], ['ruff check .', 'lint'],
      ['go test ./...', 'test'], ['go vet ./...', 'lint'], ['go build', 'build'], ['go mod tidy', null],
      ['cargo test', 'test'], ['cargo clippy', 'lint'], ['cargo check', 'typecheck'], ['cargo build --release', 'build'], ['cargo add serde', null],
      ['dotnet test', 'test'], ['dotnet build', 'build'], ['mvn test', 'test'], ['mvn package', 'build'], ['./gradlew build', 'build'], ['gradle test', 'test'],
      ['make', 'build'], ['make test', 'test'], ['make lint', 'lint'], ['tsc --noEmit', 'typecheck'], ['eslint .', 'lint'], ['ls -la', null], ['git status', null],
    ];
    assert.deepEqual(cases.map(([c]) => [c, classifyCommand(c)]), cases);
  });

  it('a team adds its own commands, as prefixes or /regular expressions/', () => {
    const team = ['just check', '/^\\./scripts/(verify|lint)\\.sh/', '/(/'];
    assert.equal(classifyCommand('just check --all', team), 'typecheck');
    assert.equal(classifyCommand('./scripts/verify.sh', team), 'test');
    assert.equal(classifyCommand('./scripts/lint.sh', team), 'lint');
    assert.equal(classifyCommand('just checkout', team), null);
    assert.equal(isValidationCommand('just check', []), false);
    assert.deepEqual(invalidTeamPatterns(team), ['/(/']);
  });

  it('classifies tasks by group and name', () => {
    assert.deepEqual([classifyTask('npm: test', 'test'), classifyTask('tsc: watch', 'build'), classifyTask('npm: lint', 'build'), classifyTask('build', 'build'), classifyTask('serve', null)], ['test', 'typecheck', 'lint', 'build', null]);
  });
});

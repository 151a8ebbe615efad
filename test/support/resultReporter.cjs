// Mocha reporter used by every layer: prints like `spec` and, at the end, writes a JSON
// result ({ passed, failed, pending, tests: [...] }) to the file named by the reporter
// option `output` or the DELIBERATE_RESULT_FILE environment variable, so the harness can
// read the counts even from a VS Code extension host that it cannot see the console of.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

class ResultReporter extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const output = options.reporterOptions?.output ?? process.env.DELIBERATE_RESULT_FILE;
    const tests = [];
    const record = (state) => (test, error) => {
      tests.push({
        title: test.fullTitle(),
        state,
        durationMs: test.duration ?? 0,
        ...(error ? { error: String(error.stack || error.message || error).slice(0, 4000) } : {}),
      });
    };
    runner.on(EVENT_TEST_PASS, record('passed'));
    runner.on(EVENT_TEST_FAIL, record('failed'));
    runner.on(EVENT_TEST_PENDING, record('pending'));
    runner.once(EVENT_RUN_END, () => {
      if (!output) return;
      const count = (s) => tests.filter((t) => t.state === s).length;
      const result = { passed: count('passed'), failed: count('failed'), pending: count('pending'), tests };
      fs.mkdirSync(path.dirname(output), { recursive: true });
      fs.writeFileSync(`${output}.tmp`, JSON.stringify(result, null, 2));
      fs.renameSync(`${output}.tmp`, output);
    });
  }
}

module.exports = ResultReporter;

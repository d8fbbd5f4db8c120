// The CLI's terminal decorations (ANSI colour, the `\r` progress line) appear only for a person at a terminal.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { shouldColour } from '../../src/report/format/colour';
import { repoRoot } from '../support/paths';

interface Captured {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs the CLI in process on `examples/` with streams that claim (or deny) to be terminals. */
function scanExamples(env: NodeJS.ProcessEnv, tty: { stdout: boolean; stderr: boolean }): Captured {
  const out = { stdout: '', stderr: '' };
  // The CLI only calls write() and reads isTTY and columns; a full WriteStream is not needed, hence the cast.
  const stream = (name: 'stdout' | 'stderr'): NodeJS.WriteStream =>
    ({
      isTTY: tty[name],
      columns: 100,
      write: (chunk: string): boolean => {
        out[name] += chunk;
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
  const status = main(['scan', 'examples', '--fail-on', 'never'], {
    cwd: repoRoot(),
    env,
    stdout: stream('stdout'),
    stderr: stream('stderr'),
  });
  return { ...out, status };
}

const ESC = '\u001b[';

describe('cli: terminal output', () => {
  it('colours the report and draws progress at a terminal with no opt-out', () => {
    const run = scanExamples({}, { stdout: true, stderr: true });
    assert.equal(run.status, 0);
    assert.ok(run.stdout.includes(ESC), 'no colour at a terminal');
    assert.ok(run.stderr.includes('\r'), 'no progress line at a terminal');
  });

  for (const [label, env] of [
    ['CI is set', { CI: 'true' }],
    ['NO_COLOR is set', { NO_COLOR: '1' }],
    ['TERM is dumb', { TERM: 'dumb' }],
  ] as const) {
    it(`prints neither ANSI nor \\r when ${label}, even at a terminal`, () => {
      const run = scanExamples(env, { stdout: true, stderr: true });
      assert.ok(run.stdout.length > 0);
      assert.ok(!run.stdout.includes(ESC), 'ANSI escape in stdout');
      assert.ok(!`${run.stdout}${run.stderr}`.includes('\r'), 'carriage return in the output');
    });
  }

  it('prints no ANSI when stdout is a pipe, and no progress when stderr is one', () => {
    const piped = scanExamples({}, { stdout: false, stderr: false });
    assert.ok(!piped.stdout.includes(ESC));
    assert.ok(!`${piped.stdout}${piped.stderr}`.includes('\r'));
    const toFile = scanExamples({}, { stdout: false, stderr: true });
    assert.ok(!toFile.stdout.includes(ESC), 'ANSI escape in a piped report');
  });

  it('reads an empty NO_COLOR or CI as unset, as the NO_COLOR convention says', () => {
    assert.equal(shouldColour({ isTTY: true }, { NO_COLOR: '', CI: '' }), true);
    assert.equal(shouldColour({ isTTY: true }, { CI: '1' }), false);
    assert.equal(shouldColour({ isTTY: false }, {}), false);
  });
});

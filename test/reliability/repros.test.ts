// Minimal reproductions of bugs the reliability suites found, kept under fixtures/ so each fix has a small, named proof.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { runCli } from './support/cli';
import { IsolatedLinter, resultOf } from './support/isolated-linter';
import { positionErrors } from './support/positions';

const fixtures = (): string => path.join(repoRoot(), 'test', 'reliability', 'fixtures');
const read = (name: string): string => fs.readFileSync(path.join(fixtures(), name), 'utf8');

describe('reliability: minimal reproductions', function () {
  this.timeout(120_000);

  it('line-separator.js: a U+2028 in a comment does not push findings a line lower than editors show', () => {
    const text = read('line-separator.js');
    const result = lintText(text, 'line-separator.js');
    assert.ok(result.findings.some((finding) => finding.ruleId === 'unscoped-network'));
    assert.deepEqual(positionErrors(text, result), []);
  });

  it('bom-directive.js: a directive on line 1 of a file with a byte order mark is at column 0, as editors show it', async () => {
    const linter = new IsolatedLinter({ timeoutMs: 30_000 });
    try {
      const { result } = await resultOf(linter, { file: path.join(fixtures(), 'bom-directive.js'), prefilter: true });
      const lineOne = result.findings.filter((finding) => finding.range.start.line === 1);
      assert.ok(lineOne.length > 0, 'the directive has no reason, so it is reported on line 1');
      assert.deepEqual(
        lineOne.map((finding) => `${finding.ruleId} ${finding.range.start.column}`),
        lineOne.map((finding) => `${finding.ruleId} 0`),
      );
    } finally {
      await linter.close();
    }
  });

  it('new-new-command.js: a command built by `new new X()` is no named class, and the file is analysed', () => {
    const result = lintText(read('new-new-command.js'), 'new-new-command.js');
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.tools.map((tool) => tool.name),
      ['read_queue'],
    );
  });

  for (const name of ['parse-error-at-eof.js', 'parse-error-end-of-line.js']) {
    it(`${name}: a syntax error's range stays inside the text and on its line`, () => {
      const text = read(name);
      const result = lintText(text, name);
      assert.deepEqual(
        result.problems.map((problem) => problem.kind),
        ['parse'],
      );
      assert.deepEqual(positionErrors(text, result), []);
    });
  }

  it('deep-parentheses-1000.js: 1,000 nested parentheses parse on a 1 MB stack (the main thread of the CLI and the editor)', async () => {
    const linter = new IsolatedLinter({ timeoutMs: 30_000, stackSizeMb: 1 });
    try {
      const { result } = await resultOf(linter, {
        file: path.join(fixtures(), 'deep-parentheses-1000.js'),
        prefilter: true,
      });
      assert.deepEqual(
        result.problems.map((problem) => `${problem.kind}: ${problem.message}`),
        [],
      );
      assert.ok(result.findings.some((finding) => finding.ruleId === 'unscoped-network'));
    } finally {
      await linter.close();
    }
  });

  it('member-chain-10000.js: a 20 KB file with a 10,000-link member chain lints in under 10 s once parsed', async () => {
    // A large stack so the parser gets through; what is measured is the engine's time (quadratic in the chain).
    const linter = new IsolatedLinter({ timeoutMs: 10_000, stackSizeMb: 64 });
    try {
      const { result } = await resultOf(linter, {
        file: path.join(fixtures(), 'member-chain-10000.js'),
        prefilter: true,
      });
      assert.ok(result.findings.some((finding) => finding.ruleId === 'unscoped-network'));
    } finally {
      await linter.close();
    }
  });

  it('config-array-severity: an ESLint-style array severity is a configuration error at its value, not a crash', () => {
    const run = runCli(['scan', 'config-array-severity'], { cwd: fixtures() });
    assert.equal(run.status, 2);
    assert.ok(run.stderr.includes('config-array-severity/.agent-risk.json:2:34:'), run.stderr);
    assert.doesNotMatch(run.stderr, /Cannot read/);
  });

  it('config-factory-name-at: a tool factory whose nameAt is not an access path is a configuration error, not an internal error on every file', () => {
    const run = runCli(['scan', 'config-factory-name-at'], { cwd: fixtures() });
    assert.equal(run.status, 2, run.stdout);
    assert.ok(run.stderr.includes('config-factory-name-at/.agent-risk.json:2:104:'), run.stderr);
  });
});

// The `$agent-risk` problem matcher the extension contributes reads the stylish format: applied as VS Code applies
// it (a file line, then looping finding lines) to the examples' stylish output, it must find every finding.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { cliFindings } from '../support/cli-findings';
import { repoRoot } from '../support/paths';

interface PatternStep {
  regexp: string;
  file?: number;
  line?: number;
  column?: number;
  severity?: number;
  message?: number;
  code?: number;
  loop?: boolean;
}

function matcher(): PatternStep[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
    contributes: { problemMatchers: Array<{ name: string; pattern: PatternStep[] }> };
  };
  const found = manifest.contributes.problemMatchers.find((candidate) => candidate.name === 'agent-risk');
  assert.ok(found, 'package.json contributes the agent-risk problem matcher');
  return found.pattern;
}

/** VS Code's multi-line matching: the first step sets the file; the looping last step yields one problem per line. */
function apply(steps: PatternStep[], output: string): string[] {
  const [fileStep, problemStep] = steps as [PatternStep, PatternStep];
  const problems: string[] = [];
  let file: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    const problem = file === undefined ? null : new RegExp(problemStep.regexp).exec(line);
    if (problem !== null && file !== undefined) {
      const at = (index: number | undefined): string => (index === undefined ? '' : (problem[index] ?? ''));
      problems.push(
        `${file}:${at(problemStep.line)}:${at(problemStep.column)} ${at(problemStep.severity)} ${at(problemStep.code)}`,
      );
      continue;
    }
    const fileLine = new RegExp(fileStep.regexp).exec(line);
    file = fileLine === null ? undefined : fileLine[fileStep.file ?? 1];
  }
  return problems.sort();
}

describe('the $agent-risk problem matcher', function () {
  this.timeout(120_000);

  it('finds every finding of the stylish report, with 1-based positions, severity and rule id', () => {
    const examples = path.join(repoRoot(), 'examples');
    const bin = path.join(repoRoot(), 'bin', 'agent-risk.js');
    const stylish = spawnSync(process.execPath, [bin, 'scan', '.', '--fail-on', 'never'], {
      cwd: examples,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    }).stdout;
    const expected = cliFindings(examples)
      .map((f) => `${f.file}:${f.line}:${f.column + 1} ${f.severity} ${f.ruleId}`)
      .sort();
    assert.ok(expected.length > 0);
    assert.deepEqual(apply(matcher(), stylish), expected);
  });

  it('is what the example task uses, on plain output', () => {
    const tasks = parse(fs.readFileSync(path.join(repoRoot(), 'examples', '.vscode', 'tasks.json'), 'utf8')) as {
      tasks: Array<{ command: string; problemMatcher: string; options?: { env?: Record<string, string> } }>;
    };
    const scan = tasks.tasks.find((task) => task.problemMatcher === '$agent-risk');
    assert.ok(scan, 'a task with the $agent-risk matcher');
    assert.match(scan.command, /agent-risk scan \./);
    assert.equal(scan.options?.env?.NO_COLOR, '1');
  });
});

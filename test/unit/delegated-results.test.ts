// mergeDelegatedFindings: findings a lint reports in another file go to that file's result once, and a directive
// there that suppressed one of them is not reported as unused by that file's own lint.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig, type LintResult, mergeDelegatedFindings, Project } from '../../src/engine/index';
import { DISPATCHER, HANDLERS } from '../support/delegated-case';

const ROOT = path.resolve('/virtual/ops');
const SERVER_FILE = path.join(ROOT, 'server.ts');
const HANDLERS_FILE = path.join(ROOT, 'handlers.ts');

function lintBoth(handlers: string, dispatcher = DISPATCHER): LintResult[] {
  const files = new Map([
    [SERVER_FILE, dispatcher],
    [HANDLERS_FILE, handlers],
  ]);
  const project = new Project(defaultConfig(), { readFile: (file) => files.get(path.resolve(file)) });
  return [project.lint(HANDLERS_FILE, handlers), project.lint(SERVER_FILE, dispatcher)];
}

const rules = (result: LintResult | undefined, list: 'findings' | 'suppressed' = 'findings'): string[] =>
  (result?.[list] ?? []).map((finding) => `${finding.ruleId}@${finding.range.start.line}`);

describe('mergeDelegatedFindings', () => {
  it('moves the dispatcher lint findings into the handler file result, once even when given twice', () => {
    const [handlers, server] = lintBoth(HANDLERS) as [LintResult, LintResult];
    assert.deepEqual(rules(handlers), []);
    assert.ok(server.findings.every((finding) => finding.file === HANDLERS_FILE));
    const merged = mergeDelegatedFindings([handlers, server, server]);
    assert.deepEqual(
      merged.map((result) => result.file),
      [HANDLERS_FILE, SERVER_FILE],
    );
    assert.deepEqual(rules(merged[0]), ['missing-audit-hook@3', 'unscoped-process@4']);
    assert.deepEqual(rules(merged[1]), []);
    // The inputs are left as they were.
    assert.ok(server.findings.length > 0);
  });

  it('drops the unused report of a directive a moved finding used, and keeps it for the rule nothing used', () => {
    const directive = '  // agent-risk-disable-next-line unscoped-process, unscoped-network -- operator console only\n';
    const text = HANDLERS.replace(
      "  return { content: [{ type: 'text', text: execSync(args.script",
      (line) => directive + line,
    );
    const [handlers, server] = lintBoth(text) as [LintResult, LintResult];
    assert.deepEqual(rules(handlers), ['unused-suppression@4', 'unused-suppression@4']);
    const [merged] = mergeDelegatedFindings([handlers, server]);
    assert.deepEqual(rules(merged, 'suppressed'), ['unscoped-process@5']);
    const unused = (merged?.findings ?? []).filter((finding) => finding.ruleId === 'unused-suppression');
    assert.deepEqual(
      unused.map((finding) => finding.message),
      ['This directive suppresses no `unscoped-network` finding; remove it.'],
    );
  });

  it('returns the results as they are when no finding moved', () => {
    const results: LintResult[] = [{ file: SERVER_FILE, findings: [], suppressed: [], tools: [], problems: [] }];
    assert.deepEqual(mergeDelegatedFindings(results), results);
  });
});

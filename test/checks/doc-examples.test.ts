// The examples in each rule doc behave as the doc says: the incorrect one gets exactly one finding of the rule, the correct one none.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintText, rules } from '../../src/engine/index';
import type { Finding, LintResult } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { loadRuleDoc } from './rule-doc';
import type { CodeBlock } from './rule-doc';

const root = repoRoot();

function describeFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'none';
  return findings
    .map((finding) => `${finding.range.start.line}:${finding.range.start.column} ${finding.ruleId}: ${finding.message}`)
    .join('; ');
}

function lintExample(ruleId: string, block: CodeBlock, label: string): LintResult {
  // A virtual file beside the doc: outside test folders and vendored code, so nothing excludes it or disarms its directives.
  const result = lintText(block.code, path.join(root, 'rules', `${ruleId}.${label}.ts`));
  assert.deepEqual(
    result.problems.map((problem) => `${problem.kind}: ${problem.message}`),
    [],
    `The ${label} example at rules/${ruleId}.md:${block.line} must lint without problems.`,
  );
  return result;
}

describe('checks: rule doc examples', () => {
  for (const rule of rules) {
    describe(rule.docPath, () => {
      const doc = loadRuleDoc(rule.docPath);
      const block = (info: string): CodeBlock => {
        const found = doc?.codeBlocks.find((candidate) => candidate.info === info);
        assert.ok(found !== undefined, `${rule.docPath} needs a \`\`\`${info} block under Examples.`);
        return found;
      };

      it(`the \`ts incorrect\` example gets exactly one ${rule.id} finding`, () => {
        const example = block('ts incorrect');
        const result = lintExample(rule.id, example, 'incorrect');
        const own = result.findings.filter((finding) => finding.ruleId === rule.id);
        assert.equal(
          own.length,
          1,
          `The incorrect example at ${rule.docPath}:${example.line} must get exactly one ${rule.id} finding; got ${describeFindings(own)}.`,
        );
      });

      it(`the \`ts correct\` example gets no ${rule.id} finding and its tool is recognised`, () => {
        const example = block('ts correct');
        const result = lintExample(rule.id, example, 'correct');
        const own = result.findings.filter((finding) => finding.ruleId === rule.id);
        assert.deepEqual(
          own,
          [],
          `The correct example at ${rule.docPath}:${example.line} must get no ${rule.id} finding; got ${describeFindings(own)}.`,
        );
        // Without this, a correct example would pass merely because the engine did not see its tool.
        assert.ok(
          result.tools.length > 0,
          `The engine recognises no tool in the correct example at ${rule.docPath}:${example.line}.`,
        );
      });
    });
  }
});

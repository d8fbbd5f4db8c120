// Every message template is a well-formed sentence, and every messageId is reported, fully filled in, by some invalid fixture.
import * as assert from 'node:assert/strict';
import { rules } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { lintAll } from './fixture-cases';

const root = repoRoot();
const PLACEHOLDER = /\{\{([a-z][A-Za-z0-9]*)\}\}/g;

/** What is wrong with one template, as phrases; empty when it is fine. */
function templateProblems(template: string): string[] {
  const problems: string[] = [];
  if (!/^[A-Z]/.test(template)) problems.push('it must start with a capital letter');
  if (!template.endsWith('.')) problems.push('it must end with a full stop');
  const leftover = template.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}')) {
    problems.push('every placeholder must be written `{{camelCaseName}}`, with no spaces');
  }
  return problems;
}

describe('checks: rule messages', () => {
  for (const rule of rules) {
    describe(rule.id, () => {
      it('has messageIds in camelCase and templates that are sentences with well-formed placeholders', () => {
        const problems = Object.entries(rule.messages).flatMap(([messageId, template]) => [
          ...(/^[a-z][A-Za-z0-9]*$/.test(messageId) ? [] : [`messageId \`${messageId}\` must be camelCase`]),
          ...templateProblems(template).map((problem) => `\`${messageId}\`: ${problem}`),
        ]);
        assert.deepEqual(problems, [], `In src/rules/${rule.id}.ts:\n${problems.join('\n')}`);
      });

      it('has every messageId reported, with every placeholder filled, by an invalid fixture', () => {
        const findings = lintAll(root, rule.id, 'invalid')
          .flatMap((result) => result.findings)
          .filter((finding) => finding.ruleId === rule.id);
        const declared = Object.keys(rule.messages);
        const unknown = [...new Set(findings.map((finding) => finding.messageId))].filter(
          (id) => !declared.includes(id),
        );
        assert.deepEqual(unknown, [], `The engine reports messageIds that src/rules/${rule.id}.ts does not declare.`);
        const unfilled = findings
          .filter((finding) => finding.message.includes('{{'))
          .map((finding) => `${finding.file}:${finding.range.start.line}: ${finding.message}`);
        assert.deepEqual(unfilled, [], 'These findings have unfilled placeholders.');
        const seen = new Set(findings.map((finding) => finding.messageId));
        const unused = declared.filter((id) => !seen.has(id));
        assert.deepEqual(
          unused,
          [],
          `No invalid fixture under test/fixtures/${rule.id}/invalid/ gets a finding with ${unused.map((id) => `\`${id}\``).join(', ')}: add one, or remove the message.`,
        );
      });
    });
  }
});

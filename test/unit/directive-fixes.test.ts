// The directive quick fixes, applied to real directives and checked by linting the fixed text again.
import * as assert from 'node:assert/strict';
import { directiveFixes, REASON_PLACEHOLDER } from '../../src/editor/fixes/directive-fixes';
import { applyEdits } from '../../src/editor/fixes/source';
import { fileSuppressionEdit } from '../../src/editor/fixes/suppression';
import { lintText } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/types';

const TOOL = (directive: string, sink = 'await fetch(url)') => `import { tool } from 'ai';
import { z } from 'zod';
export const fetchPage = tool({
  description: 'Fetch a page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    ${directive}
    return ${sink};
  },
});
`;

function hygiene(result: LintResult, ruleId: string) {
  return result.findings.filter((finding) => finding.ruleId === ruleId);
}

function fixed(text: string, ruleId: string, title: RegExp): string {
  const [finding] = hygiene(lintText(text, 'tool.ts'), ruleId);
  assert.ok(finding, `a ${ruleId} finding in:\n${text}`);
  const fix = directiveFixes(text, finding).find((candidate) => title.test(candidate.title));
  assert.ok(
    fix,
    `a fix titled ${title} among ${directiveFixes(text, finding)
      .map((f) => f.title)
      .join(', ')}`,
  );
  return applyEdits(text, fix.edits);
}

describe('directive quick fixes', () => {
  it('replaces a misspelt rule id with the closest rule, which then suppresses the finding', () => {
    const text = TOOL('// agent-risk-disable-next-line unscoped-netwrk -- fetches the operator mirror');
    const after = fixed(text, 'unused-suppression', /^Replace `unscoped-netwrk` with `unscoped-network`$/);
    assert.match(after, /agent-risk-disable-next-line unscoped-network -- fetches the operator mirror/);
    const result = lintText(after, 'tool.ts');
    assert.deepEqual(hygiene(result, 'unused-suppression'), []);
    assert.equal(result.suppressed.filter((finding) => finding.ruleId === 'unscoped-network').length, 1);
  });

  it('removes a directive that suppresses nothing, with its line', () => {
    const text = TOOL(
      '// agent-risk-disable-next-line unscoped-network -- left over',
      "await fetch('https://example.com/')",
    );
    const after = fixed(text, 'unused-suppression', /^Remove this directive$/);
    assert.doesNotMatch(after, /agent-risk-disable/);
    assert.equal(after.split('\n').length, text.split('\n').length - 1);
    assert.deepEqual(hygiene(lintText(after, 'tool.ts'), 'unused-suppression'), []);
  });

  it('removes only the unused id from a directive that lists several', () => {
    const text = TOOL(
      '// agent-risk-disable-next-line unscoped-process, unscoped-network -- fetches the operator mirror',
    );
    const after = fixed(text, 'unused-suppression', /^Remove `unscoped-process` from this directive$/);
    assert.match(after, /agent-risk-disable-next-line unscoped-network -- fetches the operator mirror/);
    assert.deepEqual(hygiene(lintText(after, 'tool.ts'), 'unused-suppression'), []);
  });

  it('disables a rule for the whole file with a block directive on the first line (after a #! line)', () => {
    const text = `#!/usr/bin/env node\n${TOOL('')}`;
    const [finding] = lintText(text, 'tool.ts').findings.filter((f) => f.ruleId === 'unscoped-network');
    assert.ok(finding);
    const suppression = fileSuppressionEdit(text, finding);
    assert.ok(suppression);
    const after = applyEdits(text, [suppression.edit]).replace('-- ', '-- the operator reviewed every fetch ');
    assert.match(after.split('\n')[1] ?? '', /^\/\* agent-risk-disable unscoped-network -- /);
    const result = lintText(after, 'tool.ts');
    assert.deepEqual(
      result.findings.filter((f) => f.ruleId === 'unscoped-network'),
      [],
    );
    assert.equal(result.suppressed.filter((f) => f.ruleId === 'unscoped-network').length, 1);
  });

  it('adds a reason placeholder to a directive without one', () => {
    const text = TOOL('// agent-risk-disable-next-line unscoped-network');
    const after = fixed(text, 'missing-suppression-reason', /^Add a reason to this directive$/);
    assert.ok(after.includes(`agent-risk-disable-next-line unscoped-network -- ${REASON_PLACEHOLDER}`), after);
    assert.deepEqual(hygiene(lintText(after, 'tool.ts'), 'missing-suppression-reason'), []);
  });
});

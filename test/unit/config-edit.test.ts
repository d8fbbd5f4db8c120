// Changing a rule's severity in a team's .agent-risk.json keeps the file's comments and layout.
import * as assert from 'node:assert/strict';
import { withRuleSeverity } from '../../src/editor/config-edit';

describe('severity written to the team configuration', () => {
  it('adds the rule under rules and keeps comments', () => {
    const text = '{\n  // the team decides\n  "root": true,\n  "rules": {}\n}\n';
    const out = withRuleSeverity(text, 'unscoped-process', 'warning');
    assert.ok(out);
    assert.match(out, /\/\/ the team decides/);
    assert.deepEqual(JSON.parse(out.replace(/\/\/.*\n/, '\n')).rules, { 'unscoped-process': 'warning' });
  });

  it('replaces an existing severity and creates rules when missing', () => {
    const replaced = withRuleSeverity('{ "rules": { "unscoped-network": "error" } }', 'unscoped-network', 'off');
    assert.deepEqual(JSON.parse(replaced ?? 'null').rules, { 'unscoped-network': 'off' });
    const created = withRuleSeverity('{\n\t"root": true\n}\n', 'missing-audit-hook', 'info');
    assert.deepEqual(JSON.parse(created ?? 'null'), { root: true, rules: { 'missing-audit-hook': 'info' } });
    assert.match(created ?? '', /\n\t"rules"/);
  });

  it('refuses a file with a syntax error or that is not an object', () => {
    assert.equal(withRuleSeverity('{ "rules": { ', 'unscoped-network', 'off'), undefined);
    assert.equal(withRuleSeverity('[]', 'unscoped-network', 'off'), undefined);
  });
});

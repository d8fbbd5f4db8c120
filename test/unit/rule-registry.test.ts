// Rules are data the engine reads: a rule registered from outside src/rules reaches reports with its own wording and kind.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintText, defaultConfig, type LintResult } from '../../src/engine/index';
import { checkForPart } from '../../src/engine/catalog/load';
import {
  activeRules,
  builtInRules,
  createRuleTable,
  defineRule,
  registerRules,
  ruleById,
  ruleIds,
  UnknownRuleError,
} from '../../src/rules/index';
import { RuleDefinitionError } from '../../src/rules/define-rule';
import { repoRoot } from '../support/paths';
import throwaway from './fixtures/throwaway-rule/unscoped-email';

const FOLDER = path.join(repoRoot(), 'test', 'unit', 'fixtures', 'throwaway-rule');
const TOOL_FILE = '/project/src/tool.js';
const TOOL_TEXT = fs.readFileSync(path.join(FOLDER, 'tool.js'), 'utf8');

function lintTool(): LintResult {
  return lintText(TOOL_TEXT, TOOL_FILE, defaultConfig());
}

describe('rule registry', () => {
  describe('a throw-away rule registered from test/unit/fixtures/throwaway-rule/', () => {
    let unregister: (() => void) | undefined;
    before(() => {
      unregister = registerRules([{ rule: throwaway, catalogFile: path.join(FOLDER, 'unscoped-email.catalog.yml') }]);
    });
    after(() => unregister?.());

    it('is reported with its own message, part word, severity and metadata', () => {
      const result = lintTool();
      assert.deepEqual(result.problems, []);
      const finding = result.findings.find((candidate) => candidate.ruleId === 'unscoped-email');
      assert.ok(finding, JSON.stringify(result.findings.map((candidate) => candidate.ruleId)));
      assert.equal(finding.messageId, 'taintedRecipient');
      assert.equal(
        finding.message,
        'The recipient of this email comes from the tool input `to` and no recipient allowlist bounds it.',
      );
      assert.equal(finding.severity, 'error');
      assert.equal(finding.docPath, 'rules/unscoped-email.md');
      assert.deepEqual(finding.cwe, ['CWE-284']);
      assert.equal(TOOL_TEXT.slice(finding.range.start.offset, finding.range.end.offset), 'send(to, body)');
    });

    it("lists the sink as a capability of the rule's kind and words the audit finding with its effect", () => {
      const result = lintTool();
      const tool = result.tools[0];
      assert.ok(tool);
      assert.deepEqual(
        tool.capabilities.map((capability) => [
          capability.kind,
          capability.sink,
          capability.modelControlled,
          capability.bounded,
          capability.isWrite,
        ]),
        [['network', 'mailer-send-to', true, false, true]],
      );
      assert.deepEqual(tool.findingRules, ['missing-audit-hook', 'unscoped-email']);
      const audit = result.findings.find((candidate) => candidate.ruleId === 'missing-audit-hook');
      assert.match(
        audit?.message ?? '',
        /^The tool `sendNote` reaches unscoped email sends but no audit hook records its calls/,
      );
    });

    it("reads a configured sink's part from the rule's own part words", () => {
      assert.equal(checkForPart('Recipient', 'unscoped-email'), 'host');
      assert.equal(checkForPart(undefined, 'unscoped-email'), 'host');
      assert.equal(ruleById('unscoped-email'), throwaway);
    });

    it('leaves the built-in rule list unchanged', () => {
      assert.ok(!ruleIds.includes('unscoped-email'));
      assert.deepEqual(activeRules().ids, [...builtInRules.ids, 'unscoped-email']);
    });
  });

  it('is gone once unregistered: the engine reloads the built-in catalogs', () => {
    const unregister = registerRules([
      { rule: throwaway, catalogFile: path.join(FOLDER, 'unscoped-email.catalog.yml') },
    ]);
    assert.equal(lintTool().findings.filter((finding) => finding.ruleId === 'unscoped-email').length, 1);
    unregister();
    assert.equal(activeRules(), builtInRules);
    const result = lintTool();
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.tools[0]?.capabilities, []);
  });

  describe('unknown rules and checks are errors, not defaults', () => {
    it('the table rejects unknown ids and rules asked for facts they do not have', () => {
      assert.throws(() => builtInRules.get('unscoped-netwrk'), UnknownRuleError);
      assert.throws(() => builtInRules.sinkFacts('missing-audit-hook'), /reports no sinks/);
      assert.throws(() => checkForPart('url', 'unscoped-netwrk'), UnknownRuleError);
      assert.throws(() => createRuleTable([throwaway, throwaway]), /registered twice/);
      assert.throws(() => createRuleTable([throwaway]).only('audit'), /No rule has the role `audit`/);
    });

    it('defineRule rejects facts that contradict the messages or the checks', () => {
      const base = {
        id: 'broken-rule',
        description: 'Broken.',
        defaultSeverity: 'error' as const,
        cwe: [],
        owasp: [],
        precision: 'high' as const,
        messages: { found: 'Found.' },
      };
      const capability = {
        kind: 'process' as const,
        order: 99,
        label: 'X',
        shortLabel: 'x',
        controlledPart: 'x',
        boundWording: 'on an allowlist',
        icon: 'x',
      };
      const effect = { read: 'x', write: 'x' };
      const check = { part: 'x', partWords: ['x'], messageId: 'found', viaHelperMessageId: 'found' } as const;
      assert.throws(
        () =>
          defineRule({
            ...base,
            reports: {
              role: 'sink',
              judgedBy: 'scope',
              effect,
              defaultCheck: 'path',
              checks: { command: check },
              capability,
            },
          }),
        /defaultCheck `path` is not one of its checks/,
      );
      assert.throws(
        () =>
          defineRule({
            ...base,
            reports: {
              role: 'sink',
              judgedBy: 'scope',
              effect,
              defaultCheck: 'transfer',
              checks: { transfer: check },
              capability,
            },
          }),
        RuleDefinitionError,
      );
      assert.throws(
        () => defineRule({ ...base, reports: { role: 'audit', messageId: 'missing' as 'found' } }),
        /`missing` is not in `messages`/,
      );
    });
  });

  it('src/rules imports nothing from the rest of the project', () => {
    const dir = path.join(repoRoot(), 'src', 'rules');
    const offenders = fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) =>
        [...fs.readFileSync(path.join(dir, name), 'utf8').matchAll(/from\s+['"](\.\.\/[^'"]*)['"]/g)].map(
          (match) => `src/rules/${name}: ${match[1]}`,
        ),
      );
    assert.deepEqual(offenders, [], 'src/rules is the bottom layer: move what it needs into src/rules.');
  });
});

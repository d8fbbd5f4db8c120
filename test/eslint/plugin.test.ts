// The ESLint plugin: ESLint's RuleTester over the rule fixtures (expectations from their caret annotations), and a
// real ESLint run over examples/ that must report exactly the findings of `agent-risk scan`.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
// biome-ignore lint/suspicious/noExplicitAny: typescript-eslint's parser types need moduleResolution node16; ESLint only calls parseForESLint.
const tsParser: any = require('@typescript-eslint/parser');
import { ESLint, RuleTester } from 'eslint';
import plugin, { configs, rules as pluginRules } from '../../src/eslint-plugin/index';
import { rules } from '../../src/rules/index';
import { fixtureCases } from '../checks/fixture-cases';
import { parseFixture } from '../support/annotations';
import { cliFindings } from '../support/cli-findings';
import { repoRoot } from '../support/paths';

const ruleIds = rules.map((rule) => rule.id);
const languageOptions = { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } };

/** Any of the rule's message templates, its `{{placeholders}}` standing for any text. */
function messagePattern(rule: (typeof rules)[number]): RegExp {
  const templates = Object.values(rule.messages).map((template) =>
    template
      .split(/\{\{\s*\w+\s*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*?'),
  );
  // One finding for tools that share a handler names them after the template (engine/findings.ts).
  const shared = '(?: The tools [\\s\\S]*? (?:both|all) reach it\\.)?';
  return new RegExp(`^(?:${templates.join('|')})${shared}$`);
}

describe('ESLint plugin: RuleTester on the fixtures', () => {
  const tester = new RuleTester({ languageOptions });
  for (const rule of rules) {
    const valid: RuleTester.ValidTestCase[] = [];
    const invalid: RuleTester.InvalidTestCase[] = [];
    for (const kind of ['valid', 'invalid'] as const) {
      // Single-file cases with the default configuration; multi-file and configured cases belong to the CLI's tests.
      for (const fixture of fixtureCases(repoRoot(), rule.id, kind)) {
        if (fixture.configFile !== undefined || fixture.files.length !== 1 || fixture.location !== fixture.files[0])
          continue;
        const code = fs.readFileSync(fixture.location, 'utf8');
        const parsed = parseFixture(code, ruleIds);
        if (parsed.errors.length > 0) continue;
        const reported = parsed.annotations.filter(
          (annotation) =>
            annotation.ruleId === rule.id && (annotation.kind === 'expected' || annotation.kind === 'spurious'),
        );
        const filename = fixture.location;
        if (reported.length === 0) valid.push({ code, filename, name: fixture.name });
        else
          invalid.push({
            code,
            filename,
            name: fixture.name,
            errors: reported
              .sort((a, b) => a.line - b.line || a.column - b.column)
              .map((annotation) => ({
                message: messagePattern(rule),
                line: annotation.line,
                ...(annotation.isArrow ? {} : { column: annotation.column + 1 }),
              })),
          });
      }
    }
    // biome-ignore lint/suspicious/noExplicitAny: RuleTester's rule type is ESLint's own; ours is structurally the same.
    tester.run(`agent-risk/${rule.id}`, pluginRules[rule.id] as any, { valid, invalid });
  }
});

describe('ESLint plugin: a real ESLint run', function () {
  this.timeout(180_000);

  it('reports exactly the CLI findings on examples/, with flat config `configs.recommended`', async () => {
    const examples = path.join(repoRoot(), 'examples');
    const eslint = new ESLint({
      cwd: examples,
      overrideConfigFile: true,
      // biome-ignore lint/suspicious/noExplicitAny: the recommended config is a flat config object ESLint accepts as it is.
      overrideConfig: [{ files: ['**/*.ts'], languageOptions }, configs.recommended as any],
    });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const fromEslint = results
      .flatMap((result) =>
        result.messages.map(
          (message) =>
            `${path.relative(examples, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column - 1} ${message.ruleId} ${message.severity === 2 ? 'error' : 'warning'}`,
        ),
      )
      .sort();
    const fromCli = cliFindings(examples)
      .map((f) => `${f.file}:${f.line}:${f.column} agent-risk/${f.ruleId} ${f.severity}`)
      .sort();
    assert.ok(fromCli.length > 0);
    assert.deepEqual(fromEslint, fromCli);
    assert.equal(plugin.meta.name, 'agent-risk-lint/eslint-plugin');
    // Users import it by the package's own export, as the README's configuration does.
    const exported = require('agent-risk-lint/eslint-plugin') as typeof import('../../src/eslint-plugin/index');
    assert.deepEqual(Object.keys(exported.configs.recommended as object).sort(), ['name', 'plugins', 'rules']);
  });
});

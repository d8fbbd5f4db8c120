// `agent-risk-lint/eslint-plugin`: one ESLint rule per product rule, backed by the engine, for teams that want the
// checks in the ESLint config and pipeline they already run. Flat config: `configs.recommended`.
import { rules as productRules } from '../rules/index';
import type { RuleDefinition } from '../rules/define-rule';
import { packageVersion } from '../scan/package-info';
import { docFile } from '../scan/package-info';
import { resultFor } from './engine-results';

/** The slice of ESLint's rule API the plugin uses; typed here so the engine does not depend on ESLint's types. */
interface RuleContext {
  filename: string;
  sourceCode: { text: string };
  report(descriptor: {
    loc: { start: { line: number; column: number }; end: { line: number; column: number } };
    message: string;
  }): void;
}

interface EslintRule {
  meta: {
    type: 'problem';
    docs: { description: string; url: string; recommended: boolean };
    schema: [];
    messages?: Record<string, string>;
  };
  create(context: RuleContext): Record<string, () => void>;
}

function eslintRule(rule: RuleDefinition): EslintRule {
  return {
    meta: {
      type: 'problem',
      docs: { description: rule.description, url: `file://${docFile(rule.docPath)}`, recommended: true },
      schema: [],
    },
    create(context) {
      return {
        'Program:exit'() {
          const result = resultFor(context.filename, context.sourceCode.text);
          for (const finding of result?.findings ?? []) {
            if (finding.ruleId !== rule.id) continue;
            context.report({
              loc: {
                start: { line: finding.range.start.line, column: finding.range.start.column },
                end: { line: finding.range.end.line, column: finding.range.end.column },
              },
              message: finding.message,
            });
          }
        },
      };
    },
  };
}

export const rules: Record<string, EslintRule> = Object.fromEntries(
  productRules.map((rule) => [rule.id, eslintRule(rule)]),
);

const plugin = {
  meta: { name: 'agent-risk-lint/eslint-plugin', version: packageVersion() },
  rules,
  configs: {} as Record<string, unknown>,
};

/** Every rule at its product severity (`hint`/`info` become `warn`; ESLint has no lower level). */
plugin.configs.recommended = {
  name: 'agent-risk/recommended',
  plugins: { 'agent-risk': plugin },
  rules: Object.fromEntries(
    productRules.map((rule) => [`agent-risk/${rule.id}`, rule.defaultSeverity === 'error' ? 'error' : 'warn']),
  ),
};

export default plugin;
export const configs = plugin.configs;
export const meta = plugin.meta;

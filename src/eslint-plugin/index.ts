// `agent-risk-lint/eslint-plugin`: one ESLint rule per product rule, backed by the engine, for teams that want the
// checks in the ESLint config and pipeline they already run. Flat config: `configs.recommended`.
import * as path from 'node:path';
import type { Finding, Range } from '../engine/types';
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
            const at = placeInFile(finding, result?.file ?? context.filename);
            if (at === undefined) continue;
            context.report({
              loc: {
                start: { line: at.range.start.line, column: at.range.start.column },
                end: { line: at.range.end.line, column: at.range.end.column },
              },
              message: at.message,
            });
          }
        },
      };
    },
  };
}

/**
 * ESLint reports only in the file it lints: a delegated tool's finding, which the engine puts in its handler's
 * file, is reported at its dispatch in this file, and says where the effect is.
 */
function placeInFile(finding: Finding, file: string): { range: Range; message: string } | undefined {
  if (finding.file === file) return finding;
  const dispatch = finding.related.find((entry) => entry.kind === 'call' && entry.file === file);
  if (dispatch === undefined) return undefined;
  const where = `${path.basename(finding.file)}:${finding.range.start.line}`;
  return { range: dispatch.range, message: `${finding.message} (Reported in the handler's file, ${where}.)` };
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

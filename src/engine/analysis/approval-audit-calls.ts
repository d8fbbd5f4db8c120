// Decides which calls approve a tool call (a human confirms first) and which record it for audit: configured
// and cataloged names, never a sink that would approve or audit itself.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, unwrapExpression, type Node } from '../ast';
import { matchesPath } from '../api';
import type { Evaluator } from './evaluator';
import { matchSinks } from './sinks';

/** A call to a configured or cataloged approval function (a human confirms before the tool goes on). */
export function isApprovalCall(node: Node, interpreter: Evaluator): boolean {
  const inner = unwrapExpression(node);
  if (inner.type !== 'CallExpression') return false;
  const { ctx } = interpreter;
  const callee = unwrapExpression(inner.callee);
  const text = describe(callee, ctx.text);
  const last = text.split('.').pop() ?? text;
  // A configured name is a whole callee path, and a sink never approves itself (`["create"]` and `refunds.create`).
  if (ctx.config.approvalFunctions.includes(text) && matchSinks(inner, interpreter).length === 0) return true;
  const common = ctx.catalogs.common;
  if (common.approvalNames.includes(last)) return true;
  const ref = ctx.api.resolve(callee);
  return ref !== undefined && common.approvalImports.some((entry) => matchesPath(ref, entry.modules, entry.path));
}

/** A call that records the tool call for audit: a configured audit function or one named like `audit`. */
export function isAuditCallee(node: TSESTree.CallExpression | TSESTree.NewExpression, interpreter: Evaluator): boolean {
  const named = isAuditName(
    describe(unwrapExpression(node.callee), interpreter.ctx.text),
    interpreter.ctx.config.auditFunctions,
    interpreter.ctx.catalogs.common,
  );
  // The effect being audited does not audit itself (sink rows are matched only for audit-named calls).
  return named && matchSinks(node, interpreter).length === 0;
}

export function isAuditName(
  text: string,
  configured: string[],
  common: { auditNamePattern: RegExp; notAuditCallees: string[] },
): boolean {
  // Configured names match the whole callee path: `["create"]` must not make every `x.create()` an audit.
  if (configured.includes(text)) return true;
  const head = text.split('.')[0] ?? text;
  if (common.notAuditCallees.includes(head) || common.notAuditCallees.includes(text)) return false;
  return text.split('.').some((segment) => common.auditNamePattern.test(segment));
}

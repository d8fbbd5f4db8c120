// Wrappers around a tool or its handler that record every call: named like an audit function, or a
// project function whose body records the call (`logger.logRequest(...)`, `recordToolCall(...)`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, unwrapExpression, walk } from '../ast';
import type { FileContext } from '../analysis/context';
import { resolveFunction } from '../analysis/resolve';
import { isAuditName } from '../analysis/approval-audit-calls';

/** Method names that write a record of an event; `debug`, `trace` and console output are not among them. */
const RECORDING = /^(audit\w*|record\w*|track\w*|log(Request|Response|Event|Call|Tool\w*|Action\w*|Invocation))$/;

/** How a wrapper call is described in the inventory when it records every call, else undefined. */
export function auditWrapper(call: TSESTree.CallExpression, ctx: FileContext): string | undefined {
  const text = describe(unwrapExpression(call.callee), ctx.text);
  if (isAuditName(text, ctx.config.auditFunctions, ctx.catalogs.common)) return `${text}()`;
  const resolved = resolveFunction(call.callee, ctx);
  if (!resolved || resolved.fn.body === undefined) return undefined;
  let records = false;
  walk(resolved.fn.body, (node) => {
    if (records) return false;
    if (node.type === 'CallExpression') {
      const callee = describe(unwrapExpression(node.callee), resolved.ctx.text);
      const head = callee.split('.')[0] ?? callee;
      const last = callee.split('.').pop() ?? callee;
      if (head !== 'console' && RECORDING.test(last)) records = true;
    }
    return true;
  });
  return records ? `${text}()` : undefined;
}

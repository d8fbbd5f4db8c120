// File-level facts that apply to every tool in a file: framework hooks that see each tool call, and
// agent- or call-level approval registrations naming tools.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, isFunction, propertyName, stringValue, unwrapExpression, walk, type Node } from '../ast';
import { matchesPath } from '../api';
import type { FileContext } from '../analysis/context';
import { isAuditName } from '../analysis/sinks';

export interface FileFacts {
  /** A description of the first framework-level hook that records tool calls, if any. */
  hook?: string;
  /** Tool names approved by a registration; `all` when a registration covers every tool. */
  approvedNames: Set<string>;
  approvesAll: boolean;
  approvalSource?: string;
}

export function collectFileFacts(ctx: FileContext): FileFacts {
  const facts: FileFacts = { approvedNames: new Set(), approvesAll: false };
  const common = ctx.catalogs.common;
  walk(ctx.ast, (node) => {
    if (node.type === 'CallExpression') {
      const callee = unwrapExpression(node.callee);
      if (callee.type === 'MemberExpression' && common.hookEventMethods.includes(propertyName(callee) ?? '')) {
        const event = stringValue(node.arguments[0]);
        const callback = node.arguments[1];
        if (event && common.hookEventNames.includes(event) && callback && recordsSomething(callback, ctx)) {
          facts.hook ??= `${describe(callee, ctx.text)}('${event}')`;
        }
      }
      const ref = ctx.api.resolve(callee);
      if (ref) {
        for (const entry of common.approvalRegistrationPaths) {
          // Paths like Member[humanInTheLoopMiddleware].Argument[0].Member[interruptOn]: match the callee part.
          const calleeTokens = entry.path.slice(0, entry.path.findIndex((token) => token.kind === 'Argument'));
          if (matchesPath(ref, entry.modules, calleeTokens)) {
            const options = node.arguments[0];
            const inner = options ? unwrapExpression(options) : undefined;
            if (inner?.type === 'ObjectExpression') {
              const last = entry.path[entry.path.length - 1];
              const key = last?.kind === 'Member' ? last.names[0] : undefined;
              const property = inner.properties.find((candidate) => candidate.type === 'Property' && propertyName(candidate) === key);
              if (property?.type === 'Property') addApprovals(property.value as Node, facts, describe(callee, ctx.text));
            }
          }
        }
      }
    }
    if (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') {
      const name = propertyName(node);
      if (name === undefined) return;
      if (common.hookCallbackProperties.includes(name)) {
        const value = node.value;
        if (value && recordsSomething(value as Node, ctx)) facts.hook ??= name;
      }
      if (node.type === 'Property' && common.approvalRegistrationProperties.includes(name)) addApprovals(node.value as Node, facts, name);
    }
  });
  return facts;
}

function addApprovals(value: Node, facts: FileFacts, source: string): void {
  const inner = unwrapExpression(value);
  if (inner.type === 'ObjectExpression') {
    for (const property of inner.properties) {
      if (property.type !== 'Property') continue;
      const name = propertyName(property);
      const propertyValue = unwrapExpression(property.value as Node);
      if (name !== undefined && !(propertyValue.type === 'Literal' && propertyValue.value === false)) facts.approvedNames.add(name);
    }
  } else if (!(inner.type === 'Literal' && inner.value === false)) {
    facts.approvesAll = true;
  }
  facts.approvalSource ??= source;
}

/** A hook counts when it does more than print: it calls something other than console or debug logging. */
function recordsSomething(callback: Node, ctx: FileContext): boolean {
  const inner = unwrapExpression(callback);
  if (!isFunction(inner)) return inner.type === 'Identifier' || inner.type === 'MemberExpression';
  let records = false;
  walk(inner.body, (node) => {
    if (records) return false;
    if (node.type === 'CallExpression') {
      const text = describe(unwrapExpression((node as TSESTree.CallExpression).callee), ctx.text);
      const head = text.split('.')[0] ?? text;
      if (isAuditName(text, ctx.config.auditFunctions, ctx.catalogs.common)) records = true;
      else if (!ctx.catalogs.common.notAuditCallees.includes(head) && !ctx.catalogs.common.notAuditCallees.includes(text) && !/^(debug|log|trace)$/i.test(text.split('.').pop() ?? '')) records = true;
    }
    return undefined;
  });
  return records;
}

// File-level facts that apply to every tool in a file: framework hooks that see each tool call, and
// agent- or call-level approval registrations naming tools.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, isFunction, propertyName, stringValue, unwrapExpression, walk, type Node } from '../ast';
import { matchesPath } from '../api';
import type { FileContext } from '../analysis/context';
import { agentToolsAround, classUseTools, toolsOfEmitter, toolsProperty } from './agent-scope';
import { isAuditName } from '../analysis/approval-audit-calls';
import { cachedVendoredRanges, isVendored } from './vendored-regions';

export interface Hook {
  description: string;
  /** The tools the hook sees (variable or tool names); undefined when it sees every tool. */
  toolNames?: Set<string>;
}

/** An agent- or call-level approval registration. */
export interface Approval {
  source: string;
  /** The tools it gates (tool or variable names); undefined when it gates every tool it sees. */
  names?: Set<string>;
  /** The tools of the agent or call it is registered on; undefined when the engine cannot tell. */
  toolNames?: Set<string>;
}

export interface FileFacts {
  /** Framework-level hooks that record tool calls. */
  hooks: Hook[];
  approvals: Approval[];
}

/** The registration that gates a tool known by these names (its name and the variables holding it). */
export function approvalFor(facts: FileFacts, names: string[]): Approval | undefined {
  const covers = (set: Set<string> | undefined) => !set || names.some((name) => set.has(name));
  return facts.approvals.find((approval) => covers(approval.names) && covers(approval.toolNames));
}

export function collectFileFacts(ctx: FileContext): FileFacts {
  const facts: FileFacts = { hooks: [], approvals: [] };
  const common = ctx.catalogs.common;
  // A bundled dependency's own callback manager (`handleToolStart` of a vendored framework class) registers
  // nothing for the project's tools.
  const vendored = cachedVendoredRanges(ctx.ast, ctx.text);
  walk(ctx.ast, (node) => {
    if (vendored.length > 0 && node.type !== 'Program' && isVendored(vendored, node.range[0])) return false;
    if (node.type === 'CallExpression') {
      const callee = unwrapExpression(node.callee);
      if (callee.type === 'MemberExpression' && common.hookEventMethods.includes(propertyName(callee) ?? '')) {
        const event = stringValue(node.arguments[0]);
        const callback = node.arguments[1];
        if (event && common.hookEventNames.includes(event) && callback && recordsSomething(callback, ctx)) {
          addHook(facts, `${describe(callee, ctx.text)}('${event}')`, toolsOfEmitter(callee.object, ctx));
        }
      }
      const ref = ctx.api.resolve(callee);
      if (ref) {
        for (const entry of common.approvalRegistrationPaths) {
          // Paths like Member[humanInTheLoopMiddleware].Argument[0].Member[interruptOn]: match the callee part.
          const calleeTokens = entry.path.slice(
            0,
            entry.path.findIndex((token) => token.kind === 'Argument'),
          );
          if (matchesPath(ref, entry.modules, calleeTokens)) {
            const options = node.arguments[0];
            const inner = options ? unwrapExpression(options) : undefined;
            if (inner?.type === 'ObjectExpression') {
              const last = entry.path[entry.path.length - 1];
              const key = last?.kind === 'Member' ? last.names[0] : undefined;
              const property = inner.properties.find(
                (candidate) => candidate.type === 'Property' && propertyName(candidate) === key,
              );
              if (property?.type === 'Property')
                addApproval(property.value as Node, facts, describe(callee, ctx.text), agentToolsAround(node, ctx));
            }
          }
        }
      }
    }
    if (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'PropertyDefinition') {
      const name = propertyName(node);
      if (name === undefined) return true;
      // `function generateText({ onStepFinish, … })`: a bundled framework destructuring its own option registers nothing.
      if (common.hookCallbackProperties.includes(name) && node.parent?.type !== 'ObjectPattern') {
        const value = node.value;
        if (value && recordsSomething(value as Node, ctx)) {
          const owner = node.type === 'Property' && node.parent?.type === 'ObjectExpression' ? node.parent : undefined;
          const holder = node.type === 'Property' ? undefined : node.parent?.parent;
          const scope = owner
            ? (toolsProperty(owner, ctx) ?? agentToolsAround(owner, ctx))
            : holder?.type === 'ClassDeclaration' || holder?.type === 'ClassExpression'
              ? classUseTools(holder, ctx)
              : undefined;
          addHook(facts, name, scope);
        }
      }
      if (node.type === 'Property' && common.approvalRegistrationProperties.includes(name))
        addApproval(node.value as Node, facts, name, agentToolsAround(node, ctx));
    }
    return true;
  });
  return facts;
}

function addHook(facts: FileFacts, description: string, toolNames: Set<string> | undefined): void {
  const hook: Hook = { description };
  if (toolNames) hook.toolNames = toolNames;
  facts.hooks.push(hook);
}

function addApproval(value: Node, facts: FileFacts, source: string, toolNames: Set<string> | undefined): void {
  const inner = unwrapExpression(value);
  const approval: Approval = { source };
  if (toolNames) approval.toolNames = toolNames;
  if (inner.type === 'ObjectExpression') {
    const names = new Set<string>();
    for (const property of inner.properties) {
      if (property.type !== 'Property') continue;
      const name = propertyName(property);
      const propertyValue = unwrapExpression(property.value as Node);
      if (name !== undefined && !(propertyValue.type === 'Literal' && propertyValue.value === false)) names.add(name);
    }
    approval.names = names;
  } else if (inner.type === 'Literal' && inner.value === false) {
    return;
  }
  facts.approvals.push(approval);
}

/** A hook counts when it does more than print: it calls something other than console or debug logging. */
/**
 * `createServer({ onToolCall })` handing on its own caller's option (a parameter, or a name unpacked from one): the
 * package registers whatever its embedder passes, often nothing (its own entry passes none), so it records nothing.
 */
function isForwardedOption(name: TSESTree.Identifier, ctx: FileContext): boolean {
  const binding = ctx.scopes.resolve(name);
  if (binding?.kind === 'param') return true;
  const init = binding?.kind === 'var' && binding.patternPath.length > 0 ? binding.init : undefined;
  const source = init ? unwrapExpression(init) : undefined;
  return source?.type === 'Identifier' && ctx.scopes.resolve(source)?.kind === 'param';
}

function recordsSomething(callback: Node, ctx: FileContext): boolean {
  const inner = unwrapExpression(callback);
  if (!isFunction(inner))
    return (inner.type === 'Identifier' && !isForwardedOption(inner, ctx)) || inner.type === 'MemberExpression';
  let records = false;
  walk(inner.body, (node) => {
    if (records) return false;
    if (node.type === 'CallExpression') {
      const text = describe(unwrapExpression((node as TSESTree.CallExpression).callee), ctx.text);
      const head = text.split('.')[0] ?? text;
      if (isAuditName(text, ctx.config.auditFunctions, ctx.catalogs.common)) records = true;
      else if (
        !ctx.catalogs.common.notAuditCallees.includes(head) &&
        !ctx.catalogs.common.notAuditCallees.includes(text) &&
        !/^(debug|log|trace)$/i.test(text.split('.').pop() ?? '')
      )
        records = true;
    }
    return undefined;
  });
  return records;
}

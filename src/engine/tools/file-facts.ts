// File-level facts that apply to every tool in a file: framework hooks that see each tool call, and
// agent- or call-level approval registrations naming tools.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, isFunction, propertyName, stringValue, unwrapExpression, walk, type Node } from '../ast';
import { matchesPath } from '../api';
import type { FileContext } from '../analysis/context';
import { isAuditName } from '../analysis/sinks';

export interface Hook {
  description: string;
  /** The tools the hook sees (variable or tool names); undefined when it sees every tool. */
  toolNames?: Set<string>;
}

export interface FileFacts {
  /** Framework-level hooks that record tool calls. */
  hooks: Hook[];
  /** Tool names approved by a registration; `all` when a registration covers every tool. */
  approvedNames: Set<string>;
  approvesAll: boolean;
  approvalSource?: string;
}

export function collectFileFacts(ctx: FileContext): FileFacts {
  const facts: FileFacts = { hooks: [], approvedNames: new Set(), approvesAll: false };
  const common = ctx.catalogs.common;
  walk(ctx.ast, (node) => {
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
                addApprovals(property.value as Node, facts, describe(callee, ctx.text));
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
        if (value && recordsSomething(value as Node, ctx)) {
          const owner = node.type === 'Property' && node.parent?.type === 'ObjectExpression' ? node.parent : undefined;
          addHook(facts, name, owner ? toolsProperty(owner, ctx) : undefined);
        }
      }
      if (node.type === 'Property' && common.approvalRegistrationProperties.includes(name))
        addApprovals(node.value as Node, facts, name);
    }
  });
  return facts;
}

function addHook(facts: FileFacts, description: string, toolNames: Set<string> | undefined): void {
  const hook: Hook = { description };
  if (toolNames) hook.toolNames = toolNames;
  facts.hooks.push(hook);
}

/** The tools an options object lists under `tools`; undefined when it lists none the engine can read. */
function toolsProperty(object: TSESTree.ObjectExpression, ctx: FileContext): Set<string> | undefined {
  const property = object.properties.find(
    (candidate) => candidate.type === 'Property' && propertyName(candidate) === 'tools',
  );
  if (property?.type !== 'Property') return undefined;
  return toolNamesIn(property.value as Node, ctx, 0);
}

function toolNamesIn(node: Node, ctx: FileContext, depth: number): Set<string> | undefined {
  const inner = unwrapExpression(node);
  const names = new Set<string>();
  if (inner.type === 'ObjectExpression') {
    for (const property of inner.properties) {
      if (property.type !== 'Property') return undefined;
      const key = propertyName(property);
      if (key !== undefined) names.add(key);
      const value = unwrapExpression(property.value as Node);
      if (value.type === 'Identifier') names.add(value.name);
    }
    return names;
  }
  if (inner.type === 'ArrayExpression') {
    for (const element of inner.elements) {
      if (!element) continue;
      const value = unwrapExpression(element);
      if (value.type !== 'Identifier') return undefined;
      names.add(value.name);
    }
    return names;
  }
  if (inner.type === 'Identifier' && depth < 3) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement)
      return toolNamesIn(binding.init, ctx, depth + 1);
  }
  return undefined;
}

/** `agent.on(...)`: the tools of the agent the emitter was built with; a runner (or anything else) sees them all. */
function toolsOfEmitter(emitter: Node, ctx: FileContext): Set<string> | undefined {
  const inner = unwrapExpression(emitter);
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(inner);
  const init = binding?.kind === 'var' && binding.init ? unwrapExpression(binding.init) : undefined;
  if (init?.type !== 'NewExpression' && init?.type !== 'CallExpression') return undefined;
  const options = init.arguments[0] ? unwrapExpression(init.arguments[0]) : undefined;
  return options?.type === 'ObjectExpression' ? toolsProperty(options, ctx) : undefined;
}

function addApprovals(value: Node, facts: FileFacts, source: string): void {
  const inner = unwrapExpression(value);
  if (inner.type === 'ObjectExpression') {
    for (const property of inner.properties) {
      if (property.type !== 'Property') continue;
      const name = propertyName(property);
      const propertyValue = unwrapExpression(property.value as Node);
      if (name !== undefined && !(propertyValue.type === 'Literal' && propertyValue.value === false))
        facts.approvedNames.add(name);
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

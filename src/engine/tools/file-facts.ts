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
                addApproval(property.value as Node, facts, describe(callee, ctx.text), agentToolsAround(node, ctx));
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
        addApproval(node.value as Node, facts, name, agentToolsAround(node, ctx));
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

/**
 * `agent.on(...)`: the tools of the agent the emitter was built with; `runner.on(...)`: the tools of the
 * agents the runner runs in this file (`runner.run(agent, input)`); undefined when that is not known.
 */
function toolsOfEmitter(emitter: Node, ctx: FileContext): Set<string> | undefined {
  const inner = unwrapExpression(emitter);
  if (inner.type !== 'Identifier') return undefined;
  const own = toolsOfConstruction(inner, ctx);
  if (own) return own;
  const binding = ctx.scopes.resolve(inner);
  if (!binding) return undefined;
  const union = new Set<string>();
  let runs = 0;
  let unknown = false;
  walk(ctx.ast, (node) => {
    if (unknown || runs >= MAX_USES) return false;
    if (node.type !== 'CallExpression') return undefined;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'run') return undefined;
    const receiver = unwrapExpression(callee.object);
    if (receiver.type !== 'Identifier' || ctx.scopes.resolve(receiver) !== binding) return undefined;
    runs++;
    const agent = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
    const tools = agent?.type === 'Identifier' ? toolsOfConstruction(agent, ctx) : undefined;
    if (!tools) unknown = true;
    else for (const name of tools) union.add(name);
    return undefined;
  });
  return unknown || runs === 0 ? undefined : union;
}

/** `const agent = new Agent({ tools: [...] })`: the tools the variable's constructor call lists. */
function toolsOfConstruction(variable: TSESTree.Identifier, ctx: FileContext): Set<string> | undefined {
  const binding = ctx.scopes.resolve(variable);
  const init = binding?.kind === 'var' && binding.init ? unwrapExpression(binding.init) : undefined;
  if (init?.type !== 'NewExpression' && init?.type !== 'CallExpression') return undefined;
  const options = init.arguments[0] ? unwrapExpression(init.arguments[0]) : undefined;
  return options?.type === 'ObjectExpression' ? toolsProperty(options, ctx) : undefined;
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

/**
 * The tools of the agent or call a registration sits in: the nearest enclosing object literal with a
 * `tools` property (`createAgent({ tools, middleware: [hitl(...)] })`), also when the registration is
 * held in a variable that such an object uses. Undefined when the engine cannot tell.
 */
function agentToolsAround(node: Node, ctx: FileContext): Set<string> | undefined {
  const direct = enclosingTools(node, ctx);
  if (direct) return direct;
  let holder: Node = node;
  for (let i = 0; i < 3 && holder.parent && holder.parent.type !== 'VariableDeclarator'; i++) {
    if (holder.parent.type !== 'ObjectExpression' && holder.parent.type !== 'Property') return undefined;
    holder = holder.parent;
  }
  const declarator = holder.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(declarator.id);
  if (!binding) return undefined;
  const union = new Set<string>();
  let uses = 0;
  let unscoped = false;
  walk(ctx.ast, (candidate) => {
    if (unscoped || uses >= MAX_USES) return false;
    if (candidate.type !== 'Identifier' || candidate === declarator.id) return undefined;
    if (ctx.scopes.resolve(candidate) !== binding) return undefined;
    uses++;
    const tools = enclosingTools(candidate, ctx);
    if (!tools) unscoped = true;
    else for (const name of tools) union.add(name);
    return undefined;
  });
  return unscoped || uses === 0 ? undefined : union;
}

const MAX_USES = 20;

function enclosingTools(node: Node, ctx: FileContext): Set<string> | undefined {
  let current: Node | undefined = node.parent;
  for (let i = 0; i < 8 && current; i++, current = current.parent) {
    if (current.type === 'ObjectExpression') {
      const tools = toolsProperty(current, ctx);
      if (tools) return tools;
    }
    if (isFunction(current) || current.type === 'Program') return undefined;
  }
  return undefined;
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

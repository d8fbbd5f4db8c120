// Which tools an agent- or call-level registration (an approval, a hook) applies to: the tools of the
// agent or call it is registered on, read from the `tools` the agent's or call's options list.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, stringValue, unwrapExpression, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { localCallers, referencesOf } from '../analysis/local-callers';
import type { Binding } from '../scope';

/** The tools an options object lists under `tools`; undefined when it lists none the engine can read. */
export function toolsProperty(object: TSESTree.ObjectExpression, ctx: FileContext): Set<string> | undefined {
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
      const inline = inlineToolName(value);
      if (inline !== undefined) names.add(inline);
    }
    return names;
  }
  if (inner.type === 'ArrayExpression') {
    for (const element of inner.elements) {
      if (!element) continue;
      const value = unwrapExpression(element);
      const name = value.type === 'Identifier' ? value.name : inlineToolName(value);
      if (name === undefined) return undefined;
      names.add(name);
    }
    return names;
  }
  if (inner.type === 'Identifier' && depth < 3) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement)
      return toolNamesIn(binding.init, ctx, depth + 1);
    if (binding?.kind === 'param') return passedToolNames(binding, ctx, depth);
  }
  return undefined;
}

/**
 * `async function callAgent({ prompt, tools }) { generateText({ tools, onStepFinish }) }`: the tools are
 * what the function's callers in this file pass; with no caller here, tools from elsewhere, none of the
 * file's own registrations.
 */
function passedToolNames(binding: Binding, ctx: FileContext, depth: number): Set<string> | undefined {
  if (!binding.fn || binding.paramIndex === undefined) return undefined;
  const calls = localCallers(binding.fn, ctx);
  if (!calls) return undefined;
  const names = new Set<string>();
  for (const call of calls) {
    let passed: Node | undefined = call.arguments[binding.paramIndex];
    for (const key of binding.patternPath) {
      const object: Node | undefined = passed ? unwrapExpression(passed) : undefined;
      const property: TSESTree.ObjectLiteralElement | undefined =
        object?.type === 'ObjectExpression'
          ? object.properties.find((candidate) => candidate.type === 'Property' && propertyName(candidate) === key)
          : undefined;
      passed = property?.type === 'Property' ? (property.value as Node) : undefined;
    }
    const found = passed ? toolNamesIn(passed, ctx, depth + 1) : undefined;
    if (!found) return undefined;
    for (const name of found) names.add(name);
  }
  return names;
}

/** A tool written in place (`tools: [tool({ name: 'purge_cache', ... })]`): the name its options spell. */
function inlineToolName(node: Node): string | undefined {
  const candidates =
    node.type === 'CallExpression' || node.type === 'NewExpression'
      ? node.arguments.map((argument) => unwrapExpression(argument))
      : [node];
  for (const candidate of candidates) {
    if (candidate.type !== 'ObjectExpression') continue;
    for (const property of candidate.properties) {
      if (property.type !== 'Property' || !['name', 'id'].includes(propertyName(property) ?? '')) continue;
      const name = stringValue(property.value as Node);
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

/**
 * `agent.on(...)`: the tools of the agent the emitter was built with; `runner.on(...)`: the tools of the
 * agents the runner runs in this file (`runner.run(agent, input)`); undefined when that is not known.
 */
export function toolsOfEmitter(emitter: Node, ctx: FileContext): Set<string> | undefined {
  const inner = unwrapExpression(emitter);
  if (inner.type !== 'Identifier') return undefined;
  const own = toolsOfConstruction(inner, ctx);
  if (own) return own;
  const binding = ctx.scopes.resolve(inner);
  if (!binding) return undefined;
  return unionOverUses(ctx, (node) => {
    if (node.type !== 'CallExpression') return undefined;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'run') return undefined;
    const receiver = unwrapExpression(callee.object);
    if (receiver.type !== 'Identifier' || ctx.scopes.resolve(receiver) !== binding) return undefined;
    const agent = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
    return { tools: agent?.type === 'Identifier' ? toolsOfConstruction(agent, ctx) : undefined };
  });
}

/** `const agent = new Agent({ tools: [...] })`: the tools the variable's constructor call lists. */
function toolsOfConstruction(variable: TSESTree.Identifier, ctx: FileContext): Set<string> | undefined {
  const binding = ctx.scopes.resolve(variable);
  const init = binding?.kind === 'var' && binding.init ? unwrapExpression(binding.init) : undefined;
  if (init?.type !== 'NewExpression' && init?.type !== 'CallExpression') return undefined;
  const options = init.arguments[0] ? unwrapExpression(init.arguments[0]) : undefined;
  return options?.type === 'ObjectExpression' ? toolsProperty(options, ctx) : undefined;
}

/**
 * The tools of the agent or call a registration sits in: the nearest enclosing object literal with a
 * `tools` property (`createAgent({ tools, middleware: [hitl(...)] })`), also when the registration is
 * held in a variable that such an object uses. Undefined when the engine cannot tell.
 */
export function agentToolsAround(node: Node, ctx: FileContext): Set<string> | undefined {
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
  // The file's reference index, in the walk's order: the first MAX_USES uses decide, as in unionOverUses.
  const union = new Set<string>();
  let uses = 0;
  for (const candidate of referencesOf(binding, ctx)) {
    if (candidate === declarator.id) continue;
    if (uses >= MAX_USES) break;
    uses++;
    const tools = usageTools(candidate, ctx);
    if (!tools) return undefined;
    for (const name of tools) union.add(name);
  }
  return uses === 0 ? undefined : union;
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

/**
 * Where a hook object or handler instance is used (`callbacks: [recorder]`, `agent.invoke(input, {
 * callbacks: [new Recorder()] })`): the tools of the options object around the use, or of the agent
 * whose method receives it.
 */
export function usageTools(use: Node, ctx: FileContext): Set<string> | undefined {
  const around = enclosingTools(use, ctx);
  if (around) return around;
  let current: Node | undefined = use.parent;
  for (let i = 0; i < 6 && current; i++, current = current.parent) {
    if (current.type === 'CallExpression') {
      const callee = unwrapExpression(current.callee);
      const receiver = callee.type === 'MemberExpression' ? unwrapExpression(callee.object) : undefined;
      return receiver?.type === 'Identifier' ? toolsOfConstruction(receiver, ctx) : undefined;
    }
    if (isFunction(current)) return undefined;
  }
  return undefined;
}

/** The tools a class's instances are used with (`new Recorder()` sites), or undefined when any use is unscoped. */
export function classUseTools(
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ctx: FileContext,
): Set<string> | undefined {
  const id = node.id;
  if (!id) return undefined;
  return unionOverUses(ctx, (candidate) => {
    if (candidate.type !== 'NewExpression') return undefined;
    const callee = unwrapExpression(candidate.callee);
    if (callee.type !== 'Identifier' || callee.name !== id.name) return undefined;
    return { tools: usageTools(candidate, ctx) };
  });
}

/**
 * The union of the tools over every use `useOf` recognises in the file (it returns the use's tools,
 * undefined when that use is unscoped); undefined when any use is unscoped or there is none.
 */
function unionOverUses(
  ctx: FileContext,
  useOf: (node: Node) => { tools: Set<string> | undefined } | undefined,
): Set<string> | undefined {
  const union = new Set<string>();
  let uses = 0;
  let unscoped = false;
  walk(ctx.ast, (node) => {
    if (unscoped || uses >= MAX_USES) return false;
    const use = useOf(node);
    if (!use) return undefined;
    uses++;
    if (!use.tools) unscoped = true;
    else for (const name of use.tools) union.add(name);
    return undefined;
  });
  return unscoped || uses === 0 ? undefined : union;
}

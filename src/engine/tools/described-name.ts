// Names for tools whose name is built at run time: a template with its placeholders kept (`VectorQuery {indexName} Tool`), a default behind `id || …`, or the factory that returns the tool.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { constantString, heldValue } from './constant-name';

/** Names hand on to variables and defaults a few times; more is hostile input. */
const MAX_STEPS = 4;
/** A factory's `return` sits a few blocks deep at most (`if`, `try`); further up is not its result. */
const MAX_RETURN_DEPTH = 12;

/**
 * The readable name of a name expression that is not one constant: a template literal with some fixed
 * text (`` `bedrock_kb_${id}` `` → `bedrock_kb_{id}`), or the constant side of `id || 'default'` /
 * `id ?? \`…\``, also through a local `const` that holds one.
 */
export function describedName(node: Node, ctx: FileContext, steps = 0): string | undefined {
  if (steps > MAX_STEPS) return undefined;
  const constant = constantString(node, ctx);
  if (constant !== undefined) return constant;
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case 'TemplateLiteral':
      return templateName(inner, ctx);
    case 'LogicalExpression':
      if (inner.operator === '&&') return undefined;
      return describedName(inner.left, ctx, steps + 1) ?? describedName(inner.right, ctx, steps + 1);
    case 'Identifier': {
      const held = heldValue(inner, ctx);
      return held && held.ctx === ctx ? describedName(held.node, ctx, steps + 1) : undefined;
    }
    case 'MemberExpression':
      return lookedUpName(inner, ctx);
    default:
      return undefined;
  }
}

/**
 * `name: spec.name` after `const spec = requireActionSpec('CLEAR_HISTORY')` (generated action specs):
 * a spec fetched by one constant key is named by that key.
 */
function lookedUpName(member: TSESTree.MemberExpression, ctx: FileContext): string | undefined {
  const key = propertyName(member);
  if ((key !== 'name' && key !== 'id') || member.object.type !== 'Identifier') return undefined;
  const held = heldValue(member.object, ctx);
  const init = held && held.ctx === ctx ? unwrapExpression(held.node) : undefined;
  const lookup = init?.type === 'AwaitExpression' ? unwrapExpression(init.argument) : init;
  if (lookup?.type !== 'CallExpression' || lookup.arguments.length !== 1) return undefined;
  const [argument] = lookup.arguments;
  return argument && argument.type !== 'SpreadElement' ? constantString(argument, ctx) : undefined;
}

/** Fixed text with each placeholder named by what it spells; all-placeholder templates say nothing. */
function templateName(template: TSESTree.TemplateLiteral, ctx: FileContext): string | undefined {
  const fixed = template.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw);
  if (fixed.join('').trim() === '') return undefined;
  let text = fixed[0] ?? '';
  template.expressions.forEach((expression, index) => {
    text += `${placeholder(expression, ctx)}${fixed[index + 1] ?? ''}`;
  });
  return text.trim();
}

function placeholder(expression: Node, ctx: FileContext): string {
  const constant = constantString(expression, ctx);
  if (constant !== undefined) return constant;
  const inner = unwrapExpression(expression);
  const spelled =
    inner.type === 'Identifier' ? inner.name : inner.type === 'MemberExpression' ? propertyName(inner) : undefined;
  return `{${spelled ?? '…'}}`;
}

/**
 * A tool returned by a named function (`function webSearch(config) { return tool({…}) }`,
 * `const createChunkerTool = (o) => createTool({…})`, a `getSearchTool()` method) is what that
 * factory makes, so it is named after it. A tool built inside an anonymous callback (an adapter's
 * `actions.map(a => tool({…}))`) has no such name.
 */
export function factoryName(call: Node): string | undefined {
  const fn = factoryOf(call);
  return fn ? functionName(fn) : undefined;
}

/** The function whose result `call` is: an arrow's expression body, or what a `return` hands back. */
export function factoryOf(call: Node): FunctionLike | undefined {
  let current: Node = call;
  for (let depth = 0; depth < MAX_RETURN_DEPTH && current.parent; depth++) {
    const parent: Node = current.parent;
    if (parent.type === 'ArrowFunctionExpression' && parent.body === current) return parent;
    if (parent.type === 'ReturnStatement') return enclosingFunction(parent);
    if (
      parent.type !== 'AwaitExpression' &&
      parent.type !== 'TSAsExpression' &&
      parent.type !== 'TSSatisfiesExpression' &&
      parent.type !== 'ChainExpression'
    )
      return undefined;
    current = parent;
  }
  return undefined;
}

type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

function enclosingFunction(node: Node): FunctionLike | undefined {
  let current = node.parent;
  for (let depth = 0; depth < MAX_RETURN_DEPTH && current; depth++) {
    if (
      current.type === 'ArrowFunctionExpression' ||
      current.type === 'FunctionExpression' ||
      current.type === 'FunctionDeclaration'
    )
      return current;
    current = current.parent;
  }
  return undefined;
}

function functionName(fn: FunctionLike): string | undefined {
  if (fn.id) return fn.id.name;
  const holder = fn.parent;
  if (holder?.type === 'VariableDeclarator' && holder.init === fn && holder.id.type === 'Identifier')
    return holder.id.name;
  if ((holder?.type === 'Property' || holder?.type === 'MethodDefinition') && holder.value === fn)
    return propertyName(holder);
  return undefined;
}

// The generic tool builder: a fluent chain that describes a tool, gives its input schema and ends in its handler (`tool().description('…').input(schema).handler(fn)`), whatever SDK provides it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, stringValue, unwrapExpression, walk, type Node } from '../../ast';
import { resolveFunction } from '../../analysis/resolve';
import type { FileContext } from '../../analysis/context';
import type { Binding } from '../../scope';
import { collectCaps } from '../caps';
import { nameNodeFromContext } from '../tool-name';
import { attachHandlers, baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

/** A builder chain is a handful of calls; a longer chain is a query or a pipeline, not a declaration. */
const MAX_CHAIN = 12;
/** Object properties read to find the key a builder is registered under (`tools: { read_pdf: readPdf }`). */
const MAX_SLOT_SEARCH = 20_000;

/**
 * `X.handler(fn)` whose receiver chain calls a description method and a schema method: one tool, named by a
 * `.name('…')` step, else by the key it is registered under in this file, else by the variable holding it.
 * Both marks are required, since fluent command-line and routing builders share the handler step.
 */
export function fromGenericBuilder(node: TSESTree.CallExpression, ctx: FileContext): RecognisedTool | undefined {
  const generic = ctx.catalogs.genericObject;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || node.arguments.length !== 1) return undefined;
  const handlerKey = propertyName(callee);
  if (handlerKey === undefined || !generic.handlerKeys.includes(handlerKey)) return undefined;
  const handlerNode = node.arguments[0] as Node;
  if (!isFunction(unwrapExpression(handlerNode)) && !resolveFunction(handlerNode, ctx)) return undefined;
  const steps = chainSteps(unwrapExpression(callee.object));
  if (steps === undefined) return undefined;
  const schemaMethods = [...generic.schemaKeys, ...generic.builderSchemaMethods];
  const described = steps.some((step) => generic.descriptionKeys.includes(step.name));
  const schema = steps.some((step) => schemaMethods.includes(step.name));
  if (!described || !schema) return undefined;
  const named = steps.find((step) => generic.nameKeys.includes(step.name));
  const literal = named?.argument ? stringValue(named.argument) : undefined;
  const name =
    literal !== undefined && named?.argument
      ? { name: literal, node: named.argument }
      : (registeredSlot(node, ctx) ?? nameNodeFromContext(node));
  const form: FormLike = {
    id: 'generic-tool-builder',
    framework: generic.framework,
    handler: [],
    input: [],
    names: [],
    approval: [],
  };
  const tool = baseTool(name ?? { name: '(dynamic name)', node }, form, node);
  attachHandlers(tool, [handlerNode], form, ctx, node);
  collectCaps(node, tool, ctx);
  return tool;
}

interface ChainStep {
  name: string;
  argument: Node | undefined;
}

/** The method calls of a fluent chain, outermost first; undefined when it is no chain of calls. */
function chainSteps(start: Node): ChainStep[] | undefined {
  const steps: ChainStep[] = [];
  let current = start;
  while (current.type === 'CallExpression' && steps.length < MAX_CHAIN) {
    const callee = unwrapExpression(current.callee);
    if (callee.type !== 'MemberExpression') return steps.length > 0 ? steps : undefined;
    const name = propertyName(callee);
    if (name === undefined) return undefined;
    steps.push({ name, argument: current.arguments[0] as Node | undefined });
    current = unwrapExpression(callee.object);
  }
  return steps.length > 0 && steps.length < MAX_CHAIN ? steps : undefined;
}

/** `const readPdf = tool()…handler(fn)` registered as `tools: { read_pdf: readPdf }`: the key names it. */
function registeredSlot(node: Node, ctx: FileContext): { name: string; node: Node } | undefined {
  const declarator = node.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(declarator.id);
  if (!binding) return undefined;
  let found: { name: string; node: Node } | undefined;
  let visited = 0;
  walk(ctx.ast, (inner) => {
    if (found || ++visited > MAX_SLOT_SEARCH) return false;
    if (inner.type !== 'Property' || inner.shorthand || inner.computed) return undefined;
    const value = unwrapExpression(inner.value as Node);
    if (value.type !== 'Identifier' || !sameBinding(value, binding, ctx)) return undefined;
    const key = propertyName(inner);
    if (key !== undefined) found = { name: key, node: inner.key };
    return false;
  });
  return found;
}

function sameBinding(identifier: TSESTree.Identifier, binding: Binding, ctx: FileContext): boolean {
  return ctx.scopes.resolve(identifier) === binding;
}

// The objects a variable may hold when its initialiser names or picks one (`options?.ops ?? defaultOps`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { type Node, unwrapExpression } from '../ast';
import type { FileContext } from './context';
import { factoryObjects } from './provider-objects';
import type { ResolvedFunction } from './resolve';

/** The resolver's own lookups, handed in so that this module does not import its caller. */
export interface PickedLookups {
  objectMember(
    object: TSESTree.ObjectExpression,
    name: string,
    ctx: FileContext,
    depth: number,
  ): ResolvedFunction | undefined;
  resolveFunction(node: Node, ctx: FileContext, depth: number): ResolvedFunction | undefined;
}

/** Operands read from one initialiser: a chain of `??` / `||` / `?:` is short in real code. */
const MAX_OPERANDS = 6;

/**
 * `const ops = options?.operations ?? defaultOperations` or `const ops = defaults`: the operands that are
 * the package's own objects (a variable, an object literal or a factory call), not the caller's override,
 * which no analysis can see; the variable's members are theirs.
 */
function pickedOperands(init: Node): Node[] {
  const out: Node[] = [];
  const pending: Node[] = [unwrapExpression(init)];
  while (pending.length > 0 && out.length < MAX_OPERANDS) {
    const node = pending.pop() as Node;
    if (node.type === 'LogicalExpression' && node.operator !== '&&') pending.push(...operands(node));
    else if (node.type === 'ConditionalExpression') pending.push(...operands(node));
    else if (node.type === 'Identifier' || node.type === 'ObjectExpression' || node.type === 'CallExpression') {
      out.push(node);
    }
  }
  return out;
}

function operands(node: TSESTree.LogicalExpression | TSESTree.ConditionalExpression): Node[] {
  const pair = node.type === 'LogicalExpression' ? [node.left, node.right] : [node.consequent, node.alternate];
  return pair.map((operand) => unwrapExpression(operand as Node));
}

/** The functions `name` may be on a variable initialised with `init`, through its package-owned operands. */
export function pickedTargets(
  init: Node,
  name: string,
  ctx: FileContext,
  depth: number,
  look: PickedLookups,
): ResolvedFunction[] {
  const out: ResolvedFunction[] = [];
  for (const operand of pickedOperands(init)) {
    for (const found of operandTargets(operand, name, ctx, depth, look)) {
      if (!out.some((seen) => seen.fn === found.fn)) out.push(found);
    }
  }
  return out;
}

function operandTargets(
  operand: Node,
  name: string,
  ctx: FileContext,
  depth: number,
  look: PickedLookups,
): ResolvedFunction[] {
  const list = (found: ResolvedFunction | undefined): ResolvedFunction[] => (found ? [found] : []);
  let held = operand;
  // A parameter is the caller's override, unknown here; a variable is followed to what it starts as, once,
  // so that picks of picks cannot multiply the work (each operand is a literal or a factory call).
  if (held.type === 'Identifier') {
    const binding = ctx.scopes.resolve(held);
    if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0) return [];
    held = unwrapExpression(binding.init);
  }
  if (held.type === 'ObjectExpression') return list(look.objectMember(held, name, ctx, depth));
  if (held.type !== 'CallExpression') return [];
  const resolveCallee = (callee: Node, at: FileContext) => look.resolveFunction(callee, at, depth + 1);
  return factoryObjects(held, ctx, resolveCallee).flatMap((made) =>
    list(look.objectMember(made.object, name, made.ctx, depth)),
  );
}

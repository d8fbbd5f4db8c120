// Per-tree index of what is made with `new`: variables assigned an instance, built in one walk instead of one
// per lookup (what a class constructs into its fields is in class-fields.ts, with its other assignments).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression } from '../ast';
import { forEachOfTypes } from '../typed-nodes';
import type { Binding } from '../scope';
import type { FileContext } from './context';

/** Per file: `x = new C(...)` assignments in source order, by the binding of `x`. */
const assignedInstances = new WeakMap<TSESTree.Program, Map<Binding, TSESTree.NewExpression[]>>();

/**
 * One walk per file, not one per lookup: a bundle declares hundreds of `var x;` assigned later, and
 * walking the whole file for each of them made the lint of such a file quadratic.
 */
export function constructedAssignments(ctx: FileContext): Map<Binding, TSESTree.NewExpression[]> {
  const cached = assignedInstances.get(ctx.ast);
  if (cached) return cached;
  const index = new Map<Binding, TSESTree.NewExpression[]>();
  forEachOfTypes<TSESTree.AssignmentExpression>(ctx.ast, ['AssignmentExpression'], (candidate) => {
    if (candidate.left.type !== 'Identifier') return;
    const right = unwrapExpression(candidate.right);
    const binding = right.type === 'NewExpression' ? ctx.scopes.resolve(candidate.left) : undefined;
    if (binding && right.type === 'NewExpression') index.set(binding, [...(index.get(binding) ?? []), right]);
  });
  assignedInstances.set(ctx.ast, index);
  return index;
}

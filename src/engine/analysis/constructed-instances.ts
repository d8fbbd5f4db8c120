// Per-tree indexes of what is made with `new`: variables assigned an instance, and class fields constructed
// in an initialiser or an assignment to `this.x`, each built in one walk instead of one per lookup.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, walk, type Node } from '../ast';
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
  walk(ctx.ast, (candidate) => {
    if (candidate.type !== 'AssignmentExpression' || candidate.left.type !== 'Identifier') return true;
    const right = unwrapExpression(candidate.right);
    const binding = right.type === 'NewExpression' ? ctx.scopes.resolve(candidate.left) : undefined;
    if (binding && right.type === 'NewExpression') index.set(binding, [...(index.get(binding) ?? []), right]);
    return true;
  });
  assignedInstances.set(ctx.ast, index);
  return index;
}

/** Per class body: the classes its fields are constructed from, by field name, in source order. */
const fieldConstructors = new WeakMap<TSESTree.ClassBody, Map<string, Node[]>>();

/**
 * One walk per class, not one per `this.x` lookup: a generated server's class holds every tool's handler, and
 * walking it for each member access made its lint quadratic (a 700 KB class took 10 s).
 */
export function constructedFields(body: TSESTree.ClassBody): Map<string, Node[]> {
  const cached = fieldConstructors.get(body);
  if (cached) return cached;
  const index = new Map<string, Node[]>();
  const add = (name: string | undefined, callee: Node): void => {
    if (name !== undefined) index.set(name, [...(index.get(name) ?? []), callee]);
  };
  walk(body, (candidate) => {
    if (candidate.type === 'PropertyDefinition' && candidate.value?.type === 'NewExpression')
      add(propertyName(candidate), candidate.value.callee);
    if (
      candidate.type === 'AssignmentExpression' &&
      candidate.left.type === 'MemberExpression' &&
      candidate.left.object.type === 'ThisExpression' &&
      candidate.right.type === 'NewExpression'
    )
      add(propertyName(candidate.left), candidate.right.callee);
    return true;
  });
  fieldConstructors.set(body, index);
  return index;
}

// A call that sets something up once (`if (!db) db = openDatabase()`, `client ??= createClient()`): what it
// writes (the database's folder, a config file) happens on the first call of any tool, not as this tool's effect.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, unwrapExpression, type Node } from '../ast';

/** Statements between the assignment and the `if` that tests the variable. */
const MAX_IF_DEPTH = 4;

/** Whether `call`'s result is stored only the first time: assigned under a test that the target is unset. */
export function isLazyInitCall(call: TSESTree.CallExpression, text: string): boolean {
  let node: Node = call;
  while (node.parent?.type === 'AwaitExpression') node = node.parent;
  const assignment = node.parent;
  if (assignment?.type !== 'AssignmentExpression' || assignment.right !== node) return false;
  const target = describe(unwrapExpression(assignment.left), text);
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (assignment.operator !== '=') return false;
  let ancestor: Node | undefined = assignment.parent;
  for (let depth = 0; ancestor && depth < MAX_IF_DEPTH; depth++, ancestor = ancestor.parent) {
    if (ancestor.type === 'IfStatement') return testsUnset(ancestor.test, target, text);
  }
  return false;
}

/** `!db`, `db == null`, `db === undefined`, `!this.client`. */
function testsUnset(test: Node, target: string, text: string): boolean {
  const inner = unwrapExpression(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!')
    return describe(unwrapExpression(inner.argument), text) === target;
  if (inner.type === 'BinaryExpression' && ['==', '===', '!=', '!=='].includes(inner.operator)) {
    const sides = [inner.left, inner.right].map((side) => unwrapExpression(side as Node));
    const unset = sides.some(
      (side) =>
        (side.type === 'Literal' && side.value === null) || (side.type === 'Identifier' && side.name === 'undefined'),
    );
    return (
      unset &&
      (inner.operator === '==' || inner.operator === '===') &&
      sides.some((side) => describe(side, text) === target)
    );
  }
  return false;
}

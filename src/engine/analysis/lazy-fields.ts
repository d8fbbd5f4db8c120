// What a lazily built field or singleton holds: the values a function or class assigns it
// (`if (!this.client) this.client = new Client(); return this.client;`, `Factory.instance = new Factory()`).
import { isFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';

/** Nodes read for one field's assignments, and values kept. */
const MAX_SCAN = 600;
const MAX_VALUES = 4;

/**
 * The values assigned to `<object>.<name>` inside `root`, where `isObject` says which receivers count
 * (`this`, or the class's own name). Nested functions are skipped unless `intoFunctions` (a class's
 * methods are where its static singleton is built).
 */
export function assignedMemberValues(
  root: Node,
  name: string,
  isObject: (object: Node) => boolean,
  intoFunctions: boolean,
): Node[] {
  const values: Node[] = [];
  let visited = 0;
  walk(root, (node) => {
    if (values.length >= MAX_VALUES || ++visited > MAX_SCAN) return false;
    if (!intoFunctions && node !== root && isFunction(node)) return false;
    if (
      node.type === 'AssignmentExpression' &&
      node.left.type === 'MemberExpression' &&
      propertyName(node.left) === name &&
      isObject(unwrapExpression(node.left.object))
    )
      values.push(node.right);
    return undefined;
  });
  return values;
}

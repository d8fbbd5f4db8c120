// What a lazily built field holds: the values a function assigns it (`if (!this.client) this.client = new
// Client(); return this.client;`; what a whole class assigns is indexed per class in class-fields.ts).
import { isFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';

/** Nodes read for one field's assignments, and values kept. */
const MAX_SCAN = 600;
const MAX_VALUES = 4;

/**
 * The values assigned to `<object>.<name>` inside `root`, where `isObject` says which receivers count.
 * Nested functions are skipped: they run at another time, if ever.
 */
export function assignedMemberValues(root: Node, name: string, isObject: (object: Node) => boolean): Node[] {
  const values: Node[] = [];
  let visited = 0;
  walk(root, (node) => {
    if (values.length >= MAX_VALUES || ++visited > MAX_SCAN) return false;
    if (node !== root && isFunction(node)) return false;
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

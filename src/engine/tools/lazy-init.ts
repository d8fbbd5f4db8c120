// A call that sets something up once (`if (!db) db = openDatabase()`, `client ??= createClient()`, one client per
// network kept in a map, `if (!clients.has(net)) clients.set(net, Client.create(url))`): what it writes (the
// database's folder, a config file) or creates (a client object) happens on the first call of any tool, not as this
// tool's effect.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, unwrapExpression, type Node } from '../ast';

/** Statements between the assignment and the `if` that tests the variable. */
const MAX_IF_DEPTH = 4;

/** Whether `call`'s result is stored only the first time: assigned under a test that the target is unset. */
export function isLazyInitCall(call: TSESTree.CallExpression, text: string): boolean {
  let node: Node = call;
  while (node.parent?.type === 'AwaitExpression') node = node.parent;
  if (isStoredOnceInMap(node, text)) return true;
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

/**
 * `if (!clients.has(key)) clients.set(key, Client.create(url))`: an instance a class's static factory makes once per
 * key and keeps. Only a class's factory (a capitalised receiver): the key may be the model's, so a resource
 * made per key (`if (!orders.has(id)) orders.set(id, api.orders.create(…))`) is still a write each time.
 */
function isStoredOnceInMap(value: Node, text: string): boolean {
  if (value.type !== 'CallExpression' || !isClassFactory(value)) return false;
  const store = value.parent;
  if (store?.type !== 'CallExpression' || store.arguments[1] !== value) return false;
  const callee = unwrapExpression(store.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return false;
  if (callee.property.name !== 'set' || store.arguments[0] === undefined) return false;
  const cache = describe(unwrapExpression(callee.object), text);
  const key = describe(unwrapExpression(store.arguments[0] as Node), text);
  let ancestor: Node | undefined = store.parent;
  for (let depth = 0; ancestor && depth < MAX_IF_DEPTH; depth++, ancestor = ancestor.parent) {
    if (ancestor.type === 'IfStatement') return testsMissingKey(ancestor.test, cache, key, text);
  }
  return false;
}

/** `!cache.has(key)`. */
function testsMissingKey(test: Node, cache: string, key: string, text: string): boolean {
  const inner = unwrapExpression(test);
  if (inner.type !== 'UnaryExpression' || inner.operator !== '!') return false;
  const call = unwrapExpression(inner.argument);
  if (call.type !== 'CallExpression' || call.arguments.length !== 1) return false;
  const callee = unwrapExpression(call.callee);
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.property.type === 'Identifier' &&
    callee.property.name === 'has' &&
    describe(unwrapExpression(callee.object), text) === cache &&
    describe(unwrapExpression(call.arguments[0] as Node), text) === key
  );
}

/** `Client.create(…)`, `Sdk.Client.connect(…)`: a static method of a capitalised class name. */
function isClassFactory(call: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return false;
  const receiver = unwrapExpression(callee.object);
  const name =
    receiver.type === 'Identifier'
      ? receiver.name
      : receiver.type === 'MemberExpression' && !receiver.computed && receiver.property.type === 'Identifier'
        ? receiver.property.name
        : '';
  return /^[A-Z][a-z]/.test(name);
}

// Whether a write's argument carries the model's input: directly, or through local variables whose values are built
// from it, followed a bounded number of steps.
import { isFunction, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { modelCallName } from '../analysis/model-output';
import type { Binding } from '../scope';
import { isPropertyKey } from './schema-parts';

/** Whether an expression is (part of) the model's input in the function being scanned. */
export type IsInput = (node: Node) => boolean;

/**
 * Local variables followed back to their values (`const raw = encode(input); send({ raw })`); an agent
 * runtime's details take four (`{ id } = details.object`, `details = { object: parsed }`, `parsed =
 * parseXml(answer)`, `answer = await runtime.useModel(…)`).
 */
const MAX_COPY_DEPTH = 4;
/** Nodes read for one argument, across the variables followed from it. */
const MAX_CARRY_NODES = 400;

/**
 * A client write counts when the model's input reaches it: the tool then writes what the model chose.
 * With a context, a local variable carries the input when a value it is given does (a value built
 * from it). One budget bounds the whole search, whatever the number of variables and assignments.
 */
export function carriesInput(
  argument: Node,
  isInput: IsInput,
  ctx?: FileContext,
  depth = 0,
  budget = { nodes: 0, bindings: new Set<Binding>() },
): boolean {
  let found = false;
  walk(argument, (node) => {
    if (found || ++budget.nodes > MAX_CARRY_NODES) return false;
    if ((node.type === 'Identifier' || node.type === 'MemberExpression') && isInput(node)) found = true;
    // `const answer = await runtime.useModel(…)`: what the model answers is its input too.
    else if (ctx && node.type === 'CallExpression' && modelCallName(node, node.callee, ctx) !== undefined) found = true;
    // `Schema.parse(input)`: `parse` names a member, not the bundle's top-level `function parse`, whose body
    // would spend the budget before the input it is handed is reached.
    else if (ctx && node.type === 'Identifier' && depth < MAX_COPY_DEPTH && !isPropertyKey(node)) {
      const binding = ctx.scopes.resolve(node);
      // `const { channelId, message } = Schema.parse(args)`: a part of a value built from the input carries it.
      if (binding?.kind === 'var' && !binding.isLoopElement && !budget.bindings.has(binding)) {
        budget.bindings.add(binding);
        found = valuesOf(binding, ctx).some(
          (value) => value !== argument && carriesInput(value, isInput, ctx, depth + 1, budget),
        );
      }
    }
    return !found;
  });
  return found;
}

/** Nodes read per variable when its assignments are looked for; values kept per variable. */
const MAX_ASSIGNMENT_SCAN = 2000;
const MAX_VALUES = 8;
const assignedValues = new WeakMap<Binding, Node[]>();

/**
 * What a local variable may hold: its initialiser, and what its function assigns to it later
 * (`let payload; try { payload = JSON.parse(input); } catch {}`).
 */
function valuesOf(binding: Binding, ctx: FileContext): Node[] {
  const cached = assignedValues.get(binding);
  if (cached) return cached;
  const values: Node[] = binding.init ? [binding.init] : [];
  assignedValues.set(binding, values);
  if (binding.declarationKind === 'const') return values;
  let scope: Node | undefined = binding.id.parent;
  while (scope && !isFunction(scope) && scope.type !== 'Program') scope = scope.parent;
  if (!scope) return values;
  let visited = 0;
  walk(scope, (node) => {
    if (++visited > MAX_ASSIGNMENT_SCAN || values.length >= MAX_VALUES) return false;
    if (
      node.type === 'AssignmentExpression' &&
      node.left.type === 'Identifier' &&
      ctx.scopes.resolve(node.left) === binding
    )
      values.push(node.right);
    return undefined;
  });
  return values;
}

/** Calls between a write and the client it starts from (`storage.bucket(b).file(k).delete()` has two). */
const MAX_RECEIVER_CALLS = 4;

/**
 * A resource handle built from the model's input (`storage.bucket(name).file(key).delete()`,
 * `db.collection(c).doc(id).delete()`): the write takes no argument, but the model chose what it
 * changes through the calls on the way to it. Only calls of the receiver chain count, a bounded number.
 */
export function receiverCarriesInput(call: Node, isInput: IsInput, ctx: FileContext): boolean {
  if (call.type !== 'CallExpression') return false;
  let node: Node = call.callee;
  let calls = 0;
  let hops = 0;
  while (calls < MAX_RECEIVER_CALLS) {
    if (node.type === 'ChainExpression' || node.type === 'TSNonNullExpression') node = node.expression;
    else if (node.type === 'MemberExpression') node = node.object;
    else if (node.type === 'AwaitExpression') node = node.argument;
    else if (node.type === 'CallExpression') {
      calls++;
      if (node.arguments.some((argument) => carriesInput(argument, isInput, ctx))) return true;
      node = node.callee;
    } else if (node.type === 'Identifier' && ctx && hops < MAX_RECEIVER_CALLS) {
      // `const container = docker.getContainer(id); await container.stop()`: the handle was built from the input.
      const binding = ctx.scopes.resolve(node);
      if (binding?.kind !== 'var' || !binding.init) return false;
      if (isInput(node)) return true;
      hops++;
      node = binding.init;
    } else return false;
  }
  return false;
}

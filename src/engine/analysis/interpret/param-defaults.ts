// A helper parameter's written default (`httpMethod = 'POST'`) as the value a caller that omits the argument passes.
import { stringValue, type FunctionNode } from '../../ast';
import { constantValue, type Value } from '../value';

/**
 * The constant a parameter defaults to when it is a literal the author wrote (`httpMethod = 'POST'`,
 * `retries = 3`, a template with no expressions), else undefined. A caller that omits the argument runs the
 * helper with it: `callMethod('frappe.client.submit', args)` of `callMethod(method, args = {}, httpMethod =
 * 'POST')` posts, so the request it reaches is a write. Defaults computed from anything else (another
 * parameter, a call, a configured value) are not constants and stay unknown, as before.
 */
export function literalDefault(fn: FunctionNode, index: number): Value | undefined {
  const param = fn.params[index];
  if (param?.type !== 'AssignmentPattern') return undefined;
  const right = param.right;
  const text = stringValue(right);
  if (text !== undefined) return constantValue(text);
  const raw = right.type === 'Literal' ? right.value : undefined;
  return typeof raw === 'number' || typeof raw === 'boolean' ? constantValue(String(raw)) : undefined;
}

/** Whether a call leaves the argument at `index` out (no spread before it could supply it). */
export function omitted(node: { arguments: readonly { type: string }[] }, index: number): boolean {
  return index >= node.arguments.length && !node.arguments.some((argument) => argument.type === 'SpreadElement');
}

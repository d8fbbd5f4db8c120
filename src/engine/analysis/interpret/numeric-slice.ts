// A slice of a value the program holds, cut at numbers the model gives (a page of a directory listing):
// the model picks which elements, not what they are.
import { isNumberInput } from '../origins';
import { isTainted, type Value } from '../value';

/**
 * Whether `receiver.slice(...args)` keeps the receiver's own elements: the receiver carries no model input
 * and is no written constant (a constant root cut short, `ROOT.slice(0, n)`, would name another folder), and
 * every model value among the arguments is a number (arithmetic, `Math.floor`, a schema-validated number).
 */
export function slicesByNumbersOnly(receiver: Value, args: readonly Value[]): boolean {
  if (isTainted(receiver) || receiver.constant !== undefined || receiver.alternatives !== undefined) return false;
  // A list whose elements or members carry input of their own is left to the general rule, which keeps no
  // element whole: only a list with nothing of the model's in it comes back as it was.
  if (receiver.elements?.some(isTainted) || [...(receiver.props?.values() ?? [])].some(isTainted)) return false;
  return args.some(isTainted) && args.every((arg) => !isTainted(arg) || isNumber(arg));
}

function isNumber(value: Value): boolean {
  return value.bounds.has('numeric') || value.origins.every(isNumberInput);
}

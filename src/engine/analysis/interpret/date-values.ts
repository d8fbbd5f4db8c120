// A date the handler makes of the model's input (`new Date(ms)`, `Date.parse(text)`): whatever the model sent,
// its text is digits, dashes, colons and a month's name, so it names no command, option, host or path.
import type { ApiRef } from '../../api';
import { combine, isTainted, withBounds, type Value } from '../value';

/** `Date` itself (called or constructed), `Date.parse`, `Date.UTC`: the value is a date or a number. */
const DATE_MEMBERS = new Set(['parse', 'UTC']);

/** The value of a call of the global `Date`, or undefined for any other callee. */
export function dateValue(ref: ApiRef, args: Value[]): Value | undefined {
  if (ref.module !== '<global>') return undefined;
  const [first, second] = ref.tokens;
  if (first?.kind !== 'Member' || first.name !== 'Date') return undefined;
  if (second !== undefined && (second.kind !== 'Member' || !DATE_MEMBERS.has(second.name) || ref.tokens.length > 2))
    return undefined;
  const input = combine(args, ['allowlist']);
  return isTainted(input) ? withBounds(input, ['numeric']) : input;
}

/**
 * A method of a number or date the model's input made (`since.toISOString()`, `n.toFixed(2)`, `text.split('T')`)
 * with arguments of the program's own: the text is still digits and the program's characters. Undefined otherwise.
 */
export function numericTextOf(receiver: Value, method: string, args: Value[]): Value | undefined {
  if (!receiver.bounds.has('numeric') || args.some(isTainted)) return undefined;
  const text = combine([receiver], ['allowlist', 'numeric']);
  return method === 'split' ? { ...text, elements: [text] } : text;
}

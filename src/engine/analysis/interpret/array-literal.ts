// An array literal's value: spread lists laid out in place, and an option written together with its value.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression } from '../../ast';
import type { State } from '../evaluator';
import { isWrittenOptionValue } from '../option-values';
import { CLEAN, container, type Value } from '../value';

/** Longer known lists are not laid out in place: a joined list is cut at 16 elements, which may drop taint. */
const MAX_SPREAD_ELEMENTS = 15;
const OPTION = /^-(-[A-Za-z][\w-]*|[A-Za-z])$/;

/**
 * `[...adbArgs, 'shell', cmd]` with `const adbArgs = id ? ['-s', id] : []`: a spread list whose elements are
 * known is laid out element by element, so the sink sees `'-s', id` where they stand instead of one opaque
 * element. Where the spread list was joined from alternatives (it may be empty on some path), its first
 * element and the element after it need not follow what is written before them (`elementSeams`).
 * `['--duration', duration]` is the option written together with its value, as `args.push('--duration',
 * duration)` is (`optionValues`): the program reads the value as that option's, never as an option.
 * A spread list nothing is known of is one element, marked (`spreadAt`): a helper's `[...base, ...args]`
 * hands its caller's list on with a prefix (`argv-hand-off.ts`).
 */
export function evaluateArrayLiteral(
  node: TSESTree.ArrayExpression,
  state: State,
  evaluate: (node: TSESTree.Node, state: State) => Value,
): Value {
  const elements: Value[] = [];
  const seams: number[] = [];
  const optionValues: number[] = [];
  const spreadAt: number[] = [];
  let laidOut = false;
  for (const [at, element] of node.elements.entries()) {
    if (!element) {
      elements.push(CLEAN);
      continue;
    }
    if (element.type !== 'SpreadElement') {
      // `['pr', 'create', '--head', headBranch]`: a value the author named after the option right before it.
      // The option must be written right before it, not the last element of a spread list that may be empty.
      const before = at > 0 ? node.elements[at - 1] : undefined;
      const written = before?.type === 'Literal' ? writtenName(element) : undefined;
      if (written !== undefined && isWrittenOptionValue(elements[elements.length - 1], written))
        optionValues.push(elements.length);
      elements.push(evaluate(element, state));
      continue;
    }
    const spread = evaluate(element.argument, state);
    const list = spread.elements;
    if (!list || list.length > MAX_SPREAD_ELEMENTS || spread.props) {
      if (!list) spreadAt.push(elements.length);
      elements.push(spread);
      continue;
    }
    laidOut = true;
    const offset = elements.length;
    const joined = spread.elementSeams !== undefined && spread.elementSeams.length > 0;
    if (joined) seams.push(offset);
    for (const at of spread.elementSeams ?? []) seams.push(offset + at);
    for (const at of spread.optionValues ?? []) optionValues.push(offset + at);
    elements.push(...list);
    if (joined) seams.push(elements.length);
  }
  const out: Value = { ...container(elements), elements };
  if (!laidOut && elements.length === 2 && OPTION.test(elements[0]?.constant ?? '')) optionValues.push(1);
  const uniqueSeams = [...new Set(seams)].filter((at) => at > 0 && at <= elements.length);
  if (uniqueSeams.length > 0) out.elementSeams = uniqueSeams;
  if (optionValues.length > 0) out.optionValues = [...new Set(optionValues)];
  if (spreadAt.length > 0) out.spreadAt = spreadAt;
  return out;
}

/** The name an element is written with: a variable (`headBranch`) or the member it reads (`input.title`). */
function writtenName(element: TSESTree.Expression): string | undefined {
  const inner = unwrapExpression(element);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'MemberExpression') return propertyName(inner);
  return undefined;
}

// A list written out element by element and joined (`[this.baseUrl, ...req.path].join('/')`): the text is its
// elements' text in order with the separator between, so a constant origin written first stays in front of the
// model's path segments, as it does in `base + '/' + path`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue } from '../../ast';
import { combine, derived, partsOf, type Part, type Value } from '../value';

/** Longer lists are cut when laid out (array-literal.ts); a joined list of more is left opaque. */
const MAX_ELEMENTS = 16;

/**
 * The joined text with its parts, when the receiver's elements are known in order: laid out from a literal
 * or pushed in order (no `elementSeams`, which mark elements whose place is not known). Undefined otherwise.
 */
export function joinedText(
  receiver: Value,
  separatorNode: TSESTree.CallExpressionArgument | undefined,
  separator: Value | undefined,
): Value | undefined {
  const elements = receiver.elements;
  if (!elements || elements.length === 0 || elements.length > MAX_ELEMENTS || receiver.elementSeams) return undefined;
  // `join()` joins with a comma; a separator the code computes is unknown text.
  const text = separatorNode === undefined ? ',' : (stringValue(separatorNode) ?? separator?.constant);
  const parts: Part[] = [];
  elements.forEach((element, at) => {
    if (at > 0) parts.push(text === undefined ? { kind: 'opaque' } : { kind: 'const', text });
    parts.push(...partsOf(element));
  });
  return { ...derived(combine([receiver, ...(separator ? [separator] : [])]), ['allowlist']), parts };
}

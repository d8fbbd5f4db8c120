// The source of the regular expression a `.test(x)` guard runs: a literal, a `const` that holds one, or
// `new RegExp('…')` with literal text, so a pattern kept in a module constant checks as one written in place.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../context';

/** How many `const` hops are followed (`const NAME = IDENT`), enough for an alias of a shared pattern. */
const MAX_HOPS = 3;

/** The pattern text of the regular expression `receiver` is, or undefined when it is not a fixed one. */
export function regexPatternOf(receiver: Node, ctx: FileContext): string | undefined {
  let node = unwrapExpression(receiver);
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    if (node.type === 'Literal' && 'regex' in node && node.regex) return node.regex.pattern;
    if ((node.type === 'NewExpression' || node.type === 'CallExpression') && isRegExpCallee(node.callee)) {
      // `new RegExp('^…$', 'i')`: the text is the pattern; a template or variable is no fixed pattern.
      const first = node.arguments[0];
      return first ? stringValue(first as Node) : undefined;
    }
    if (node.type !== 'Identifier') return undefined;
    const binding = ctx.scopes.resolve(node);
    // Only a `const` read as a whole: a `let` may be reassigned, a destructured name is a member of something else.
    if (binding?.declarationKind !== 'const' || binding.isLoopElement || binding.patternPath.length > 0)
      return undefined;
    if (!binding.init) return undefined;
    node = unwrapExpression(binding.init);
  }
  return undefined;
}

function isRegExpCallee(callee: TSESTree.Expression): boolean {
  return callee.type === 'Identifier' && callee.name === 'RegExp';
}

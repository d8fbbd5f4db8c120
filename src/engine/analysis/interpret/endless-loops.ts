// Loops written to run until a `break` or `return` (`while (true)`, `for (;;)`): the end of their body goes
// round again, so only a jump out of the body reaches the code after the loop (a helper that returns from
// inside such a loop has no fall-through `undefined` result).
import { isFunction, unwrapExpression, walk, type Node } from '../../ast';

/** A body larger than this is taken to hold a labeled jump (bounded work; the loop then stays an ordinary one). */
const MAX_LOOP_SCAN = 2000;

/** Whether a loop with this test (none for `for (;;)`) and body is left only by a jump. */
export function isEndless(test: Node | null | undefined, body: Node): boolean {
  return (!test || isTrueLiteral(test)) && !hasLabeledJump(body);
}

/** `true` or a non-zero number written as the loop's test. */
function isTrueLiteral(test: Node): boolean {
  const inner = unwrapExpression(test);
  return inner.type === 'Literal' && (inner.value === true || (typeof inner.value === 'number' && inner.value !== 0));
}

/**
 * Whether a `break label` / `continue label` sits in the body: such a jump is recorded on the innermost loop,
 * so leaving an outer endless loop through it would be lost; those loops are read as ordinary ones.
 */
function hasLabeledJump(body: Node): boolean {
  let found = false;
  let visited = 0;
  walk(body, (node) => {
    if (found) return false;
    if (++visited > MAX_LOOP_SCAN) found = true;
    if ((node.type === 'BreakStatement' || node.type === 'ContinueStatement') && node.label) found = true;
    return !found && !isFunction(node);
  });
  return found;
}

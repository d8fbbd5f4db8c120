// Whether an expression reads what a model call answered inside the handler (`const content = await
// generateObject({…}); const op = content.object.operation`): an agent-runtime action has the model fill
// its parameters this way, so a name read from the answer is one tool's option, not a dispatch by tool name.
import { unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { modelCallName } from '../../analysis/model-output';

/** `const` and `let` copies followed back to the call that made the value. */
const MAX_STEPS = 6;

export function readsModelAnswer(node: Node, ctx: FileContext): boolean {
  let current = unwrapExpression(node);
  for (let step = 0; step < MAX_STEPS; step++) {
    if (current.type === 'AwaitExpression') current = unwrapExpression(current.argument);
    if (current.type === 'MemberExpression') {
      current = unwrapExpression(current.object);
      continue;
    }
    if (current.type === 'CallExpression') return modelCallName(current, current.callee, ctx) !== undefined;
    if (current.type !== 'Identifier') return false;
    const binding = ctx.scopes.resolve(current);
    if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement) return false;
    current = unwrapExpression(binding.init);
  }
  return false;
}

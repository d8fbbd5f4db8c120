// Declarative tool classes whose handler only builds an invocation (`createInvocation(params)` returns
// `new GlobInvocation(config, params)`): the effect is in the invocation's method (`execute()`), which reads the
// model's input from a field its base class stores (`this.params`), so that method is the tool's handler.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression } from '../../ast';
import type { ToolForm } from '../../catalog/load';
import { methodOf, resolveClass } from '../../analysis/resolve';
import { returnValues } from '../../analysis/returned-api';
import type { RecognisedTool, ToolHandler } from '../types';

/** Invocation classes followed per builder (one per return in practice; a few branches at most). */
const MAX_INVOCATIONS = 4;

/**
 * Replaces each builder handler by the invocation methods of the classes it returns with `new`; the builder's
 * input parameter is what the invocation's field holds. A builder that returns no project class stays.
 */
export function useInvocations(tool: RecognisedTool, invocation: NonNullable<ToolForm['invocation']>): void {
  const out: ToolHandler[] = [];
  for (const builder of tool.handlers) {
    const param = builder.inputIndex === undefined ? undefined : builder.fn.params[builder.inputIndex];
    if (!param) continue;
    for (const value of returnValues(builder.fn)) {
      const made = unwrapExpression(value);
      if (made.type !== 'NewExpression' || out.length >= MAX_INVOCATIONS) continue;
      const invocationClass = resolveClass(made.callee, builder.ctx);
      const method = invocationClass && methodOf(invocationClass, invocation.method);
      if (!method) continue;
      const handler: ToolHandler = {
        fn: method.fn,
        ctx: method.ctx,
        inputIndex: undefined,
        inputPath: [],
        inputField: { name: invocation.inputField, param: param as TSESTree.Parameter },
      };
      if (method.ctx !== builder.ctx) handler.reference = made;
      out.push(handler);
    }
  }
  if (out.length > 0) tool.handlers = out;
}

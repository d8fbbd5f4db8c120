// The model's input handed to a looked-up handler inside a request object the dispatcher builds beside its own
// context (`const req = { token, parameters: request.params.arguments }; await HANDLERS[name](req, config)`): the
// handler reads the input at the member it was packed under (`req.parameters`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, withoutEmptyDefault, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import type { InputTrack } from './name-dispatch';
import { heldObject } from '../../analysis/returned-api';

/** Properties read per packed object: a request object holds a few; a bound on generated ones. */
const MAX_PROPERTIES = 16;

/** The argument of `call` that packs the input, and the member path to it there; undefined when none does. */
export function packedInputArgument(
  call: TSESTree.CallExpression,
  input: InputTrack,
  ctx: FileContext,
): { index: number; path: string[] } | undefined {
  for (const [index, argument] of call.arguments.entries()) {
    const object = packedObject(argument, ctx);
    if (!object) continue;
    for (const property of object.properties.slice(0, MAX_PROPERTIES)) {
      if (property.type !== 'Property' || property.computed) continue;
      const key = propertyName(property);
      const inner = input.pathOf(withoutEmptyDefault(unwrapExpression(property.value as Node)));
      if (key !== undefined && inner !== undefined) return { index, path: [key, ...inner] };
    }
  }
  return undefined;
}

/** An object literal written at the call or held by a `const` it names (returned-api's `heldObject`). */
function packedObject(argument: Node, ctx: FileContext): TSESTree.ObjectExpression | undefined {
  const held = heldObject(unwrapExpression(argument), ctx);
  return held.type === 'ObjectExpression' ? held : undefined;
}

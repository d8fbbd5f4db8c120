// Tool maps: a framework call that takes an object of name → handler (`useConversation({ clientTools: { openPage:
// async ({ url }) => … } })`), where each entry is one tool the model calls by its key.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { navigate, objectLiteralOf } from '../navigate';
import { attachHandlers, baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

/** Entries read per map: more than any real client declares, and a bound on hostile ones. */
const MAX_ENTRIES = 200;

/** One tool per keyed entry of the map the form's handler path reaches; undefined when it reaches no object literal. */
export function fromHandlerMap(
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  form: FormLike,
  ctx: FileContext,
): RecognisedTool[] | undefined {
  const maps = navigate([node], form.handler, ctx, node)
    .map((candidate) => objectLiteralOf(candidate, ctx))
    .filter((map): map is TSESTree.ObjectExpression => map !== undefined);
  if (maps.length === 0) return undefined;
  const tools: RecognisedTool[] = [];
  for (const map of maps) {
    for (const property of map.properties.slice(0, MAX_ENTRIES)) {
      // A spread or a computed key names no tool the code can tell.
      if (property.type !== 'Property' || property.computed) continue;
      const name = propertyName(property);
      if (name === undefined) continue;
      const tool = baseTool({ name, node: property.key as Node }, form, property);
      attachHandlers(tool, [property.value as Node], form, ctx, node);
      tools.push(tool);
    }
  }
  return tools;
}

// The MCP SDK's `registerTool(name, config, handler)` packed in one object: `{ name, config: { description,
// inputSchema }, handler }`, a tool factory's return that a wrapper registers later; the description and the
// input schema sit in one member of their own.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { objectLiteralOf } from '../navigate';

/** Members of a packed registration: a name, the config and the handler, and a few extras at most. */
const MAX_MEMBERS = 5;

/**
 * The one member of `node`, other than its name and its handler, whose object (written in place or a constant
 * of this file) has a description and one of `schemaKeys` but no name of its own; undefined otherwise.
 * `schemaKeys` are the strict input-schema keys: CLI command tables keep `{ description, args }` objects.
 */
export function configMember(
  node: TSESTree.ObjectExpression,
  skip: ReadonlySet<TSESTree.Property | undefined>,
  keys: { nameKeys: readonly string[]; descriptionKeys: readonly string[]; schemaKeys: readonly string[] },
  ctx: FileContext,
): { description: Node; schema: Node } | undefined {
  if (node.properties.length > MAX_MEMBERS) return undefined;
  let found: { description: Node; schema: Node } | undefined;
  for (const property of node.properties) {
    if (property.type !== 'Property' || skip.has(property)) continue;
    const object = objectLiteralOf(property.value as Node, ctx);
    if (!object || object === node) continue;
    const first = (names: readonly string[]) => names.map((name) => findProperty(object, name)).find(Boolean);
    if (first(keys.nameKeys)) continue;
    const description = first(keys.descriptionKeys);
    const schema = first(keys.schemaKeys);
    if (!description || !schema) continue;
    if (found) return undefined;
    found = { description: description.value as Node, schema: schema.value as Node };
  }
  return found;
}

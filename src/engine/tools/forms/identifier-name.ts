// The name a model calls a generic tool object by when its `name` is a display title: an identifier-shaped sibling key (`method: 'transfer_hbar_tool'`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { describedName } from '../described-name';

/**
 * Function-calling APIs accept only identifier-like tool names (letters, digits, `_`, `-`), so a name with a
 * space (`name: 'Transfer HBAR'`) is a title shown to people; the adapter registers the tool under the
 * identifier the object also holds (`method`, `toolName`). Undefined when the name is no title or no
 * sibling key holds a constant identifier.
 */
export function identifierName(
  object: TSESTree.ObjectExpression,
  title: string | undefined,
  keys: readonly string[],
  ctx: FileContext,
): { name: string } | undefined {
  if (title === undefined || !/\s/.test(title.trim())) return undefined;
  for (const key of keys) {
    const property = findProperty(object, key);
    if (!property) continue;
    const value = describedName(property.value as Node, ctx);
    if (value !== undefined && IDENTIFIER.test(value)) return { name: value };
  }
  return undefined;
}

/** What OpenAI's and Anthropic's tool-name patterns allow, first character a letter or `_`. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

// The name a tool registry entry gives a framework tool: `{ name: 'execute_bash', tool: executeBashCoreTool,
// validator, approval }` names the tool held in its `tool` member (the model sees the entry's name, not the variable's).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, stringValue, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { referencesOf } from '../analysis/local-callers';
import { constantString } from './constant-name';

/** The entry's constant `name` when the tool is one member of an object literal that also has one. */
export function registryEntryName(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  ctx: FileContext,
): { name: string; node: Node } | undefined {
  let current: Node = call;
  while (current.parent?.type === 'AwaitExpression' || current.parent?.type === 'TSAsExpression')
    current = current.parent;
  const parent = current.parent;
  if (parent?.type === 'Property' && parent.value === current) return entryName(parent, ctx);
  if (parent?.type !== 'VariableDeclarator' || parent.id.type !== 'Identifier' || parent.init !== current)
    return undefined;
  const binding = ctx.scopes.resolve(parent.id);
  if (!binding) return undefined;
  // One entry holds the tool: a variable listed in several entries (or under several names) names none of them.
  let found: { name: string; node: Node } | undefined;
  for (const reference of referencesOf(binding, ctx)) {
    if (reference === parent.id) continue;
    const holder = reference.parent;
    if (holder?.type !== 'Property' || holder.value !== reference) continue;
    const name = entryName(holder, ctx);
    if (!name) continue;
    if (found) return undefined;
    found = name;
  }
  return found;
}

function entryName(member: TSESTree.Property, ctx: FileContext): { name: string; node: Node } | undefined {
  if (member.parent?.type !== 'ObjectExpression') return undefined;
  const key = propertyName(member);
  if (key === undefined || key === 'name') return undefined;
  const nameProperty = findProperty(member.parent, 'name');
  if (!nameProperty) return undefined;
  const value = nameProperty.value as Node;
  const name = stringValue(value) ?? constantString(value, ctx);
  return name === undefined ? undefined : { name, node: value };
}

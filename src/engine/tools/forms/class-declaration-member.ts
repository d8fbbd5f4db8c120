// A tool class whose declaration is one member's object (`schema() { return { name, description, inputSchema } }`,
// `get definition()`, `definition = { … }`) beside a handler method, as hand-written servers keep a class per tool.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { objectLiteralOf } from '../navigate';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Members read per class, as in ./generic-class.ts: a bound on hostile classes. */
const MAX_MEMBERS = 200;
/** Statements read in a declaring method: a declaration method returns its object and does little else. */
const MAX_METHOD_STATEMENTS = 4;

export interface DeclaredMembers {
  name: Node;
  description: Node;
  schema: Node;
  /** The member that returns or holds the declaration (never the handler). */
  member: Node;
}

/**
 * The one instance member of `node` (a method or getter that returns an object literal, or a field holding one)
 * whose object declares a name, a description and an input schema (`keys`' schema keys); undefined when none
 * or several do, since then no member is the tool's declaration.
 */
export function classDeclarationMember(
  node: ClassNode,
  keys: { nameKeys: readonly string[]; descriptionKeys: readonly string[]; schemaKeys: readonly string[] },
  ctx: FileContext,
): DeclaredMembers | undefined {
  let found: DeclaredMembers | undefined;
  for (const member of node.body.body.slice(0, MAX_MEMBERS)) {
    if ((member.type !== 'MethodDefinition' && member.type !== 'PropertyDefinition') || member.static) continue;
    if (member.type === 'MethodDefinition' && member.kind === 'constructor') continue;
    const object = declaredObject(member, ctx);
    if (!object) continue;
    const first = (names: readonly string[]) => {
      for (const name of names) {
        const property = findProperty(object, name);
        if (property) return property.value as Node;
      }
      return undefined;
    };
    const name = first(keys.nameKeys);
    const description = first(keys.descriptionKeys);
    const schema = first(keys.schemaKeys);
    if (!name || !description || !schema) continue;
    if (found) return undefined;
    found = { name, description, schema, member };
  }
  return found;
}

/** The object literal a field holds, or a method or getter returns from a short body. */
function declaredObject(
  member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition,
  ctx: FileContext,
): TSESTree.ObjectExpression | undefined {
  if (propertyName(member) === undefined) return undefined;
  if (member.type === 'PropertyDefinition') return member.value ? objectLiteralOf(member.value, ctx) : undefined;
  if (member.kind !== 'method' && member.kind !== 'get') return undefined;
  const fn = member.value;
  if (fn.params.length > 0 || !fn.body) return undefined;
  const statements = fn.body.body;
  if (statements.length > MAX_METHOD_STATEMENTS) return undefined;
  const returns = statements.filter(
    (statement): statement is TSESTree.ReturnStatement => statement.type === 'ReturnStatement',
  );
  const argument = returns.length === 1 ? returns[0]?.argument : undefined;
  return argument ? objectLiteralOf(argument, ctx) : undefined;
}

// A tool class's schema returned by its own declaration method (`getDeclaration() { return { name: this.name,
// description: this.description, parameters: {…} }; }`), the function declaration a model API is handed.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, type Node } from '../../ast';
import type { GenericObjectForm } from '../../catalog/load';

/** Statements read per method: a declaration getter is a handful; this bounds hostile ones. */
const MAX_STATEMENTS = 20;

/**
 * The schema of the object a parameterless method of the class returns, when that object also carries one
 * of the name keys: what the class says a model sees of it. A method that takes arguments builds something
 * from them (a request, a route) and is not the class's own declaration; nor is the handler itself.
 */
export function declarationMethodSchema(
  members: ReadonlyMap<string, Node>,
  handler: Node | undefined,
  generic: GenericObjectForm,
): Node | undefined {
  for (const value of members.values()) {
    if (value === handler || !isFunction(value) || value.params.length > 0) continue;
    const returned = returnedObject(value);
    if (returned === undefined) continue;
    let schema: Node | undefined;
    let named = false;
    for (const property of returned.properties) {
      if (property.type !== 'Property') continue;
      const key = propertyName(property);
      if (key === undefined) continue;
      if (generic.nameKeys.includes(key)) named = true;
      else if (schema === undefined && generic.schemaKeys.includes(key)) schema = property.value as Node;
    }
    if (named && schema !== undefined) return schema;
  }
  return undefined;
}

/** The object literal a function body returns directly (`return { … }`, or an arrow's expression body). */
function returnedObject(fn: Node): TSESTree.ObjectExpression | undefined {
  if (!isFunction(fn)) return undefined;
  const body = fn.body;
  if (body.type !== 'BlockStatement') {
    const inner = unwrapExpression(body);
    return inner.type === 'ObjectExpression' ? inner : undefined;
  }
  for (const statement of body.body.slice(0, MAX_STATEMENTS)) {
    if (statement.type !== 'ReturnStatement' || !statement.argument) continue;
    const inner = unwrapExpression(statement.argument);
    if (inner.type === 'ObjectExpression') return inner;
  }
  return undefined;
}

// A tool object whose handler key no catalog lists (`createAction({ name, description, schema, resolver })`), found by its shape.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import type { PathToken } from '../../catalog/access-path';

/** Keys whose schema value is only ever an input schema (`args` also names a CLI command's argument table). */
const SCHEMA_ONLY_KEYS = new Set(['schema', 'inputSchema', 'input_schema', 'parameters', 'zodSchema']);

/** The handler found by shape, and the input it is handed when it unpacks it from its first parameter. */
export interface ShapedHandler {
  property: TSESTree.Property;
  /** `Parameter[0].Member[input]` for `async ({ input, agent }) => …`; none when the parameter is the input. */
  input: PathToken[];
}

/**
 * A frameworks's action object names its handler as it likes (`resolver`, `perform`, `onCall`): with a literal
 * name, a description and an input schema that is built (`z.object({…})`, a JSON schema with `properties`), the
 * one inline function whose first parameter is the input by name (`(args) => …`) or unpacks it
 * (`({ input: { url }, agent }) => …`) is the handler. Renderers and validators (`render: ({ url }) => …`)
 * take other names; CLI command tables (`{ name, description, args, action }`) give an argument table, not a
 * schema; routes and event maps have no schema and no description.
 */
export function shapedHandler(
  node: TSESTree.ObjectExpression,
  schema: TSESTree.Property | undefined,
  ctx: FileContext,
): ShapedHandler | undefined {
  if (!schema || !SCHEMA_ONLY_KEYS.has(propertyName(schema) ?? '') || !isBuiltSchema(schema.value as Node)) return;
  const generic = ctx.catalogs.genericObject;
  const named = node.properties.some(
    (property) =>
      property.type === 'Property' &&
      generic.nameKeys.includes(propertyName(property) ?? '') &&
      stringValue(property.value as Node) !== undefined,
  );
  const described = node.properties.some(
    (property) => property.type === 'Property' && generic.descriptionKeys.includes(propertyName(property) ?? ''),
  );
  if (!named || !described) return;
  const names = ctx.catalogs.inputParamNames;
  let found: ShapedHandler | undefined;
  for (const property of node.properties) {
    // Written `key: (…) =>` or `key: function (…)`, as the prefilter's text test reads it (never a method).
    if (property.type !== 'Property' || property.method) continue;
    const value = property.value as Node;
    if (!isFunction(value)) continue;
    const first = value.params[0];
    let input: PathToken[] | undefined;
    if (first?.type === 'Identifier' && names.includes(first.name)) input = [];
    else if (first?.type === 'ObjectPattern') {
      const key = first.properties
        .map((entry) => (entry.type === 'Property' ? propertyName(entry) : undefined))
        .find((name) => name !== undefined && names.includes(name));
      if (key)
        input = [
          { kind: 'Parameter', indexes: [{ at: 0 }] },
          { kind: 'Member', names: [key] },
        ];
    }
    if (!input) continue;
    // Two candidates: which one the framework calls is not for a shape to say.
    if (found) return;
    found = { property, input };
  }
  return found;
}

/** An input schema written as one: a builder call (`z.object({…})`) or a JSON schema object with `properties`. */
function isBuiltSchema(value: Node): boolean {
  const inner = unwrapExpression(value);
  if (inner.type === 'CallExpression') return true;
  if (inner.type !== 'ObjectExpression') return false;
  return inner.properties.some((property) => property.type === 'Property' && propertyName(property) === 'properties');
}

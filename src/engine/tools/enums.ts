// Input fields whose schema allows only listed values (zod `z.enum([...])`, a union of literals, a literal,
// JSON schema `enum` / `const`): the model picks one of the author's values, so the field is allowlisted.
// Also fields zod validates as numbers (`z.number()`) or as inert tokens (`z.string().regex(/^[0-9a-f]+$/)`,
// tools/inert-pattern.ts): the handler gets a number or a token, never an option or shell syntax.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, isFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { constantInit } from './schema-parts';
import { isInertZodString } from './inert-pattern';
import type { RecognisedTool } from './types';

const ENUM_CALLS = new Set(['enum', 'nativeenum', 'literal']);
const UNION_CALLS = new Set(['union']);
/** Zod wrappers that keep what the schema inside accepts (`.optional().describe('…')`). */
const WRAPPER_CALLS = ['optional', 'nullable', 'nullish', 'default', 'describe', 'catch', 'readonly', 'brand'];
/** Wrappers that keep the allowed values (`z.enum([...]).optional().describe('…')`, a list of them: `.array().min(1)`). */
const KEEPING_CALLS = new Set([...WRAPPER_CALLS, 'array', 'nonempty', 'min', 'max', 'length']);
const MAX_CHAIN = 12;
const MAX_UNION_MEMBERS = 64;

const enumFields = new WeakMap<RecognisedTool, Set<string>>();
const numberFields = new WeakMap<RecognisedTool, Set<string>>();

export function enumFieldsOf(tool: RecognisedTool): ReadonlySet<string> {
  return enumFields.get(tool) ?? new Set();
}

/** Fields a zod schema parses as numbers, or as inert tokens, before the handler runs. */
export function numberFieldsOf(tool: RecognisedTool): ReadonlySet<string> | undefined {
  return numberFields.get(tool);
}

/**
 * Zod number schemas (`z.number().int().min(0)`, `z.coerce.number()`): the parse rejects anything else. A JSON
 * schema's `type: 'number'` does not count: low-level MCP dispatchers hand the arguments on unvalidated.
 */
const NUMBER_CALLS = new Set(['number', 'bigint']);
const NUMBER_KEEPING_CALLS = new Set([
  ...WRAPPER_CALLS,
  'min',
  'max',
  'int',
  'positive',
  'negative',
  'nonnegative',
  'nonpositive',
  'finite',
  'safe',
  'gt',
  'gte',
  'lt',
  'lte',
  'multipleOf',
  'step',
]);

export function collectEnums(definition: Node, tool: RecognisedTool, ctx?: FileContext): void {
  walk(definition, (node) => {
    if (isFunction(node)) return false;
    if (node.type !== 'Property') return true;
    const name = propertyName(node);
    if (name === undefined) return true;
    if (isEnumSchema(node.value as Node, 0, ctx)) addField(enumFields, tool, name);
    else if (isZodNumber(node.value as Node) || isInertZodString(node.value as Node, ctx))
      addField(numberFields, tool, name);
    return true;
  });
}

function addField(map: WeakMap<RecognisedTool, Set<string>>, tool: RecognisedTool, name: string): void {
  let fields = map.get(tool);
  if (!fields) {
    fields = new Set();
    map.set(tool, fields);
  }
  fields.add(name);
}

/** `z.number().int().optional()`: a chain that starts at zod's number schema and keeps it a number. */
function isZodNumber(node: Node): boolean {
  let current = unwrapExpression(node);
  for (let i = 0; i < MAX_CHAIN && current.type === 'CallExpression'; i++) {
    const callee = unwrapExpression(current.callee);
    if (callee.type !== 'MemberExpression') return false;
    const method = propertyName(callee) ?? '';
    if (NUMBER_CALLS.has(method)) {
      // `z.number()` or `z.coerce.number()`, not another builder's `.number()`.
      const owner = unwrapExpression(callee.object);
      const root =
        owner.type === 'MemberExpression' && propertyName(owner) === 'coerce' ? unwrapExpression(owner.object) : owner;
      // `zod_1.z.number()` in compiled CommonJS.
      if (root.type === 'MemberExpression' && !root.computed) return propertyName(root) === 'z';
      return root.type === 'Identifier' && (root.name === 'z' || root.name === 'zod');
    }
    if (!NUMBER_KEEPING_CALLS.has(method)) return false;
    current = unwrapExpression(callee.object);
  }
  return false;
}

function isEnumSchema(node: Node, depth: number, ctx?: FileContext): boolean {
  if (depth > 3) return false;
  const inner = unwrapExpression(node);
  // `host: Host` with `const Host = z.enum([...])` in this file.
  if (inner.type === 'Identifier') {
    const init = ctx ? constantInit(inner, ctx) : undefined;
    return init !== undefined && isEnumSchema(init, depth + 1, ctx);
  }
  if (inner.type === 'ObjectExpression') {
    // JSON schema: `{ type: 'string', enum: [...] }` or `{ const: 'x' }`.
    const listed = findProperty(inner, 'enum');
    if (listed && listed.type === 'Property' && unwrapExpression(listed.value as Node).type === 'ArrayExpression')
      return true;
    return findProperty(inner, 'const') !== undefined;
  }
  let current: Node = inner;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const call = unwrapExpression(current);
    if (call.type !== 'CallExpression') return false;
    const callee = unwrapExpression(call.callee);
    const method = (
      callee.type === 'MemberExpression'
        ? (propertyName(callee) ?? '')
        : callee.type === 'Identifier'
          ? callee.name
          : ''
    ).toLowerCase();
    if (ENUM_CALLS.has(method)) return true;
    if (UNION_CALLS.has(method)) return unionOfEnums(call, depth, ctx);
    // `z.array(z.enum([...]))`: a list of listed values.
    if (method === 'array' && callee.type === 'MemberExpression' && call.arguments[0])
      return isEnumSchema(call.arguments[0] as Node, depth + 1, ctx);
    if (!KEEPING_CALLS.has(method) || callee.type !== 'MemberExpression') return false;
    current = callee.object;
  }
  return false;
}

function unionOfEnums(call: TSESTree.CallExpression, depth: number, ctx?: FileContext): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  const list = unwrapExpression(first);
  if (list.type !== 'ArrayExpression' || list.elements.length === 0 || list.elements.length > MAX_UNION_MEMBERS)
    return false;
  return list.elements.every(
    (element) => element !== null && element.type !== 'SpreadElement' && isEnumSchema(element, depth + 1, ctx),
  );
}

// A request schema declared in the file itself (a bundler inlined the protocol SDK) is known by the method literal it declares.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';

/** How many calls of a builder chain (`Base.extend({…}).strict()`) are read before giving up. */
const MAX_CHAIN = 4;

/**
 * True when `schema` names a variable of this file whose initialiser declares `method: literal('<method>')`
 * (or `method: '<method>'`): what esbuild, bun or rollup leave of the SDK's `CallToolRequestSchema`
 * when they inline it, under whatever name the bundler gave it. Only the declarator's own builder
 * chain is read, so the cost is bounded and nothing else in the file can make a schema look like one.
 */
export function declaresRequestMethod(schema: Node, method: string, ctx: FileContext): boolean {
  const target = unwrapExpression(schema);
  if (target.type !== 'Identifier') return false;
  const binding = ctx.scopes.resolve(target);
  if (binding?.kind !== 'var' || binding.init === undefined || binding.isLoopElement) return false;
  let current: Node = unwrapExpression(binding.init);
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (current.type === 'ObjectExpression') return objectDeclares(current, method);
    if (current.type !== 'CallExpression') return false;
    if (current.arguments.some((arg) => arg.type === 'ObjectExpression' && objectDeclares(arg, method))) return true;
    const callee = unwrapExpression(current.callee);
    if (callee.type !== 'MemberExpression') return false;
    current = unwrapExpression(callee.object);
  }
  return false;
}

function objectDeclares(object: TSESTree.ObjectExpression, method: string): boolean {
  return object.properties.some((property) => {
    if (property.type !== 'Property' || propertyName(property) !== 'method') return false;
    const value = unwrapExpression(property.value);
    if (stringValue(value) === method) return true;
    // `literal('tools/call')`, `z.literal('tools/call')`: a one-string literal schema.
    return (
      value.type === 'CallExpression' && value.arguments.length === 1 && stringValue(value.arguments[0]) === method
    );
  });
}

// Finds the input fields a tool's schema caps, so an amount bounded by the schema counts as bounded.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, isFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { collectEnums } from './enums';
import { collectRefinements } from './refinements';
import { constantInit, schemaParts } from './schema-parts';
import type { RecognisedTool } from './types';

const LENGTH_SCHEMAS = new Set(['string', 'array', 'email', 'url', 'uuid', 'regex']);

/** Input fields whose schema caps them: zod `.max()`/`.lte()`/`.lt()` or JSON schema `maximum`. */
export function collectCaps(definition: Node, tool: RecognisedTool, ctx?: FileContext): void {
  for (const root of ctx ? schemaParts(definition, ctx) : [definition]) {
    collectEnums(root, tool, ctx);
    collectFieldCaps(root, tool, ctx);
    if (ctx) collectRefinements(root, tool, ctx);
  }
}

function collectFieldCaps(definition: Node, tool: RecognisedTool, ctx: FileContext | undefined): void {
  walk(definition, (node) => {
    if (isFunction(node)) return false;
    if (node.type !== 'Property') return true;
    const name = propertyName(node);
    if (name === undefined) return true;
    const written = unwrapExpression(node.value as Node);
    // `amount: Amount` with `const Amount = z.number().max(500)` in this file.
    const named = written.type === 'Identifier' && ctx ? constantInit(written, ctx) : undefined;
    const value = named ? unwrapExpression(named) : written;
    if (value.type === 'CallExpression' && hasCapCall(value)) tool.cappedFields.add(name);
    if (
      value.type === 'ObjectExpression' &&
      (findProperty(value, 'maximum') || findProperty(value, 'exclusiveMaximum'))
    )
      tool.cappedFields.add(name);
    return true;
  });
}

function hasCapCall(call: TSESTree.CallExpression): boolean {
  let current: Node = call;
  let capped = false;
  for (let i = 0; i < 12; i++) {
    const inner = unwrapExpression(current);
    if (inner.type !== 'CallExpression') return capped;
    const callee = unwrapExpression(inner.callee);
    if (callee.type !== 'MemberExpression') return capped;
    const name = propertyName(callee) ?? '';
    // `.max()` of a string or a list caps its length, not an amount.
    if (LENGTH_SCHEMAS.has(name)) return false;
    if (!capped && ['max', 'lte', 'lt', 'maxValue'].includes(name)) capped = true;
    current = callee.object;
  }
  return capped;
}

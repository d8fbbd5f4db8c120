// Which calls ask a language model (`runtime.useModel`, `generateObjectDeprecated({ runtime, context })`): what
// they answer inside a tool is the model's, like the tool's own input.
import { describe, propertyName, type Node } from '../ast';
import type { FileContext } from './context';
import { resolveFunctions } from './resolve';

/**
 * The written callee of a model call, or undefined: a `modelOutputMethods` entry (the function's own name, or
 * the end of its written path), or a `modelOutputPrefixes` variant given a prompt. Project functions are read
 * instead of trusted by name.
 */
export function modelCallName(node: Node, callee: Node, ctx: FileContext): string | undefined {
  // Every call passes here: the callee's own name rules most out before its path is written out.
  const name =
    callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  if (name === undefined) return undefined;
  const { modelOutputMethods: entries, modelOutputPrefixes: prefixes, modelPromptKeys } = ctx.catalogs.common;
  const isVariant =
    prefixes.some((prefix) => name.startsWith(prefix) && /^[A-Z]/.test(name.slice(prefix.length))) &&
    passesPrompt(node, modelPromptKeys);
  if (!isVariant && !entries.some((entry) => entry === name || entry.endsWith(`.${name}`))) return undefined;
  const written = describe(callee, ctx.text);
  if (!isVariant && !entries.some((entry) => written === entry || written.endsWith(`.${entry}`))) return undefined;
  if (resolveFunctions(callee, ctx).length > 0) return undefined;
  return written;
}

/** A call with an options object that names a prompt (`generateObjectDeprecated({ runtime, context })`). */
function passesPrompt(node: Node, keys: readonly string[]): boolean {
  if (node.type !== 'CallExpression') return false;
  return node.arguments.some(
    (arg) =>
      arg.type === 'ObjectExpression' &&
      arg.properties.some((prop) => prop.type === 'Property' && keys.includes(propertyName(prop) ?? '')),
  );
}

// Curried registration, the decorator of a Python agent framework written as a call in a JavaScript port
// (`registry.action('Navigate to a URL', { param_model: GoToUrl })(async function go_to_url(params, ctx) {…})`):
// the first call describes the tool and gives its schema, the second hands it the handler, which the
// registry names by an option or by the handler function's own name.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, type Node } from '../../ast';
import { constantString } from '../../analysis/constant-string';
import { resolveFunction } from '../../analysis/resolve';
import type { FileContext } from '../../analysis/context';
import { collectCaps } from '../caps';
import { attachHandlers, baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

/** Concatenated description parts are read from the left; a handful is plenty and bounds hostile chains. */
const MAX_CONCAT_DEPTH = 8;

/**
 * The text test the prefilter applies: an options object closed and followed by a second call handed a
 * function (`…})(async function name(`, `…})(handlerConst)`), and one of the schema keys written as a key.
 * A superset of what the form accepts.
 */
const CURRIED_HANDLER = /\}\s*\)\s*\(\s*(?:async\b\s*)?(?:function\b|\([^()]*\)\s*=>|[\w$]+\s*\))/;

export function curriedRegistrationTest(schemaKeys: readonly string[]): (text: string) => boolean {
  const escaped = schemaKeys.map((key) => key.replace(/[$]/g, '\\$'));
  const schemaKey = new RegExp(`\\b(?:${escaped.join('|')})\\s*:`);
  return (text) => CURRIED_HANDLER.test(text) && schemaKey.test(text);
}

/**
 * `X.m(description, options)(handler)` or `X.m(options)(handler)`: a tool when the options object gives a
 * schema under a generic or curried schema key and the description is a sentence (a constant string with a
 * space, in the options or as the first argument). A route (`route('/users', { schema })(h)`), a command
 * (`command('build', { schema })(h)`) or a curried helper (`connect(map)(C)`, `memoize({ max })(fn)`) fails
 * one of the two marks. Named by the options' name key, else by the handler function's own name.
 */
export function fromCurriedRegistration(node: TSESTree.CallExpression, ctx: FileContext): RecognisedTool | undefined {
  if (node.arguments.length !== 1) return undefined;
  const inner = unwrapExpression(node.callee);
  if (inner.type !== 'CallExpression' || unwrapExpression(inner.callee).type !== 'MemberExpression') return undefined;
  const handlerNode = node.arguments[0] as Node;
  const handlerExpression = unwrapExpression(handlerNode);
  const handler = isFunction(handlerExpression)
    ? { fn: handlerExpression }
    : handlerExpression.type === 'Identifier'
      ? resolveFunction(handlerExpression, ctx)
      : undefined;
  if (!handler) return undefined;
  const parts = declarationParts(inner, ctx);
  if (!parts) return undefined;
  const name = parts.name ?? functionName(handler.fn);
  if (!name) return undefined;
  const form: FormLike = {
    id: 'curried-registration',
    framework: ctx.catalogs.genericObject.framework,
    handler: [],
    input: [],
    names: [],
    approval: [],
  };
  const tool = baseTool(name, form, node);
  attachHandlers(tool, [handlerNode], form, ctx, node);
  collectCaps(node, tool, ctx);
  return tool;
}

interface DeclarationParts {
  name: { name: string; node: Node } | undefined;
}

/** The first call's description and schema, and the name its options give, if any. */
function declarationParts(call: TSESTree.CallExpression, ctx: FileContext): DeclarationParts | undefined {
  const generic = ctx.catalogs.genericObject;
  const [first, second] = call.arguments.map((argument) => unwrapExpression(argument as Node));
  const options = second?.type === 'ObjectExpression' ? second : first?.type === 'ObjectExpression' ? first : undefined;
  if (!options || call.arguments.length > 2) return undefined;
  const schemaKeys = [...generic.schemaKeys, ...generic.curriedSchemaKeys];
  const nameKeys = [...generic.nameKeys, ...generic.curriedNameKeys];
  let description: string | undefined = options === first ? undefined : leadingText(first as Node, ctx, 0);
  let hasSchema = false;
  let name: { name: string; node: Node } | undefined;
  for (const property of options.properties) {
    if (property.type !== 'Property') continue;
    const key = propertyName(property);
    if (key === undefined) continue;
    if (schemaKeys.includes(key)) hasSchema = true;
    else if (generic.descriptionKeys.includes(key)) description ??= leadingText(property.value as Node, ctx, 0);
    else if (nameKeys.includes(key)) {
      const value = constantString(property.value as Node, ctx);
      if (value !== undefined && /^[A-Za-z_][\w.-]*$/.test(value)) name = { name: value, node: property.value as Node };
    }
  }
  if (!hasSchema || description === undefined || !isSentence(description)) return undefined;
  return { name };
}

/** A description is prose: it has a space and is no path or URL. */
function isSentence(text: string): boolean {
  return /\S\s+\S/.test(text) && !/^\s*(?:\/|[a-z]+:\/\/)/i.test(text);
}

/** The constant text an expression starts with: a string, a constant, the left part of a concatenation. */
function leadingText(node: Node, ctx: FileContext, depth: number): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'BinaryExpression' && inner.operator === '+' && depth < MAX_CONCAT_DEPTH)
    return leadingText(inner.left as Node, ctx, depth + 1);
  if (inner.type === 'TemplateLiteral') return inner.quasis[0]?.value.cooked ?? undefined;
  return constantString(inner, ctx);
}

/** `async function go_to_url(params) {…}`, also when held in a constant first: the registry's name for it. */
function functionName(fn: Node): { name: string; node: Node } | undefined {
  if ((fn.type === 'FunctionExpression' || fn.type === 'FunctionDeclaration') && fn.id)
    return { name: fn.id.name, node: fn.id };
  return undefined;
}

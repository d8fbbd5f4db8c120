// Request descriptors that generated SDKs build by hand (`client._createRequest(context, { method: 'POST', path: pathToFunc('/v1/refunds')(params) })`): the options object among a request-building call's arguments, and the path template a curried path function is made from.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, unwrapExpression, type Node } from '../ast';
import type { FileContext } from './context';
import { constantString } from './constant-string';

/**
 * A method whose name ends in `Request` (`_createRequest`, `buildRequest`, `makeRequest`) builds or sends one:
 * the options object it is handed, at any position (a generated SDK passes its call context first), holds the
 * method and the path. Only an options object that names both counts, so `http.request(url, { method })` and
 * a plain `createRequest(id)` are left to the other readers.
 */
export function requestDescriptor(node: TSESTree.CallExpression, name: string): TSESTree.ObjectExpression | undefined {
  if (!/[a-z]Request$/.test(name)) return undefined;
  for (const argument of node.arguments) {
    const options = unwrapExpression(argument as Node);
    if (options.type !== 'ObjectExpression') continue;
    if (findProperty(options, 'method') && ['path', 'url', 'endpoint'].some((key) => findProperty(options, key)))
      return options;
  }
  return undefined;
}

/** Bound on `const` hops from the options member to the template call. */
const MAX_HOPS = 3;

/**
 * The constant template of a curried path function (`pathToFunc('/v1/subscriptions/{id}/cancel')(params)`, also
 * through a `const path = …`): the path the request goes to with its parameters as placeholders, whatever the
 * model fills them with. Undefined for anything else.
 */
export function curriedPathTemplate(node: Node, ctx: FileContext): string | undefined {
  let value: Node = unwrapExpression(node);
  for (let hops = 0; value.type === 'Identifier' && hops < MAX_HOPS; hops++) {
    const binding = ctx.scopes.resolve(value);
    if (binding?.kind !== 'var' || binding.declarationKind !== 'const' || !binding.init) return undefined;
    value = unwrapExpression(binding.init);
  }
  if (value.type !== 'CallExpression') return undefined;
  const maker = unwrapExpression(value.callee);
  if (maker.type !== 'CallExpression' || !maker.arguments[0]) return undefined;
  const template = constantString(maker.arguments[0] as Node, ctx);
  return template?.startsWith('/') ? template : undefined;
}

/**
 * The path a request descriptor names, with the model's parts as `{}`: a template literal's text, a constant, or a
 * curried template. Undefined when none of these says it.
 */
export function describedPathText(node: Node, ctx: FileContext): string | undefined {
  const path = unwrapExpression(node);
  if (path.type === 'TemplateLiteral') return path.quasis.map((quasi) => quasi.value.cooked ?? '').join('{}');
  return constantString(path, ctx) ?? curriedPathTemplate(path, ctx);
}

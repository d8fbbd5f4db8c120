// Calls that send a query by a write method: the endpoint they name, or the read-named function they are in.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression } from '../ast';
import type { RemoteWriteNames } from '../catalog/load';
import { isInReadNamedFunction, isReadEndpoint } from '../analysis/request-method';
import type { Value } from '../analysis/value';

/** HTTP client methods named for the method they send; SDK verbs (`create`, `send`) say more than the function. */
const HTTP_WRITE_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'patch']);

/**
 * `post('/v2/search', body)`: the caller names a read endpoint, so the helper's request is a query,
 * whatever method the helper writes (the endpoint is the helper's parameter there, unknown). Also
 * `this.http.post(endpoint, { json })` inside `search()` or `_fetch()`: a query sent by POST, as the
 * request rows already judge it at a sink. A request builder may name the endpoint in an earlier step
 * (`client.api('/search/query').post(body)`).
 */
export function namesReadEndpoint(call: TSESTree.CallExpression, names: RemoteWriteNames): boolean {
  const callee = unwrapExpression(call.callee);
  if (
    callee.type === 'MemberExpression' &&
    HTTP_WRITE_METHODS.has(propertyName(callee) ?? '') &&
    isInReadNamedFunction(call, names.readEndpointWords, names.verbs)
  )
    return true;
  return [...call.arguments, ...builderStepArguments(callee)].some((argument) => {
    const text = stringValue(argument);
    if (text === undefined || !(text.startsWith('/') || text.includes('://'))) return false;
    const target: Value = { origins: [], bounds: new Set(), constant: text };
    return isReadEndpoint(target, names.readEndpointWords, names.verbs);
  });
}

/** Request builders take the path in an earlier step: `client.api('/search/query').post(body)`. */
const MAX_BUILDER_STEPS = 3;

/** The arguments of the builder steps an HTTP method call is made on, nearest first. */
function builderStepArguments(callee: TSESTree.Node): TSESTree.CallExpressionArgument[] {
  if (callee.type !== 'MemberExpression' || !HTTP_WRITE_METHODS.has(propertyName(callee) ?? '')) return [];
  const out: TSESTree.CallExpressionArgument[] = [];
  let step = unwrapExpression(callee.object);
  for (let depth = 0; depth < MAX_BUILDER_STEPS && step.type === 'CallExpression'; depth++) {
    out.push(...step.arguments);
    const inner = unwrapExpression(step.callee);
    if (inner.type !== 'MemberExpression') break;
    step = unwrapExpression(inner.object);
  }
  return out;
}

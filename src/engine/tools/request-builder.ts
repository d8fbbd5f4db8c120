// Request builders of SDKs that name the resource by calls (`apiRoot.withProjectKey(…).carts().post({ body })`),
// and clients a factory handed in builds from a package's builder, for the audit rule's untyped receivers.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import type { FileContext } from '../analysis/context';

/** Calls of a request builder stepped through to the client (`withProjectKey(…).paymentIntents().withPaymentId(…)`). */
const MAX_BUILDER_STEPS = 4;
/** Verbs a response object shares with clients: after a builder step they answer a request, not send one. */
const BUILDER_EXCLUDED_VERBS = new Set(['send']);

/**
 * The receiver under a request builder's calls (`apiRoot` under `apiRoot.withProjectKey(…).carts()`) and how
 * many calls name the resource; undefined when the receiver is no call, null when the write is excluded
 * (`res.status(200).send(body)`).
 */
export function builderSteps(
  receiver: Node,
  callee: TSESTree.MemberExpression,
): { root: Node; steps: number } | undefined | null {
  let root = receiver;
  let steps = 0;
  while (root.type === 'CallExpression' && root.callee.type === 'MemberExpression' && steps < MAX_BUILDER_STEPS) {
    root = unwrapExpression(root.callee.object);
    steps++;
  }
  if (steps === 0) return undefined;
  return BUILDER_EXCLUDED_VERBS.has(propertyName(callee) ?? '') ? null : { root, steps };
}

/**
 * `const api = getApiRoot(createApiBuilderFromCtpClient, baseUrl)`: a factory the caller hands in, given a
 * package's client builder, builds that package's client.
 */
export function isClientFactoryParameter(
  callee: TSESTree.Identifier,
  call: TSESTree.CallExpression,
  ctx: FileContext,
  isPackage: (module: string) => boolean,
): boolean {
  const binding = ctx.scopes.resolve(callee);
  if (binding?.kind !== 'param' || binding.id.typeAnnotation !== undefined) return false;
  return call.arguments.some((argument) => {
    const ref = argument.type === 'SpreadElement' ? undefined : ctx.api.resolve(argument);
    return ref !== undefined && ref.tokens.length > 0 && isPackage(ref.module);
  });
}

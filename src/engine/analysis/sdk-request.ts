// The generic request methods of a package's API client (`client.post('/v1/charges', { body })`,
// `client.request({ method: metadata.httpMethod, path })`), which generated API servers call with the
// endpoint's method and path: the written method says whether it writes, the path's words whether it pays.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, unwrapExpression, type Node } from '../ast';
import type { FileContext } from './context';
import { constantString } from './constant-string';
import type { Evaluator, State } from './evaluator';
import { isWriteMethod } from './request-method';
import { evaluateSink, constantText, type SinkHit } from './sinks';
import type { Origin, Value } from './value';
import { isWholeInput, isWholeParam } from './origins';
import { inferPaymentRequest } from './endpoint-inference';
import { INFERRED_PAYMENT_ID, isExternalReceiver, syntheticTransferRow } from './value-transfer-inference';
import type { ApiRef } from '../api';
import { curriedPathTemplate, requestDescriptor } from './path-template';

/** Methods named after the HTTP verb they send. */
const VERB_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Option keys that hold a request's path or URL. */
const PATH_KEYS = ['path', 'url', 'endpoint'];

export interface SdkRequest {
  /** Upper case. */
  method: string;
  /** The path or URL expression (undefined when the options name none). */
  path: Node | undefined;
}

/**
 * The method and path of a generic request call: a method named by its HTTP verb with the path first
 * (`client.post(path, opts)`), or a request-words method (`request`, `call`) with an options object whose
 * `method` is written, directly or through a constant (`metadata.httpMethod`). Undefined for anything else.
 */
export function sdkRequestOf(
  node: TSESTree.CallExpression,
  ctx: FileContext,
  requestWords: ReadonlySet<string>,
): SdkRequest | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = propertyName(callee);
  if (name === undefined) return undefined;
  const verb = name.toUpperCase();
  if (VERB_METHODS.has(verb)) return { method: verb, path: node.arguments[0] };
  const first = node.arguments[0] && unwrapExpression(node.arguments[0]);
  const options = requestWords.has(name) ? first : requestDescriptor(node, name);
  if (options?.type !== 'ObjectExpression') return undefined;
  const written = findProperty(options, 'method');
  const method = written && constantString(written.value, ctx)?.toUpperCase();
  if (method === undefined) return undefined;
  const path = PATH_KEYS.map((key) => findProperty(options, key)).find((property) => property !== undefined);
  return { method, path: path?.value };
}

/** Whether the call is a client's generic request method (`client.POST(path)`, `client.request({ method })`). */
export function isGenericRequest(node: TSESTree.CallExpression, ctx: FileContext): boolean {
  const lists = ctx.catalogs.inference;
  return lists !== undefined && sdkRequestOf(node, ctx, lists.requestWords) !== undefined;
}

/**
 * A write request of an external client to a path on its own origin whose words name a money operation
 * (`POST /v1/charges`, `POST /payments/{id}/capture`) with the model's amount or whole input in it: a
 * payment no catalog row names, reported at medium confidence like the other inferred transfers.
 */
export function inferSdkRequestPayment(
  interpreter: Evaluator,
  node: TSESTree.CallExpression,
  args: Value[],
  state: State,
  receiverApi?: ApiRef,
): SinkHit | undefined {
  const lists = interpreter.ctx.catalogs.inference;
  if (!lists) return undefined;
  const request = sdkRequestOf(node, interpreter.ctx, lists.requestWords);
  if (!request?.path || !isWriteMethod(request.method)) return undefined;
  // A request descriptor the package's own generated client builds (`this._createRequest(ctx, { method, path })`)
  // is that SDK's request, though its class is project code.
  if (!isExternalReceiver(unwrapExpression(node.callee), interpreter, lists, receiverApi) && !isDescribedRequest(node))
    return undefined;
  const text = pathText(request.path, node, args, interpreter, state);
  // A full URL is a network sink's (its rows judge the host); a client's generic method takes a path.
  if (text === undefined || text.includes('://')) return undefined;
  // In an endpoint helper (`create(payload)` posting `{ body: payload }`), the parameter it sends whole stands
  // for what its caller passes: the caller's whole input, or the object the caller built from it.
  const inferred = inferPaymentRequest(text, request.method, args, lists, undefined, sentWhole);
  if (!inferred) return undefined;
  const hit = evaluateSink(
    syntheticTransferRow(lists, INFERRED_PAYMENT_ID, 'payment request'),
    node,
    args,
    state,
    interpreter,
  );
  if (!hit || hit.origins.length === 0) return undefined;
  hit.inferred = { byToolName: false, words: inferred.words };
  return hit;
}

/** A request-building method handed an options object with a method and a path (see `requestDescriptor`). */
export function isDescribedRequest(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && requestDescriptor(node, name) !== undefined;
}

function sentWhole(origin: Origin): boolean {
  return isWholeInput(origin) || isWholeParam(origin);
}

/** The path's text with the model's parts as placeholders: the first argument's value, or the options member's. */
function pathText(
  path: Node,
  node: TSESTree.CallExpression,
  args: Value[],
  interpreter: Evaluator,
  state: State,
): string | undefined {
  const value = path === node.arguments[0] ? args[0] : interpreter.evaluate(path, state);
  const text = value ? constantText(value) : '';
  return text === '' ? curriedPathTemplate(path, interpreter.ctx) : text;
}

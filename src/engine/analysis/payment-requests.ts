// Which network writes commit money: a cataloged payment path, or an endpoint whose words name a money
// operation (`POST /v1/order`) while the request carries an amount; at the sink, or where a caller completes
// the URL and method of a request helper.
import type { PaymentRequestRow, SinkRow } from '../catalog/load';
import type { Evaluator } from './evaluator';
import { constantText, methodOf, type SinkCall } from './sinks';
import type { Value } from './value';
import { actionMovesNothing, calledHttpVerb, isReadEndpoint, requestAction, rpcMethodName } from './request-method';
import { inferMutationPayment, inferPaymentRequest } from './endpoint-inference';
import { mutationNames, requestDocument } from './graphql-document';
import { voidsPaymentRecord } from './payment-record-actions';

/** A network write to a constant path that names a payment operation is a transaction too. */
export function paymentRequest(
  row: SinkRow,
  node: SinkCall,
  url: Value | undefined,
  args: Value[],
  interpreter: Evaluator,
): RequestPayment | undefined {
  if (!url || node.type === 'TaggedTemplateExpression') return undefined;
  // A JSON-RPC call that submits a signed transaction commits it, whatever endpoint serves the RPC.
  const rpc = rpcMethodName(node);
  const broadcast =
    rpc === undefined
      ? undefined
      : interpreter.ctx.catalogs.paymentRequests.find((payment) => payment.rpcMethods?.has(rpc));
  if (broadcast) return { row: broadcast };
  // An app's RPC-style route (`POST /api/stripe/charges` with `{ action: 'list' }`) does what the body's action says.
  const { common, inference } = interpreter.ctx.catalogs;
  const action = requestAction(node, common.remoteWrites.actionKeys);
  if (action !== undefined && actionMovesNothing(action, common.remoteWrites, inference?.undoVerbs)) return undefined;
  const method =
    (row.method !== undefined ? calledHttpVerb(node) : undefined) ??
    row.method ??
    methodOf(row, node, interpreter) ??
    'GET';
  return paymentOfRequest(url, method, args, interpreter, requestDocument(args));
}

export interface RequestPayment {
  row: PaymentRequestRow;
  /** Set when no row lists the endpoint and its words named a money operation (medium confidence). */
  inferredFrom?: string;
}

/**
 * What a request to `url` with `method` commits: a cataloged payment path, else an endpoint whose words
 * name a money operation while the arguments carry an amount. Also used when a caller completes the URL
 * and method of a request helper. A request that carries a GraphQL document names its operation there,
 * in the mutation's names: its endpoint's words name the service (`subscription.example.com/…/graphql`).
 */
export function paymentOfRequest(
  url: Value,
  method: string,
  args: readonly Value[],
  interpreter: Evaluator,
  document: Value | undefined,
  whole?: readonly boolean[],
): RequestPayment | undefined {
  const text = constantText(url);
  if (text === '') return undefined;
  const rows = interpreter.ctx.catalogs.paymentRequests;
  const listed = rows.find((payment) => payment.urlPattern.test(text) && payment.methods.includes(method));
  // A payment resource's lookup (`POST /payments/find`, `/refunds/search`) asks about money, it moves none.
  const { readEndpointWords, verbs } = interpreter.ctx.catalogs.common.remoteWrites;
  const lists = interpreter.ctx.catalogs.inference;
  if (listed) {
    if (isReadEndpoint(url, readEndpointWords, verbs)) return undefined;
    // Voiding a record (`/charges/{id}/expire`, `/payments/{id}/cancel`) moves nothing.
    if (voidsPaymentRecord(text, lists)) return undefined;
    return { row: listed };
  }
  if (document) {
    const names = mutationNames(document);
    const mutation = names && inferMutationPayment(names, method, args, lists);
    return mutation && { row: mutation.row, inferredFrom: mutation.words };
  }
  const inferred = inferPaymentRequest(text, method, args, lists, whole);
  return inferred && { row: inferred.row, inferredFrom: inferred.words };
}

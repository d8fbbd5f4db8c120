// Which network writes commit money: a cataloged payment path, or an endpoint whose words name a money
// operation (`POST /v1/order`) while the request carries an amount; at the sink, or where a caller completes
// the URL and method of a request helper.
import type { PaymentRequestRow, SinkRow } from '../catalog/load';
import type { Evaluator } from './evaluator';
import { constantText, methodOf, type SinkCall } from './sinks';
import type { Value } from './value';
import { rpcMethodName } from './request-method';
import { inferPaymentRequest } from './value-transfer-inference';

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
  const method = row.method ?? methodOf(row, node, interpreter) ?? 'GET';
  return paymentOfRequest(url, method, args, interpreter);
}

export interface RequestPayment {
  row: PaymentRequestRow;
  /** Set when no row lists the endpoint and its words named a money operation (medium confidence). */
  inferredFrom?: string;
}

/**
 * What a request to `url` with `method` commits: a cataloged payment path, else an endpoint whose words
 * name a money operation while the arguments carry an amount. Also used when a caller completes the URL
 * and method of a request helper.
 */
export function paymentOfRequest(
  url: Value,
  method: string,
  args: readonly Value[],
  interpreter: Evaluator,
): RequestPayment | undefined {
  const text = constantText(url);
  if (text === '') return undefined;
  const rows = interpreter.ctx.catalogs.paymentRequests;
  const listed = rows.find((payment) => payment.urlPattern.test(text) && payment.methods.includes(method));
  if (listed) return { row: listed };
  const inferred = inferPaymentRequest(text, method, args, interpreter.ctx.catalogs.inference);
  return inferred && { row: inferred.row, inferredFrom: inferred.words };
}

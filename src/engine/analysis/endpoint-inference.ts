// Infers payments from requests no catalog row lists: a write to an endpoint whose path words name a money
// operation, or a GraphQL mutation whose names do, carrying the model's amount (reported at medium confidence).
import type { InferenceWords, PaymentRequestRow } from '../catalog/load';
import { endpointPath, isWriteMethod } from './request-method';
import { isWholeInput } from './origins';
import type { Origin, Value } from './value';
import {
  carriesKey,
  carriesValue,
  INFERRED_PAYMENT_ID,
  MAX_PATH_SEGMENTS,
  namesMoneyOperation,
  PATH_FILLER,
  withoutQualifiers,
} from './value-transfer-inference';
import { wordsOf } from './words';

/** Path words that describe a resource rather than act on it (`/order_metadata`). */
const DESCRIBING_WORDS = new Set(['metadata', 'meta', 'book', 'books', 'history', 'depth']);

/** An OpenAPI (`{id}`) or router (`:id`) parameter segment of a path. */
const PATH_PARAMETER = /^(\{[^}]*\}|:\w+)$/;

/** Keys that name a stored value, not a sum: a key-value write (`{ key, value }`) spends nothing. */
const STORED_VALUE = new Set(['value']);

/** A member of the model's named as a sum spent (`amount_sats`, `price`), not a recipient. */
function carriesAmount(value: Value, lists: InferenceWords): boolean {
  return carriesKey(value, (word) => lists.creationSpendWords.has(word) && !STORED_VALUE.has(word), 0);
}

/**
 * A write request to an endpoint no payment row lists whose path names a money operation (`POST /order`,
 * `POST /v1/withdraw`) and whose arguments carry an amount, price or quantity: an exchange's or a shop's
 * REST API that no catalog names. Reads, drafts and unrelated resources never are.
 */
export function inferPaymentRequest(
  urlText: string,
  method: string,
  args: readonly Value[],
  lists: InferenceWords | undefined,
  whole?: readonly boolean[],
  isWhole: (origin: Origin) => boolean = isWholeInput,
): { row: PaymentRequestRow; words: string } | undefined {
  // A DELETE removes something; it may be a remote write, never a payment.
  if (!lists || !isWriteMethod(method) || method === 'DELETE') return undefined;
  const path = endpointPath(urlText);
  // `POST /automation/limit_orders`: a limit order is an order, as in a tool's name.
  const words = withoutQualifiers(
    path
      .split('/')
      // `/billers/{biller_code}/items/{item_code}/payment`, `/orders/:id`: a template's parameters are no words.
      .filter((segment) => !PATH_PARAMETER.test(segment))
      .flatMap(wordsOf)
      .filter((word) => !PATH_FILLER.has(word))
      .slice(-MAX_PATH_SEGMENTS),
    lists,
    0,
  );
  if (words.length === 0) return undefined;
  if (words.some((word) => lists.readWords.has(word) || lists.unrelatedWords.has(word) || DESCRIBING_WORDS.has(word)))
    return undefined;
  if (words.some((word) => lists.draftNouns.has(word) || lists.storageWords.has(word) || lists.undoVerbs.has(word)))
    return undefined;
  // The request's method is the verb: POST creates, so a money noun alone (`/order`) is a commit. A
  // transaction alone (`POST /transactions`) may be a ledger entry; one the path sends, submits or
  // broadcasts (`/transactions/send`) commits whatever it carries.
  const moves =
    words.some((word) => lists.moneyVerbs.has(word)) ||
    (method === 'POST' &&
      words.some(
        (word) => lists.moneyNouns.has(word) && !lists.transactionNouns.has(word) && !lists.assetNouns.has(word),
      )) ||
    (words.some((word) => lists.transactionNouns.has(word)) && words.some((word) => lists.toolCommitVerbs.has(word))) ||
    // `POST /agent/send` with the model's `amount_sats`: a bare commit ending the path sends what the body says.
    (method === 'POST' &&
      lists.toolCommitVerbs.has(words[words.length - 1] ?? '') &&
      args.some((arg) => carriesAmount(arg, lists)));
  // The model's whole input spread into the body (`{ ...parameters, type }`) carries its amount too, when
  // the path ends in what it commits (`/limit_orders`, `/withdraw`, `/order/place`): a body of unknown
  // members sent to `/orders/batch` or `/payment_gateways/{id}` edits records or settings.
  // `whole`, from a request helper, says which of its caller's arguments the helper sends whole.
  const last = words[words.length - 1] ?? '';
  const commitsLast = lists.moneyNouns.has(last) || lists.moneyVerbs.has(last) || lists.commitVerbs.has(last);
  const wholeInput = (arg: Value, index: number) =>
    commitsLast && whole?.[index] !== false && holdsWholeInput(arg, isWhole, 0);
  if (!moves || !args.some((arg, index) => carriesValue(arg, lists, 0) || wholeInput(arg, index))) return undefined;
  // A computed base (`${base}/order`) is shown from its first constant slash.
  return { row: inferredPaymentRow(lists, method), words: `${method} ${path.slice(Math.max(0, path.indexOf('/')))}` };
}

/** Request options nest the body (`{ body: input }`, `{ json: { data: input } }`): a bounded look inside. */
const MAX_BODY_DEPTH = 2;

/** The model's whole input, as the argument or as the body an options object holds. */
function holdsWholeInput(value: Value, isWhole: (origin: Origin) => boolean, depth: number): boolean {
  if (value.origins.some(isWhole)) return true;
  if (depth >= MAX_BODY_DEPTH) return false;
  for (const member of value.props?.values() ?? []) if (holdsWholeInput(member, isWhole, depth + 1)) return true;
  return false;
}

/**
 * A GraphQL mutation no payment row lists whose operation or first field names a money operation
 * (`mutation { refundCreate(…) }`, `createOrder`), with the model's amount, price or quantity in its
 * variables: the document, not the endpoint, says what the request does.
 */
export function inferMutationPayment(
  names: readonly string[],
  method: string,
  args: readonly Value[],
  lists: InferenceWords | undefined,
): { row: PaymentRequestRow; words: string } | undefined {
  if (!lists || !isWriteMethod(method)) return undefined;
  const named = names.find((name) => namesMoneyOperation(wordsOf(name), wordsOf(name), lists));
  if (named === undefined || !args.some((arg) => carriesValue(arg, lists, 0))) return undefined;
  return { row: inferredPaymentRow(lists, method), words: `mutation ${named}` };
}

function inferredPaymentRow(lists: InferenceWords, method: string): PaymentRequestRow {
  return {
    id: INFERRED_PAYMENT_ID,
    rule: lists.rule,
    urlPattern: /$^/,
    methods: [method],
    operation: 'payment request',
  };
}

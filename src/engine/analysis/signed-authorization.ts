// A signature over typed data whose struct names a transfer authorization (a payment's TransferWithAuthorization,
// a PermitTransferFrom, an exchange Order) is the value transfer itself: whoever receives the signature settles it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression } from '../ast';
import type { InferenceWords, SinkRow } from '../catalog/load';
import { namesAmount } from './amount-fields';
import type { Evaluator, State } from './evaluator';
import { constantText, evaluateSink, type SinkHit } from './sinks';
import type { Value } from './value';
import { syntheticTransferRow } from './value-transfer-inference';
import { wordsOf } from './words';

/** The inventory's sink id for a signed transfer authorization; it is no catalog row, so row coverage does not apply. */
export const SIGNED_AUTHORIZATION_ID = 'signed-transfer-authorization';

/** `signTypedData(domain, types, value)` puts the struct types second; a wrapper may add one argument more. */
const MAX_ARGS = 4;
/** Struct types looked at per argument: typed data declares a handful. */
const MAX_TYPES = 16;
/** How deep the signed struct is searched for its amount (`message.permitted.amount`). */
const MAX_DEPTH = 4;

/**
 * A call whose method signs (`signTypedData`, `_signTypedData`, `signTypedDataV4`) over typed data whose
 * primary type, or one of whose declared struct types, names a transfer authorization. A signature over any
 * other struct (a login, a mail, a delegation of votes) moves nothing; a message signature is unrelated.
 */
export function signedAuthorization(
  interpreter: Evaluator,
  node: TSESTree.CallExpression,
  args: Value[],
  state: State,
): SinkHit | undefined {
  const lists = interpreter.ctx.catalogs.inference;
  if (!lists || lists.signVerbs.size === 0 || args.length === 0) return undefined;
  const callee = unwrapExpression(node.callee);
  const method =
    callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  if (method === undefined) return undefined;
  const words = wordsOf(method);
  if (!words.some((word) => lists.signVerbs.has(word))) return undefined;
  if (words.some((word) => lists.unrelatedWords.has(word))) return undefined;
  if (!args.slice(0, MAX_ARGS).some((arg) => namesAuthorization(arg, lists))) return undefined;
  const hit = evaluateSink(signedRow(lists), node, args, state, interpreter);
  // The amount is usually the server's (a 402's price), not the model's: a cap checked on it bounds the payment.
  if (hit && !hit.bounded) hit.bounded = amountsCapped(args);
  return hit;
}

/** Whether the signed struct names an amount (`value`, `amount`) and every member so named carries a checked cap. */
function amountsCapped(args: readonly Value[]): boolean {
  const amounts: Value[] = [];
  const collect = (value: Value, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    for (const [key, member] of value.props ?? []) {
      if (namesAmount(key) && member.props === undefined) amounts.push(member);
      else collect(member, depth + 1);
    }
  };
  for (const arg of args.slice(0, MAX_ARGS)) collect(arg, 0);
  return amounts.length > 0 && amounts.every((amount) => amount.bounds.has('amount'));
}

/** `{ primaryType: 'TransferWithAuthorization', … }`, or a struct table (`{ PermitSingle: [ … ] }`) alone or as `types`. */
function namesAuthorization(arg: Value, lists: InferenceWords): boolean {
  const primary = arg.props?.get('primaryType');
  if (primary) return namesTransferStruct(constantText(primary), lists);
  const table = arg.props?.get('types') ?? arg;
  let seen = 0;
  for (const [name, fields] of table.props ?? []) {
    if (++seen > MAX_TYPES) break;
    // Struct names are capitalised and declare their fields as a list; other options objects are not tables.
    if (/^[A-Z]/.test(name) && fields.elements !== undefined && namesTransferStruct(name, lists)) return true;
  }
  return false;
}

function namesTransferStruct(name: string, lists: InferenceWords): boolean {
  return wordsOf(name).some((word) => lists.authorizationTypeWords.has(word));
}

function signedRow(lists: InferenceWords): SinkRow {
  return syntheticTransferRow(lists, SIGNED_AUTHORIZATION_ID, 'signed transfer authorization');
}

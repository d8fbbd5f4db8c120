// A signature over typed data whose struct names a transfer authorization (a payment's TransferWithAuthorization,
// a PermitTransferFrom, an exchange Order) is the value transfer itself: whoever receives the signature settles it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression } from '../ast';
import type { InferenceWords, SinkRow } from '../catalog/load';
import { namesAmount } from './amount-fields';
import type { Evaluator, State } from './evaluator';
import { constantText, evaluateSink, type SinkHit } from './sinks';
import { isTainted, type Value } from './value';
import { INFERRED_SINK_ID, syntheticTransferRow } from './value-transfer-inference';
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
  if (!args.slice(0, MAX_ARGS).some((arg) => namesAuthorization(arg, lists)))
    return modelChosenStruct(interpreter, node, args, state, words, lists);
  const hit = evaluateSink(signedRow(lists), node, args, state, interpreter);
  // The amount is usually the server's (a 402's price), not the model's: a cap checked on it bounds the payment.
  if (hit && !hit.bounded) hit.bounded = amountsCapped(args);
  return hit;
}

/** The members of a typed-data request that say which struct is signed. */
const STRUCT_KEYS = ['types', 'primaryType'] as const;

/**
 * `signTypedData({ domain, types, primaryType, message })` whose struct table or primary type is the model's
 * (parsed from a JSON string it wrote): the model picks what the wallet signs, a `PermitTransferFrom` or a
 * `TransferWithAuthorization` among them, so the signature may commit value. Inferred (medium confidence), and
 * reached only where the struct itself carries input: a caller of a signing helper that passes its own
 * constant login struct beside the model's message signs nothing the model chose.
 */
function modelChosenStruct(
  interpreter: Evaluator,
  node: TSESTree.CallExpression,
  args: Value[],
  state: State,
  words: readonly string[],
  lists: InferenceWords,
): SinkHit | undefined {
  if (!words.includes('typed')) return undefined;
  const chosen: Value[] = [];
  for (const arg of args.slice(0, MAX_ARGS))
    for (const key of STRUCT_KEYS) {
      const member = arg.props?.get(key);
      if (member && choosesStruct(member)) chosen.push(member);
    }
  // ethers' positional `signTypedData(domain, types, value)`: the struct table is second.
  const table = args[1];
  if (chosen.length === 0 && args.length >= 3 && table && !args[0]?.props?.has('types') && choosesStruct(table))
    chosen.push(table);
  if (chosen.length === 0) return undefined;
  const hit = evaluateSink(
    syntheticTransferRow(lists, INFERRED_SINK_ID, 'value transfer'),
    node,
    args,
    state,
    interpreter,
  );
  if (!hit) return undefined;
  // Only the struct's own origins reach the finding: the model's message alone signs the author's struct.
  const origins = chosen.flatMap((value) => value.origins);
  hit.origins = origins;
  hit.paramIndexes = [...new Set(origins.flatMap((origin) => (origin.kind === 'param' ? [origin.index] : [])))];
  hit.modelControlled = origins.some((origin) => origin.kind === 'input');
  hit.inferred = { byToolName: false, words: wordsOfCallee(node), modelStruct: true };
  return hit;
}

/** A struct table or type name the model wrote: input, with no table or name of the author's in it. */
function choosesStruct(value: Value): boolean {
  return isTainted(value) && value.props === undefined && value.constant === undefined;
}

function wordsOfCallee(node: TSESTree.CallExpression): string {
  const callee = unwrapExpression(node.callee);
  return callee.type === 'MemberExpression'
    ? (propertyName(callee) ?? 'signTypedData')
    : callee.type === 'Identifier'
      ? callee.name
      : 'signTypedData';
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

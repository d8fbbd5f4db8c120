// Infers value transfers through external calls that no catalog row models, from the words of their names,
// so that payment, wallet and exchange SDKs nobody listed are still seen (reported at medium confidence).
import { builtinModules } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import { GLOBAL, LOCAL, type ApiRef } from '../api';
import type { InferenceWords, SinkRow } from '../catalog/load';
import type { FileContext } from './context';
import type { Evaluator, State } from './evaluator';
import { resolveFunction } from './resolve';
import { evaluateSink, type SinkHit } from './sinks';
import { isTainted, type Value } from './value';
import { wordsOf } from './words';
import { withoutSortOrders } from './sort-order';
import { contractOperation, MODEL_NAMED } from './contract-operation';
import { isWholeInput } from './origins';
import { schemaNamesSpend } from './schema-spend';
import { carriedByReceiver, toolVerb } from './signed-writes';
import { namesOnlyTransaction, sendsOnlySignedWrite, signsTransaction } from './sent-transaction';
import { issuesCreatedAsset, listsForSale } from './sale-listing';

/** The inventory's sink id for an inferred transfer; it is no catalog row, so row coverage does not apply. */
export const INFERRED_SINK_ID = 'inferred-value-transfer';

/** What the report knows of the tool that owns a hit. */
interface ToolLike {
  name: string;
  definition: Node;
}

/** Why a call was inferred to move value: its own name, or the money-named tool it serves. */
export interface InferredTransfer {
  /** True when only the tool's name makes the call a money operation (`client.execute(...)` in `send_tip`). */
  byToolName: boolean;
  /** The words of the callee that named the operation, as shown in the message. */
  words: string;
  /** Named a money operation only as a transaction (`signOrSendTX`): a tool named for undoing something sends none. */
  sendsTransaction?: boolean;
  /** Named by the endpoint a request writes to (`POST /v1/order`), not by a call. */
  endpoint?: boolean;
  /** The function a generic contract call runs, named in its options (`{ method: 'deposit' }`), and whether the model's amount pays it. */
  operation?: { name: string; paid: boolean };
  /** A signed write that moves no value (`wallet.deployToken(…)`, `invokeContract({ method: 'deploy' })`): audit-worthy only. */
  writesOnly?: boolean;
  /** A typed-data signature over a struct the model chose (`signed-authorization.ts`): it may sign a permit. */
  modelStruct?: boolean;
  /** Named as signing a transaction (`signTransaction`): where the tool also sends one, the send is reported. */
  signsOnly?: boolean;
}

/** The inventory's id for a request inferred to move value from its endpoint's words. */
export const INFERRED_PAYMENT_ID = 'inferred-payment-request';
/** Path words that carry no meaning of their own (`/api/v2/…`, a placeholder for a computed part). */
export const PATH_FILLER = new Set(['api', 'v', 'x', 'rest', 'public', 'private', 'request', 'requests']);

const BUILTINS = new Set(builtinModules);
const rows = new WeakMap<InferenceWords, Map<string, SinkRow>>();
/** Segments of a callee path whose words are judged: the resource and the method (`payments.create`). */
const JUDGED_SEGMENTS = 2;
const MAX_KEY_DEPTH = 4;
export const MAX_PATH_SEGMENTS = 8;
const MAX_DESCRIPTION_ARGS = 4;
const MAX_DESCRIPTION_CHARS = 2_000;
/** How many words before a token its credential qualifier may stand (`client side token`). */
const CREDENTIAL_REACH = 2;

/**
 * Whether a name moves or commits value: its method words hold a money verb (`refund`, `swap`), or a
 * commit verb (`create`, `submit`) with a money noun anywhere (`payments.create`); a draft (an invoice, a
 * checkout) only through the verbs that complete it; and nothing in it reads, prepares or handles another
 * object. The verb must be the method's, so a brand in a receiver (`PayPalAPI.run`) names nothing.
 */
export function namesMoneyOperation(
  sortedMethodWords: readonly string[],
  sortedAllWords: readonly string[],
  lists: InferenceWords,
): boolean {
  // `media.updateManualOrder`: a sort order is no money noun.
  const methodWords = withoutSortOrders(sortedMethodWords, lists);
  const allWords = withoutSortOrders(sortedAllWords, lists);
  if (allWords.some((word) => lists.readWords.has(word) || lists.unrelatedWords.has(word))) return false;
  if (namesCredential(allWords, lists)) return false;
  // `marketplace.deleteCharge`, `cancelPayout`: the money word is the object the leading verb removes or voids.
  if (lists.recordVoidVerbs.has(methodWords[0] ?? '')) return false;
  if (methodWords.some((word, index) => lists.moneyVerbs.has(word) && !actsOnNonValue(methodWords, index, lists)))
    return true;
  if (signsTransaction(methodWords, lists)) return true;
  if (allWords.some((word) => lists.draftNouns.has(word)))
    return methodWords.some((word) => lists.draftCommitVerbs.has(word));
  return (
    methodWords.some((word) => lists.commitVerbs.has(word)) &&
    allWords.some(
      (word, index) =>
        (lists.moneyNouns.has(word) && !qualifiesHolder(allWords, index, lists)) || lists.moneyVerbs.has(word),
    )
  );
}

/** `payment account`, `token account`: the money noun only says what kind of account the next word is. */
function qualifiesHolder(words: readonly string[], index: number, lists: InferenceWords): boolean {
  return lists.holderNouns.has(words[index + 1] ?? '');
}

/** `depositAddress`, `transferLease`: the money verb's object, the word right after it, is no value. */
function actsOnNonValue(words: readonly string[], index: number, lists: InferenceWords): boolean {
  return lists.nonValueObjects.has(words[index + 1] ?? '');
}

/**
 * A token that a qualifier before it makes a credential (`clientTokens.create`, `create_client_side_token`,
 * `sessionToken`): a crypto token is value, a client or session token only grants access.
 */
function namesCredential(words: readonly string[], lists: InferenceWords): boolean {
  return words.some(
    (word, index) =>
      lists.credentialNouns.has(word) &&
      words
        .slice(Math.max(0, index - CREDENTIAL_REACH), index)
        .some((before) => lists.credentialQualifiers.has(before)),
  );
}

/**
 * Whether a tool's name, or its description, names a money operation, which makes its generic commits
 * (`execute`) transfers. A description is prose: it counts when it holds a money verb and no read word.
 */
export function toolNamesMoney(name: string, definition: Node | undefined, lists: InferenceWords): boolean {
  const words = toolWords(name, lists);
  if (namesMoneyOperation(words, words, lists)) return true;
  const prose = definition ? descriptionWords(definition) : [];
  return (
    prose.some((word) => lists.moneyVerbs.has(word)) &&
    !prose.some((word) => lists.readWords.has(word) || lists.unrelatedWords.has(word))
  );
}

/** A tool named as a read (`simulate_transaction`, `get_swap_quote`): what it calls is not guessed to move value. */
export function isReadTool(name: string, lists: InferenceWords, definition?: Node): boolean {
  if (definition && offersForSale(name, definition, lists)) return false;
  const words = toolWords(name, lists);
  if (namesPaidRequest(words, lists)) return false;
  // The leading word is the tool's verb: `simulateTransfer` reads even though it names a transfer.
  if (lists.readWords.has(words[0] ?? '')) return true;
  return words.some((word) => lists.readWords.has(word)) && !words.some((word) => lists.moneyVerbs.has(word));
}

/** A tool that lists one item for sale (`list_nft_for_sale`): its leading `list` is a sell order, not a read. */
function offersForSale(name: string, definition: Node, lists: InferenceWords): boolean {
  return listsForSale(wordsOf(name), descriptionWords(definition), lists);
}

/**
 * A tool name's words without read words that only qualify the money noun after them (`create_limit_order`,
 * `place_market_order`: a limit order is an order); the leading word is the tool's verb and always kept.
 */
function toolWords(name: string, lists: InferenceWords): string[] {
  return withoutQualifiers(wordsOf(name), lists, 1);
}

/**
 * Words without read words that only qualify the money noun after them (`limit_orders`, `market-order`),
 * keeping the first `kept` words whatever they are.
 */
export function withoutQualifiers(words: readonly string[], lists: InferenceWords, kept: number): string[] {
  // `set_sort_order`, `/menu/display_order`: a sort order is no money noun either.
  return withoutSortOrders(words, lists).filter(
    (word, index, rest) => index < kept || !lists.readWords.has(word) || !lists.moneyNouns.has(rest[index + 1] ?? ''),
  );
}

/** The words of a tool's description: a `description` string of its options object, or a string argument. */
function descriptionWords(definition: Node): string[] {
  const texts: string[] = [];
  const objects: Node[] = [definition];
  if (definition.type === 'CallExpression' || definition.type === 'NewExpression') {
    for (const argument of definition.arguments.slice(0, MAX_DESCRIPTION_ARGS)) {
      // `server.tool(name, description, schema, handler)`: the second string is the description.
      if (argument !== definition.arguments[0] && argument.type === 'Literal' && typeof argument.value === 'string')
        texts.push(argument.value);
      objects.push(argument);
    }
  }
  for (const object of objects) {
    if (object.type !== 'ObjectExpression') continue;
    for (const property of object.properties) {
      if (property.type !== 'Property' || propertyName(property) !== 'description') continue;
      if (property.value.type === 'Literal' && typeof property.value.value === 'string')
        texts.push(property.value.value);
    }
  }
  return texts.join(' ').slice(0, MAX_DESCRIPTION_CHARS).split(/\s+/).flatMap(wordsOf);
}

/**
 * A call to an external SDK that no row matched: a hit of the inference rule when its name (or, for a generic
 * commit, the tool's) names a money operation and model input reaches it. Reads, drafts and unrelated
 * effects are never inferred; approvals and amount bounds apply exactly as for catalog rows.
 */
export function inferTransfer(
  interpreter: Evaluator,
  node: TSESTree.CallExpression,
  args: Value[],
  state: State,
  receiverApi?: ApiRef,
  isGenericRequest = false,
  receiver?: Value,
): SinkHit | undefined {
  const lists = interpreter.ctx.catalogs.inference;
  if (!lists) return undefined;
  const callee = unwrapExpression(node.callee);
  const segments = calleeSegments(callee);
  const method = segments[segments.length - 1];
  if (method === undefined) return undefined;
  const words = segments.flatMap(wordsOf);
  // `tx.execute(client)` on `new TransferTransaction(params)`: the commit sends what its receiver was built from.
  const carrier = carriedByReceiver(callee, method, receiver, receiverApi, lists);
  if (carrier) args = [...args, carrier];
  if (args.length === 0) return undefined;
  const paysForRequest = namesPaidRequest(words, lists);
  if (!paysForRequest && words.some((word) => lists.readWords.has(word) || lists.unrelatedWords.has(word)))
    return undefined;
  if (namesCredential(words, lists)) return undefined;
  const methodWords = wordsOf(method);
  const contract = contractOperation(
    methodWords,
    args,
    lists,
    (named) => namesMoneyOperation(named, named, lists),
    (options) => carriesValue(options, lists, 0),
  );
  const operation = contract?.moves ? contract : undefined;
  // A generic request's callee words are its client's and its HTTP verb's; its endpoint names the operation.
  const byName =
    paysForRequest ||
    (!isGenericRequest && (namesMoneyOperation(methodWords, words, lists) || operation !== undefined));
  // A deployment, or a contract function that is neither a read nor a money operation, signs a write that
  // an audit trail needs, though it hands no value to anyone.
  const writesOnly = !byName && (contract !== undefined || lists.chainWriteVerbs.has(methodWords[0] ?? ''));
  // A wrapper tool running the tool it wraps (`this.originalTool._call(args)`) commits whatever that tool does.
  const runsTool =
    lists.toolRunMethods.has(method.toLowerCase()) && pathWords(callee).some((word) => lists.toolNouns.has(word));
  if (!byName && !writesOnly && !runsTool && !methodWords.some((word) => lists.toolCommitVerbs.has(word)))
    return undefined;
  // A receiver naming storage (`prisma.order.create`, `ctx.session.payments.insert`) records data, unless the
  // method itself is a money verb: `session.account.transfer(to, amount)` moves value whatever holds it.
  const namesMoneyVerb = methodWords.some((word) => lists.moneyVerbs.has(word)) || operation !== undefined;
  if (!namesMoneyVerb && pathWords(callee).some((word) => lists.storageWords.has(word))) return undefined;
  // A project's own paid request (`x402Fetch` written in the package) pays as a library's does; its body
  // signs what the server asks for, which no row sees as a transfer.
  const isOwnPaidRequest = paysForRequest && resolveFunction(callee, interpreter.ctx) !== undefined;
  // The receiver's value may know the package its client came from (an imported singleton) where the
  // callee's written path does not.
  if (!isOwnPaidRequest && !isExternalReceiver(callee, interpreter, lists, receiverApi)) return undefined;
  const hit = evaluateSink(inferenceRow(lists), node, args, state, interpreter);
  if (!hit) return undefined;
  // A call named by a money verb (`client.unstakeAll()`) moves value even when no model input reaches it:
  // kept for the audit rule (chooseInferred never reports it as unbounded), other guesses need the input.
  const namesTransaction = byName && namesOnlyTransaction(words, lists);
  // A transaction only signed (`signTransaction`) commits what the model put in it; one it did not reach is the
  // owner's to send later, no effect of this call.
  const signsOnly = signsTransaction(methodWords, lists) && !methodWords.some((word) => lists.commitVerbs.has(word));
  if (hit.origins.length === 0 && (signsOnly || !(byName && (namesMoneyVerb || namesTransaction)))) return undefined;
  if (writesOnly) {
    hit.inferred = { byToolName: false, words: segments.join('.'), writesOnly };
    return hit;
  }
  if (!byName && !carrier && !args.some((arg) => carriesValue(arg, lists, 0) || holdsWholeInput(arg, 0)))
    return undefined;
  hit.inferred = { byToolName: !byName, words: segments.join('.') };
  if (operation !== undefined) hit.inferred.operation = { name: operation.name, paid: operation.paid };
  if (namesTransaction) hit.inferred.sendsTransaction = true;
  if (signsOnly) hit.inferred.signsOnly = true;
  return hit;
}

/**
 * A request that pays for what it fetches (`x402Fetch(account, url)`): a payment protocol in its name, and no
 * word that reads beyond the request words (`checkX402Endpoint` only asks the price).
 */
function namesPaidRequest(words: readonly string[], lists: InferenceWords): boolean {
  return (
    words.some((word) => lists.paidRequestWords.has(word)) &&
    !words.some(
      (word) => (lists.readWords.has(word) && !lists.requestWords.has(word)) || lists.unrelatedWords.has(word),
    )
  );
}

/**
 * The last segments of a callee path: `this.client.payments.create` → `payments`, `create`. A receiver
 * segment that only names the transport (`spotClient.restAPI.newOrder`, `sdk.api.withdraw`) is skipped: it
 * says nothing about the operation, and its `api` is no API key.
 */
function calleeSegments(callee: Node): string[] {
  const out: string[] = [];
  let current: Node = callee;
  for (let step = 0; step < MAX_PATH_SEGMENTS && out.length < JUDGED_SEGMENTS; step++) {
    const name =
      current.type === 'Identifier'
        ? current.name
        : current.type === 'MemberExpression'
          ? propertyName(current)
          : undefined;
    if (name === undefined) break;
    const isTransport = out.length > 0 && wordsOf(name).every((word) => PATH_FILLER.has(word));
    if (!isTransport) out.unshift(name);
    if (current.type !== 'MemberExpression') break;
    current = unwrapExpression(current.object);
  }
  return out;
}

/** Words of every named segment of a callee path, bounded (`this.ctx.db.payments.create`). */
function pathWords(callee: Node): string[] {
  const out: string[] = [];
  let current: Node = callee;
  for (let depth = 0; depth < MAX_PATH_SEGMENTS; depth++) {
    if (current.type === 'Identifier') return [...out, ...wordsOf(current.name)];
    if (current.type !== 'MemberExpression') break;
    out.push(...wordsOf(propertyName(current) ?? ''));
    current = unwrapExpression(current.object);
  }
  return out;
}

/**
 * Not project code and not a platform built-in: an import of a package, or a receiver the engine cannot
 * follow (an untyped parameter, an object a project factory returned) whose method it cannot find.
 */
/**
 * `isExternalCall`, where the receiver's value may know the package its client came from (an imported
 * singleton, `export const api = createClient(…)` in a project module) and the callee's written path does not.
 */
export function isExternalReceiver(
  callee: Node,
  interpreter: Evaluator,
  lists: InferenceWords,
  receiverApi: ApiRef | undefined,
): boolean {
  return receiverApi !== undefined
    ? isExternalRef(receiverApi) && !lists.notValueModules.has(receiverApi.module)
    : isExternalCall(callee, interpreter, lists);
}

export function isExternalCall(callee: Node, interpreter: Evaluator, lists: InferenceWords): boolean {
  const { ctx } = interpreter;
  if (resolveFunction(callee, ctx)) return false;
  const ref = ctx.api.resolve(callee);
  if (ref) return isExternalRef(ref) && !lists.notValueModules.has(ref.module);
  return callee.type === 'MemberExpression' && callee.object.type !== 'ThisExpression';
}

function isExternalRef(ref: ApiRef): boolean {
  // A method on an object made by project (or ambient) code that the resolver cannot find is an SDK's or
  // an interface's; a global function or a project function itself is not.
  if (ref.module === GLOBAL || ref.module === LOCAL) return ref.tokens.some((token) => token.kind !== 'Member');
  return !BUILTINS.has(ref.module.replace(/^node:/, '')) && !ref.module.startsWith('node:');
}

/** Model input under a key (or from a field) that names an amount, a recipient, a price or a quantity. */
export function carriesValue(value: Value, lists: InferenceWords, depth: number): boolean {
  return carriesKey(value, (word) => lists.valueKeys.has(word), depth);
}

/**
 * An options object that holds the model's whole input, spread or nested (`executeJs({ jsParams: { params:
 * { ...details } } })`): in a money-named tool the input's amount and recipient are among its members,
 * whatever they are called. A bare value (`write(JSON.stringify(args))`) is no options object.
 */
function holdsWholeInput(value: Value, depth: number): boolean {
  if (depth > MAX_KEY_DEPTH || value.props === undefined) return false;
  if (value.origins.some(isWholeInput)) return true;
  for (const member of value.props.values()) if (holdsWholeInput(member, depth + 1)) return true;
  return false;
}

export function carriesKey(value: Value, isKey: (word: string) => boolean, depth: number): boolean {
  if (depth > MAX_KEY_DEPTH) return false;
  for (const [key, member] of value.props ?? []) {
    if (isTainted(member) && wordsOf(key).some(isKey)) return true;
    if (carriesKey(member, isKey, depth + 1)) return true;
  }
  for (const element of value.elements ?? []) if (carriesKey(element, isKey, depth + 1)) return true;
  // Any step counts: what an SDK returns for the model's amount (`quote(input.amount).routes[0]`) carries it.
  return value.origins.some((origin) => wordsOf(origin.display).some(isKey));
}

function inferenceRow(lists: InferenceWords): SinkRow {
  return syntheticTransferRow(lists, INFERRED_SINK_ID, 'value transfer');
}

/** A transfer row no catalog lists (an inferred call, a signed authorization): one per catalog and id, for hits to share. */
export function syntheticTransferRow(lists: InferenceWords, id: string, operation: string): SinkRow {
  let byId = rows.get(lists);
  if (!byId) {
    byId = new Map();
    rows.set(lists, byId);
  }
  const cached = byId.get(id);
  if (cached) return cached;
  const row: SinkRow = {
    id,
    rule: lists.rule,
    modules: [],
    requiresImport: [],
    callee: [],
    template: false,
    check: 'transfer',
    isWrite: true,
    operation,
  };
  byId.set(id, row);
  return row;
}

/** Whether a tool reaches a cataloged call that sends value (not one that only prepares it, not a guess). */
export function sendsThroughCatalog(hits: SinkHit[]): boolean {
  return hits.some(
    (hit) =>
      (hit.payment !== undefined && !hit.paymentInferred) ||
      (hit.row.check === 'transfer' && !hit.inferred && !hit.row.prepares),
  );
}

/** The one inferred transfer a tool reports: a call named as a money operation, else the last generic commit. */
export function chooseInferred(hits: SinkHit[], tool: ToolLike, ctx: FileContext): SinkHit | undefined {
  const reached = hits.filter((hit) => hit.inferred && !hit.inferred.writesOnly && isInferredReach(hit, tool, ctx));
  // Among generic commits, the last: a route or quote looked up with a `send` in its name comes before the send.
  // A transaction signed and then sent (`signTransaction` before `sendRawTransaction`) is reported at the send.
  const named = reached.filter((hit) => !hit.inferred?.byToolName);
  return named.find((hit) => !hit.inferred?.signsOnly) ?? named[0] ?? reached[reached.length - 1];
}

/**
 * A call named as a money operation or a transaction that is not reported as a transfer: no model input
 * reaches it (`vault.unstakeAll()`), or the tool undoes something (`signOrSendTX` in `cancel_orders`). It
 * still commits the owner's value or a signed write on the model's request, so the tool is audit-worthy.
 */
export function isUnreportedMoneyCall(hit: SinkHit, tool: ToolLike, ctx: FileContext): boolean {
  const lists = ctx.catalogs.inference;
  if (!hit.inferred || hit.inferred.byToolName || !lists) return false;
  // A signature the tool does not report as a transfer (a claim, an undo) is the owner's to send later: no write.
  if (hit.inferred.signsOnly) return false;
  if (hit.inferred.writesOnly) return !isReadTool(tool.name, lists, tool.definition);
  // A sent transaction is a signed write whatever the tool's other words say (`claim_creator_fee` names a
  // fee): only a tool whose verb reads (`estimate_fee`, `simulate_claim`) sends none for real.
  if (hit.inferred.sendsTransaction)
    return !lists.readWords.has(wordsOf(tool.name)[0] ?? '') || offersForSale(tool.name, tool.definition, lists);
  return !isReadTool(tool.name, lists, tool.definition);
}

/**
 * A tool named for a draft or a link a person completes (`create_checkout`, `create_payment_link`,
 * `draft_invoice`), not for the verb that completes it (`pay_invoice`, `finalize_invoice`): what its request
 * guesses from an endpoint (`POST /payments`) is the hosted page, not a charge.
 */
export function isDraftTool(name: string, lists: InferenceWords): boolean {
  if (namesPaymentRequest(name, lists)) return true;
  const words = toolWords(name, lists);
  if (words.some((word) => lists.moneyVerbs.has(word))) return false;
  // A link is a page to pay on whatever it links to; a draft noun is one until a verb completes it.
  if (words.some((word) => LINK_WORDS.has(word))) return true;
  return words.some((word) => lists.draftNouns.has(word)) && !namesMoneyOperation(words, words, lists);
}

const LINK_WORDS: ReadonlySet<string> = new Set(['link', 'links']);

/**
 * A tool named for a payee's request for payment (`request_payment`, `create_payment_request`, `request_to_pay`):
 * what it posts asks the payer, who approves it on a phone or a page, so it is a draft too. Not when the tool's
 * leading verb moves money itself (`pay_payment_request`).
 */
export function namesPaymentRequest(name: string, lists: InferenceWords): boolean {
  const words = wordsOf(name);
  if (lists.moneyVerbs.has(words[0] ?? '')) return false;
  return words.some((word, index) => {
    if (!lists.paymentRequestWords.has(word)) return false;
    const next = words[index + 1] === 'to' ? words[index + 2] : words[index + 1];
    return lists.requestedPayments.has(next ?? '') || lists.requestedPayments.has(words[index - 1] ?? '');
  });
}

/** An inferred transfer counts only with model input reaching it, and a generic commit only in a money-named tool. */
function isInferredReach(hit: SinkHit, tool: ToolLike, ctx: FileContext): boolean {
  const lists = ctx.catalogs.inference;
  if (!hit.modelControlled || !lists || isReadTool(tool.name, lists, tool.definition)) return false;
  if (isDraftTool(tool.name, lists)) return false;
  // A creation tool that hands the whole input on (`createAccount({ ...params, key })`) spends what its schema
  // names as an amount (`initialBalance`), where no origin names the member.
  if (
    hit.inferred?.sendsTransaction &&
    lists.creationVerbs.has(toolVerb(tool.name, lists)) &&
    hit.origins.some(isWholeInput) &&
    schemaNamesSpend(tool.definition, ctx, lists)
  )
    return true;
  // A transaction sent by a tool that undoes, configures or creates something is a signed write by name.
  if (
    (hit.inferred?.sendsTransaction || issuesCreatedAsset(hit, tool.name, lists)) &&
    sendsOnlySignedWrite(tool.name, toolNamesMoney(tool.name, tool.definition, lists), hit.origins, lists)
  )
    return false;
  return !hit.inferred?.byToolName || toolNamesMoney(tool.name, tool.definition, lists);
}

/** Why the finding's call appears to move value, for its message. */
export function inferredReason(hit: SinkHit, toolName: string): string {
  if (hit.inferred?.modelStruct)
    return `the model chooses the typed-data struct \`${hit.inferred.words}\` signs, a permit or a transfer authorization among them`;
  if (hit.inferred?.endpoint) return `its endpoint \`${hit.inferred.words}\` names a money operation`;
  const operation = hit.inferred?.operation;
  if (operation?.name === MODEL_NAMED)
    return `the model names the contract function it runs, and an amount or recipient of the model's reaches it`;
  if (operation)
    return operation.paid
      ? `the model's amount pays for the contract function it runs, \`${operation.name}\``
      : `the contract function it runs, \`${operation.name}\`, names a money operation`;
  return hit.inferred?.byToolName
    ? `the tool \`${toolName}\` is named or described as a money operation and an amount or recipient of the model's reaches this call`
    : `its name \`${hit.inferred?.words ?? hit.callee}\` names a money operation`;
}

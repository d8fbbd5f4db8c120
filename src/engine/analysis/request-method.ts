// The HTTP method and target of a request sink, followed through helpers: a wrapper such as
// `request(path, { method })` sends what its caller wrote, so a helper's hit remembers which parameter
// member chose the method (and the URL as built, to be completed by each caller), and each call site
// that passes a written method settles it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, stringValue, unwrapExpression, type FunctionNode, type Node } from '../ast';
import type { RemoteWriteNames, SinkRow } from '../catalog/load';
import { memberOf, type ParamOrigin, type Value } from './value';
import { wordsOf } from './words';

/** A request's method as far as it is known at a sink or a call site. */
export interface RequestMethod {
  /** The written method, upper case. */
  method?: string;
  /** Inside a helper: the parameter members the method comes from, settled by the caller's arguments. */
  methodParams?: ParamOrigin[];
  /** The URL as built at the sink (a helper's parameters in it are replaced at each call). */
  target?: Value;
  /** The call through which a caller of the sending helper wrote the method (`requestJson(url, { method: 'POST' })`). */
  methodWrittenAt?: Node;
  /**
   * What the nearest named function between the sending helper and the tool says the request does
   * (`getFlightsByNumber()` calling `makeRequest('flight', params)`): see caller-frame-name.ts.
   */
  namedBy?: 'read' | 'write';
}

/** A method that changes state at the other end. */
export function isWriteMethod(method: string | undefined): boolean {
  return method !== undefined && !READ_METHODS.has(method.toUpperCase());
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A method chosen by more parameter members than this is not followed (it is then unknown). */
const MAX_METHOD_PARAMS = 4;
/** A longer URL is not read for its last segment (the method then decides). */
const MAX_ENDPOINT_TEXT = 2000;
const UNKNOWN = '*';

/** The method a row's call uses, read from the evaluated arguments at the row's `methodAt` path. */
export function requestMethod(row: SinkRow, args: readonly Value[], verb?: string): RequestMethod {
  if (row.method !== undefined) return { method: (verb ?? row.method).toUpperCase() };
  const [first, ...rest] = row.methodAt ?? [];
  if (first?.kind !== 'Argument') return {};
  const index = first.indexes[0];
  if (!index || !('at' in index)) return {};
  let value: Value | undefined = args[index.at];
  for (const token of rest) {
    const name = token.kind === 'Member' ? token.names[0] : undefined;
    if (name === undefined) return {};
    if (!value) break;
    value = memberOf(value, name);
  }
  const written = value ? fromValue(value) : {};
  // `fetch(request)` or `fetch(request, { signal })`: an init that names no method leaves the request object's
  // (`new Request(url, { method: 'POST' })`).
  if (written.method === undefined && !written.methodParams && index.at > 0 && args[0])
    return requestObjectMethod(args[0]);
  return written;
}

/** The method at a call of the helper a hit was found in, given what the caller passed. */
export function methodAtCall(
  hit: RequestMethod,
  actual: (index: number, path?: readonly string[]) => Value,
): Omit<RequestMethod, 'target'> {
  if (hit.method !== undefined || !hit.methodParams) return hit.method !== undefined ? { method: hit.method } : {};
  const params: ParamOrigin[] = [];
  for (const origin of hit.methodParams) {
    if (origin.path[origin.path.length - 1] === REQUEST_METHOD) {
      // A helper's `fetch(request)`: only a request object the caller built says the method.
      const settled = requestObjectMethod(actual(origin.index, origin.path.slice(0, -1)));
      if (settled.method !== undefined) return settled;
      params.push(...(settled.methodParams ?? []));
      continue;
    }
    const settled = fromValue(actual(origin.index, origin.path));
    if (settled.method !== undefined) return settled;
    params.push(...(settled.methodParams ?? []));
  }
  return params.length > 0 ? { methodParams: params.slice(0, MAX_METHOD_PARAMS) } : {};
}

/** The member a request object keeps its init's method under (`request.method` is read as any member). */
export const REQUEST_METHOD = '<request-method>';

/**
 * The method of a request object: the one its init wrote, or, inside a helper handed the object, the
 * caller's object (settled at each call). Any other value (a URL string) says nothing about the method.
 */
function requestObjectMethod(request: Value): RequestMethod {
  const written = request.props?.get(REQUEST_METHOD);
  if (written) return fromValue(written);
  const params = request.origins.filter((origin): origin is ParamOrigin => origin.kind === 'param');
  if (params.length === 0 || params.length !== request.origins.length || params.length > MAX_METHOD_PARAMS) return {};
  return { methodParams: params.map((origin) => ({ ...origin, path: [...origin.path, REQUEST_METHOD] })) };
}

/**
 * A method the model picks (`method: input.method`): it may pick POST or DELETE, so the request may
 * write. Not a real method name, so no catalog row that lists methods matches it.
 */
export const MODEL_CHOSEN_METHOD = '<model-chosen>';

function fromValue(value: Value): RequestMethod {
  if (value.constant !== undefined) return { method: value.constant.toUpperCase() };
  // `let method = 'POST'; try { …; method = 'PUT' } catch {}`: every method it may be writes (or every one reads).
  const alternatives = value.alternatives?.map((text) => text.toUpperCase());
  if (alternatives && alternatives.length > 0) {
    const writes = alternatives.filter(isWriteMethod);
    if (writes.length === alternatives.length || writes.length === 0) return { method: alternatives[0] as string };
  }
  if (value.origins.some((origin) => origin.kind === 'input')) return { method: MODEL_CHOSEN_METHOD };
  const params = value.origins.filter((origin): origin is ParamOrigin => origin.kind === 'param');
  return params.length > 0 && params.length <= MAX_METHOD_PARAMS ? { methodParams: params } : {};
}

/**
 * A request sent with a write method to an endpoint named for a read: the last segment of the URL's
 * path names a query, search or lookup (`POST /v1/indexes/docs/query`, `POST /v2/search`) and no write.
 */
export function isReadEndpoint(
  target: Value | undefined,
  readWords: readonly string[],
  writeVerbs: readonly string[],
): boolean {
  const last = lastSegment(target);
  return last !== undefined && namesRead(last, readWords, writeVerbs);
}

/**
 * An endpoint sent by GET whose last segment is a write verb and its object (`/shop/v6/ChangeLineCount`,
 * `/cart/EmptyCart`, `/api/delete-item`): an API that writes over GET, as hand-made shop and device APIs do.
 * A lone verb (`/update`) or a noun (`/updates`) says nothing.
 */
export function isWriteNamedEndpoint(target: Value | undefined, verbs: readonly string[]): boolean {
  const last = lastSegment(target);
  const words = last === undefined ? [] : wordsOf(last);
  return words.length >= 2 && verbs.includes(words[0] as string);
}

/** The last segment of a request's written path; undefined when the caller fills it in or it is too long to read. */
function lastSegment(target: Value | undefined): string | undefined {
  const written = target ? writtenText(target, MAX_ENDPOINT_TEXT) : '';
  if (written.length >= MAX_ENDPOINT_TEXT) return undefined;
  // An unknown tail right after a written word (`/search` + a query string added on one branch) is no new segment.
  const text = written.replace(/(?<=[A-Za-z0-9])\*+$/, '');
  const last = endpointPath(text)
    .split('/')
    .filter((segment) => segment.length > 0)
    .pop();
  // A segment the caller fills in (an id, an operation) is unknown: the method decides.
  return last === undefined || last.includes(UNKNOWN) ? undefined : last;
}

/** A URL's path without its scheme, host, query and fragment (`https://api.x.com/v1/order?a=1` → `/v1/order`). */
export function endpointPath(url: string): string {
  return url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] ?? '';
}

/** A name (`query`, `eth_getBalance`) whose words hold a read word and no write verb. */
function namesRead(name: string, readWords: readonly string[], writeVerbs: readonly string[]): boolean {
  const words = wordsOf(name);
  return words.some((word) => readWords.includes(word)) && !words.some((word) => writeVerbs.includes(word));
}

/** A URL's written text, at most `limit` characters, with each part not written as one `*`. */
export function writtenText(value: Value, limit: number): string {
  if (value.constant !== undefined) return value.constant.slice(0, limit);
  let text = '';
  for (const part of value.parts ?? []) {
    if (text.length >= limit) break;
    text += part.kind === 'const' ? part.text : UNKNOWN;
  }
  return text.slice(0, limit);
}

/**
 * A JSON-RPC call whose method names a read (`{ jsonrpc: '2.0', method: 'eth_getUserOperationReceipt' }`,
 * as a request's object argument or the object its `body` stringifies): every JSON-RPC call is a POST, so
 * the method in the body, not the HTTP one, says whether it changes anything.
 */
export function isReadRpcCall(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  readWords: readonly string[],
  writeVerbs: readonly string[],
): boolean {
  const name = rpcMethodName(call);
  return name !== undefined && namesRead(name, readWords, writeVerbs);
}

/** The constant JSON-RPC method of a request (`{ jsonrpc: '2.0', method }` as an argument, or the object its `body` stringifies). */
export function rpcMethodName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  for (const argument of call.arguments.slice(0, 3)) {
    const object = unwrapExpression(argument);
    if (object.type !== 'ObjectExpression') continue;
    const body = findProperty(object, 'body');
    const payload = findProperty(object, 'jsonrpc') ? object : body ? stringified(body.value as Node) : undefined;
    const method = payload && findProperty(payload, 'jsonrpc') ? findProperty(payload, 'method') : undefined;
    const name = method ? stringValue(method.value as Node) : undefined;
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * A POST whose body says it reads: a JSON-RPC method that names a read, an RPC-style action that names one
 * (`{ action: 'list' }`), or a model inference request.
 */
export function sendsReadBody(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  names: RemoteWriteNames,
): boolean {
  const action = requestAction(call, names.actionKeys);
  return (
    namesReadEndpointVariable(call, names) ||
    isReadRpcCall(call, names.readEndpointWords, names.verbs) ||
    (action !== undefined && namesRead(action, names.readEndpointWords, names.verbs)) ||
    isInferenceRequest(call, names.inferenceModelKeys, names.inferencePromptKeys)
  );
}

/** The last word of a variable that holds an endpoint's address (`tokenUrl`, `SEARCH_ENDPOINT`, `lookupUri`). */
const ADDRESS_WORDS: ReadonlySet<string> = new Set(['url', 'uri', 'endpoint']);

/**
 * `fetch(endpoints.tokenUrl, { method: 'POST', body })`: the address is held by a variable or member named for a
 * read endpoint (an OAuth token exchange, a search endpoint), which says what a literal path would (`/oauth/token`).
 */
function namesReadEndpointVariable(call: TSESTree.CallExpression | TSESTree.NewExpression, names: RemoteWriteNames) {
  const first = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
  const name =
    first?.type === 'Identifier' ? first.name : first?.type === 'MemberExpression' ? propertyName(first) : undefined;
  if (name === undefined) return false;
  const words = wordsOf(name);
  if (words.length < 2 || !ADDRESS_WORDS.has(words[words.length - 1] ?? '')) return false;
  const named = words.slice(0, -1);
  return (
    named.some((word) => names.readEndpointWords.includes(word)) && !named.some((word) => names.verbs.includes(word))
  );
}

/**
 * The constant operation a request body asks an RPC-style route for (`{ action: 'list', ... }` as an
 * argument, or the object its `body`, `data` or `json` member holds or stringifies): one route that lists,
 * creates and cancels by that key does what the key says, whatever its HTTP method and path.
 */
export function requestAction(
  call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
  keys: readonly string[],
): string | undefined {
  if (call.type === 'TaggedTemplateExpression' || keys.length === 0) return undefined;
  for (const argument of call.arguments.slice(0, 3)) {
    const object = unwrapExpression(argument);
    if (object.type !== 'ObjectExpression') continue;
    const body = findProperty(object, 'body') ?? findProperty(object, 'data') ?? findProperty(object, 'json');
    const value = body ? unwrapExpression(body.value as Node) : undefined;
    const payload = value?.type === 'ObjectExpression' ? value : value ? stringified(value) : undefined;
    for (const holder of payload ? [payload, object] : [object]) {
      for (const key of keys) {
        const property = findProperty(holder, key);
        const name = property ? stringValue(property.value as Node) : undefined;
        if (name !== undefined) return name;
      }
    }
  }
  return undefined;
}

/** An action name (`list`, `get_balance`, `cancel`) whose words say it reads, or undoes with one of `undoVerbs`. */
export function actionMovesNothing(
  action: string,
  names: RemoteWriteNames,
  undoVerbs: ReadonlySet<string> | undefined,
): boolean {
  const first = wordsOf(action)[0];
  return (
    namesRead(action, names.readEndpointWords, names.verbs) || (first !== undefined && (undoVerbs?.has(first) ?? false))
  );
}

/**
 * A request whose body names a model and a prompt (`{ model, messages }` as an argument, or the object its
 * `body` stringifies): it asks a model through a proxy or an OpenAI-compatible server, which is inference,
 * not a change at the other end, whatever the HTTP method.
 */
export function isInferenceRequest(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  modelKeys: readonly string[],
  promptKeys: readonly string[],
): boolean {
  const holds = (object: TSESTree.ObjectExpression) =>
    modelKeys.some((key) => findProperty(object, key)) && promptKeys.some((key) => findProperty(object, key));
  return call.arguments.slice(0, 3).some((argument) => {
    const object = unwrapExpression(argument);
    if (object.type !== 'ObjectExpression') return false;
    if (holds(object)) return true;
    const body = findProperty(object, 'body') ?? findProperty(object, 'data') ?? findProperty(object, 'json');
    const value = body ? unwrapExpression(body.value as Node) : undefined;
    const payload = value?.type === 'ObjectExpression' ? value : value ? stringified(value) : undefined;
    return payload !== undefined && holds(payload);
  });
}

/** The object literal inside `JSON.stringify({ … })`. */
function stringified(node: Node): TSESTree.ObjectExpression | undefined {
  const call = unwrapExpression(node);
  if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return undefined;
  if (propertyName(call.callee) !== 'stringify') return undefined;
  const object = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
  return object?.type === 'ObjectExpression' ? object : undefined;
}

/** Parents climbed from a request to the function that sends it. */
const MAX_FUNCTION_CLIMB = 40;

/**
 * A request sent from a function named as a read (`getProductDetails`, `fetchRecommendations`): the name
 * leads with a read word and holds no write verb, so a POST there is a query whatever its endpoint says.
 */
export function isInReadNamedFunction(
  node: Node,
  readWords: readonly string[],
  writeVerbs: readonly string[],
): boolean {
  let current: Node | undefined = node.parent;
  for (let depth = 0; current && depth < MAX_FUNCTION_CLIMB; depth++, current = current.parent) {
    if (
      current.type !== 'FunctionDeclaration' &&
      current.type !== 'FunctionExpression' &&
      current.type !== 'ArrowFunctionExpression'
    )
      continue;
    const name = functionName(current);
    const words = name ? wordsOf(name) : [];
    return (
      readWords.includes(words[0] ?? '') &&
      !words.some((word) => writeVerbs.includes(word)) &&
      !methodChosenByCaller(node, current)
    );
  }
  return false;
}

/**
 * `fetch(url, { method: options.method ?? 'GET' })` (or an options variable built so): a transport helper
 * whose caller chooses the method, so the helper's name (`fetchTracker`) says nothing about the request.
 */
function methodChosenByCaller(node: Node, fn: FunctionNode): boolean {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return false;
  return node.arguments.some((argument) => {
    const object = optionsObject(unwrapExpression(argument), fn);
    const method = object ? findProperty(object, 'method') : undefined;
    return method !== undefined && stringValue(method.value as Node) === undefined;
  });
}

/** An object literal argument, or the literal a variable of the sending function was initialised with. */
function optionsObject(argument: Node, fn: FunctionNode): TSESTree.ObjectExpression | undefined {
  if (argument.type === 'ObjectExpression') return argument;
  if (argument.type !== 'Identifier' || !('body' in fn) || !fn.body || fn.body.type !== 'BlockStatement')
    return undefined;
  for (const statement of fn.body.body.slice(0, MAX_FUNCTION_CLIMB)) {
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations) {
      const init = declarator.init ? unwrapExpression(declarator.init) : undefined;
      if (
        declarator.id.type === 'Identifier' &&
        declarator.id.name === argument.name &&
        init?.type === 'ObjectExpression'
      )
        return init;
    }
  }
  return undefined;
}

/** A function's own name: its declaration, the variable, property or method that holds it. */
export function functionName(fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') {
    if (fn.id) return fn.id.name;
  }
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return parent.id.name;
  if (parent?.type === 'MethodDefinition' || parent?.type === 'Property') return propertyName(parent);
  return undefined;
}

const HTTP_VERBS = new Set(['post', 'put', 'patch', 'delete']);

/**
 * `client.patch(url, body)`: one row may cover several verbs of a client (`Member[post,put,patch]`, written
 * as POST); the callee's name says which one was called.
 */
export function calledHttpVerb(
  node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
): string | undefined {
  if (node.type === 'TaggedTemplateExpression') return undefined;
  const callee = unwrapExpression(node.callee);
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && HTTP_VERBS.has(name) ? name.toUpperCase() : undefined;
}

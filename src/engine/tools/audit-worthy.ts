// Decides which effects of a tool are audit-worthy beyond the other rules' findings: non-GET requests
// to a fixed origin, write calls of clients built from installed packages, and (not) scoped process runs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, stringValue, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import { type ApiRef, isRelative, LOCAL } from '../api';
import type { FileContext } from '../analysis/context';
import { calledFunctions } from './called-functions';
import { returnedApi } from '../analysis/returned-api';
import { inheritedApi } from '../analysis/inherited-api';
import type { Evaluator } from '../analysis/evaluator';
import { matchSinks, methodOf, type SinkHit } from '../analysis/sinks';
import {
  isInReadNamedFunction,
  isReadEndpoint,
  isWriteMethod,
  isWriteNamedEndpoint,
  sendsReadBody,
} from '../analysis/request-method';
import { isDescribedRequest, sdkRequestOf } from '../analysis/sdk-request';
import { curriedPathTemplate, describedPathText } from '../analysis/path-template';
import type { Value } from '../analysis/value';
import type { SinkRow } from '../catalog/load';
import type { RemoteWriteNames } from '../catalog/common';
import { entryInput } from './forms/name-dispatch';
import { callOperation } from './graphql-operations';
import { isQueryDocument } from '../analysis/graphql-document';
import { namesWriteCommand } from './cli-command';
import { constantString } from './constant-name';
import { isReadCommand, sdkCommand } from './sdk-command';
import { isLoggingCall } from './logging-call';
import { isLazyInitCall } from './lazy-init';
import { isBackendFileWrite } from './backend-write';
import { namesReadEndpoint } from './read-endpoint';
import { readByCallerName } from '../analysis/caller-frame-name';
import type { ToolHandler } from './types';
import { callsNamesake } from './namesake-call';
import { isOperationNamedWrite, isRequestObjectWrite } from './operation-named-write';
import { constantInit } from './schema-parts';
import { isToolNamedWrite } from './tool-named-write';
import { carriesInput, receiverCarriesInput, type IsInput } from './input-carry';
import { isDirectorySetUp } from './ensured-directory';
import { otherTool } from './other-tool-branches';
import { namesServiceWrite } from './service-write-name';
import { isCompoundWriteName, isUntypedWriteName, isWriteName } from './write-names';
import { isCollectionMember } from './collection-member';
import { type CarriedApis, carriedBy, handedApis, NO_CARRIED } from './carried-apis';
import { isPackage, isPackageWriteCommand, isRuntimeModule, isUntypedParameter } from './untyped-receiver';

/** How far helpers and methods are followed from a handler, and how many are read in all. */
const MAX_HELPER_DEPTH = 3;
const MAX_FUNCTIONS = 40;
/** Other project files whose helpers are read for one tool (each is already parsed for the project). */
const MAX_OTHER_FILES = 6;
const MAX_CALLS = 2000;

/** The effect's wording in the audit message. */
export const REMOTE_WRITES = 'remote writes';

/**
 * A request whose method is written and is not GET/HEAD/OPTIONS changes state at the other end: written
 * at the sink, or by the caller of the helper that holds it (`githubRequest(url, { method: 'POST' })`).
 */
export function isRemoteWriteRequest(hit: SinkHit, ctx: FileContext): boolean {
  const method =
    hit.method ??
    (hit.node.type === 'TaggedTemplateExpression' ? undefined : methodOf(hit.row, hit.node, literalReader(ctx)));
  const names = ctx.catalogs.common.remoteWrites;
  if (!isWriteMethod(method)) return isWriteNamedEndpoint(hit.target, names.getWriteVerbs);
  // A GraphQL query sent by POST reads.
  if (hit.node.type === 'CallExpression' && callOperation(hit.node, ctx) === 'query') return false;
  if (hit.node.type !== 'TaggedTemplateExpression' && sendsReadBody(hit.node, names)) return false;
  // `axios.post(url, { query })` where a caller wrote `query getMenu { … }`: a GraphQL read sent by POST.
  if (isQueryDocument(hit.document)) return false;
  // The sending helper's name says nothing when its caller chose the method (`fetchApi(path, { method: 'POST' })`);
  // the function that chose it does (`getMetainfo()` posting a query through `requestJson(url, { method: 'POST' })`).
  const chooser = hit.methodFromCaller ? hit.methodWrittenAt : hit.node;
  if (chooser && isInReadNamedFunction(chooser, names.readEndpointWords, names.verbs)) return false;
  // Sent by `makeRequest(endpoint, params)` for a service method named as a read (`getFlightsByNumber`).
  if (readByCallerName(hit, names)) return false;
  return !isReadEndpoint(hit.target, names.readEndpointWords, names.verbs);
}

/** The audit message's word for a write row's effect, or undefined when a scoped reach is not audit-worthy. */
export type WriteEffect = (row: SinkRow) => string | undefined;

/**
 * The first write the handlers reach that the interpreter's findings do not show: a write call of a
 * package client (`stripe.customers.create(...)`), or a catalog write to a fixed target, in the handler
 * or in same-file helpers and methods it calls. Returns the effect's wording.
 */
export function unseenWrite(
  handlers: ToolHandler[],
  caseName: string | undefined,
  writeEffect: WriteEffect,
  toolName?: string,
): string | undefined {
  const seen = new Set<FunctionNode>();
  const budget = { calls: 0, files: new Set<string>() };
  for (const handler of handlers) {
    const state: ScanState = { seen, budget, writeEffect, home: handler.ctx.file };
    if (caseName !== undefined) state.caseName = caseName;
    if (toolName !== undefined) state.toolName = toolName;
    const input = entryInput(handler.fn, handler.ctx, handler.inputIndex, handler.inputPath);
    const carried = carriedBy(handler.fn, handler.ctx, handler.paramApis);
    const found = scan(handler.fn, handler.ctx, 0, state, (node) => input.pathOf(node) !== undefined, carried);
    if (found) return found;
  }
  return undefined;
}

interface ScanState {
  /** For one case of a dispatcher: the other cases are other tools. */
  caseName?: string;
  /** The tool's name: a call to its namesake method counts without model input (see namesake-call). */
  toolName?: string;
  seen: Set<FunctionNode>;
  budget: { calls: number; files: Set<string> };
  writeEffect: WriteEffect;
  /** The file of the tool's handler: catalog writes elsewhere reach the tool through the interpreter's summaries. */
  home?: string;
}

function scan(
  fn: FunctionNode,
  ctx: FileContext,
  depth: number,
  state: ScanState,
  isInput: IsInput,
  carried: CarriedApis = NO_CARRIED,
): string | undefined {
  const { seen, budget } = state;
  if (seen.has(fn) || seen.size >= MAX_FUNCTIONS) return undefined;
  seen.add(fn);
  const matcher = rowMatcher(ctx);
  const skipped = new Set<Node>();
  const helpers: Array<{ fn: FunctionNode; ctx: FileContext; isInput: IsInput; carried: CarriedApis }> = [];
  // In another file, the catalog's writes already reach the tool through that file's summaries, and a
  // package's instance there is as often a queue or cache the module keeps; what no summary shows is a
  // write on a client or resource the caller hands in (`sendMessage(args, { client })`).
  const home = state.home === undefined || ctx.file === state.home;
  let found: string | undefined;
  walk(fn.body ?? fn, (node) => {
    if (found || budget.calls > MAX_CALLS) return false;
    if (state.caseName !== undefined && depth === 0 && otherTool(node, state.caseName, skipped, ctx)) return false;
    if (node.type !== 'CallExpression') return undefined;
    // What a logger writes (its log file) is a record of the call, not the tool's effect.
    // Nor is what a one-time setup writes (`if (!db) db = openDatabase()` making the database's folder).
    if (isLoggingCall(node, ctx.text) || isLazyInitCall(node, ctx.text)) return false;
    budget.calls++;
    found =
      catalogWrite(node, matcher, state.writeEffect, home, isInput) ??
      untypedFileWrite(node, ctx, isInput, state.writeEffect) ??
      (isBackendFileWrite(node, ctx, isInput) ? fileWriteEffect(ctx, state.writeEffect) : undefined) ??
      (callOperation(node, ctx) === 'mutation' ? REMOTE_WRITES : undefined) ??
      (node.arguments.some((argument) => carriesInput(argument, isInput, ctx)) ||
      receiverCarriesInput(node, isInput, ctx) ||
      callsNamesake(node, state.toolName)
        ? home
          ? (clientWrite(node, ctx, isInput, carried, state.toolName) ??
            describedEndpointWrite(node, ctx) ??
            (namesWriteCommand(node, ctx) ? REMOTE_WRITES : undefined))
          : untypedClientWrite(node, ctx, isInput, carried)
        : undefined);
    if (found || depth >= MAX_HELPER_DEPTH) return undefined;
    if (isFunction(unwrapExpression(node.callee)) || namesReadEndpoint(node, ctx.catalogs.common.remoteWrites))
      return undefined;
    // `actionHandlers[action](context, params)`: any function of the table may run.
    for (const target of calledFunctions(node.callee, ctx)) {
      if (!withinFiles(target.ctx, ctx, budget.files)) continue;
      // A variable built from the input (`const text = message.content.text || ''`) carries it into the helper too.
      const indexes = node.arguments.flatMap((argument, index) =>
        carriesInput(argument, isInput, ctx) ? [index] : [],
      );
      const tracks = indexes.map((index) => entryInput(target.fn, target.ctx, index, []));
      helpers.push({
        fn: target.fn,
        ctx: target.ctx,
        isInput: (inner) => tracks.some((track) => track.pathOf(inner) !== undefined),
        carried: carriedBy(target.fn, target.ctx, handedApis(node, carried)),
      });
    }
    return undefined;
  });
  for (const helper of helpers) {
    if (found) break;
    found = scan(helper.fn, helper.ctx, depth + 1, state, helper.isInput, helper.carried);
  }
  return found;
}

/** A helper in the same file, or in one of a bounded number of other project files (not a dependency's). */
function withinFiles(target: FileContext, ctx: FileContext, files: Set<string>): boolean {
  if (target === ctx || files.has(target.file)) return true;
  if (files.size >= MAX_OTHER_FILES || /[\\/]node_modules[\\/]/.test(target.file)) return false;
  files.add(target.file);
  return true;
}

/** Reads written literals only (`method: 'POST'`); anything computed is unknown. */
function literalReader(ctx: FileContext): Evaluator {
  const read = (node: Node): Value => {
    const constant = stringValue(node);
    return constant === undefined ? { origins: [], bounds: new Set() } : { origins: [], bounds: new Set(), constant };
  };
  return { ctx, evaluate: read, readIdentifier: read };
}

/** Sink rows are matched by callee alone here; the argument values do not matter for a write. */
function rowMatcher(ctx: FileContext): Evaluator {
  const opaque = (): Value => ({ origins: [], bounds: new Set() });
  return { ctx, evaluate: opaque, readIdentifier: opaque };
}

function catalogWrite(
  node: TSESTree.CallExpression,
  matcher: Evaluator,
  writeEffect: WriteEffect,
  home: boolean,
  isInput: IsInput,
): string | undefined {
  // Making sure a folder the model did not choose exists (`mkdir(DATA_DIR, { recursive: true })`) is set-up.
  const folder = node.arguments[0];
  let folderCarries: boolean | undefined;
  const carries = (): boolean => (folderCarries ??= folder !== undefined && carriesInput(folder, isInput, matcher.ctx));
  for (const row of matchSinks(node, matcher)) {
    // In another file only the runtime's own writes (a file the project's storage class saves): summaries do
    // not carry a write to a fixed path, and a runtime module is no package's queue or cache.
    if (!home && !row.modules.every(isRuntimeModule)) continue;
    const effect =
      row.isWrite &&
      !spellsNoTarget(node, row) &&
      !isDirectorySetUp(node, row.check, matcher.ctx.catalogs.common, carries)
        ? writeEffect(row)
        : undefined;
    if (effect) return effect;
  }
  return undefined;
}

/**
 * `page.screenshot({ fullPage })` against a row that writes `Argument[0].Member[path]`: an options object
 * spelled out without the member (or no argument at all) names no file, so the call writes none. Likewise a
 * last argument that is no options object for a row on the call's overrides (`Argument[N-1].Member[value]`).
 */
function spellsNoTarget(node: TSESTree.CallExpression, row: SinkRow): boolean {
  const members = row.argument?.members ?? [];
  if (!row.argument || members.length === 0 || members.some((path) => path.length === 0)) return false;
  return row.argument.indexes.every((spec) => {
    if ('from' in spec) return false;
    // `Argument[N-1].Member[value]`, a call's overrides: `balanceOf(owner.address)` or `decimals()` has none.
    const index = 'at' in spec ? spec.at : node.arguments.length - spec.fromEnd;
    const argument = index >= 0 ? node.arguments[index] : undefined;
    if (!argument) return true;
    const object = unwrapExpression(argument);
    if ('fromEnd' in spec && ['Literal', 'TemplateLiteral', 'MemberExpression'].includes(object.type)) return true;
    if (object.type !== 'ObjectExpression' || object.properties.some((p) => p.type !== 'Property' || p.computed))
      return false;
    const names = new Set(object.properties.map((p) => (p.type === 'Property' ? propertyName(p) : undefined)));
    return members.every((path) => !names.has(path[0]));
  });
}

/**
 * What a call's receiver is: what a project function returns (`getExchange(id)` in another module) followed to
 * the package it builds, and an instance of a project subclass of a package's client (`class TokenClient extends
 * SdkClient`) as that client.
 */
function receiverApi(object: Node, ctx: FileContext): ApiRef | undefined {
  const resolved = ctx.api.resolve(object);
  const isProject = resolved !== undefined && (resolved.module === LOCAL || isRelative(resolved.module));
  return (
    (isProject ? (returnedApi(object, ctx) ?? inheritedApi(object, ctx)) : undefined) ??
    resolved ??
    returnedApi(object, ctx)
  );
}

/** A write verb on a resource of a parameter with no type, and only that (helpers of other files). */
function untypedClientWrite(
  node: TSESTree.CallExpression,
  ctx: FileContext,
  isInput: IsInput,
  carried: CarriedApis,
): string | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  // A module's singleton of a project subclass of a package's client (`export const xero = cond ? new A() : new B()`,
  // `class A extends XeroClient`) is that client, as in the handler's file.
  const typed = receiverApi(callee.object, ctx) ?? carried(callee.object);
  // A generated client's own request descriptor is judged by its method and path alone.
  if (isDescribedRequest(node)) return describedEndpointWrite(node, ctx);
  // A resource of a package's client (`this.client.crm.contacts.basicApi.create(…)`) is the service's own
  // record; the client's direct methods there (`queue.add`, `cache.delete`) are as often the module's state,
  // but not a request to an endpoint's path (`client.POST('/beneficiaries', { body })`).
  return !typed || isClientResource(typed) || isEndpointWrite(node, ctx) || namesBuiltClientWrite(callee, typed, ctx)
    ? clientWrite(node, ctx, isInput, carried)
    : undefined;
}

/** `client.createRegistry(options)` on an instance a package built: the method's own name says the request. */
function namesBuiltClientWrite(callee: TSESTree.MemberExpression, typed: ApiRef, ctx: FileContext): boolean {
  const name = propertyName(callee);
  const built = typed.tokens.some((token) => token.kind === 'Instance' || token.kind === 'ReturnValue');
  return built && name !== undefined && namesServiceWrite(name, ctx.catalogs.common.remoteWrites);
}

/** A generic request method called with a write method and a path on the client's origin (`/v3/transfers`). */
function isEndpointWrite(node: TSESTree.CallExpression, ctx: FileContext): boolean {
  const request = sdkRequestOf(node, ctx, requestWords(ctx));
  if (!request?.path || !isWriteMethod(request.method)) return false;
  const path = unwrapExpression(request.path);
  const text =
    path.type === 'TemplateLiteral'
      ? path.quasis[0]?.value.cooked
      : (constantString(path, ctx) ?? curriedPathTemplate(path, ctx));
  return text?.startsWith('/') === true;
}

/**
 * A generated client's own request descriptor (`client._createRequest(ctx, { method: 'POST', path })`) writes to
 * its service's endpoint, whatever class (the package's own) builds it, unless its path names a read.
 */
function describedEndpointWrite(node: TSESTree.CallExpression, ctx: FileContext): string | undefined {
  if (!isDescribedRequest(node) || !isEndpointWrite(node, ctx)) return undefined;
  return describedPathReads(node, ctx) ? undefined : REMOTE_WRITES;
}

/** A described request's path ends in a read segment (`POST /v1/meters/preview`, `/v1/licenses/validate`): a query. */
function describedPathReads(node: TSESTree.CallExpression, ctx: FileContext): boolean {
  const request = sdkRequestOf(node, ctx, requestWords(ctx));
  const text = request?.path && describedPathText(request.path, ctx);
  const names = ctx.catalogs.common.remoteWrites;
  const target: Value | undefined = text === undefined ? undefined : { origins: [], bounds: new Set(), constant: text };
  return target !== undefined && isReadEndpoint(target, names.readEndpointWords, names.verbs);
}

/**
 * A resource of a client: a member of it (`client.lists.members`), or a handle one of its methods returns
 * (`storage.bucket(b).file(k)`). A value the module itself returns when called (`dayjs(d).startOf('day')`)
 * or one a getter computes is a value, not a resource.
 */
function isResource(receiver: ApiRef): boolean {
  const { tokens } = receiver;
  const last = tokens[tokens.length - 1];
  if (last?.kind === 'Member') return true;
  if (last?.kind !== 'ReturnValue' || tokens[0]?.kind !== 'Member') return false;
  // A handle of a handle (`bucket(b).file(k)`), not a computed value (`user.getNetValue().add(pnl)` on a number type).
  const method = tokens[tokens.length - 2];
  const calls = tokens.filter((token) => token.kind === 'ReturnValue').length;
  return calls >= 2 && method?.kind === 'Member' && !COMPUTED_VALUE.test(method.name);
}

/** Methods that hand back a value rather than a resource handle. */
const COMPUTED_VALUE = /^(get|calc|calculate|compute|to|as|clone|with)[A-Z]|^(clone|valueOf)$/;

/** A member reached from something a package built (`new Client().crm.contacts`), not the instance itself. */
function isClientResource(ref: ApiRef): boolean {
  const built = ref.tokens.findIndex((token) => token.kind === 'Instance' || token.kind === 'ReturnValue');
  return built >= 0 && ref.tokens.slice(built + 1).some((token) => token.kind === 'Member');
}

function clientWrite(
  node: TSESTree.CallExpression,
  ctx: FileContext,
  isInput: IsInput,
  carried: CarriedApis = NO_CARRIED,
  toolName?: string,
): string | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const name = propertyName(callee);
  const names = ctx.catalogs.common.remoteWrites;
  // `client.http.post('/v2/search', body)`: a query by its endpoint, like a POST to a search URL.
  if (name === undefined || namesReadEndpoint(node, names)) return undefined;
  if (isInferenceCall(callee, name, names)) return undefined;
  const receiver = receiverApi(callee.object, ctx) ?? carried(callee.object);
  // `stripe.customers.create(params)` on a parameter with no type (compiled JavaScript, a client the
  // toolkit hands in): a SaaS verb on a resource of it.
  if (!receiver) {
    // `this.client.send(new PublishCommand(…))` on a client handed in: the package's command says the write.
    if (name === 'send' && isPackageWriteCommand(node.arguments[0], names, ctx)) return REMOTE_WRITES;
    return isUntypedWriteName(name, names) &&
      isUntypedParameter(callee, ctx, isInput, 1) &&
      !isCollectionMember(callee.object, ctx)
      ? REMOTE_WRITES
      : undefined;
  }
  const verbs = [...names.verbs, ...names.clientOnlyVerbs];
  // `client.lists.members.add(…)`: bare, a compound verb names the write when a resource of the client is its
  // object; on the value itself (`dayjs().add(1, 'd')`) it is arithmetic.
  const onResource = isResource(receiver) && names.compoundVerbs.includes(name);
  // `client.request({ method: metadata.httpMethod, path })`: a generated endpoint's written method says the write.
  const request = sdkRequestOf(node, ctx, requestWords(ctx));
  const requestWrites =
    request !== undefined &&
    isWriteMethod(request.method) &&
    !(isDescribedRequest(node) && describedPathReads(node, ctx));
  if (
    !(
      isWriteName(name, verbs, names) ||
      isCompoundWriteName(name, names) ||
      onResource ||
      requestWrites ||
      isOperationNamedWrite(name, node, names, (id) => constantInit(id, ctx)) ||
      (isResource(receiver) && isRequestObjectWrite(name, node, names)) ||
      isToolNamedWrite(name, toolName, names, ctx.text.slice(callee.object.range[0], callee.object.range[1]))
    ) ||
    !isPackage(receiver.module, names)
  )
    return undefined;
  // A client, not the module's namespace: something the package built (`new Stripe()`, `createClient()`), or a
  // resource class the package exports whose static method writes (`Webhook.create({ … })`).
  const isBuilt = receiver.tokens.some((token) => token.kind === 'Instance' || token.kind === 'ReturnValue');
  if (!isBuilt && !isExportedClass(receiver)) return undefined;
  const command = name === 'send' ? sdkCommand(node.arguments[0], ctx) : undefined;
  if (command && isReadCommand(command, names)) return undefined;
  return REMOTE_WRITES;
}

/**
 * `this.openai.embeddings.create(params)`, `llm.chat.completions.create(…)`: a model's answer through any client that
 * copies OpenAI's resource names (Azure's, a gateway's, an OpenAI-compatible provider's), typed or not: inference,
 * which changes nothing an audit trail needs.
 */
function isInferenceCall(callee: TSESTree.MemberExpression, name: string, names: RemoteWriteNames): boolean {
  const resource = unwrapExpression(callee.object);
  if (name !== 'create' || resource.type !== 'MemberExpression') return false;
  const resourceName = propertyName(resource);
  return resourceName !== undefined && names.inferenceResources.includes(resourceName);
}

/** A class a package exports, named as one (`Webhook`, not `axios` or `fs`): its statics act on the service. */
function isExportedClass(ref: ApiRef): boolean {
  const [only, ...rest] = ref.tokens;
  return rest.length === 0 && only?.kind === 'Member' && /^[A-Z][a-z]/.test(only.name);
}

const NO_WORDS: ReadonlySet<string> = new Set();

/** The transaction catalog's request words (`request`, `call`): methods that take the HTTP method as an option. */
function requestWords(ctx: FileContext): ReadonlySet<string> {
  return ctx.catalogs.inference?.requestWords ?? NO_WORDS;
}

/**
 * `context.saveFile(data, path)` on a parameter with no type (the context object a toolkit hands in): a
 * method named for writing a file, which no Map, Set or stream has. A file write is audit-worthy
 * wherever it writes, so the model's input need not reach it.
 */
function untypedFileWrite(
  node: TSESTree.CallExpression,
  ctx: FileContext,
  isInput: IsInput,
  writeEffect: WriteEffect,
): string | undefined {
  const callee = unwrapExpression(node.callee);
  const pattern = ctx.catalogs.common.untypedFileWriteMethod;
  if (callee.type !== 'MemberExpression' || !pattern?.test(propertyName(callee) ?? '')) return undefined;
  if (ctx.api.resolve(callee.object) || !isUntypedParameter(callee, ctx, isInput, 0)) return undefined;
  return fileWriteEffect(ctx, writeEffect);
}

/** The audit message's word for a file write (the file-system rule's write rows). */
function fileWriteEffect(ctx: FileContext, writeEffect: WriteEffect): string | undefined {
  const fileWrite = ctx.sinks.find((row) => row.check === 'path' && row.isWrite);
  return fileWrite ? writeEffect(fileWrite) : undefined;
}

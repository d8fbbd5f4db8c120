// Matches calls against the sink catalogs and decides whether the part a rule cares about is model-controlled.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, propertyName, unwrapExpression, type Node } from '../ast';
import { GLOBAL, LOCAL, UNTYPED, moduleIn, tokensMatch, type ApiRef } from '../api';
import { selectIndexes } from '../catalog/access-path';
import type { PaymentRequestRow, SinkRow } from '../catalog/load';
import { allowanceAmount, argumentsBoundAmount, isZeroAmount } from './amount-fields';
import type { Evaluator, State } from './evaluator';
import { calledHttpVerb, requestMethod, type RequestMethod } from './request-method';
import { requestDocument } from './graphql-document';
import { candidateRows } from './sink-index';
import { returnedApi } from './returned-api';
import { returnedFunction } from './returned-function';
import { locatedProgram } from './located-program';
import { asksForShell, SHELL_PROGRAM } from './shell-option';
import { parsesOnly } from './parse-only';
import { isAbsolutePathOperand } from './suffixed-path';
import { isQuotedAt, isQuotedData, quotesHoldData, runsWithoutShell, SHELL_QUOTES, type Quotes } from './sanitisers';
import { forwardsAsCommand } from './forwarded-command';
import { isTainted, type Origin, type ParamOrigin, type Value } from './value';
import { paymentRequest } from './payment-requests';
import { behindPrefix, leadingParamOf, type LeadingParam } from './leading-param';
import { fileOperand } from './file-operands';
import { argvHandOff, type ArgvHandOff, handedList } from './argv-hand-off';
import { leadingTaint } from './leading-taint';
import { isFixedOptionValue, isNeverAnOption, isNumericText, isNumericValue } from './argv-operands';
import type { StdinProgramParam } from './child-stdin';
import { carriedInput } from './carried-input';
import type { InferredTransfer } from './value-transfer-inference';

export type SinkCall = TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression;

export interface SinkHit extends RequestMethod, ArgvHandOff {
  row: SinkRow;
  /** The sink call, in `sinkFile`. */
  node: SinkCall;
  sinkFile: string;
  /** The file the hit is reported in (the handler's file). */
  file: string;
  callee: string;
  modelControlled: boolean;
  bounded: boolean;
  origins: Origin[];
  /** The checked value holds the model's input, bounded or not (a contained path is still the model's choice). */
  carriesInput?: true;
  /** Inside a helper: the parameters whose value the checked value holds, so a caller's constant carries none. */
  carriedParams?: number[];
  /** Inside a helper: the checked value holds the tool's own input, whatever the parameters hold. */
  carriesOwnInput?: true;
  /** The hit as it was before it yielded to another rule's finding on the same call (yielded-hits.ts). */
  unyielded?: SinkHit;
  /** A process hit whose program is not a fixed one (the model's command, or a shell the package computes). */
  unfixedProgram?: true;
  /** Inside a helper summary: which parameters reach the checked part. */
  paramIndexes: number[];
  /**
   * The checked path is one name joined under roots the model does not choose (`path.resolve(ROOT, p)`): a caller
   * whose value for it is a single segment (checked for `..` and absolute paths) keeps it inside.
   */
  rootedName?: true;
  /** The parameter that leads a URL (after constant text only), so the caller's value can be re-checked. */
  leadingParam?: number;
  /**
   * The constant text in front of `leadingParam` (`https://api.example.com` in `${BASE}${endpoint}`): the
   * caller's value is re-checked behind it, so a caller passing `/v1/${id}` keeps the host fixed.
   */
  leadingPrefix?: string;
  /** Set when the sink is in another file: the call in the handler's file through which it is reached. */
  via?: { node: TSESTree.CallExpression | TSESTree.NewExpression; file: string; callee: string };
  /** For payment requests found through a network sink. */
  payment?: PaymentRequestRow;
  /** For payment requests: an approval or amount bound was in force at the call. */
  paymentBounded?: boolean;
  /** For payment requests: the tool input the request carries (its body, its URL). */
  paymentOrigins?: Origin[];
  /** For payment requests no row lists: the endpoint words that named a money operation. */
  paymentInferred?: InferredTransfer;
  /**
   * For requests inside a helper: the helper's parameters the request carries whole (`post(url, request)`), not
   * only members of (`{ id: request.id }`); a caller's whole input counts as the body only through these.
   */
  wholeParams?: number[];
  /** Set when no row models the call and its name (or its tool's) says it moves value: medium confidence. */
  inferred?: InferredTransfer;
  /** An allowance approval whose amount is these helper parameters: a caller passing zero revokes, moving nothing. */
  allowanceFrom?: ParamOrigin[];
  /** A GraphQL document in the request's body (`{ query, variables }`): a `query` reads even when POSTed. */
  document?: Value;
  /** The method was written by a caller of the sending helper (`fetchApi(path, { method })`), not at the sink. */
  methodFromCaller?: boolean;
  /** Text written to a child's stdin inside a helper whose caller names the program (`child-stdin.ts`). */
  stdinProgram?: StdinProgramParam;
  /** The child reading this stdin is a database shell that runs its own commands only outside string literals (`mysql`, `psql`). */
  sqlLiterals?: true;
}

/**
 * Rows whose callee path matches this call. `typed` is the API the receiver carries when the code does not
 * say it (a client a caller handed to this helper): rows keyed on that package match it too.
 */
export function matchSinks(node: SinkCall, interpreter: Evaluator, typed?: ApiRef): SinkRow[] {
  const calleeNode = unwrapExpression(node.type === 'TaggedTemplateExpression' ? node.tag : node.callee);
  const { ctx } = interpreter;
  const resolved = ctx.api.resolve(calleeNode);
  // `const f = getFetch(); f(url)`, `getSpawner(config)(cmd)`: the function a project getter returned.
  const ref =
    resolved === undefined || resolved.module === LOCAL ? (returnedFunction(calleeNode, ctx) ?? resolved) : resolved;
  const template = node.type === 'TaggedTemplateExpression';
  // The rows of the package the receiver carries decide first; otherwise matching is as if it were untyped.
  // Without one, a client a project getter builds (`factory.getStorageClient().bucket(b)…`) says its package.
  const unknown = ref === undefined || ref.module === LOCAL;
  const carried =
    typed ?? (unknown && calleeNode.type === 'MemberExpression' ? packageReturned(calleeNode, ctx) : undefined);
  if (carried && unknown) {
    const rows = ctx.sinks.filter(
      (row) => row.template === template && !row.modules.includes(UNTYPED) && matchesRow(carried, row),
    );
    if (rows.length > 0) return rows;
  }
  const out: SinkRow[] = [];
  for (const row of candidateRows(ctx.sinks, ref)) {
    if (row.template !== (node.type === 'TaggedTemplateExpression')) continue;
    if (row.modules.includes(UNTYPED)) {
      if (matchesUntyped(row, calleeNode, ref, interpreter)) out.push(row);
      continue;
    }
    if (ref && matchesRow(ref, row)) out.push(row);
  }
  return out;
}

/** Method names that end a package's sink row, per sink list: a cheap test before following returns. */
const rowMethods = new WeakMap<readonly SinkRow[], Set<string>>();

function packageRowMethods(sinks: readonly SinkRow[]): Set<string> {
  let names = rowMethods.get(sinks);
  if (!names) {
    names = new Set<string>();
    for (const row of sinks) {
      const last = row.callee[row.callee.length - 1];
      if (!row.modules.includes(UNTYPED) && last?.kind === 'Member') for (const name of last.names) names.add(name);
    }
    rowMethods.set(sinks, names);
  }
  return names;
}

/** What a project function's return value is, when it is a package's (not the project's own). */
function packageReturned(callee: TSESTree.MemberExpression, ctx: Evaluator['ctx']): ApiRef | undefined {
  if (!packageRowMethods(ctx.sinks).has(propertyName(callee) ?? '')) return undefined;
  const returned = returnedApi(callee, ctx);
  return returned && returned.module !== LOCAL && returned.module !== GLOBAL ? returned : undefined;
}

function matchesRow(ref: ApiRef, row: SinkRow): boolean {
  if (moduleIn(ref, row.modules)) return tokensMatch(ref.tokens, row.callee);
  // A module imported under a subpath of a cataloged one (`node:fs` vs `fs`) is covered by aliases in the rows.
  return false;
}

/** `<untyped>` rows: a distinctive method on a receiver the engine cannot follow, in a file that imports the library. */
function matchesUntyped(row: SinkRow, callee: Node, ref: ApiRef | undefined, interpreter: Evaluator): boolean {
  if (callee.type !== 'MemberExpression') return false;
  const first = row.callee[0];
  if (first?.kind !== 'Member' || row.callee.length !== 1) return false;
  if (!first.names.includes(propertyName(callee) ?? '')) return false;
  if (ref && ref.module !== GLOBAL) {
    // The receiver is another library's object: that library's rows decide. An object of the row's own
    // library (a Playwright locator) on a path its typed rows do not spell out matches. What a project
    // function returns (`const page = await ensureBrowser()`) is as untyped as a parameter.
    const receiver = interpreter.ctx.api.resolve(callee.object);
    if (receiver && receiver.module !== LOCAL) return moduleIn(receiver, row.requiresImport);
  }
  // A row with a receiver pattern needs a receiver spelled like it; compiled JavaScript, which drops
  // type-only imports, is then matched on the spelling alone.
  if (row.receiverPattern) return row.receiverPattern.test(describe(callee.object, interpreter.ctx.text));
  return row.requiresImport.some((module) => interpreter.ctx.imports.has(module));
}

/** Checks one matched row against the call's argument values; undefined when the row's argument is absent. */
export function evaluateSink(
  row: SinkRow,
  node: SinkCall,
  args: Value[],
  state: State,
  interpreter: Evaluator,
): SinkHit | undefined {
  const { ctx } = interpreter;
  const callee = describe(node.type === 'TaggedTemplateExpression' ? node.tag : node.callee, ctx.text);
  const base = { row, node, sinkFile: ctx.file, file: ctx.file, callee, paramIndexes: [] as number[] };
  if (row.check === 'transfer') {
    const values = row.argument ? selectWritten(row, args) : args;
    if (row.argument && values.length === 0) return undefined;
    // `writeContract({ functionName: 'transfer' })`, `client.post('transfers', …)`: the operation is an argument.
    const pattern = row.argumentPattern;
    if (pattern && !values.some((value) => pattern.test(constantText(value)))) return undefined;
    const calleeNode = unwrapExpression(node.type === 'TaggedTemplateExpression' ? node.tag : node.callee);
    const allowance = allowanceAmount(
      calleeNode.type === 'MemberExpression' ? propertyName(calleeNode) : undefined,
      args,
    );
    const origins = args.flatMap((value) => deepOrigins(value));
    // An allowance set to zero revokes it: a write (audit-worthy), but it moves nothing.
    const bounded =
      state.approved ||
      isZeroAmount(allowance) ||
      argumentsBoundAmount(args) ||
      argumentsBoundAmount(builderArguments(calleeNode, state, interpreter));
    const hit: SinkHit = {
      ...base,
      modelControlled: origins.length > 0,
      bounded,
      origins,
      paramIndexes: paramIndexesOf(origins),
    };
    const fromParams = allowance?.origins.filter((origin): origin is ParamOrigin => origin.kind === 'param');
    if (fromParams?.length && fromParams.length === allowance?.origins.length) hit.allowanceFrom = fromParams;
    return hit;
  }
  const values = node.type === 'TaggedTemplateExpression' ? args : selectValues(row, node, args);
  if (values.length === 0) return undefined;
  let controlled: Value | undefined;
  let leading: LeadingParam | undefined;
  // `spawn(rgPath, …)` with `const rgPath = await ensureTool('rg')`: a located program is as fixed as a literal.
  const program =
    row.check === 'args' && asksForShell(node, ctx)
      ? SHELL_PROGRAM
      : (args[0]?.constant ??
        (row.check === 'args' && node.type === 'CallExpression' && args[0] && !isTainted(args[0])
          ? locatedProgram(node.arguments[0], ctx.scopes)
          : undefined));
  for (const value of values) {
    const result =
      controllingValue(row, value, quotesHoldData(row.check, program), runsWithoutShell(row.check, program), program) ??
      (row.check === 'argv-path' ? handedList(value) : undefined);
    if (result) {
      controlled = result;
      if (row.check === 'url') leading = leadingParamOf(value, result);
      if (row.check === 'args' || row.check === 'argv-path')
        Object.assign(base, argvHandOff(args, value, result, program));
      break;
    }
  }
  const hit: SinkHit = {
    ...base,
    modelControlled: controlled !== undefined,
    bounded: false,
    origins: controlled?.origins ?? [],
    paramIndexes: controlled ? paramIndexesOf(controlled.origins) : [],
  };
  if (leading) Object.assign(hit, leading);
  if (row.check === 'path' && controlled?.rootedCopyOf?.length) hit.rootedName = true;
  if (values.some(isTainted)) Object.assign(hit, carriedInput(values));
  if (row.check === 'command' || row.check === 'code' || (row.check === 'args' && program === undefined))
    hit.unfixedProgram = true;
  if (row.method !== undefined || row.methodAt) {
    Object.assign(hit, requestMethod(row, args, calledHttpVerb(node)));
    if (values[0]) hit.target = values[0];
    const document = requestDocument(args);
    if (document) hit.document = document;
  }
  const payment = row.check === 'url' ? paymentRequest(row, node, values[0], args, interpreter) : undefined;
  if (row.check === 'url') hit.wholeParams = wholeParamIndexes(args.slice(1).flatMap(deepOrigins));
  if (payment) {
    hit.payment = payment.row;
    if (payment.inferredFrom !== undefined)
      hit.paymentInferred = { byToolName: false, words: payment.inferredFrom, endpoint: true };
    hit.paymentBounded = state.approved || argumentsBoundAmount(args);
    hit.paymentOrigins = args.flatMap(deepOrigins);
  }
  return hit;
}

/** Receiver calls looked through for the amount a send commits (`api.tx.balances.transfer(to, v).signAndSend(pair)`). */
const MAX_BUILDER_CALLS = 2;

/**
 * The plain arguments (names and members, read without running anything) of the calls that built the receiver
 * of a send: a builder chain carries the amount in the builder's call, not in the send's (a signer, a callback).
 */
function builderArguments(callee: Node, state: State, interpreter: Evaluator): Value[] {
  const out: Value[] = [];
  let current = callee;
  for (let depth = 0; depth < MAX_BUILDER_CALLS && current.type === 'MemberExpression'; depth++) {
    const receiver = unwrapExpression(current.object);
    if (receiver.type !== 'CallExpression') break;
    for (const argument of receiver.arguments) {
      const plain = unwrapExpression(argument);
      if (plain.type === 'Identifier' || plain.type === 'MemberExpression')
        out.push(interpreter.evaluate(plain, state));
    }
    current = unwrapExpression(receiver.callee);
  }
  return out;
}

/** Re-checks a helper's sink with the caller's actual value for the parameter that leads the URL (behind its constant prefix). */
export function recheckSink(hit: SinkHit, value: Value): boolean {
  return controllingValue(hit.row, behindPrefix(value, hit.leadingPrefix)) !== undefined;
}

/** Where the caller's own parameter leads the helper's URL, for the caller's summary (undefined when none does). */
export function leadingAtCaller(hit: SinkHit, value: Value): LeadingParam | undefined {
  const combined = behindPrefix(value, hit.leadingPrefix);
  const controlling = controllingValue(hit.row, combined);
  return controlling && leadingParamOf(combined, controlling);
}

/** Whether a caller's value is bounded for what the row checks (a path bound for a path, a host bound for a destination). */
export function isBoundFor(row: SinkRow, value: Value): boolean {
  if (value.bounds.has('allowlist')) return true;
  // A number written into a command, an argument list or code (`tap ${x}` with `x: z.number()`).
  if ((row.check === 'command' || row.check === 'args' || row.check === 'code') && isNumericText(value)) return true;
  // An element of a helper's argument list that the caller checked and resolved: never read as an option.
  if (row.check === 'args' && isAbsolutePathOperand(value)) return true;
  if (row.check === 'path' || row.check === 'argv-path') return value.bounds.has('path');
  if (row.check === 'url' || row.check === 'host') return value.bounds.has('host');
  return false;
}

/** The model-controlled value that decides the checked part, or undefined when it is constant or bounded. */
export function controllingValue(
  row: SinkRow,
  value: Value,
  quotes: Quotes = SHELL_QUOTES,
  /** The list reaches a fixed program with no shell, one element per argument. */
  isArgv = false,
  /** That program, when known: which of its options run their value (`rg -e` takes a pattern). */
  program?: string,
): Value | undefined {
  switch (row.check) {
    case 'url':
      if (value.bounds.has('allowlist') || value.bounds.has('host')) return undefined;
      // An options object is not a URL; its host members have rows of their own.
      if (value.isObjectLiteral) return undefined;
      return leadingTaint(value.parts ?? (isTainted(value) ? [{ kind: 'tainted', value }] : []));
    case 'host':
      return isTainted(value) && !value.bounds.has('allowlist') && !value.bounds.has('host') ? value : undefined;
    case 'path':
      return isTainted(value) && !value.bounds.has('allowlist') && !value.bounds.has('path') ? value : undefined;
    case 'argv-path':
      return fileOperand(value);
    case 'command':
    case 'args':
    case 'code': {
      if (value.bounds.has('allowlist')) return undefined;
      // `bash -n -c <text>`: a syntax check, the text runs nowhere.
      if (row.check === 'args' && value.elements && parsesOnly(program, value.elements)) return undefined;
      if (value.elements) {
        // `--window-size=${w}`: the model fills in the value of a fixed option, it does not choose the option.
        return value.elements.find(
          (item, index) =>
            isTainted(item) &&
            !item.bounds.has('allowlist') &&
            !isNumericText(item) &&
            !isFixedOptionValue(item) &&
            !isQuotedData(item, quotes) &&
            // An absolute path (`path.resolve(root, p)`) starts with a root, never with '-': no option.
            !(isArgv && (isNeverAnOption(value, index, program) || item.bounds.has('absolute'))),
        );
      }
      if (value.parts) {
        const parts = value.parts;
        const part = parts.find(
          (item, index) =>
            item.kind === 'tainted' &&
            !item.value.bounds.has('allowlist') &&
            !isNumericValue(item.value) &&
            // `ssh host '<cmd>'`: quotes keep the text one word here, and the other side runs it.
            (!isQuotedAt(parts, index, quotes) || (row.check === 'command' && forwardsAsCommand(parts, index))),
        );
        if (part && part.kind === 'tainted') return part.value;
        if (isNumericText(value)) return undefined;
        if (parts.some((_part, index) => isQuotedAt(parts, index, quotes))) return undefined;
        if (value.parts.every((item) => item.kind !== 'tainted'))
          return isTainted(value) && !value.props ? value : undefined;
      }
      return isTainted(value) ? value : undefined;
    }
    default:
      return undefined;
  }
}

/** The argument (and members of it) a row points at. */
function selectValues(row: SinkRow, node: SinkCall, args: Value[]): Value[] {
  if (!row.argument || node.type === 'TaggedTemplateExpression') return args;
  const out: Value[] = [];
  for (const index of selectIndexes(row.argument.indexes, args.length)) {
    let values: Value[] = [args[index] as Value];
    for (const names of row.argument.members) {
      const next: Value[] = [];
      for (const value of values) {
        // A list of option objects (`attachments: [{ filename, path }]`): the member of each element.
        for (const item of value.elements && !value.props ? value.elements : [value]) {
          for (const name of names) {
            const prop = item.props?.get(name);
            if (prop) next.push(prop);
            else if (!item.isObjectLiteral && isTainted(item)) next.push(item);
          }
        }
      }
      values = next;
    }
    out.push(...values);
  }
  return out;
}

/** For transfer rows: the argument a row points at, and only members written in it (an options object's `value`). */
function selectWritten(row: SinkRow, args: Value[]): Value[] {
  if (!row.argument) return args;
  let values = selectIndexes(row.argument.indexes, args.length).flatMap((index) => (args[index] ? [args[index]] : []));
  for (const names of row.argument.members) {
    values = values.flatMap((value) => names.flatMap((name) => value.props?.get(name) ?? []));
  }
  return values;
}

/** A value's constant text, with anything not constant as `x` (`${base}/transfers` → `x/transfers`). */
export function constantText(value: Value): string {
  return value.constant ?? (value.parts ?? []).map((part) => (part.kind === 'const' ? part.text : 'x')).join('');
}

export function deepOrigins(value: Value): Origin[] {
  const out = [...value.origins];
  for (const prop of value.props?.values() ?? []) out.push(...deepOrigins(prop));
  for (const element of value.elements ?? []) out.push(...deepOrigins(element));
  return out;
}

function wholeParamIndexes(origins: Origin[]): number[] {
  return [
    ...new Set(
      origins.flatMap((origin) => (origin.kind === 'param' && origin.path.length === 0 ? [origin.index] : [])),
    ),
  ];
}

function paramIndexesOf(origins: Origin[]): number[] {
  return [...new Set(origins.flatMap((origin) => (origin.kind === 'param' ? [origin.index] : [])))];
}

export function methodOf(
  row: SinkRow,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  interpreter: Evaluator,
): string | undefined {
  const path = row.methodAt;
  if (path?.[0]?.kind !== 'Argument') return undefined;
  const index = path[0].indexes[0];
  if (!index || !('at' in index)) return undefined;
  let current: Node | undefined = node.arguments[index.at];
  for (const token of path.slice(1)) {
    if (!current || token.kind !== 'Member') return undefined;
    // `const options = { method: 'POST', body }; fetch(url, options)`: the options declared just before.
    const inner: Node = declaredObject(current, interpreter);
    if (inner.type !== 'ObjectExpression') return undefined;
    const property = inner.properties.find(
      (candidate) => candidate.type === 'Property' && token.names.includes(propertyName(candidate) ?? ''),
    );
    current = property?.type === 'Property' ? (property.value as Node) : undefined;
  }
  if (!current) return undefined;
  const value = interpreter.evaluate(current, { env: new Map(), approved: false });
  return value.constant?.toUpperCase();
}

/** Hops followed from a name to the constant it holds (`const options = base`); a few are real code. */
const MAX_DECLARED_HOPS = 3;

/** The expression itself, or the initialiser of the constant it names (followed a few hops). */
function declaredObject(node: Node, interpreter: Evaluator): Node {
  let inner: Node = unwrapExpression(node);
  for (let hop = 0; hop < MAX_DECLARED_HOPS && inner.type === 'Identifier'; hop++) {
    const binding = interpreter.ctx.scopes.resolve(inner);
    if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0) break;
    inner = unwrapExpression(binding.init);
  }
  return inner;
}

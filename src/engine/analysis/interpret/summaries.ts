// Helper summaries: what a helper does with symbolic parameters (its sinks, its return value, the bounds
// it leaves on its parameters), and how a call site instantiates that with the caller's arguments.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, type FunctionNode, type Node } from '../../ast';
import type { FileContext } from '../context';
import type { State } from '../evaluator';
import { bindingKey, factsOf, keysOf } from '../guards';
import { assertedParams } from '../guards/assertions';
import { holdsOnlySqlLiterals } from '../sql-literals';
import { deepOrigins, isBoundFor, leadingAtCaller, recheckSink, type SinkHit } from '../sinks';
import type { LeadingParam } from '../leading-param';
import { argvAtCall } from './argv-at-call';
import { mappedList } from './returned-list';
import { stdinVerdictAtCall, withStdinVerdict } from '../child-stdin';
import {
  CLEAN,
  combine,
  derived,
  isSegment,
  isTainted,
  joinValues,
  elementOf,
  memberOf,
  partsOf,
  uniqueOrigins,
  type Bound,
  type Fact,
  type Origin,
  type ParamOrigin,
  type Part,
  type Value,
} from '../value';
import { argumentsBoundAmount, isZeroAmount } from '../amount-fields';
import { paymentOfRequest } from '../payment-requests';
import { step } from '../budget';
import { isWholeParam } from '../origins';
import { distinctHits, hitsToInstantiate } from './hits';
import { beforeYielding, yieldedAtCall } from '../yielded-hits';
import { carriedAtCall } from '../carried-input';
import { applyMemberFacts, collectMemberFacts } from './result-shapes';
import { fixedArguments } from './specialise';
import { literalDefault, omitted } from './param-defaults';
import { withArgumentApis } from './typed-arguments';
import { receiverFields } from './constructed-fields';
import {
  constructorFields,
  FIELD_PARAM,
  fieldActual,
  receiverInstanceFields,
  withFieldSymbols,
} from './instance-fields';
import { isWriteMethod, methodAtCall, type RequestMethod } from '../request-method';
import { documentAtCall } from '../graphql-document';
import { frameName } from '../caller-frame-name';
import { applyFacts, approve, cloneState, readKey } from './state';
import { falsyResultFacts } from './falsy-result';
import type { FunctionSummary, Interpreter, ParamFact, ReturnRecord } from './types';

/** The caller's value for a helper parameter (or a member path of it) at one call. */
type ActualArgument = (index: number, path?: readonly string[]) => Value;

/** Calls a helper through its summary: its sinks become ours, its guards bound our arguments. */
export function applySummary(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  fn: FunctionNode,
  ctx: FileContext,
  args: Value[],
  state: State,
  receiver?: Value,
): Value {
  // `invariant(cond, msg)`: a helper that throws unless an argument holds establishes what it establishes.
  for (const index of assertedParams(fn)) {
    const argument = node.arguments[index];
    if (argument) applyFacts(state, factsOf(argument, interpreter, state, true));
  }
  // A package's client handed in (`createAdjustment(paddle, params)`) carries its API into the helper.
  args = withArgumentApis(node, args, interpreter.ctx);
  // A method of an instance whose constructor stored a client (`new Payouts(stripe)`): `this.client` is it.
  // A method of an instance built with model input (`new ApiClient({ baseUrl })`): `this.baseUrl` is a symbol for it.
  const instance = receiverInstanceFields(interpreter, node, fn, receiver);
  const thisFields = withFieldSymbols(receiverFields(interpreter, node, state), instance);
  const fixed = fixedArguments(fn, args) ?? (thisFields ? new Map<number, Value>() : undefined);
  const summary = interpreter.summarise(fn, ctx, fixed, thisFields);
  if (!summary) return derived(combine(args), ['allowlist']);
  // A helper's parameter origin may name a member (`settings.browserType`): read that member of what the caller passed.
  // Paths skip element steps (origins.ts): a member of a list the caller spelled out (`for (const change of
  // changes) … change.path` after `apply([{ path }])`) is that member of its elements.
  const actual = (index: number, path: readonly string[] = []): Value =>
    index === FIELD_PARAM
      ? fieldActual(instance, path)
      : path.reduce<Value>(
          (value, name) => memberOf(value.elements && !value.props?.has(name) ? elementOf(value) : value, name),
          args[index] ?? (omitted(node, index) ? literalDefault(fn, index) : undefined) ?? CLEAN,
        );
  const hits = hitsToInstantiate(summary.hits, interpreter.ctx.file);
  step(hits.length);
  const mappedHits: SinkHit[] = [];
  for (const hit of hits) {
    // A hit that yielded inside the helper is decided again with this caller's values (yielded-hits.ts).
    const mapped = instantiateHit(beforeYielding(hit), node, interpreter, actual, state);
    if (mapped) mappedHits.push(mapped);
  }
  interpreter.hits.push(...yieldedAtCall(mappedHits));
  interpreter.audits.push(...summary.audits);
  interpreter.approvals.push(...summary.approvals);
  if (summary.approvedOnExit) approve(state);
  if (summary.exitFacts.length > 0) {
    const bounds = [...new Set(summary.exitFacts.map((fact) => fact.bound))].join('/');
    interpreter.guards.push(`${bounds}: ${describe(node.callee, interpreter.ctx.text)}(...)`);
  }
  for (const fact of summary.exitFacts) {
    const keys = argumentKeys(interpreter, node, args, fact, state);
    if (keys.length > 0) applyFacts(state, { facts: [{ keys, bound: fact.bound }], approved: false });
  }
  let result = applyMemberFacts(
    mapOrigins(summary.returnValue, actual),
    summary.memberFacts ?? [],
    node,
    interpreter,
    state,
  );
  const copied = summary.copyOf === undefined ? undefined : node.arguments[summary.copyOf];
  if (copied && summary.copyOf !== undefined) {
    const copyOf = [...keysOf(copied, interpreter, state), ...(args[summary.copyOf]?.copyOf ?? [])];
    if (copyOf.length > 0) result = { ...result, copyOf: [...new Set(copyOf)] };
  }
  // `const err = validate(p); if (err) return …`: where the answer is falsy, the check accepted.
  const whenFalse = (summary.falsyFacts ?? []).flatMap((fact): Fact[] => {
    const keys = argumentKeys(interpreter, node, args, fact, state);
    return keys.length > 0 ? [{ keys, bound: fact.bound }] : [];
  });
  if (whenFalse.length > 0) result = { ...result, predicateWhenFalse: whenFalse };
  if (summary.predicateFacts.length > 0) {
    const predicate: Fact[] = [];
    for (const fact of summary.predicateFacts) {
      const keys = argumentKeys(interpreter, node, args, fact, state);
      if (keys.length > 0) predicate.push({ keys, bound: fact.bound });
    }
    return { ...result, predicate };
  }
  return result;
}

/**
 * The caller's keys a helper's fact on one of its parameters names: the argument's (a member of it for a
 * fact on `param.path`), and for a containment or host fact also what the argument is a derived copy of.
 */
function argumentKeys(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  args: readonly Value[],
  fact: ParamFact,
  state: State,
): string[] {
  const argument = node.arguments[fact.index];
  if (!argument) return [];
  const own = keysOf(argument, interpreter, state);
  const copies = fact.bound === 'path' || fact.bound === 'host' ? (args[fact.index]?.copyOf ?? []) : [];
  return [...own, ...copies].map((key) => (fact.path ? `${key}.${fact.path}` : key));
}

/** Bounds a helper can establish on a parameter (`segment`: a name that stays inside joined under a root). */
const SUMMARY_BOUNDS: readonly Bound[] = ['allowlist', 'host', 'path', 'amount', 'segment'];
/** Returns whose checks are applied to a copy of their state (generated code may return thousands of times). */
const MAX_CHECKED_RETURNS = 64;

export function buildSummary(fn: FunctionNode, interpreter: Interpreter): FunctionSummary {
  const returns = interpreter.returns;
  let returnValue: Value | undefined;
  for (const entry of returns) returnValue = joinValues(returnValue, entry.value);
  const paramKeys = new Map<string, number>();
  fn.params.forEach((param, index) => {
    const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
    if (pattern.type === 'Identifier') {
      const binding = interpreter.ctx.scopes.resolve(pattern);
      if (binding) paramKeys.set(bindingKey(binding), index);
    }
  });
  const exitFacts: ParamFact[] = [];
  const predicateFacts: ParamFact[] = [];
  // An arrow's expression body is its one return (`(u) => ALLOWED.has(new URL(u).hostname)`).
  const expressionBody = fn.body.type === 'BlockStatement' ? undefined : (fn.body as Node);
  if (returns.length > 0) {
    for (const [key, index] of paramKeys) {
      for (const bound of SUMMARY_BOUNDS) {
        const everyExit = returns.every((entry) => hasBoundOnKey(entry.state, key, bound));
        if (everyExit) exitFacts.push({ index, path: '', bound });
      }
    }
    const argumentOf = (entry: ReturnRecord): Node | undefined =>
      entry.node ? (entry.node.argument ?? undefined) : expressionBody;
    const meaningful = returns.filter((entry) => {
      const argument = argumentOf(entry);
      return argument !== undefined && !(argument.type === 'Literal' && argument.value === false);
    });
    if (meaningful.length > 0) {
      // Where a return is truthy: what its value checks, applied to the state there, so a check on a derived
      // copy (`path.resolve(root, p).startsWith(…)`) bounds p, and a bound the path to `return true` already
      // holds counts.
      // (A copy per return only where its value checks something, and only for a helper of a few returns.)
      const copies = meaningful.length <= MAX_CHECKED_RETURNS;
      const truthy = meaningful.map((entry) => {
        const facts = factsOf(argumentOf(entry) as Node, interpreter, entry.state, true);
        const checked = copies && facts.facts.length > 0;
        return { facts, state: checked ? applyFacts(cloneState(entry.state), facts) : entry.state };
      });
      for (const [key, index] of paramKeys) {
        for (const bound of SUMMARY_BOUNDS) {
          if (exitFacts.some((fact) => fact.index === index && fact.bound === bound)) continue;
          const holds = truthy.every(({ facts, state }) => {
            if (hasBoundOnKey(state, key, bound)) return true;
            return facts.facts.some(
              (fact) =>
                fact.bound === bound && fact.keys.some((factKey) => factKey === key || key.startsWith(`${factKey}.`)),
            );
          });
          if (holds) predicateFacts.push({ index, path: '', bound });
        }
      }
    }
  }
  const falsyFacts = falsyResultFacts(
    interpreter,
    returns,
    (entry) => (entry.node ? (entry.node.argument ?? undefined) : expressionBody),
    paramKeys,
    SUMMARY_BOUNDS,
  ).filter((fact) => !exitFacts.some((exit) => exit.index === fact.index && exit.bound === fact.bound));
  const memberFacts = collectMemberFacts(interpreter, returns, paramKeys);
  const copyOf = copiedParam(returns);
  const fields = constructorFields(fn, interpreter, returns);
  return {
    ...(fields ? { fields } : {}),
    ...(memberFacts.length > 0 ? { memberFacts } : {}),
    ...(copyOf !== undefined ? { copyOf } : {}),
    ...(falsyFacts.length > 0 ? { falsyFacts } : {}),
    hits: distinctHits(interpreter.hits),
    returnValue: returnValue ?? CLEAN,
    exitFacts,
    predicateFacts,
    audits: interpreter.audits,
    approvedOnExit: returns.length > 0 && returns.every((entry) => entry.state.approved),
    approvals: interpreter.approvals,
  };
}

/**
 * The parameter every return is a derived copy of: each returns a string built from that parameter alone
 * (the whole of it, not a member; not a single segment of it), as `normalizePath(p)` or `expandHome(p)` do.
 */
function copiedParam(returns: readonly ReturnRecord[]): number | undefined {
  let index: number | undefined;
  for (const { value } of returns) {
    if (value.origins.length === 0 || value.props || value.elements || value.bounds.has('segment')) return undefined;
    for (const origin of value.origins) {
      if (origin.kind !== 'param' || !isWholeParam(origin) || (index !== undefined && origin.index !== index))
        return undefined;
      index = origin.index;
    }
  }
  return index;
}

function hasBoundOnKey(state: State, key: string, bound: Bound): boolean {
  const value = readKey(key, state);
  return value?.bounds.has(bound) === true;
}

/** Replaces symbolic parameter origins by what the caller passed. */
export function mapOrigins(value: Value, actual: ActualArgument, depth = 0): Value {
  if (!value.origins.some((origin) => origin.kind === 'param')) return value;
  const inputs: Value[] = [];
  const kept: Origin[] = [];
  for (const origin of value.origins) {
    if (origin.kind === 'param') inputs.push(actual(origin.index, origin.path));
    else kept.push(origin);
  }
  const fromArgs = combine(inputs, ['allowlist', 'host', 'path', 'amount']);
  const origins = uniqueOrigins([...kept, ...fromArgs.origins]);
  const bounds = new Set<Bound>([...value.bounds, ...fromArgs.bounds]);
  const out: Value = { origins, bounds };
  if (value.isResolvedPath) out.isResolvedPath = true;
  if (value.isUrl) out.isUrl = true;
  // A package client the helper built from its parameters (`createWalletClient({ account })`) is still that client.
  if (value.api && !origins.some((origin) => origin.kind === 'input')) out.api = value.api;
  if (depth > 4) return out;
  // A helper that returns `{ apiKey, baseUrl }` keeps each member's own origin; only members built from parameters change.
  if (value.props) {
    out.props = new Map([...value.props].map(([key, member]) => [key, mapOrigins(member, actual, depth + 1)]));
    if (value.isObjectLiteral) out.isObjectLiteral = true;
  }
  if (value.elements)
    Object.assign(
      out,
      mappedList(value, actual, (element) => mapOrigins(element, actual, depth + 1)),
    );
  if (value.parts) {
    out.parts = value.parts.flatMap((part): Part[] => {
      if (part.kind !== 'tainted') return [part];
      const only = part.value.origins.length === 1 ? part.value.origins[0] : undefined;
      // The parameter itself inside a returned string: splice in how the caller built it. A part the helper
      // bounded (`name.replace(/[\/\\]/g, '-')`, a segment) keeps its bound instead.
      if (only?.kind === 'param' && part.value.bounds.size === 0) return partsOf(actual(only.index, only.path));
      const mapped = mapOrigins(part.value, actual, depth + 1);
      return isTainted(mapped) ? [{ kind: 'tainted', value: mapped }] : partsOf(mapped);
    });
  }
  return out;
}

function instantiateHit(
  hit: SinkHit,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  interpreter: Interpreter,
  actual: ActualArgument,
  state: State,
): SinkHit | undefined {
  const out = instantiateSinkHit(hit, call, interpreter, actual, state);
  if (!hit.payment) return out && completedPayment(out, call, interpreter, actual, state);
  // A payment request commits money whoever chose its URL: it survives the helper even when the request
  // itself is not model-controlled (`axios.post(`${base}/v2/invoicing/invoices/${id}/send`)`).
  const paymentOrigins = (hit.paymentOrigins ?? []).flatMap((origin) =>
    origin.kind === 'param' ? actual(origin.index, origin.path).origins : [origin],
  );
  const paymentBounded =
    hit.paymentBounded === true ||
    state.approved ||
    (hit.paymentOrigins ?? []).some((origin) => origin.kind === 'param' && actual(origin.index).bounds.has('amount'));
  if (out) return { ...out, paymentOrigins, paymentBounded };
  return {
    ...hit,
    modelControlled: false,
    bounded: true,
    origins: [],
    paramIndexes: [],
    paymentOrigins,
    paymentBounded,
  };
}

/** Arguments of a request helper's call read for the amount it carries. */
const MAX_PAYMENT_ARGS = 8;

/**
 * A request helper (`send(url, init)` calling `fetch(url, init)`) learns its URL and method from each caller:
 * where they name a payment endpoint, the caller's request commits money.
 */
function completedPayment(
  hit: SinkHit,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  interpreter: Interpreter,
  actual: ActualArgument,
  state: State,
): SinkHit {
  if (hit.row.check !== 'url' || !hit.target || !isWriteMethod(hit.method) || hit.method === undefined) return hit;
  const args = call.arguments.slice(0, MAX_PAYMENT_ARGS).map((_, index) => actual(index));
  // What the helper sends only members of (`{ id: request.id }`) is not the caller's whole input.
  const whole = hit.wholeParams && args.map((_, index) => hit.wholeParams?.includes(index) === true);
  const payment = paymentOfRequest(hit.target, hit.method, args, interpreter, hit.document, whole);
  if (!payment) return hit;
  const out: SinkHit = {
    ...hit,
    payment: payment.row,
    paymentOrigins: args.flatMap(deepOrigins),
    paymentBounded: state.approved || argumentsBoundAmount(args),
  };
  if (payment.inferredFrom !== undefined)
    out.paymentInferred = { byToolName: false, words: payment.inferredFrom, endpoint: true };
  return out;
}

function instantiateSinkHit(
  helperHit: SinkHit,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  interpreter: Interpreter,
  actual: ActualArgument,
  state: State,
): SinkHit | undefined {
  // A child's stdin whose program the caller names: a fixed program that is no shell reads it as data.
  const hit = helperHit.stdinProgram
    ? withStdinVerdict(helperHit, stdinVerdictAtCall(helperHit.stdinProgram, call, actual))
    : helperHit;
  const sameFile = hit.file === interpreter.ctx.file;
  const base: SinkHit = { ...hit };
  const carried = carriedAtCall(hit, (index) => actual(index));
  if (carried) {
    delete base.carriesInput;
    delete base.carriedParams;
    delete base.carriesOwnInput;
    Object.assign(base, carried);
  }
  delete base.method;
  delete base.methodParams;
  Object.assign(base, methodAtCall(hit, actual));
  if (hit.method === undefined && base.method !== undefined) {
    base.methodFromCaller = true;
    base.methodWrittenAt = call;
  }
  // The innermost named function the request passes through says what it is for (caller-frame-name.ts).
  if (base.namedBy === undefined && hit.row.check === 'url' && writesOrMayWrite(base)) {
    const named = frameName(call, interpreter.ctx.catalogs.common.remoteWrites);
    if (named) base.namedBy = named;
  }
  const document = hit.document ? documentAtCall(hit.document, actual) : undefined;
  if (document) base.document = document;
  else delete base.document;
  // The caller's path completes the helper's URL (`post('/v2/search', body)`): it may name a read.
  if (hit.target && writesOrMayWrite(base)) base.target = mapOrigins(hit.target, actual);
  // A same-file hit no input reaches is dropped, unless it is a request whose method is (or may yet
  // be, at an outer call) a write: the audit rule must see that even when its destination is fixed.
  const dropUnreached = sameFile && !writesOrMayWrite(base);
  if (!sameFile) {
    base.via = { node: call, file: interpreter.ctx.file, callee: describe(call.callee, interpreter.ctx.text) };
    base.file = interpreter.ctx.file;
  }
  if (hit.row.check === 'transfer') {
    let revoked = false;
    if (hit.allowanceFrom) {
      const amounts = hit.allowanceFrom.map((origin) => actual(origin.index, origin.path));
      revoked = amounts.every(isZeroAmount);
      const fromParams = amounts.flatMap((value) => value.origins);
      if (fromParams.length > 0 && fromParams.every((origin) => origin.kind === 'param'))
        base.allowanceFrom = fromParams as ParamOrigin[];
      else delete base.allowanceFrom;
    }
    // Only an argument that reaches the transfer can bound it: a capped slippage passed beside the amount does not.
    const argsBounded = hit.paramIndexes.some((index) => actual(index).bounds.has('amount'));
    base.bounded = hit.bounded || state.approved || argsBounded || revoked;
    base.modelControlled = hit.modelControlled || hit.paramIndexes.some((index) => isTainted(actual(index)));
    base.origins = [
      ...hit.origins.filter((origin) => origin.kind === 'input'),
      ...hit.origins.flatMap((origin) => (origin.kind === 'param' ? actual(origin.index, origin.path).origins : [])),
    ];
    base.paramIndexes = hit.paramIndexes.flatMap((index) =>
      actual(index).origins.flatMap((origin) => (origin.kind === 'param' ? [origin.index] : [])),
    );
    return base;
  }
  if (hit.paramIndexes.length === 0) return hit.modelControlled ? base : dropUnreached ? undefined : base;
  const inputs: Origin[] = hit.origins.filter((origin) => origin.kind === 'input');
  const params: Origin[] = [];
  let controlled = hit.modelControlled && inputs.length > 0;
  let reachedByInput = controlled;
  // Which of the caller's parameters now leads the URL: the helper's index means nothing to the caller.
  let leading: LeadingParam | undefined;
  delete base.leadingParam;
  delete base.leadingPrefix;
  let rooted = hit.row.check === 'path' && (inputs.length === 0 || hit.rootedName === true);
  // An argument list handed in whole is checked again with the caller's elements and program.
  const argv = argvAtCall(hit, (index) => actual(index));
  delete base.argvParam;
  delete base.argvProgram;
  delete base.argvProgramParam;
  delete base.argvPrefix;
  if (argv) Object.assign(base, argv.handOff);
  for (const origin of hit.origins) {
    if (origin.kind !== 'param') continue;
    const value = actual(origin.index, origin.path);
    if (!isTainted(value)) continue;
    reachedByInput = true;
    // A path or host bound the caller established holds in the helper too (not only an allowlist).
    const stillControlled =
      hit.leadingParam === origin.index
        ? recheckSink(hit, value)
        : argv && hit.argvParam === origin.index
          ? argv.controlled
          : !isBoundFor(hit.row, value) &&
            !(hit.rootedName && isSegment(value)) &&
            // `runStatement(paths, \`… ${sqlText(login)} …\`)`: escaped literals for a database shell's stdin.
            !(hit.sqlLiterals && holdsOnlySqlLiterals(value));
    if (!stillControlled) continue;
    if (hit.leadingParam === origin.index) leading = leadingAtCaller(hit, value);
    controlled = true;
    // `getCached(path.resolve(ROOT, p))`: the caller joined this name under a root before handing it on.
    rooted &&= hit.rootedName === true || (value.rootedCopyOf?.length ?? 0) > 0;
    const sources = argv && hit.argvParam === origin.index ? argv.origins : value.origins;
    for (const source of sources) (source.kind === 'input' ? inputs : params).push(source);
  }
  if (!controlled) {
    // Kept for the inventory: the effect is reached, bounded by the caller's guard (or not model-controlled).
    if (!reachedByInput && dropUnreached) return undefined;
    return { ...base, modelControlled: reachedByInput, bounded: true, origins: [], paramIndexes: [] };
  }
  base.modelControlled = true;
  base.bounded = false;
  if (leading) Object.assign(base, leading);
  if (rooted) base.rootedName = true;
  else delete base.rootedName;
  base.origins = uniqueOrigins([...inputs, ...params]);
  const paramIndexes = params.flatMap((origin) => (origin.kind === 'param' ? [origin.index] : []));
  base.paramIndexes = [...new Set(paramIndexes)];
  return base;
}

function writesOrMayWrite(method: RequestMethod): boolean {
  return isWriteMethod(method.method) || (method.methodParams?.length ?? 0) > 0;
}

// Calls: approvals, audit hooks and sinks at the call, inline callbacks, receivers that now hold model
// input, built-in steps whose effect is known (URL, path and string helpers), and project helpers.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  describe,
  isFunction,
  propertyName,
  stringValue,
  unwrapExpression,
  type FunctionNode,
  type Node,
} from '../../ast';
import type { FileContext } from '../context';
import { matchesPath, requiredModule } from '../../api';
import type { State } from '../evaluator';
import { keysOf } from '../guards';
import { approvalUse } from '../guards/approval';
import { someFacts } from '../guards/containment';
import { splitsOnSlash } from '../guards/dot-segments';
import { catalogAssertionFacts } from '../guards/assertions';
import { resolveFunctions } from '../resolve';
import { ITERATION_METHODS, visitCallbacks } from './inline-callbacks';
import { joinedText } from './joined-text';
import { isDigestText, quoteEscape, stripsSeparators } from '../sanitisers';
import { isApprovalCall, isAuditCallee } from '../approval-audit-calls';
import { recordsOnlyARefusal } from '../refusal-audit';
import { isWriteMethod } from '../request-method';
import { modelCallName } from '../model-output';
import { serialisedDocument } from '../graphql-document';
import {
  CLEAN,
  combine,
  container,
  convertedConstant,
  derived,
  elementOf,
  isSegment,
  isTainted,
  joinValues,
  opaqueValue,
  partsOf,
  replacedFront,
  withBounds,
  type Bound,
  type Origin,
  type Part,
  type Value,
} from '../value';
import { callClosure, closePromise, isClosureOf, openPromise, resolvesPromise } from './closures';
import { recordHandedCall } from './handed-callees';
import { dateValue, numericTextOf } from './date-values';
import { withPathCopy } from './path-copies';
import { isKeyedLookup } from './keyed-lookup';
import { requestObject } from './request-object';
import { applySummary, mapOrigins } from './summaries';
import { newInstanceFields } from './instance-fields';
import { packageApi } from './typed-arguments';
import { pushedOptionValues } from '../option-values';
import { slicesByNumbersOnly } from './numeric-slice';
import { wordCaptures } from './word-captures';
import { recordSinks } from './record-sinks';
import { declaredReturnType } from '../returned-api';
import { applyFacts, approve, cloneState, setKey } from './state';
import type { Interpreter } from './types';

const STRING_IDENTITY_METHODS = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toString',
  'valueOf',
  'normalize',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  // Number formatting: the same amount, written out.
  'toFixed',
  'toPrecision',
  'toLocaleString',
]);
const DERIVING_GLOBALS = new Set([
  'String',
  'decodeURIComponent',
  'decodeURI',
  'encodeURI',
  'encodeURIComponent',
  'Number',
  'parseInt',
  'parseFloat',
  'BigInt',
  'Buffer',
  'JSON',
  'Object',
  'Array',
  'Promise',
  'structuredClone',
  'escape',
  'unescape',
]);
/** Globals whose call returns a number (`Number(x)`, `parseInt(x, 10)`). */
const NUMBER_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat']);
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append']);

export function evaluateCall(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  state: State,
): Value {
  const value = evaluateCallValue(interpreter, node, state);
  // An approval's answer gates what follows only where it is checked.
  return node.type === 'CallExpression' && isApprovalCall(node, interpreter) ? { ...value, isApproval: true } : value;
}

function evaluateCallValue(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  state: State,
): Value {
  if (node.type === 'CallExpression' && requiredModule(node, interpreter.ctx.scopes) !== undefined) return CLEAN;
  const callee = unwrapExpression(node.callee);
  let receiver: Value | undefined;
  if (callee.type === 'MemberExpression') receiver = interpreter.evaluate(callee.object, state);
  const args = node.arguments.map((argument) => interpreter.evaluate(argument, state));
  const calleeText = describe(callee, interpreter.ctx.text);

  if (node.type === 'CallExpression' && isApprovalCall(node, interpreter)) {
    const use = approvalUse(node, interpreter);
    if (use !== 'ignored') interpreter.approvals.push(calleeText);
    if (use === 'gate') approve(state);
  }
  // An audit call that records only a refusal (`if (!allowed) { audit(…); return … }`) audits no effect.
  const isAudit = (call: TSESTree.CallExpression | TSESTree.NewExpression) => isAuditCallee(call, interpreter);
  if (isAudit(node) && !recordsOnlyARefusal(node, interpreter.ctx.text, isAudit))
    interpreter.audits.push(`${calleeText}()`);
  recordSinks(interpreter, node, args, state, receiver);
  recordHandedCall(interpreter, node, args, state);
  const promise = openPromise(interpreter, node);
  const mappedElement = visitCallbacks(interpreter, node, callee, receiver, args, state);
  if (promise !== undefined) return closePromise(interpreter, promise);
  if (resolvesPromise(interpreter, callee, args)) return CLEAN;
  if (callee.type === 'MemberExpression' && receiver) mutateReceiver(interpreter, callee, receiver, args, state);

  const known = knownStep(interpreter, node, callee, receiver, args, state);
  // `list.map((p) => ({ path: p }))`: each element is what the callback returns (so a contained path stays so).
  if (known && mappedElement && isTainted(mappedElement)) return { ...known, elements: [mappedElement] };
  if (known) return known;
  const modelOutput = modelOutputOf(interpreter, node, callee);
  if (modelOutput) return modelOutput;

  // A project function named in `guardFunctions` throws unless its argument is allowed, so what it returns
  // (the checked value) is bounded, whatever the engine can see of its body.
  const configuredGuard = isConfiguredGuard(interpreter, callee);
  const guarded = (value: Value): Value => (configuredGuard ? withBounds(value, ['allowlist', 'host', 'path']) : value);
  const targets = resolveFunctions(callee, interpreter.ctx);
  const [local] = targets;
  if (local && targets.length === 1 && isClosureOf(interpreter, local.fn, local.ctx))
    return guarded(callClosure(interpreter, node, local.fn, args, state));
  if (local && targets.length === 1) {
    if (recordsToolCalls(interpreter, calleeText, local.fn, local.ctx)) interpreter.audits.push(`${calleeText}()`);
    return guarded(withDeclaredApi(applySummary(interpreter, node, local.fn, local.ctx, args, state, receiver), local));
  }
  // An interface's implementations: each one's sinks count; a guard in one of them bounds nothing.
  if (targets.length > 1) {
    let joined: Value | undefined;
    for (const target of targets)
      joined = joinValues(
        joined,
        applySummary(interpreter, node, target.fn, target.ctx, args, cloneState(state), receiver),
      );
    return guarded(joined ?? CLEAN);
  }
  if (node.type === 'CallExpression' && node.arguments[0])
    applyFacts(state, catalogAssertionFacts(node, interpreter, state));

  // An unknown function of model input returns something derived from it (a conversion keeps an amount's cap).
  const inputs = receiver ? [receiver, ...args] : args;
  const result = guarded(derived(combine(inputs, ['allowlist', 'amount']), ['allowlist', 'amount']));
  // A package's client made here (`new Client(…)`, `createWalletClient(…)`) keeps its API when a project
  // function returns it inside an object (`const { walletClient } = buildClients(…)`), so rows keyed on the
  // package match there. Only factories: what other calls return (`parseXml(answer)`) is data, maybe the model's.
  const api = makesClient(node, callee) ? packageApi(interpreter.ctx.api.resolve(node)) : undefined;
  if (api && !result.origins.some((origin) => origin.kind === 'input')) return { ...result, api };
  // `new ApiClient({ baseUrl })` of a project class: the instance holds what its constructor stored.
  const fields = node.type === 'NewExpression' ? newInstanceFields(interpreter, node, args, mapOrigins) : undefined;
  return fields ? { ...result, props: fields } : result;
}

/**
 * What a project function returns, typed by its declaration when its body names no API
 * (`clientFor(name): Stripe { return this.clients[name]; }`): a package's client, so rows keyed on it match
 * the calls made on the result.
 */
function withDeclaredApi(value: Value, target: { fn: FunctionNode; ctx: FileContext }): Value {
  if (value.api || isTainted(value)) return value;
  const declared = declaredReturnType(target.fn);
  const api = declared && packageApi(target.ctx.api.fromType(declared, 0));
  return api ? { ...value, api } : value;
}

/** A constructor call, or a function named as a factory (`createWalletClient`, `axios.create`). */
function makesClient(node: TSESTree.CallExpression | TSESTree.NewExpression, callee: Node): boolean {
  if (node.type === 'NewExpression') return true;
  const name =
    callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return name !== undefined && /^create(?![a-z])/.test(name);
}

/**
 * `await runtime.useModel(...)`: what a language model answers inside a tool is model input, wherever the
 * call's own arguments came from (an agent runtime's action derives its parameters this way).
 */
function modelOutputOf(interpreter: Interpreter, node: Node, callee: Node): Value | undefined {
  const written = modelCallName(node, callee, interpreter.ctx);
  if (written === undefined) return undefined;
  const origin: Origin = { kind: 'input', display: `${written}()`, node, file: interpreter.ctx.file };
  const tainted: Value = { origins: [origin], bounds: new Set() };
  return { ...tainted, parts: [{ kind: 'tainted', value: tainted }] };
}

/** `argv.push(input.flag)`: the array (or set, or map) now holds model input. */
function mutateReceiver(
  interpreter: Interpreter,
  callee: TSESTree.MemberExpression,
  receiver: Value,
  args: Value[],
  state: State,
): void {
  const method = propertyName(callee) ?? '';
  if (!MUTATING_METHODS.has(method)) return;
  const keys = () => keysOf(callee.object, interpreter, state);
  if (!args.some(isTainted)) {
    // `argv.push('--', …)`: constant arguments keep their place, so a later element's neighbours stay known.
    if (method === 'push' && receiver.elements && args.length > 0)
      for (const key of keys()) setKey(state, key, { ...receiver, elements: [...receiver.elements, ...args] });
    return;
  }
  const added = method === 'set' ? args.slice(1) : method === 'splice' ? args.slice(2) : args;
  const before = receiver.elements ?? [];
  const next: Value = { ...container([receiver, ...added]), elements: [...before, ...added] };
  // Only `push` appends in order; the others put their arguments anywhere in the list.
  const seams = method === 'push' ? [] : added.map((_, at) => before.length + at);
  if (receiver.elementSeams || seams.length > 0) next.elementSeams = [...(receiver.elementSeams ?? []), ...seams];
  // `args.push('--glob', glob)`, `args.push('-e', pattern, root)`: an option pushed together with the value, so it is that option's value.
  const paired = method === 'push' ? pushedOptionValues(args).map((at) => before.length + at) : [];
  if (receiver.optionValues || paired.length > 0) next.optionValues = [...(receiver.optionValues ?? []), ...paired];
  if (receiver.spreadAt) next.spreadAt = receiver.spreadAt;
  for (const key of keys()) setKey(state, key, next);
}

/** Built-in steps whose effect on model control is known: URL and path helpers, string methods. */
function knownStep(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  callee: Node,
  receiver: Value | undefined,
  args: Value[],
  state: State,
): Value | undefined {
  const common = interpreter.ctx.catalogs.common;
  const ref = interpreter.ctx.api.resolve(callee);
  if (ref) {
    if (common.urlConstructors.some((entry) => matchesPath(ref, entry.modules, entry.path))) {
      return urlValue(args[0] ?? CLEAN, args[1], keysOf(node.arguments[0] ?? node, interpreter, state));
    }
    if (common.requestConstructors.some((entry) => matchesPath(ref, entry.modules, entry.path)))
      return requestObject(args[0] ?? CLEAN, args[1]);
    const last = ref.tokens[ref.tokens.length - 1];
    if (common.pathModules.includes(ref.module) && ref.tokens.length === 1 && last?.kind === 'Member') {
      if (last.name === 'relative') {
        // The way from the root to a contained path climbs nowhere: it stays contained (joined back, or split).
        const contained = !isTainted(args[0] ?? CLEAN) && args[1]?.bounds.has('path') === true;
        const keep: Bound[] = contained ? ['allowlist', 'path'] : ['allowlist'];
        const out = derived(combine(args, keep), keep);
        const relativeOf = node.arguments[1] ? keysOf(node.arguments[1], interpreter, state) : [];
        const rooted = args[1]?.rootedCopyOf;
        return { ...out, relativeOf, ...(rooted ? { rootedCopyOf: rooted } : {}) };
      }
      if (last.name === 'isAbsolute') return CLEAN;
      // The last segment of a path holds no separator: joined to a root, it cannot climb out of it.
      if (last.name === 'basename' && args[0]) {
        return withBounds(derived(args[0], ['allowlist']), ['segment']);
      }
      // The folder of a contained path is inside the root too (or is the root).
      if (last.name === 'dirname' && args[0]?.bounds.has('path'))
        return { ...derived(args[0], ['allowlist', 'path']), isResolvedPath: args[0].isResolvedPath === true };
      if (common.pathResolve.includes(last.name) || common.pathJoin.includes(last.name)) {
        let out = derived(combine(args), ['allowlist']);
        const tainted = args.filter(isTainted);
        if (tainted.length > 0 && tainted.every(isSegment) && !isTainted(args[0] ?? CLEAN))
          out = withBounds(out, ['path']);
        // Under a contained folder, names the model does not choose (or single segments) stay inside it.
        const [head, ...rest] = args;
        if (head?.bounds.has('path') && rest.every((arg) => !isTainted(arg) || isSegment(arg)))
          out = withBounds(out, ['path']);
        // A contained name (checked as a copy, `path.join(ROOT, p)` after a check on it) under a fixed root.
        if (tainted.length > 0 && tainted.every((arg) => arg.bounds.has('path'))) out = withBounds(out, ['path']);
        out = { ...out, isResolvedPath: ['resolve', 'join', 'normalize'].includes(last.name) };
        if (common.pathResolve.includes(last.name)) out = withBounds(out, ['absolute']);
        return withPathCopy(out, node, args, interpreter, state);
      }
    }
    // The names in a folder come from disk: the model chose the folder (checked as the sink), not them.
    if (common.directoryListings.some((entry) => matchesPath(ref, entry.modules, entry.path))) return opaqueValue();
    if (common.realpathFunctions.some((entry) => matchesPath(ref, entry.modules, entry.path))) {
      const arg = args[0] ?? CLEAN;
      return { ...withBounds(derived(arg, ['allowlist', 'path']), ['absolute']), isResolvedPath: true };
    }
    const date = dateValue(ref, args);
    if (date) return date;
    if (ref.module === '<global>' && ref.tokens[0]?.kind === 'Member' && DERIVING_GLOBALS.has(ref.tokens[0].name)) {
      const name = ref.tokens[0].name;
      if (name === 'Promise' && args[0]?.elements) return combineElements(args[0]);
      const keep: Bound[] = ['allowlist', 'host', 'path', 'amount', 'numeric'];
      let input = combine(args, keep);
      if (ref.tokens.length === 1 && NUMBER_GLOBALS.has(name) && isTainted(input))
        input = withBounds(input, ['numeric']);
      if (ref.tokens.length === 1 && (name === 'String' || name === 'Number'))
        return { ...input, keys: node.arguments[0] ? keysOf(node.arguments[0], interpreter, state) : [] };
      const isStringify = name === 'JSON' && ref.tokens[1]?.kind === 'Member' && ref.tokens[1].name === 'stringify';
      const document = isStringify ? serialisedDocument(args[0]) : undefined;
      return document ? { ...input, props: document } : input;
    }
    if (ref.module === '<global>' && ref.tokens[0]?.kind === 'Member' && ref.tokens[0].name === 'Math') {
      const name = ref.tokens[1]?.kind === 'Member' ? ref.tokens[1].name : '';
      // Every Math function returns a number.
      const input = withBounds(combine(args, ['allowlist', 'amount']), isTainted(combine(args)) ? ['numeric'] : []);
      // Math.min(x, LIMIT) caps x at a bound the model does not choose.
      if (name === 'min' && args.some((arg) => !isTainted(arg))) return withBounds(input, ['amount']);
      return input;
    }
  }
  if (callee.type === 'MemberExpression' && receiver) {
    const method = propertyName(callee) ?? '';
    if (!isTainted(receiver)) {
      if (method === 'then' || method === 'catch' || method === 'finally') return receiver;
      // `entries.slice((page - 1) * size, page * size)` of a list the program read: the model's numbers pick which
      // elements, each still the program's (a name read from disk stays one).
      if (method === 'slice' && slicesByNumbersOnly(receiver, args)) return receiver;
      // `methodInfo.method.toUpperCase()`: request tables spell a verb in lower case; converted, it is still known.
      const converted = convertedConstant(receiver, method);
      if (converted) return converted;
      // `new URL('/api/search', host).toString()`: the same text, whose written path still says what it calls.
      if (receiver.parts && (method === 'toString' || method === 'valueOf') && node.arguments.length === 0)
        return receiver;
      // A lookup in a map the model does not control yields one of its values, whatever the key; a
      // project class's own `get` (`api.get(url)` on a wrapper around fetch) is followed instead.
      if (isKeyedLookup(method, node) && resolveFunctions(callee, interpreter.ctx).length === 0) return opaqueValue();
      // `ROOTS.find((root) => abs.startsWith(root + sep))`: found, the callback's check held for one root.
      const callback = node.arguments[0];
      if (method === 'find' && callback && isFunction(callback))
        return { ...opaqueValue(), predicate: someFacts(callee.object, callback, interpreter, state).facts };
      return undefined;
    }
    if (isDigestText(method, node.arguments as Node[])) return opaqueValue();
    const numericText = numericTextOf(receiver, method, args);
    if (numericText) return numericText;
    const captures = wordCaptures(method, node, receiver);
    if (captures) return captures;
    if (stripsSeparators(method, node.arguments as Node[]))
      return withBounds(derived(combine([receiver, ...args]), ['allowlist']), ['segment']);
    const escaped = quoteEscape(method, node.arguments as Node[], receiver);
    if (escaped) return withBounds(derived(combine([receiver, ...args]), ['allowlist']), [escaped]);
    if (STRING_IDENTITY_METHODS.has(method)) {
      return { ...receiver, ...(receiver.parts ? { parts: receiver.parts } : {}) };
    }
    // A constant text replaced by a constant (not a pattern the engine would have to run): the front stays known.
    const [pattern, replacement] = node.arguments.map((argument) => stringValue(argument));
    if (method === 'replace' && pattern !== undefined && replacement !== undefined) {
      const replaced = replacedFront(receiver, pattern, replacement);
      if (replaced) return replaced;
    }
    if (method === 'then') return receiver;
    // `for (const [i, change] of changes.entries())`: each entry pairs an index with an element.
    if (method === 'entries' && node.arguments.length === 0) {
      const element = elementOf(receiver);
      const pair: Value = { ...container([element]), props: new Map([['1', element]]) };
      return { ...container([pair]), elements: [pair] };
    }
    // The components of a contained path (`relative.split(path.sep)`) are inside the root one by one.
    if (method === 'split' && receiver.bounds.has('path') && !args.some(isTainted)) {
      const component = derived(receiver, ['allowlist', 'path']);
      return { ...component, elements: [component] };
    }
    // Segments with no way up (checked, see guards/dot-segments.ts) split or joined on `/` still have none.
    if (
      (method === 'split' || method === 'join') &&
      receiver.bounds.has('segment') &&
      splitsOnSlash(node.arguments[0])
    ) {
      const piece = derived(receiver, ['allowlist', 'segment']);
      return method === 'split' ? { ...piece, elements: [piece] } : piece;
    }
    if (method === 'join') {
      const joined = joinedText(receiver, node.arguments[0], args[0]);
      if (joined) return joined;
    }
    if (
      ITERATION_METHODS.has(method) ||
      method === 'join' ||
      method === 'slice' ||
      method === 'concat' ||
      method === 'split'
    ) {
      return derived(combine([receiver, ...args]), ['allowlist']);
    }
    // `processor.process(page, url)` on an instance built with model-chosen options: a project method runs
    // (its summary decides), it does not merely derive a value from its receiver.
    if (resolveFunctions(callee, interpreter.ctx).length > 0) return undefined;
    return derived(combine([receiver, ...args]), ['allowlist']);
  }
  return undefined;
}

function isConfiguredGuard(interpreter: Interpreter, callee: Node): boolean {
  const names = interpreter.ctx.config.guardFunctions;
  if (names.length === 0) return false;
  // Whole callee paths only: `["check"]` must not turn every `x.check()` into a guard.
  return names.includes(describe(callee, interpreter.ctx.text));
}

function combineElements(array: Value): Value {
  return array.elements ? array.elements.reduce<Value>((acc, item) => joinValues(acc, item), CLEAN) : array;
}

/** `new URL(input, base)`: with a base, an absolute or protocol-relative input still replaces the base's origin. */
function urlValue(input: Value, base: Value | undefined, keys: string[]): Value {
  const inputParts = partsOf(input);
  let parts: Part[] = inputParts;
  if (base) {
    const first = inputParts[0];
    const inputStartsConstant = first?.kind === 'const' && /^[/?#.]/.test(first.text) && !first.text.startsWith('//');
    parts = inputStartsConstant || !isTainted(input) ? [...partsOf(base), ...inputParts] : inputParts;
  }
  const value = combine(base ? [input, base] : [input], ['allowlist', 'host']);
  return { ...value, parts, isUrl: true, keys };
}

/** `trackToolCall(name, args)`: a project function named for recording tool calls, whose body writes the record. */
function recordsToolCalls(interpreter: Interpreter, calleeText: string, fn: FunctionNode, ctx: FileContext): boolean {
  const pattern = interpreter.ctx.catalogs.common.toolCallLogPattern;
  if (pattern === undefined || !pattern.test(calleeText.split('.').pop() ?? calleeText)) return false;
  const hits = interpreter.summarise(fn, ctx)?.hits ?? [];
  return hits.some((hit) => hit.row.isWrite || isWriteMethod(hit.method));
}

// A name → handler map copied key by key from another, each handler wrapped on the way (telemetry, timing, error
// shaping): `const wrapped = {}; for (const [name, handler] of Object.entries(HANDLERS)) wrapped[name] = async (req) =>
// { … await handler(req) … }`, or `Object.fromEntries(Object.entries(HANDLERS).map(([n, h]) => [n, wrap(h)]))`.
// The copy holds the source's names and runs the source's handlers, so a dispatcher that looks a tool up in the
// copy dispatches to the source's functions; a wrapper that calls an audit function is every such tool's audit hook.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, enclosingFunction, propertyName, unwrapExpression, walk, type Node } from '../../ast';
import type { Binding } from '../../scope';
import type { FileContext } from '../../analysis/context';
import { isAuditName } from '../../analysis/approval-audit-calls';

/** Nodes read in the function (or module) that fills the copy, and loops taken from it. */
const MAX_NODES = 20_000;
const MAX_LOOPS = 4;

/** A map the copy was made from, and the wrapper's audit call (`auditLog()`) when it records every call. */
export interface CopySource {
  source: Node;
  audit?: string;
}

/**
 * The source maps of a variable made empty (`const wrapped = {}`) and filled by loops over `Object.entries(SRC)`
 * that store, under the loop's key, a function using the loop's handler; empty when it is no such copy.
 */
export function copiedMapSources(binding: Binding, ctx: FileContext): CopySource[] {
  const init = binding.init ? unwrapExpression(binding.init) : undefined;
  if (init?.type !== 'ObjectExpression' || init.properties.length > 0) return [];
  const scope: Node = enclosingFunction(binding.id) ?? ctx.ast;
  const sources: CopySource[] = [];
  let seen = 0;
  walk(scope, (node) => {
    if (++seen > MAX_NODES || sources.length >= MAX_LOOPS) return false;
    if (node.type !== 'ForOfStatement') return true;
    const source = entriesSource(node.right);
    const [keyName, valueName] = pairNames(node.left);
    if (!source || keyName === undefined || valueName === undefined) return true;
    const stored = storedWrapper(node.body, binding, keyName, valueName, ctx);
    if (stored) sources.push(withAudit(source, stored, ctx));
    return true;
  });
  return sources;
}

/** `Object.fromEntries(Object.entries(SRC).map(([name, fn]) => [name, wrap(fn)]))`: SRC, else undefined. */
export function fromEntriesSource(call: TSESTree.CallExpression, ctx: FileContext): CopySource | undefined {
  if (!isObjectCall(call, 'fromEntries') || !call.arguments[0]) return undefined;
  const mapped = unwrapExpression(call.arguments[0]);
  if (mapped.type !== 'CallExpression' || mapped.callee.type !== 'MemberExpression') return undefined;
  if (propertyName(mapped.callee) !== 'map') return undefined;
  const source = entriesSource(mapped.callee.object);
  const callback = mapped.arguments[0] ? unwrapExpression(mapped.arguments[0]) : undefined;
  if (!source || callback?.type !== 'ArrowFunctionExpression') return undefined;
  const [keyName, valueName] = pairNames(callback.params[0]);
  if (keyName === undefined || valueName === undefined) return undefined;
  const pair = callback.body.type === 'BlockStatement' ? undefined : unwrapExpression(callback.body);
  if (pair?.type !== 'ArrayExpression' || pair.elements.length !== 2) return undefined;
  const [key, value] = pair.elements;
  if (key?.type !== 'Identifier' || key.name !== keyName || !value || value.type === 'SpreadElement') return undefined;
  return usesHandler(value, valueName) ? withAudit(source, value, ctx) : undefined;
}

function withAudit(source: Node, wrapper: Node, ctx: FileContext): CopySource {
  const audit = auditCall(wrapper, ctx);
  return audit === undefined ? { source } : { source, audit };
}

/** `Object.entries(SRC)`: SRC. */
function entriesSource(node: Node): Node | undefined {
  const call = unwrapExpression(node);
  return call.type === 'CallExpression' && isObjectCall(call, 'entries') && call.arguments[0]
    ? (call.arguments[0] as Node)
    : undefined;
}

function isObjectCall(call: TSESTree.CallExpression, method: string): boolean {
  const callee = unwrapExpression(call.callee);
  return (
    callee.type === 'MemberExpression' &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Object' &&
    propertyName(callee) === method
  );
}

/** `const [name, handler]` (or the callback parameter `[name, handler]`): the two names. */
function pairNames(node: Node | undefined): [string | undefined, string | undefined] {
  const pattern = node?.type === 'VariableDeclaration' ? node.declarations[0]?.id : node;
  if (pattern?.type !== 'ArrayPattern') return [undefined, undefined];
  const [key, value] = pattern.elements;
  return [key?.type === 'Identifier' ? key.name : undefined, value?.type === 'Identifier' ? value.name : undefined];
}

/** The value the loop body stores as `copy[key] = <function or call using the handler>`, when it stores no other key. */
function storedWrapper(
  body: Node,
  copy: Binding,
  keyName: string,
  valueName: string,
  ctx: FileContext,
): Node | undefined {
  let stored: Node | undefined;
  let other = false;
  walk(body, (node) => {
    if (node.type !== 'AssignmentExpression' || node.left.type !== 'MemberExpression') return true;
    const target = unwrapExpression(node.left.object);
    if (target.type !== 'Identifier' || ctx.scopes.resolve(target) !== copy) return true;
    const key = node.left.property;
    if (node.left.computed && key.type === 'Identifier' && key.name === keyName && usesHandler(node.right, valueName))
      stored = node.right;
    else other = true;
    return true;
  });
  return other ? undefined : stored;
}

/** The stored value uses the source's handler (`handler(req)`, `wrap(handler)`). */
function usesHandler(value: Node, valueName: string): boolean {
  let uses = false;
  walk(value, (node) => {
    if (node.type === 'Identifier' && node.name === valueName) uses = true;
    return !uses;
  });
  return uses;
}

/** The first call in the wrapper to an audit function (configured, audit-named, or named for logging tool calls). */
function auditCall(wrapper: Node, ctx: FileContext): string | undefined {
  const pattern = ctx.catalogs.common.toolCallLogPattern;
  let found: string | undefined;
  walk(wrapper, (node) => {
    if (found !== undefined) return false;
    if (node.type !== 'CallExpression') return true;
    const text = describe(unwrapExpression(node.callee), ctx.text);
    const last = text.split('.').pop() ?? text;
    if (isAuditName(text, ctx.config.auditFunctions, ctx.catalogs.common) || pattern?.test(last)) found = `${text}()`;
    return true;
  });
  return found;
}

// `if (parts.some((s) => s === '' || s === '..')) throw` on `parts = p.split('/')`: where no segment is empty
// or `..`, p is a relative path with no way up, so joined under a root it stays inside it (`segment`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import type { Fact } from '../value';
import { callbackTest } from './every';
import { keysOf, NONE, type Facts } from './keys';

type Callback = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** Disjuncts read at most this many (`a || b || …` in one callback). */
const MAX_DISJUNCTS = 16;

/**
 * Where `list.some(callback)` is false and the callback refuses both an empty and a `..` segment: each
 * element of the list, and the path it was split from on `/`, names no way up. An empty segment is what an
 * absolute path starts with, so refusing it also refuses `path.resolve` leaving the root.
 */
export function noDotSegmentFacts(receiver: Node, callback: Callback, interpreter: Evaluator, state: State): Facts {
  const param = callback.params[0];
  const test = callbackTest(callback);
  if (param?.type !== 'Identifier' || !test) return NONE;
  const disjuncts = orChain(test);
  if (!disjuncts) return NONE;
  let climbs = false;
  let empty = false;
  for (const disjunct of disjuncts) {
    climbs ||= comparesTo(disjunct, param.name, '..');
    empty ||= comparesTo(disjunct, param.name, '') || isEmptyTest(disjunct, param.name);
  }
  if (!climbs || !empty) return NONE;
  const keys = [...keysOf(receiver, interpreter, state), ...splitSourceKeys(receiver, interpreter, state)];
  if (keys.length === 0) return NONE;
  const facts: Fact[] = [{ keys, bound: 'segment' }];
  return { facts, approved: false };
}

/** The keys of `p` when the list is `p.split('/')` (or split on `path.sep` or a pattern that matches `/`). */
function splitSourceKeys(receiver: Node, interpreter: Evaluator, state: State): string[] {
  let list = unwrapExpression(receiver);
  if (list.type === 'Identifier') {
    const binding = interpreter.ctx.scopes.resolve(list);
    if (binding?.declarationKind !== 'const' || !binding.init || binding.patternPath.length > 0) return [];
    list = unwrapExpression(binding.init);
  }
  if (list.type !== 'CallExpression' || list.callee.type !== 'MemberExpression') return [];
  if (propertyName(list.callee) !== 'split' || !splitsOnSlash(list.arguments[0])) return [];
  return keysOf(list.callee.object, interpreter, state);
}

/** A separator that splits on `/`: a literal, the path module's `sep`, or a pattern that matches it. */
export function splitsOnSlash(separator: Node | undefined): boolean {
  if (!separator) return false;
  const node = unwrapExpression(separator);
  if (stringValue(node) === '/') return true;
  if (node.type === 'Literal' && 'regex' in node && node.regex) return /\//.test(node.regex.pattern);
  return node.type === 'MemberExpression' && propertyName(node) === 'sep';
}

function orChain(test: Node): Node[] | undefined {
  const out: Node[] = [];
  const pending: Node[] = [test];
  while (pending.length > 0) {
    const node = unwrapExpression(pending.pop() as Node);
    if (node.type === 'LogicalExpression' && node.operator === '||') pending.push(node.right, node.left);
    else out.push(node);
    if (out.length + pending.length > MAX_DISJUNCTS) return undefined;
  }
  return out;
}

/** `s === text` or `text === s` (also `==`). */
function comparesTo(node: Node, name: string, text: string): boolean {
  if (node.type !== 'BinaryExpression' || !['===', '=='].includes(node.operator)) return false;
  const sides = [unwrapExpression(node.left as Node), unwrapExpression(node.right)];
  return sides.some((side, index) => {
    const other = sides[1 - index];
    return side.type === 'Identifier' && side.name === name && other !== undefined && stringValue(other) === text;
  });
}

/** `!s` or `s.length === 0`. */
function isEmptyTest(node: Node, name: string): boolean {
  if (node.type === 'UnaryExpression' && node.operator === '!') {
    const inner = unwrapExpression(node.argument);
    return inner.type === 'Identifier' && inner.name === name;
  }
  if (node.type !== 'BinaryExpression' || !['===', '=='].includes(node.operator)) return false;
  const [left, right] = [unwrapExpression(node.left as Node), unwrapExpression(node.right)];
  const isLength = (side: Node) =>
    side.type === 'MemberExpression' &&
    propertyName(side) === 'length' &&
    unwrapExpression(side.object).type === 'Identifier' &&
    (unwrapExpression(side.object) as TSESTree.Identifier).name === name;
  const isZero = (side: Node) => side.type === 'Literal' && side.value === 0;
  return (isLength(left) && isZero(right)) || (isLength(right) && isZero(left));
}

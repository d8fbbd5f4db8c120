// A sink function handed to a caller together with its arguments (`asyncCaller.call(fetch, url, init)`,
// `limiter.schedule(fetch, url, init)`, `retry(writeFile, file, data)`): the caller runs it with them, so the
// call is read as that function's call on the arguments after it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression } from '../../ast';
import type { State } from '../evaluator';
import { resolveFunctions } from '../resolve';
import { evaluateSink, matchSinks } from '../sinks';
import type { Value } from '../value';
import type { Interpreter } from './types';

/** The call each handing call stands for, built once per node (hits and caches key on node identity). */
const handedCalls = new WeakMap<TSESTree.CallExpression, TSESTree.CallExpression | null>();

/**
 * Records the sinks of `caller(fn, ...rest)` as those of `fn(...rest)` when fn is a reference (not a call or
 * a function written there) to a catalog sink and the caller is no project function (whose body the
 * interpreter reads itself).
 */
export function recordHandedCall(
  interpreter: Interpreter,
  node: TSESTree.CallExpression | TSESTree.NewExpression,
  args: readonly Value[],
  state: State,
): void {
  if (node.type !== 'CallExpression' || node.arguments.length < 2) return;
  const handed = handedCall(node);
  if (!handed) return;
  // The caller's resolution first: most handing calls are the project's own helpers (cheaper to find than rows).
  if (resolveFunctions(node.callee, interpreter.ctx).length > 0) return;
  for (const row of matchSinks(handed, interpreter)) {
    const hit = evaluateSink(row, handed, args.slice(1), state, interpreter);
    if (hit) interpreter.hits.push(hit);
  }
}

function handedCall(node: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const known = handedCalls.get(node);
  if (known !== undefined) return known ?? undefined;
  const [first, ...rest] = node.arguments;
  const fn = first && first.type !== 'SpreadElement' ? unwrapExpression(first) : undefined;
  const isReference = fn !== undefined && (fn.type === 'Identifier' || fn.type === 'MemberExpression');
  const made: TSESTree.CallExpression | null = isReference
    ? ({
        type: 'CallExpression' as TSESTree.CallExpression['type'],
        callee: fn as TSESTree.Expression,
        arguments: rest,
        optional: false,
        typeArguments: undefined,
        range: node.range,
        loc: node.loc,
        parent: node.parent,
      } as TSESTree.CallExpression)
    : null;
  handedCalls.set(node, made);
  return made ?? undefined;
}

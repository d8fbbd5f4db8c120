// The calls of a function declared in a file, from that file: what a helper's untyped parameter holds is what
// its callers pass (`toolHandler(client)` hands the handler factory the project's client wrapper).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walk, type FunctionNode } from '../ast';
import type { Binding } from '../scope';
import type { FileContext } from './context';

/** Call sites of one function read at most: a helper called from more places is not typed by its callers. */
export const MAX_CALLERS = 4;

const calleesByFile = new WeakMap<FileContext, Map<Binding, TSESTree.CallExpression[]>>();

/** The calls in `ctx` of `fn` by its name, or undefined when it has no name or too many callers. */
export function localCallers(fn: FunctionNode, ctx: FileContext): TSESTree.CallExpression[] | undefined {
  const binding = declaredBinding(fn, ctx);
  const calls = binding ? callsByBinding(ctx).get(binding) : undefined;
  return calls && calls.length <= MAX_CALLERS ? calls : undefined;
}

function declaredBinding(fn: FunctionNode, ctx: FileContext): Binding | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id) return ctx.scopes.resolve(fn.id);
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === fn)
    return ctx.scopes.resolve(parent.id);
  return undefined;
}

/** Every call of a plain identifier in the file, by the binding it resolves to: one walk per file. */
function callsByBinding(ctx: FileContext): Map<Binding, TSESTree.CallExpression[]> {
  const known = calleesByFile.get(ctx);
  if (known) return known;
  const out = new Map<Binding, TSESTree.CallExpression[]>();
  walk(ctx.ast, (node) => {
    if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier') return;
    const binding = ctx.scopes.resolve(node.callee);
    if (!binding) return;
    const calls = out.get(binding);
    if (calls) calls.push(node);
    else out.set(binding, [node]);
  });
  calleesByFile.set(ctx, out);
  return out;
}

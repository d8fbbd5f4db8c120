// The uses of a function declared in a file, from that file: what a helper's untyped parameter holds is what
// its callers pass (`toolHandler(client)` hands the handler factory the project's client wrapper). The file's
// identifiers are grouped by name once; a name's group is resolved to bindings when a binding of that name is asked.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionNode, Node } from '../ast';
import { forEachOfTypes } from '../typed-nodes';
import type { Binding } from '../scope';
import type { FileContext } from './context';

/** Call sites of one function read at most: a helper called from more places is not typed by its callers. */
export const MAX_CALLERS = 4;

interface Uses {
  /** References other than the declaration, calls or not. */
  count: number;
  /** The references that are the callee of a call. */
  calls: TSESTree.CallExpression[];
  /** References in an export list (`export { f as n }`): other files may call it, this file hands nothing on. */
  exports: number;
  /** The first references in source order, the declaring identifier included (see `referencesOf`). */
  refs: TSESTree.Identifier[];
}

/** References kept per binding: a reader looks at a few dozen at most (agent-scope.ts reads 20 uses). */
const MAX_REFERENCES = 32;

interface FileUses {
  names: Map<string, TSESTree.Identifier[]>;
  /** Per name asked: the uses of each binding of that name. */
  resolved: Map<string, Map<Binding, Uses>>;
}

const usesByFile = new WeakMap<FileContext, FileUses>();

/** The calls in `ctx` of `fn` by its name, or undefined when it has no name or too many callers. */
export function localCallers(fn: FunctionNode, ctx: FileContext): TSESTree.CallExpression[] | undefined {
  const binding = declaredBinding(fn, ctx);
  const calls = binding ? usesOf(binding, ctx)?.calls : undefined;
  return calls && calls.length <= MAX_CALLERS ? calls : undefined;
}

/**
 * The one call of a function in its file, when that is its only use and it is not exported (other files may
 * call it): `createRunCommand(cli, acl)` for `const createRunCommand = (gcloud, acl) => …`.
 */
export function onlyLocalCall(fn: FunctionNode, ctx: FileContext): TSESTree.CallExpression | undefined {
  const binding = declaredBinding(fn, ctx);
  if (!binding || isExported(binding.id)) return undefined;
  const uses = usesOf(binding, ctx);
  return uses?.count === 1 && uses.calls.length === 1 ? uses.calls[0] : undefined;
}

/**
 * The one call of a function in its file, exported or not (a bundle's chunk lists its helpers in an export
 * clause): what this file passes there is passed on this file's paths; other files' calls are not read.
 */
export function onlyCallInFile(fn: FunctionNode, ctx: FileContext): TSESTree.CallExpression | undefined {
  const binding = declaredBinding(fn, ctx);
  const uses = binding ? usesOf(binding, ctx) : undefined;
  return uses && uses.count - uses.exports === 1 && uses.calls.length === 1 ? uses.calls[0] : undefined;
}

/**
 * The identifiers in `ctx` that resolve to `binding`, in source order (the declaring one included), at most
 * MAX_REFERENCES: one index per file instead of a walk of the whole file per question.
 */
export function referencesOf(binding: Binding, ctx: FileContext): readonly TSESTree.Identifier[] {
  return usesOf(binding, ctx)?.refs ?? [];
}

/** `function f(…)`, `const f = (…) => …`: the binding of the declaring identifier. */
function declaredBinding(fn: FunctionNode, ctx: FileContext): Binding | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id) return ctx.scopes.resolve(fn.id);
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === fn)
    return ctx.scopes.resolve(parent.id);
  return undefined;
}

function isExported(id: TSESTree.Identifier): boolean {
  let node: Node | undefined = id.parent;
  for (let level = 0; node && level < 4; level++, node = node.parent)
    if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') return true;
  return false;
}

/**
 * The references that resolve to `binding`. Why per name: resolving every identifier of a bundle to index them
 * all cost a large file's lint more than the few bindings anyone asks about; an identifier resolves only to a
 * binding of its own name (scopes are keyed by name), so grouping the file's identifiers by name first (no
 * resolution) and resolving one name's group when a binding of that name is asked gives the same uses, in
 * the same source order.
 */
function usesOf(binding: Binding, ctx: FileContext): Uses | undefined {
  let file = usesByFile.get(ctx);
  if (!file) {
    file = { names: identifiersByName(ctx), resolved: new Map() };
    usesByFile.set(ctx, file);
  }
  let byBinding = file.resolved.get(binding.name);
  if (!byBinding) {
    byBinding = resolveUses(file.names.get(binding.name) ?? [], ctx);
    file.resolved.set(binding.name, byBinding);
  }
  return byBinding.get(binding);
}

/** The file's identifiers by name, in walk order. */
function identifiersByName(ctx: FileContext): Map<string, TSESTree.Identifier[]> {
  const names = new Map<string, TSESTree.Identifier[]>();
  forEachOfTypes<TSESTree.Identifier>(ctx.ast, ['Identifier'], (node) => {
    const list = names.get(node.name);
    if (list) list.push(node);
    else names.set(node.name, [node]);
  });
  return names;
}

/** The uses of each binding the identifiers of one name resolve to. */
function resolveUses(identifiers: readonly TSESTree.Identifier[], ctx: FileContext): Map<Binding, Uses> {
  const out = new Map<Binding, Uses>();
  for (const node of identifiers) {
    const binding = ctx.scopes.resolve(node);
    if (!binding) continue;
    let uses = out.get(binding);
    if (!uses) {
      uses = { count: 0, calls: [], exports: 0, refs: [] };
      out.set(binding, uses);
    }
    if (uses.refs.length < MAX_REFERENCES) uses.refs.push(node);
    if (binding.id === node) continue;
    uses.count++;
    const parent = node.parent;
    if (parent?.type === 'CallExpression' && parent.callee === node) uses.calls.push(parent);
    if (parent?.type === 'ExportSpecifier') uses.exports++;
  }
  return out;
}

// A tool declaration kept in a constant and paired with its handler by a call elsewhere: `export const runTool =
// { name, description, inputSchema }` beside `export async function handleRun(args)`, joined by
// `createToolPlugin(runTool, handleRun)` (or `registry.add(runTool, handleRun)`) in a wiring module.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, walk, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { nodesByName } from '../../analysis/node-index';
import { resolveFunction, type ResolvedFunction } from '../../analysis/resolve';

/** Files that spell the constant's name read for a pairing call. */
const MAX_FILES = 6;

const callsByFile = new WeakMap<FileContext, ReadonlyMap<string, TSESTree.CallExpression[]>>();

/**
 * The handler a call pairs with the declaration `node` holds, as a function of `node`'s own file: the one
 * function argument beside the constant in a call of this file or (when the constant is exported) of a file that
 * imports it from here. Only a handler declared in the declaration's file is taken: the tool and its handler are
 * then one module's (a pairing that hands in a function from elsewhere is left alone).
 */
export function pairedHandler(node: TSESTree.ObjectExpression, ctx: FileContext): Node | undefined {
  const declarator = node.parent;
  if (declarator?.type !== 'VariableDeclarator' || declarator.id.type !== 'Identifier') return undefined;
  if (declarator.init !== node) return undefined;
  const name = declarator.id.name;
  const exported = declarator.parent?.parent?.type === 'ExportNamedDeclaration';
  const files = exported ? [ctx, ...ctx.modules.filesMentioning(ctx, name).slice(0, MAX_FILES)] : [ctx];
  for (const file of files) {
    for (const call of callsWithArgument(file).get(name) ?? []) {
      if (!namesDeclaration(call, name, file, ctx, declarator.id)) continue;
      const handler = besideHandler(call, name, file, ctx);
      if (handler) return handler;
    }
  }
  return undefined;
}

/** Whether `call`'s argument spelled `name`, in `file`, is the constant `id` of `ctx` (itself, or imported from there). */
function namesDeclaration(
  call: TSESTree.CallExpression,
  name: string,
  file: FileContext,
  ctx: FileContext,
  id: TSESTree.Identifier,
): boolean {
  const argument = call.arguments.find((item) => item.type === 'Identifier' && item.name === name);
  if (argument?.type !== 'Identifier') return false;
  const binding = file.scopes.resolve(argument);
  if (file === ctx) return binding?.id === id;
  if (binding?.kind !== 'import' || !binding.importSource || binding.importName !== name) return false;
  return file.modules.resolveImport(file, binding.importSource)?.file === ctx.file;
}

/** The one function argument beside the constant, found in `ctx` (the declaration's file). */
function besideHandler(call: TSESTree.CallExpression, name: string, file: FileContext, ctx: FileContext) {
  const others = call.arguments.filter((item) => !(item.type === 'Identifier' && item.name === name));
  const functions = others.flatMap((item): ResolvedFunction[] => {
    if (item.type === 'SpreadElement') return [];
    const inner = unwrapExpression(item);
    if (isFunction(inner)) return [{ fn: inner, ctx: file }];
    const resolved = resolveFunction(item, file);
    return resolved ? [resolved] : [];
  });
  if (functions.length !== 1) return undefined;
  const [only] = functions;
  if (!only || only.ctx.file !== ctx.file) return undefined;
  // The pairing file may hold its own parse of the declaring module: the function is found again by place.
  let found: Node | undefined;
  walk(ctx.ast, (candidate) => {
    if (found) return false;
    if (candidate.range[1] < only.fn.range[0] || candidate.range[0] > only.fn.range[1]) return false;
    if (isFunction(candidate) && candidate.range[0] === only.fn.range[0] && candidate.range[1] === only.fn.range[1])
      found = candidate;
    return undefined;
  });
  return found;
}

/** A file's calls (of two or more arguments) by the names of the identifiers they are handed. */
function callsWithArgument(ctx: FileContext): ReadonlyMap<string, TSESTree.CallExpression[]> {
  return nodesByName<TSESTree.CallExpression>(ctx, callsByFile, (node) =>
    node.type === 'CallExpression' && node.arguments.length >= 2
      ? node.arguments.flatMap((argument) => (argument.type === 'Identifier' ? [argument.name] : []))
      : undefined,
  );
}

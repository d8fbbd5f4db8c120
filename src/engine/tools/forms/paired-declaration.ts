// A tool declaration kept in a constant and paired with its handler by a call elsewhere: `export const runTool =
// { name, description, inputSchema }` beside `export async function handleRun(args)`, joined by
// `createToolPlugin(runTool, handleRun)` (or `registry.add(runTool, handleRun)`) in a wiring module; also the
// CommonJS export `exports.runTool = {…}`, read through `require` or a compiled module object (`tools_1.runTool`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, walk, type Node } from '../../ast';
import { requiredModule } from '../../api';
import { commonJsExportName } from '../../exported-node';
import { moduleObject } from '../../analysis/receivers';
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
  const declared = declaredConstant(node);
  if (!declared) return undefined;
  const { name, id, exported } = declared;
  const files = exported ? [ctx, ...ctx.modules.filesMentioning(ctx, name).slice(0, MAX_FILES)] : [ctx];
  for (const file of files) {
    for (const call of callsWithArgument(file).get(name) ?? []) {
      if (!namesDeclaration(call, name, file, ctx, id)) continue;
      const handler = besideHandler(call, name, file, ctx);
      if (handler) return handler;
    }
  }
  return undefined;
}

/**
 * The constant an object literal is the value of: `const runTool = {…}` (exported when `export const`), or the
 * CommonJS export `exports.runTool = {…}` / `module.exports.runTool = {…}`, which has no local binding.
 */
function declaredConstant(
  node: TSESTree.ObjectExpression,
): { name: string; id: TSESTree.Identifier | undefined; exported: boolean } | undefined {
  const parent = node.parent;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' && parent.init === node)
    return {
      name: parent.id.name,
      id: parent.id,
      exported: parent.parent?.parent?.type === 'ExportNamedDeclaration',
    };
  if (parent?.type !== 'AssignmentExpression' || parent.right !== node || parent.operator !== '=') return undefined;
  const name = parent.left.type === 'MemberExpression' ? commonJsExportName(parent.left) : undefined;
  return name === undefined ? undefined : { name, id: undefined, exported: true };
}

/** The name an argument spells: an identifier's, or a member read's (`tools_1.runTool`, `exports.runTool`). */
function argumentName(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  return node.type === 'MemberExpression' && !node.computed ? propertyName(node) : undefined;
}

/**
 * Whether `call`'s argument spelled `name`, in `file`, is the constant of `ctx` (`id`, or its CommonJS export when
 * `id` is undefined): itself, imported from there, or read from there through `require`.
 */
function namesDeclaration(
  call: TSESTree.CallExpression,
  name: string,
  file: FileContext,
  ctx: FileContext,
  id: TSESTree.Identifier | undefined,
): boolean {
  const argument = call.arguments.find((item) => argumentName(item) === name);
  if (argument?.type === 'MemberExpression') {
    if (commonJsExportName(argument) !== undefined) return file === ctx && id === undefined;
    return moduleObject(unwrapExpression(argument.object), file)?.file === ctx.file && file !== ctx;
  }
  if (argument?.type !== 'Identifier') return false;
  const binding = file.scopes.resolve(argument);
  if (file === ctx) return id !== undefined && binding?.id === id;
  // `const { runTool } = require('./run-tool')`.
  if (binding?.kind === 'var' && binding.init?.type === 'CallExpression') {
    const source =
      binding.patternPath.length === 1 && binding.patternPath[0] === name
        ? requiredModule(binding.init, file.scopes)
        : undefined;
    return source !== undefined && file.modules.resolveImport(file, source)?.file === ctx.file;
  }
  if (binding?.kind !== 'import' || !binding.importSource || binding.importName !== name) return false;
  return file.modules.resolveImport(file, binding.importSource)?.file === ctx.file;
}

/** The one function argument beside the constant, found in `ctx` (the declaration's file). */
function besideHandler(call: TSESTree.CallExpression, name: string, file: FileContext, ctx: FileContext) {
  const others = call.arguments.filter((item) => argumentName(item) !== name);
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
  return nodesByName<TSESTree.CallExpression>(ctx, callsByFile, 'CallExpression', (node) =>
    node.arguments.length >= 2
      ? node.arguments.flatMap((argument) => {
          const name = argumentName(argument);
          return name === undefined ? [] : [name];
        })
      : undefined,
  );
}

// What other files of the package pass for a parameter of an exported function: the options object a
// server factory is called with (`runServer({ handleRequest: async (req) => … })` in the entry file), so a
// call of `config.handleRequest(…)` inside the factory reaches the function written at the call site.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionNode, Node } from '../ast';
import type { Binding } from '../scope';
import type { FileContext } from './context';
import { localCallers } from './local-callers';
import { nodesByName, spelledName } from './node-index';

/** Call sites read per parameter: a hostile package cannot make this long. */
const MAX_CALL_SITES = 8;

const callsByFile = new WeakMap<FileContext, ReadonlyMap<string, TSESTree.CallExpression[]>>();

export interface PassedArgument {
  node: Node;
  ctx: FileContext;
}

/** The function a callee runs, as the resolver finds it in the callee's file. */
export type CalleeResolver = (callee: Node, at: FileContext) => { fn: FunctionNode; ctx: FileContext } | undefined;

/**
 * Whether `callee`, in file `at`, runs `fn` of file `ctx`. The caller's file may hold its own parse of the
 * declaring module (the linted file is parsed apart from the copy an import loads): compared by place.
 */
function callsFunction(callee: Node, at: FileContext, fn: FunctionNode, ctx: FileContext, resolve: CalleeResolver) {
  const found = resolve(callee, at);
  return found?.ctx.file === ctx.file && found.fn.range[0] === fn.range[0] && found.fn.range[1] === fn.range[1];
}

/**
 * What is passed at parameter `binding`: by the declaring function's callers in its own file and, when it is
 * exported, in the package's other files. `complete` is false when a call in the file passes nothing there
 * (or spreads), so the list does not say every value.
 */
export function passedArguments(
  binding: Binding,
  ctx: FileContext,
  resolve: CalleeResolver,
): { passed: PassedArgument[]; complete: boolean } {
  const { fn, paramIndex: index } = binding;
  if (binding.kind !== 'param' || !fn || index === undefined) return { passed: [], complete: true };
  const passed: PassedArgument[] = [];
  let complete = true;
  for (const call of localCallers(fn, ctx) ?? []) {
    const argument = call.arguments[index];
    if (argument && argument.type !== 'SpreadElement') passed.push({ node: argument, ctx });
    else complete = false;
  }
  passed.push(...callerArguments(binding, ctx, resolve));
  return { passed, complete };
}

/**
 * The arguments the package's other files pass at parameter `binding` of the exported function that
 * declares it; `resolve` says which function a callee runs there.
 */
export function callerArguments(binding: Binding, ctx: FileContext, resolve: CalleeResolver): PassedArgument[] {
  const fn = binding.fn;
  const index = binding.paramIndex;
  if (binding.kind !== 'param' || !fn || index === undefined || binding.patternPath.length > 0) return [];
  const name = exportedName(fn);
  if (!name) return [];
  const out: PassedArgument[] = [];
  for (const caller of ctx.modules.filesMentioning(ctx, name)) {
    for (const call of callsByName(caller).get(name) ?? []) {
      if (out.length >= MAX_CALL_SITES) return out;
      const argument = call.arguments[index];
      if (argument && argument.type !== 'SpreadElement' && callsFunction(call.callee, caller, fn, ctx, resolve))
        out.push({ node: argument, ctx: caller });
    }
  }
  return out;
}

/** A file's calls by the name their callee spells, in source order: one walk per file, however many ask. */
function callsByName(ctx: FileContext): ReadonlyMap<string, TSESTree.CallExpression[]> {
  return nodesByName<TSESTree.CallExpression>(ctx, callsByFile, 'CallExpression', (node) => {
    const name = spelledName(node.callee);
    return name === undefined ? undefined : [name];
  });
}

/** The name a function is exported under from its module (`export function f`, `export const f = …`, `exports.f = …`). */
function exportedName(fn: FunctionNode): string | undefined {
  const parent = fn.parent;
  if (fn.type === 'FunctionDeclaration' && fn.id && parent?.type === 'ExportNamedDeclaration') return fn.id.name;
  if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
    const declaration = parent.parent;
    if (declaration?.parent?.type === 'ExportNamedDeclaration') return parent.id.name;
  }
  if (fn.type === 'FunctionDeclaration' && fn.id && topLevelExportAssigned(fn.id.name, fn)) return fn.id.name;
  return undefined;
}

/** Compiled CommonJS: `function f(…) {…}` at the top level, exported by `exports.f = f`. */
function topLevelExportAssigned(name: string, fn: TSESTree.FunctionDeclaration): boolean {
  const program = fn.parent;
  if (program?.type !== 'Program') return false;
  return program.body.some((statement) => {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') return false;
    const left = statement.expression.left;
    return (
      left.type === 'MemberExpression' &&
      left.object.type === 'Identifier' &&
      left.object.name === 'exports' &&
      left.property.type === 'Identifier' &&
      left.property.name === name
    );
  });
}

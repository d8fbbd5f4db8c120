// The error a catch clause receives: opaque, except that a file-system error names the path it failed on
// (`try { return realpathSync(p); } catch (e) { return e.path; }` hands back p), so its `path` member carries
// what the try block handed the file-system module's calls.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { moduleIn } from '../../api';
import { isFunction, unwrapExpression, walk, type Node } from '../../ast';
import type { State } from '../evaluator';
import { joinValues, opaqueValue, type Value } from '../value';
import type { Interpreter } from './types';

/** Nodes read in the try block, and path arguments taken from it. */
const MAX_WALK = 2_000;
const MAX_PATHS = 4;

export function caughtError(interpreter: Interpreter, block: TSESTree.BlockStatement, state: State): Value {
  const modules = fileSystemModules(interpreter);
  if (modules.length === 0) return opaqueValue();
  let path: Value | undefined;
  let visited = 0;
  let found = 0;
  walk(block, (node) => {
    if (++visited > MAX_WALK || found >= MAX_PATHS) return false;
    if (isFunction(node)) return false;
    if (node.type !== 'CallExpression') return true;
    const first = node.arguments[0];
    const argument = first && first.type !== 'SpreadElement' ? unwrapExpression(first) : undefined;
    // Only a name or a member is read again here: evaluating a call a second time could record its effects.
    if (argument?.type !== 'Identifier' && argument?.type !== 'MemberExpression') return true;
    const ref = interpreter.ctx.api.resolve(node.callee as Node);
    if (!ref || !moduleIn(ref, modules)) return true;
    found++;
    path = joinValues(path, interpreter.evaluate(argument, state));
    return true;
  });
  return path ? { ...opaqueValue(), props: new Map([['path', path]]) } : opaqueValue();
}

/** The modules whose calls the file-system rule checks a path of (catalog data, not names spelled here). */
function fileSystemModules(interpreter: Interpreter): string[] {
  const cached = modulesByCatalog.get(interpreter.ctx.catalogs);
  if (cached) return cached;
  const out = new Set<string>();
  for (const row of interpreter.ctx.catalogs.sinks)
    if (row.check === 'path' && row.callee.length > 0) for (const module of row.modules) out.add(module);
  const list = [...out];
  modulesByCatalog.set(interpreter.ctx.catalogs, list);
  return list;
}

const modulesByCatalog = new WeakMap<object, string[]>();

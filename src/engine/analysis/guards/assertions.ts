// Assertions: a call that throws unless its argument holds (`assert(cond)`, `assert.ok(cond)`,
// `invariant(cond, msg)`) establishes what the argument's condition establishes, after the call. A project
// helper counts when its body says so (`if (!cond) throw …` before anything else returns); a callee the
// engine cannot follow counts when the common catalog names it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, unwrapExpression, type FunctionNode, type Node } from '../../ast';
import type { Evaluator } from '../evaluator';

const MAX_LEADING_STATEMENTS = 8;
const asserted = new WeakMap<FunctionNode, number[]>();

/** The parameters a helper throws unless truthy, from `if (!param) throw …` among its first statements. */
export function assertedParams(fn: FunctionNode): number[] {
  const cached = asserted.get(fn);
  if (cached) return cached;
  const out: number[] = [];
  const names = fn.params.map((param) => (param.type === 'Identifier' ? param.name : undefined));
  if (fn.body.type === 'BlockStatement') {
    for (const statement of fn.body.body.slice(0, MAX_LEADING_STATEMENTS)) {
      if (statement.type === 'ReturnStatement') break;
      if (statement.type !== 'IfStatement' || statement.alternate || !throws(statement.consequent)) continue;
      const name = negatedName(statement.test);
      const index = name === undefined ? -1 : names.indexOf(name);
      if (index >= 0 && !out.includes(index)) out.push(index);
    }
  }
  asserted.set(fn, out);
  return out;
}

/** A call the catalog names as an assertion (for callees in packages the engine does not read). */
export function isCatalogAssertion(node: TSESTree.CallExpression, interpreter: Evaluator): boolean {
  const names = interpreter.ctx.catalogs.common.assertionNames;
  return names.length > 0 && names.includes(describe(unwrapExpression(node.callee), interpreter.ctx.text));
}

function throws(statement: TSESTree.Statement): boolean {
  if (statement.type === 'ThrowStatement') return true;
  return statement.type === 'BlockStatement' && statement.body.some((inner) => inner.type === 'ThrowStatement');
}

/** `!cond`, `cond === false`, `cond == false`: the name tested for falsiness. */
function negatedName(test: Node): string | undefined {
  const inner = unwrapExpression(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!') {
    const argument = unwrapExpression(inner.argument);
    return argument.type === 'Identifier' ? argument.name : undefined;
  }
  if (inner.type === 'BinaryExpression' && (inner.operator === '===' || inner.operator === '==')) {
    const [subject, other] = [unwrapExpression(inner.left as Node), unwrapExpression(inner.right)];
    if (subject.type === 'Identifier' && other.type === 'Literal' && other.value === false) return subject.name;
  }
  return undefined;
}

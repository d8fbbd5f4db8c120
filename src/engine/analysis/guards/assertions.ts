// Assertions: a call that throws unless its argument holds (`assert(cond)`, `assert.ok(cond)`,
// `invariant(cond, msg)`) establishes what the argument's condition establishes, after the call. A project
// helper counts when its body says so (`if (!cond) throw …` before anything else returns); a callee the
// engine cannot follow counts when the common catalog names it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, unwrapExpression, type FunctionNode, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import { equalityFacts, factsOf } from '../guards';
import { NONE, type Facts } from './keys';

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

/**
 * What a call the catalog names as an assertion establishes after it (for callees in packages the engine
 * does not read): its condition's facts, or for an equality assertion (`assert.strictEqual(a, b)`) the
 * equality's.
 */
export function catalogAssertionFacts(node: TSESTree.CallExpression, interpreter: Evaluator, state: State): Facts {
  const common = interpreter.ctx.catalogs.common;
  if (common.assertionNames.length === 0 && common.equalityAssertionNames.length === 0) return NONE;
  const text = describe(unwrapExpression(node.callee), interpreter.ctx.text);
  const [first, second] = node.arguments;
  if (!first || first.type === 'SpreadElement') return NONE;
  if (common.assertionNames.includes(text)) return factsOf(first, interpreter, state, true);
  if (second && second.type !== 'SpreadElement' && common.equalityAssertionNames.includes(text))
    return equalityFacts(first, second, interpreter, state);
  return NONE;
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

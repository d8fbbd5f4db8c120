// `p.startsWith('/') ? p : '/' + p`: the branch that returns the tested value itself is known to begin with the tested
// text, so a URL built as `${origin}${p}` keeps its origin on both branches.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import { isTainted, type Value } from '../value';

/**
 * The value of a conditional's branch, with the text the test proved it starts with in front. `whenTrue` says which
 * branch: the consequent of `p.startsWith(C)`, or the alternate of `!p.startsWith(C)`.
 */
export function withProvenLead(test: Node, branch: Node, value: Value, whenTrue: boolean, sourceText: string): Value {
  if (!isTainted(value) || value.parts?.[0]?.kind === 'const') return value;
  const proof = startsWithTest(test);
  if (!proof || proof.negated === whenTrue) return value;
  if (describe(branch, sourceText) !== describe(proof.subject, sourceText)) return value;
  const whole: Value = { ...value };
  delete whole.parts;
  return {
    ...value,
    parts: [
      { kind: 'const', text: proof.lead },
      { kind: 'tainted', value: whole },
    ],
  };
}

function startsWithTest(test: Node): { subject: Node; lead: string; negated: boolean } | undefined {
  let node = unwrapExpression(test);
  let negated = false;
  while (node.type === 'UnaryExpression' && node.operator === '!') {
    negated = !negated;
    node = unwrapExpression(node.argument);
  }
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return undefined;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'startsWith') return undefined;
  const lead = stringValue(unwrapExpression(node.arguments[0] as TSESTree.Expression));
  if (lead === undefined || lead === '') return undefined;
  return { subject: unwrapExpression(callee.object), lead, negated };
}

// What counts as an amount limit: a constant, a module constant, configuration, or a value named like a limit.
import { unwrapExpression, type Node } from '../../ast';
import type { Evaluator } from '../evaluator';
import { wordsOf } from '../words';

const LIMIT_WORDS = new Set([
  'max',
  'maximum',
  'limit',
  'limits',
  'cap',
  'caps',
  'capped',
  'ceiling',
  'threshold',
  'allowance',
  'budget',
  'quota',
]);

/**
 * Named like a limit: one of its words is a limit word, or starts with `max` or ends in `limit`/`cap` where the
 * words run together (`MAXAMOUNT`, `spendlimit`). Whole words, so a capacity, a capital or a capture is no cap.
 */
function namedLikeLimit(text: string): boolean {
  return wordsOf(text).some(
    (word) => LIMIT_WORDS.has(word) || word.startsWith('max') || word.endsWith('limit') || word.endsWith('cap'),
  );
}

/** A constant, a module constant, configuration (`process.env`, a settings object) or a value named like a limit. */
export function isLimit(node: Node, interpreter: Evaluator): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === 'Literal') return true;
  if (inner.type === 'UnaryExpression' || inner.type === 'BinaryExpression') {
    const operands = inner.type === 'UnaryExpression' ? [inner.argument] : [inner.left, inner.right];
    return operands.every((operand) => isLimit(operand as Node, interpreter));
  }
  if (inner.type === 'CallExpression') {
    // Number(process.env.MAX), BigInt(LIMIT), parseUnits(MAX, 6): a conversion of a limit.
    return inner.arguments.length > 0 && inner.arguments.every((argument) => isLimit(argument as Node, interpreter));
  }
  const text = interpreter.ctx.text.slice(inner.range[0], inner.range[1]);
  if (namedLikeLimit(text) || /\bprocess\.env\b|\b(config|settings|options|policy)\b/i.test(text)) return true;
  if (inner.type === 'Identifier') {
    const binding = interpreter.ctx.scopes.resolve(inner);
    return (
      binding?.kind === 'var' &&
      binding.declarationKind === 'const' &&
      binding.init !== undefined &&
      isLimit(binding.init, interpreter)
    );
  }
  return false;
}

// A call with no arguments to the method a tool is named after (`clear_cart` → `client.commerce.clearCart()`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression } from '../ast';
import { wordsOf } from '../analysis/words';

/**
 * Session-scoped APIs act on implicit state (the shopper's active order, the signed-in customer), so their writes
 * take no argument and no model input reaches them: `clearCart()`, `transitionToArrangingPayment()`. A tool named
 * word for word as the method it calls is a thin wrapper of it, so the call is the tool's effect all the same;
 * whether it writes is still decided by its name, as for any client call. A call with arguments is judged by them.
 */
export function callsNamesake(node: TSESTree.CallExpression, toolName: string | undefined): boolean {
  if (toolName === undefined || node.arguments.length > 0) return false;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression') return false;
  const method = propertyName(callee);
  if (method === undefined) return false;
  const methodWords = wordsOf(method);
  const toolWords = wordsOf(toolName);
  // One word (`clear`, `reset`) names too little to tie the call to the tool.
  return (
    methodWords.length >= MIN_WORDS &&
    methodWords.length === toolWords.length &&
    methodWords.every((word, index) => word === toolWords[index])
  );
}

const MIN_WORDS = 2;

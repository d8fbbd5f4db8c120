// An audit call in a branch that only records a refusal and exits: it audits the refusal, not the effect.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, isFunction, unwrapExpression, walk, type Node } from '../ast';

const LOGGING_HEADS = new Set(['console', 'logger', 'log', 'Logger']);
const LOGGING_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace']);

/**
 * `if (!policy.allowed) { auditLog(config, tool, args, policy); return { isError: true, … } }`: the call is
 * in a branch that ends by returning or throwing and makes no call but audit and logging calls (and the
 * response or error it builds), so it runs only on the path where nothing happens. The effect on the other
 * path is not recorded by it, whether the branch is in the handler or in a policy helper it calls first.
 * `isAudit` says which other calls in the branch are audit calls too.
 */
export function recordsOnlyARefusal(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  text: string,
  isAudit: (node: TSESTree.CallExpression) => boolean,
): boolean {
  const branch = exitingBranch(call);
  if (!branch) return false;
  const statements = branch.type === 'BlockStatement' ? branch.body : [branch];
  const last = statements[statements.length - 1];
  if (!last || (last.type !== 'ReturnStatement' && last.type !== 'ThrowStatement')) return false;
  let other = false;
  for (const statement of statements) {
    const exit = statement === last ? (last.argument ?? undefined) : undefined;
    walk(statement, (node) => {
      if (other || isFunction(node)) return false;
      if (node.type !== 'CallExpression') return true;
      if (node === call || isAudit(node) || isLogging(node, text)) return true;
      // `return { content: [{ text: format(…) }] }`, `throw new Error(message(…))`: building the answer.
      if (exit !== undefined && node !== directCall(exit) && isInside(node, exit)) return true;
      other = true;
      return false;
    });
    if (other) return false;
  }
  return true;
}

/** The if-branch (block or single statement) the call sits in, within its own function. */
function exitingBranch(call: Node): TSESTree.Statement | undefined {
  let child: Node = call;
  let parent = call.parent as Node | undefined;
  while (parent && !isFunction(parent)) {
    if (parent.type === 'IfStatement' && (parent.consequent === child || parent.alternate === child))
      return child as TSESTree.Statement;
    if (parent.type === 'IfStatement' && parent.test === child) return undefined;
    child = parent;
    parent = parent.parent as Node | undefined;
  }
  return undefined;
}

/** `return doIt()`, `return await doIt()`: the call the exit hands on is an effect, not the answer's text. */
function directCall(exit: Node): Node {
  const inner = unwrapExpression(exit);
  return inner.type === 'AwaitExpression' ? unwrapExpression(inner.argument) : inner;
}

function isLogging(node: TSESTree.CallExpression, text: string): boolean {
  const segments = describe(unwrapExpression(node.callee), text).split('.');
  const head = segments[0] ?? '';
  const method = segments[segments.length - 1] ?? '';
  return segments.length > 1 && LOGGING_HEADS.has(head) && LOGGING_METHODS.has(method);
}

function isInside(node: Node, ancestor: Node): boolean {
  for (let current: Node | undefined = node; current; current = current.parent as Node | undefined)
    if (current === ancestor) return true;
  return false;
}

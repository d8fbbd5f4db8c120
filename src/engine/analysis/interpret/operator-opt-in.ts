// Operator opt-in switches (`--allow-unrestricted-paths`, `dangerouslySkipChecks`): a branch that runs only
// when the person running the server turned off a check is their stated choice, not the default the rule
// judges, so the engine follows the default path (the switch off) and leaves that branch out.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import type { State } from '../evaluator';
import { isTainted } from '../value';
import type { Interpreter } from './types';

/** Names that say a check is turned off on purpose: the words of an opt-in, not of an ordinary setting. */
const OPT_IN_NAME = /(unrestricted|unsafe|insecure|dangerous|skip\w*(check|validation)|disable\w*(check|validation))/i;
const MAX_CONJUNCTS = 8;

/**
 * Whether the test holds only with such a switch on (`false`: the branch needs it on), or only with it off
 * (`true`: `if (!allowUnrestricted)`); undefined otherwise. The switch must be configuration: not the
 * model's (a tainted value) and not a constant the code fixes on (hostile code must not hide a sink behind
 * `const unsafe = true`).
 */
export function optInDecision(interpreter: Interpreter, test: Node, state: State): boolean | undefined {
  const inner = unwrapExpression(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!')
    return isOptInSwitch(interpreter, inner.argument, state) ? true : undefined;
  const conjuncts: Node[] = [];
  const pending: Node[] = [inner];
  while (pending.length > 0 && conjuncts.length < MAX_CONJUNCTS) {
    const node = unwrapExpression(pending.pop() as Node);
    if (node.type === 'LogicalExpression' && node.operator === '&&') pending.push(node.left, node.right);
    else conjuncts.push(node);
  }
  return conjuncts.some((node) => isOptInSwitch(interpreter, node, state)) ? false : undefined;
}

function isOptInSwitch(interpreter: Interpreter, node: Node, state: State): boolean {
  const inner = unwrapExpression(node);
  const name =
    inner.type === 'Identifier'
      ? inner.name
      : inner.type !== 'MemberExpression'
        ? undefined
        : inner.property.type === 'PrivateIdentifier'
          ? inner.property.name
          : propertyName(inner as TSESTree.MemberExpression);
  if (name === undefined || !OPT_IN_NAME.test(name)) return false;
  const value = interpreter.evaluate(inner, state);
  return !isTainted(value) && value.constant === undefined && !isTrueLiteral(interpreter, inner);
}

/** `const unsafe = true` (or a field initialised so): a switch the code fixes on is no operator's choice. */
function isTrueLiteral(interpreter: Interpreter, node: Node): boolean {
  if (node.type !== 'Identifier') return false;
  const init = interpreter.ctx.scopes.resolve(node)?.init;
  return init !== undefined && unwrapExpression(init).type === 'Literal';
}

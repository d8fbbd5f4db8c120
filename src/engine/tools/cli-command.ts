// Command lines a tool hands to a command-line program it drives (a CLI session, a REPL started once): the
// subcommand is constant text at the head of the line, and a subcommand that names a write changes state.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { wordsOf } from '../analysis/words';
import { constantString, heldValue } from './constant-name';

/** Builder chains, template heads and constants hand the head on; a few steps reach it, hostile chains stop. */
const MAX_STEPS = 8;

/**
 * `session.executeCommand(new CommandLine(COMMANDS.CREATE).flag(…).toString())`: a call of a command method
 * (catalog `commandMethods`) on an object no package names, whose line starts with a subcommand that names
 * a write (`services:create`, `workers:scale`). A read (`services:info`) or an unknown head is no write.
 */
export function namesWriteCommand(node: TSESTree.CallExpression, ctx: FileContext): boolean {
  const names = ctx.catalogs.common.remoteWrites;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || !names.commandMethods.includes(propertyName(callee) ?? '')) return false;
  const receiver = ctx.api.resolve(callee.object);
  if (receiver && !receiver.module.startsWith('.') && receiver.tokens.length > 0) return false;
  const argument = node.arguments[0];
  const head = argument ? commandHead(argument, ctx, 0) : undefined;
  const subcommand = head?.trim().split(/\s+/)[0];
  if (!subcommand) return false;
  const verbs = new Set(names.commandVerbs);
  return wordsOf(subcommand).some((word) => verbs.has(word));
}

/** The constant text a command line starts with, followed through constants, builders and templates. */
function commandHead(node: Node, ctx: FileContext, steps: number): string | undefined {
  if (steps > MAX_STEPS) return undefined;
  const inner = unwrapExpression(node);
  const constant = constantString(inner, ctx);
  if (constant !== undefined) return constant;
  switch (inner.type) {
    case 'TemplateLiteral': {
      const first = inner.quasis[0]?.value.cooked ?? '';
      if (first.trim() !== '') return first;
      const expression = inner.expressions[0];
      return expression ? commandHead(expression, ctx, steps + 1) : undefined;
    }
    case 'BinaryExpression':
      return inner.operator === '+' ? commandHead(inner.left, ctx, steps + 1) : undefined;
    case 'ArrayExpression': {
      const first = inner.elements[0];
      return first && first.type !== 'SpreadElement' ? commandHead(first, ctx, steps + 1) : undefined;
    }
    case 'NewExpression': {
      const first = inner.arguments[0];
      return first && first.type !== 'SpreadElement' ? commandHead(first, ctx, steps + 1) : undefined;
    }
    // `new CommandLine(X).flag(…).toString()`: the chain's receiver holds the head.
    case 'CallExpression': {
      const callee = unwrapExpression(inner.callee);
      return callee.type === 'MemberExpression' ? commandHead(callee.object, ctx, steps + 1) : undefined;
    }
    case 'Identifier': {
      const held = heldValue(inner, ctx);
      return held ? commandHead(held.node, held.ctx, steps + 1) : undefined;
    }
    default:
      return undefined;
  }
}

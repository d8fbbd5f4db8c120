// A process launch whose options ask for a shell (`spawn(bin, args, { shell: true })`): the list is one command line.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FileContext } from './context';
import { constantInit } from '../tools/schema-parts';
import { unwrapExpression } from '../ast';

/** What the argument list is judged against when a shell reads it: one program that runs its text as commands. */
export const SHELL_PROGRAM = 'sh';

/**
 * `spawn(file, args, { shell: true })`, `execFile(file, args, { shell: process.platform === 'win32' })`: Node
 * joins the file and the arguments with spaces and hands the line to `/bin/sh` or `cmd.exe`, so an option's
 * value, an operand after `--` or an absolute path is shell text like any other (`x; rm -rf ~`). Any `shell`
 * member but a written `false` or `undefined` asks for a shell on some platform. Only the options written in
 * the call, or held in a `const` beside it, are read.
 */
export function asksForShell(node: TSESTree.Node, ctx: FileContext): boolean {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return false;
  for (const argument of node.arguments.slice(1)) {
    const options = optionsObject(argument, ctx);
    if (options && hasShellMember(options)) return true;
  }
  return false;
}

function optionsObject(argument: TSESTree.Node, ctx: FileContext): TSESTree.ObjectExpression | undefined {
  const inner = unwrapExpression(argument) as TSESTree.Node;
  if (inner.type === 'ObjectExpression') return inner;
  const held = inner.type === 'Identifier' ? constantInit(inner, ctx) : undefined;
  const init = held && (unwrapExpression(held) as TSESTree.Node);
  return init?.type === 'ObjectExpression' ? init : undefined;
}

function hasShellMember(options: TSESTree.ObjectExpression): boolean {
  return options.properties.some((property) => {
    if (property.type !== 'Property' || property.computed) return false;
    const key = property.key;
    const name = key.type === 'Identifier' ? key.name : key.type === 'Literal' ? String(key.value) : undefined;
    if (name !== 'shell') return false;
    const value = property.value;
    if (value.type === 'Literal' && (value.value === false || value.value === null)) return false;
    return !(value.type === 'Identifier' && value.name === 'undefined');
  });
}

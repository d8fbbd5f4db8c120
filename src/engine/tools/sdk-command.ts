// Command objects handed to an SDK client's `send` (`client.send(new PutItemCommand(…))`): which class a command is, and whether it names a read.
import { propertyName, unwrapExpression, type Node } from '../ast';
import type { ApiRef } from '../api';
import type { RemoteWriteNames } from '../catalog/load';
import type { FileContext } from '../analysis/context';
import { wordsOf } from '../analysis/words';

export interface SdkCommand {
  className: string;
  /** The API the command's class resolves to, when the file imports it (`@aws-sdk/client-sns Member[PublishCommand]`). */
  ref: ApiRef | undefined;
}

/** `new XCommand(…)` handed in directly or through a constant (`const command = new XCommand(…); client.send(command)`). */
export function sdkCommand(argument: Node | undefined, ctx: FileContext): SdkCommand | undefined {
  let inner = argument ? unwrapExpression(argument) : undefined;
  if (inner?.type === 'Identifier') {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement) inner = unwrapExpression(binding.init);
  }
  if (inner?.type !== 'NewExpression') return undefined;
  const callee = unwrapExpression(inner.callee);
  // `new new X()` and `new (f())()` name no class: only a name or a member does.
  const className =
    callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  return className === undefined ? undefined : { className, ref: ctx.api.resolve(inner.callee) };
}

/**
 * `new GetObjectCommand(…)`: a command whose class starts with a read verb; also one whose verb follows a
 * qualifier that is no verb (`AgenticRetrieveStreamCommand`, `BedrockRetrieveCommand`): the class's first word
 * that is a read prefix or a write verb decides, so `AdminCreateUserCommand` stays a write.
 */
export function isReadCommand(command: SdkCommand, names: RemoteWriteNames): boolean {
  if (names.readCommandPrefixes.some((prefix) => command.className.startsWith(prefix))) return true;
  const words = wordsOf(command.className);
  for (const word of words.slice(0, 3)) {
    if (names.verbs.includes(word) || names.compoundVerbs.includes(word)) return false;
    if (names.readCommandPrefixes.some((prefix) => prefix.toLowerCase() === word)) return true;
  }
  return false;
}

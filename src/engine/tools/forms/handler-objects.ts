// A dispatcher that hands the tool's name to a method of a handler object it looked up at run time
// (`const handler = await getDomainHandler(domain); return handler.handleCall(name, args)`), where each module
// of the package exports one such object (`export const paymentsHandler = { getTools, handleCall }`): nothing
// types the receiver, so the name may reach the method of any of them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import { LOCAL } from '../../api';
import type { FileContext } from '../../analysis/context';
import { COMMON_MEMBER_NAMES, resolveFunction, type ResolvedFunction } from '../../analysis/resolve';
import { BUILTIN_METHODS, evidenceMembers } from '../../analysis/method-set';
import { spellsWord } from '../../project-model/token-table';
import { forEachOfTypes } from '../../typed-nodes';

/** Handler objects followed per hand-off (more go unread: recall, not a guess). */
const MAX_OBJECTS = 8;
/** Object literals read per file: a bundle declares thousands. */
const MAX_OBJECTS_READ = 5_000;

/**
 * The method `name` of each object literal of the package (the caller's file and files that spell the name and
 * the evidence) that declares it, as a function or a name of one (`{ getTools, handleCall }`), beside another
 * member the dispatching function uses on the same receiver (`handler.getTools()`). Two members are needed, and
 * a name every object or collection answers to is no evidence, as for a pluggable backend's classes
 * (`analysis/method-set.ts`).
 */
export function handlerObjectMethods(callee: Node, ctx: FileContext): ResolvedFunction[] {
  const inner = unwrapExpression(callee);
  if (inner.type !== 'MemberExpression' || inner.computed) return [];
  const receiver = unwrapExpression(inner.object);
  const name = propertyName(inner);
  if (receiver.type !== 'Identifier' || name === undefined) return [];
  if (COMMON_MEMBER_NAMES.has(name) || BUILTIN_METHODS.has(name)) return [];
  // A receiver the API resolver knows is a package's client, not a project object.
  const ref = ctx.api.resolve(receiver);
  if (ref !== undefined && ref.module !== LOCAL) return [];
  const others = evidenceMembers(receiver, name, ctx, COMMON_MEMBER_NAMES);
  if (others.length === 0) return [];
  const spells = (text: string): boolean => spellsWord(text, name) && others.some((other) => spellsWord(text, other));
  const out: ResolvedFunction[] = [];
  for (const file of [ctx, ...ctx.modules.filesMentioning(ctx, name, spells)]) {
    forEachOfTypes<TSESTree.ObjectExpression>(
      file.ast,
      ['ObjectExpression'],
      (object) => {
        if (out.length >= MAX_OBJECTS) return;
        const found = declaredMethod(object, name, others, file);
        if (found && !out.some((seen) => seen.fn === found.fn)) out.push(found);
      },
      MAX_OBJECTS_READ,
    );
    if (out.length >= MAX_OBJECTS) break;
  }
  return out;
}

/** The function `object` keys under `name`, when it also keys one of `others`. */
function declaredMethod(
  object: TSESTree.ObjectExpression,
  name: string,
  others: readonly string[],
  ctx: FileContext,
): ResolvedFunction | undefined {
  let method: Node | undefined;
  let evidence = false;
  for (const property of object.properties) {
    if (property.type !== 'Property') continue;
    const key = propertyName(property);
    if (key === name) method = property.value as Node;
    else if (key !== undefined && others.includes(key)) evidence = true;
  }
  return method && evidence ? resolveFunction(method, ctx) : undefined;
}

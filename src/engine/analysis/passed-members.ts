// What a member of an untyped parameter holds, from what its callers pass: `ctx.records.attachFile(…)` inside
// `registerAttachFile(server, ctx)`, where the entry file calls `registerAll(server, { records })` and
// `registerAll` hands its own `ctx` on. The object literal at the end of that chain says what `records` is.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import { type CalleeResolver, passedArguments, type PassedArgument } from './caller-arguments';
import type { FileContext } from './context';

/** Parameters followed back through callers that hand them on unchanged (`registerAll(server, ctx)`). */
const MAX_HOPS = 4;

/**
 * The values callers pass as member `name` of parameter `param` (an unannotated parameter of the function
 * that declares it), following parameters handed on unchanged; empty when no caller spells an object literal.
 */
export function passedMemberValues(
  param: TSESTree.Identifier,
  name: string,
  ctx: FileContext,
  resolveCallee: CalleeResolver,
  hops = 0,
): PassedArgument[] {
  const binding = ctx.scopes.resolve(param);
  if (binding?.kind !== 'param' || binding.patternPath.length > 0 || binding.id.typeAnnotation) return [];
  if (!binding.fn || binding.paramIndex === undefined || hops >= MAX_HOPS) return [];
  const { passed } = passedArguments(binding, ctx, resolveCallee);
  const out: PassedArgument[] = [];
  for (const argument of passed) {
    const inner = unwrapExpression(argument.node);
    if (inner.type === 'Identifier')
      out.push(...passedMemberValues(inner, name, argument.ctx, resolveCallee, hops + 1));
    if (inner.type !== 'ObjectExpression') continue;
    const property = inner.properties.find(
      (candidate) => candidate.type === 'Property' && propertyName(candidate) === name,
    );
    if (property?.type === 'Property') out.push({ node: property.value as Node, ctx: argument.ctx });
  }
  return out;
}

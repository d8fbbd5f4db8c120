// Fields a class's constructor fills from its own untyped parameter: a client the caller injects.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingClassBody, fieldSources } from '../class-fields';
import { propertyName, unwrapExpression } from '../ast';
import type { FileContext } from '../analysis/context';

/**
 * `constructor({ drive }) { this.drive = drive }`, then `this.drive.files.create(…)`: the field is what the
 * caller handed in, as untyped as a parameter of the tool's own function (compiled toolkits keep no
 * types). Every source the class gives the field must be such a parameter: a field the class builds or
 * types itself is resolved by the API resolver, not guessed here.
 */
export function isInjectedField(member: TSESTree.MemberExpression, ctx: FileContext): boolean {
  if (member.object.type !== 'ThisExpression') return false;
  const name = propertyName(member);
  const classBody = name === undefined ? undefined : enclosingClassBody(member);
  if (!classBody || name === undefined) return false;
  const sources = fieldSources(classBody, name);
  return (
    sources.length > 0 &&
    sources.every((source) => {
      if (source.type !== undefined && source.type.type !== 'TSAnyKeyword') return false;
      const value = source.value && unwrapExpression(source.value);
      if (value?.type !== 'Identifier') return false;
      const binding = ctx.scopes.resolve(value);
      const method = binding?.kind === 'param' ? binding.fn?.parent : undefined;
      if (!binding || method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return false;
      const annotation = (binding.id.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation;
      return (annotation === undefined || annotation.type === 'TSAnyKeyword') && ctx.api.resolve(value) === undefined;
    })
  );
}

// Whether a folder creation only makes sure a folder exists (`mkdir(dir, { recursive: true })`, `ensureDir(dir)`):
// set-up an audit trail need not record when the model did not choose the folder.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, unwrapExpression, type Node } from '../ast';
import type { CommonCatalog } from '../catalog/common';

/**
 * A call of one of the catalog's folder creations that creates every missing parent and succeeds when the
 * folder is already there: by name (`ensureDir`), or with `recursive: true` written in its options (`mkdir`).
 */
export function ensuresDirectory(
  call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
  common: CommonCatalog,
): boolean {
  if (call.type === 'TaggedTemplateExpression') return false;
  const name = calledName(call.callee);
  if (name === undefined) return false;
  if (common.directoryEnsures.includes(name)) return true;
  if (!common.directoryCreations.includes(name)) return false;
  return call.arguments.slice(1).some((argument) => {
    const options = unwrapExpression(argument);
    if (options.type !== 'ObjectExpression') return false;
    const recursive = findProperty(options, 'recursive')?.value;
    return recursive?.type === 'Literal' && recursive.value === true;
  });
}

function calledName(callee: Node): string | undefined {
  const target = unwrapExpression(callee);
  if (target.type === 'Identifier') return target.name;
  return target.type === 'MemberExpression' ? propertyName(target) : undefined;
}

// Whether a tool's input schema has a member named as an amount spent (`initialBalance`, `depositAmount`), for a
// transaction built from the whole input (`createAccount({ ...params, key })`), where no origin names the member.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';
import type { InferenceWords } from '../catalog/load';
import { schemaParts } from '../tools/schema-parts';
import type { FileContext } from './context';
import { resolveFunction } from './resolve';
import { wordsOf } from './words';

/** Schema factories followed from the definition (`parameters: createAccountParameters(context)`). */
const MAX_FACTORIES = 4;
/** Properties read per tool (a schema names a few dozen members at most). */
const MAX_PROPERTIES = 200;

/**
 * A member of the schema, written in the tool's definition, a same-file constant it names, or the body of a
 * project function that the definition calls to make its schema, whose name holds one of creationSpendWords.
 */
export function schemaNamesSpend(definition: Node, ctx: FileContext, lists: InferenceWords): boolean {
  const roots: Node[] = [];
  for (const part of schemaParts(definition, ctx)) {
    roots.push(part);
    walk(part, (node) => {
      if (isFunction(node)) return false;
      if (node.type === 'CallExpression' && roots.length < MAX_FACTORIES + 1) {
        const factory = resolveFunction(unwrapExpression(node.callee), ctx);
        if (factory && factory.ctx === ctx) roots.push(factory.fn.body as Node);
      }
      return true;
    });
  }
  let seen = 0;
  let spends = false;
  for (const root of roots) {
    walk(root, (node) => {
      if (spends || seen >= MAX_PROPERTIES) return false;
      if (node.type !== 'Property') return true;
      seen++;
      const name = propertyName(node as TSESTree.Property);
      if (name !== undefined && wordsOf(name).some((word) => lists.creationSpendWords.has(word))) spends = true;
      return !spends;
    });
    if (spends) return true;
  }
  return false;
}

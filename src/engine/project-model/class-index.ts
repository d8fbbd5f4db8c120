// A tree's classes indexed by names a question asks about (the methods a class declares, the classes its
// heritage clause names), built in one walk per tree instead of one walk of the whole tree per name.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../ast';
import { forEachOfTypes } from '../typed-nodes';
import type { ClassRef } from '../analysis/context';

type ClassNode = ClassRef['node'];
/** One index per tree and question: the caller owns the cache, so trees and indexes die together. */
export type ClassIndexCache = WeakMap<TSESTree.Program, Map<string, ClassNode[]>>;

/** The classes of `ast` in source order for which `namesOf` yields `name`. */
export function classesByName(
  ast: TSESTree.Program,
  cache: ClassIndexCache,
  namesOf: (node: ClassNode) => Iterable<string | undefined>,
  name: string,
): ClassNode[] {
  let index = cache.get(ast);
  if (!index) {
    const built = new Map<string, ClassNode[]>();
    forEachOfTypes<ClassNode>(ast, ['ClassDeclaration', 'ClassExpression'], (node) => {
      for (const named of new Set(namesOf(node))) {
        if (named === undefined) continue;
        const list = built.get(named);
        if (list) list.push(node);
        else built.set(named, [node]);
      }
    });
    index = built;
    cache.set(ast, index);
  }
  return index.get(name) ?? [];
}

/** Per tree, its classes by each name their `extends` or `implements` clause spells. */
const classesByHeritage: ClassIndexCache = new WeakMap();

/** Classes in a file whose `extends` or `implements` names `name`. */
export function classesNaming(ast: TSESTree.Program, name: string): ClassRef['node'][] {
  return classesByName(
    ast,
    classesByHeritage,
    (node) =>
      [node.superClass, ...(node.implements ?? []).map((clause) => clause.expression)].map((entry) =>
        entry?.type === 'Identifier'
          ? entry.name
          : entry?.type === 'MemberExpression'
            ? propertyName(entry)
            : undefined,
      ),
    name,
  );
}

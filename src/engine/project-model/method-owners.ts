// The one class of a package that declares a method of a given name: how a call on a receiver whose type the code never says (an untyped handler parameter, a compiled package) reaches project code.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, walk } from '../ast';
import type { ClassRef, FileContext } from '../analysis/context';

/**
 * A name declared in more files than this is too common to pin on one class; the answer is then
 * "unknown", as it was before, rather than a guess.
 */
const MAX_CANDIDATE_FILES = 4;
/** Folders of build output: a tool compiled into one of them is indexed inside it, where its classes are. */
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', 'lib-cjs', 'lib-esm']);

/**
 * The folder whose sources are searched for `file`: its package folder, or, when the file sits in the
 * package's build output (which the package-wide text indexes skip), that build folder.
 */
export function searchRoot(file: string, packageDir: string | undefined): string {
  const dir = packageDir ?? path.dirname(file);
  const [first] = path.relative(dir, file).split(path.sep);
  return first !== undefined && BUILD_FOLDERS.has(first) ? path.join(dir, first) : dir;
}

/**
 * The class that declares method `name`, when exactly one class in `files` does (its own body, not
 * inherited); none when no class or several do, so an ambiguous name resolves to nothing.
 */
export function soleMethodOwner(
  files: string[],
  name: string,
  load: (file: string) => FileContext | undefined,
): ClassRef[] {
  if (files.length === 0 || files.length > MAX_CANDIDATE_FILES) return [];
  const owners: ClassRef[] = [];
  for (const file of files) {
    const ctx = load(file);
    if (!ctx) continue;
    for (const node of classesDeclaring(ctx.ast, name)) {
      owners.push({ node, ctx });
      if (owners.length > 1) return [];
    }
  }
  return owners;
}

function classesDeclaring(ast: TSESTree.Program, name: string): ClassRef['node'][] {
  const out: ClassRef['node'][] = [];
  walk(ast, (node) => {
    if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return true;
    const declares = node.body.body.some(
      (member) => member.type === 'MethodDefinition' && member.kind === 'method' && propertyName(member) === name,
    );
    if (declares) out.push(node);
    return true;
  });
  return out;
}

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
/** Answers kept per loader; past this the table starts again (a hostile tree cannot grow it without end). */
const MAX_ANSWERS = 20_000;
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

/**
 * The answers of `soleMethodOwner` per search root and name. Most lookups find no owner, or the same
 * one again for every call site, so the answer is kept as a file and an offset (which survive the
 * loader dropping contexts) and the class node is found again only when its context was dropped.
 */
export class MethodOwners {
  private readonly answers = new Map<string, { file: string; start: number } | null>();
  private readonly live = new Map<string, ClassRef>();

  owner(
    root: string,
    name: string,
    files: () => string[],
    load: (file: string) => FileContext | undefined,
  ): ClassRef[] {
    const key = `${root}\0${name}`;
    const known = this.live.get(key);
    if (known) return [known];
    const answer = this.answers.get(key);
    if (answer === null) return [];
    if (answer === undefined) {
      const [owner] = soleMethodOwner(files(), name, load);
      if (this.answers.size >= MAX_ANSWERS) this.forget();
      this.answers.set(key, owner ? { file: path.resolve(owner.ctx.file), start: owner.node.range[0] } : null);
      if (owner) this.live.set(key, owner);
      return owner ? [owner] : [];
    }
    const ctx = load(answer.file);
    const node = ctx ? classesDeclaring(ctx.ast, name).find((entry) => entry.range[0] === answer.start) : undefined;
    if (!ctx || !node) return [];
    this.live.set(key, { node, ctx });
    return [{ node, ctx }];
  }

  /** The loader dropped contexts: class nodes found before may belong to dropped trees. */
  dropContexts(): void {
    this.live.clear();
  }

  /** A file changed: every answer may have. */
  forget(): void {
    this.answers.clear();
    this.live.clear();
  }
}

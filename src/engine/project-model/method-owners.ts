// The one class of a package that declares a method of a given name: how a call on a receiver whose type the code never says (an untyped handler parameter, a compiled package) reaches project code.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName } from '../ast';
import type { ClassRef, FileContext } from '../analysis/context';
import { classesByName, type ClassIndexCache } from './class-index';

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

/** Classes a pluggable backend's union may hold (more implementations go unread: recall, not a guess). */
const MAX_SET_OWNERS = 8;

/** Files parsed to find a pluggable backend's implementations: a name declared in more is read in the first ones. */
const MAX_SET_OWNER_FILES = 12;

/**
 * The files to search for a pluggable backend's implementations: unlike the one owner, a large file is only
 * left out (the union loses it), never the whole answer; files of the asker's own module flavour first, so a
 * bundle's CommonJS twin does not crowd out its chunks.
 */
export function setOwnerFiles(found: string[], asker: string, small: (file: string) => boolean): string[] {
  const flavour = path.extname(asker);
  return found
    .filter(small)
    .sort((a, b) => Number(path.extname(b) === flavour) - Number(path.extname(a) === flavour))
    .slice(0, MAX_SET_OWNER_FILES);
}

/**
 * The classes in `files` that declare method `name` and at least one of `others` (their own bodies):
 * the package's implementations of an interface the caller uses, in the order of `files`.
 */
export function methodSetOwners(
  files: string[],
  name: string,
  others: string[],
  load: (file: string) => FileContext | undefined,
): ClassRef[] {
  const owners: ClassRef[] = [];
  for (const file of files) {
    const ctx = load(file);
    if (!ctx) continue;
    for (const node of classesDeclaring(ctx.ast, name)) {
      // The other member may be a method, an accessor or a field (`get id()` beside `execute(cmd)`).
      const members = new Set(
        node.body.body.map((member) =>
          member.type === 'MethodDefinition' || member.type === 'PropertyDefinition' ? propertyName(member) : undefined,
        ),
      );
      if (!others.some((other) => members.has(other))) continue;
      owners.push({ node, ctx });
      if (owners.length >= MAX_SET_OWNERS) return owners;
    }
  }
  return owners;
}

/** Per tree, the classes declaring each method name, in source order: one walk however many names are asked. */
const declaringByTree: ClassIndexCache = new WeakMap();

function classesDeclaring(ast: TSESTree.Program, name: string): ClassRef['node'][] {
  return classesByName(
    ast,
    declaringByTree,
    (node) =>
      node.body.body.map((member) =>
        member.type === 'MethodDefinition' && member.kind === 'method' ? propertyName(member) : undefined,
      ),
    name,
  );
}

/**
 * The answers of `soleMethodOwner` per search root and name. Most lookups find no owner, or the same
 * one again for every call site, so the answer is kept as a file and an offset (which survive the
 * loader dropping contexts) and the class node is found again only when its context was dropped.
 */
export class MethodOwners {
  /** Each answer with the files it was chosen from (all that may declare the name, large ones included). */
  private readonly answers = new Map<
    string,
    { owner: { file: string; start: number } | null; read: string[]; askerOnly: boolean }
  >();
  private readonly live = new Map<string, ClassRef>();

  /**
   * `files` gives the files that may declare the name (`read`), those to search (`usable`), and whether the
   * asking file's own exemption from the size limit decided them (`askerOnly`: not kept past an edit).
   * `asker` is set when a candidate's size makes the answer depend on who asks: it is then kept per asker.
   */
  owner(
    root: string,
    name: string,
    asker: string | undefined,
    files: () => { read: string[]; usable: string[]; askerOnly: boolean },
    load: (file: string) => FileContext | undefined,
  ): ClassRef[] {
    const key = asker === undefined ? `${root}\0${name}` : `${root}\0${name}\0${asker}`;
    const known = this.live.get(key);
    if (known) return [known];
    const answer = this.answers.get(key);
    if (answer?.owner === null) return [];
    if (answer === undefined) {
      const { read, usable, askerOnly } = files();
      const [owner] = soleMethodOwner(usable, name, load);
      if (this.answers.size >= MAX_ANSWERS) this.forget();
      const at = owner ? { file: path.resolve(owner.ctx.file), start: owner.node.range[0] } : null;
      this.answers.set(key, { owner: at, read, askerOnly });
      if (owner) this.live.set(key, owner);
      return owner ? [owner] : [];
    }
    const ctx = load(answer.owner.file);
    const node = ctx
      ? classesDeclaring(ctx.ast, name).find((entry) => entry.range[0] === answer.owner?.start)
      : undefined;
    if (!ctx || !node) return [];
    this.live.set(key, { node, ctx });
    return [{ node, ctx }];
  }

  /** The loader dropped contexts: class nodes found before may belong to dropped trees. */
  dropContexts(): void {
    this.live.clear();
  }

  /**
   * `file` changed: the answers chosen from it go, and those under its folder that it may now answer
   * (`declares`, asked after the method index re-read it); the others still hold.
   */
  forgetFile(file: string, declares: (root: string, name: string) => boolean): void {
    for (const [key, answer] of this.answers) {
      const [root = '', name = ''] = key.split('\0');
      const underRoot = file.startsWith(root + path.sep);
      if (answer.askerOnly || answer.read.includes(file) || (underRoot && declares(root, name))) {
        this.answers.delete(key);
        this.live.delete(key);
      }
    }
  }

  /** Every answer may have changed. */
  forget(): void {
    this.answers.clear();
    this.live.clear();
  }
}

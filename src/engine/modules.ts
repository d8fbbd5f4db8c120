// Module loading for the analysis: resolves a relative import to a project file, reads it through the
// host, parses it and caches its per-file context, and finds what a module exports under a name.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ApiResolver, isRelative, requiredModule } from './api';
import { stringValue, walk, type FunctionNode, type Node } from './ast';
import { indexDesignParamTypes } from './compiled-decorators';
import type { ClassRef, FileContext, ModuleLinks } from './analysis/context';
import { checkBudget } from './analysis/budget';
import { callerPassedApi } from './analysis/caller-apis';
import { compileConfigSinks, loadCatalogs } from './catalog/load';
import { parseText, type KeepTest } from './parse';
import { classesNaming } from './project-model/class-index';
import { BUILD_FOLDERS, HierarchyIndex, withCappedAsker } from './project-model/hierarchy';
import { MethodOwners, methodSetOwners, searchRoot, setOwnerFiles } from './project-model/method-owners';
import { isOtherBuildCopy } from './project-model/dual-build';
import { PackageModel } from './project-model/packages';
import { ScopeIndex } from './scope';
import { inputProblem } from './input-gate';
import { exportedNode } from './exported-node';
import {
  type Dependency,
  type EditCheck,
  dependencyChangedBy,
  dependOn,
  lookupDependency,
  prefixDependency,
} from './analysis/summary-deps';
import { cachedVendoredRanges } from './tools/vendored-regions';

/** A file that may declare an untyped receiver's method is parsed for it only up to this size. */
const MAX_OWNER_FILE_CHARS = 200_000;
import type { ProjectHost, ResolvedConfig } from './types';

export { inputProblem, isDenseIn, looksBinary } from './input-gate';

const RESOLVE_EXTENSIONS = [
  '',
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '/index.ts',
  '/index.tsx',
  '/index.js',
  '/index.mjs',
];
/** Files probed for one bare specifier (workspace packages, tsconfig paths), extensions included. */
const MAX_BARE_PROBES = 120;
/** Implementations a call on an interface or abstract class may stand for. */
const MAX_IMPLEMENTERS = 8;
/** Resolved imports remembered; cleared past this (a project has far fewer distinct imports). */
const MAX_RESOLVED = 50_000;

/**
 * Source characters of imported files whose contexts stay cached between lints. An ESTree with scopes
 * costs about 100 bytes of heap per source character, and V8 lets the heap grow to a multiple of what
 * stays live before collecting it, so what is kept here costs peak RSS several times over: at 3 M
 * characters a whole-corpus scan peaked at 1.8 GiB, at 1 M at about a third less. But an editor re-lints
 * one file at each keystroke, and a bundle chunk importing chunks of over 1 M characters then parsed them
 * all again every time (a Mastra agent-controller chunk: 0.3 s → 3 s per lint), so 3 M it stays until the
 * scan can ask for less than the editors. The least recently used contexts beyond this are dropped and
 * parsed again if needed.
 */
export const DEFAULT_CACHED_SOURCE_CHARS = 3_000_000;

/**
 * The project's files as the analysis sees them: contexts of imported files are created on first use
 * and cached (null when a file cannot be read or parsed) until `invalidate` or `trim`.
 */
export class ModuleLoader implements ModuleLinks {
  /** In least recently used order: a hit moves its entry to the end. */
  private readonly contexts = new Map<string, FileContext | null>();
  private cachedChars = 0;
  /** Files dropped by `trim`: what was derived from them may still live in summaries (see `invalidate`). */
  private readonly trimmed = new Set<string>();
  /**
   * Whole-repository scan: once a lint's loads take the cache past the last `trim`'s bound, contexts this lint
   * was not handed are dropped (one agent chunk's lint loads 8 M characters on top of the cache). They hold
   * no node the lint uses: the next `trim` would drop them anyway, only later.
   */
  evictDuringLint = false;
  private maxChars = Number.POSITIVE_INFINITY;
  /** Files this lint was handed a cached or parsed context of (cleared by `trim`). */
  private readonly touched = new Set<string>();
  private readonly packages: PackageModel | undefined;
  private readonly hierarchy: HierarchyIndex | undefined;
  /**
   * Per lint (cleared by `trim` and `invalidate`): implementer and method-set answers, with what each depends on
   * (the lookups asked and the files read), replayed on a hit.
   */
  private readonly implementerCache = new Map<string, { found: ClassRef[]; on: Dependency[] }>();
  private readonly methodOwners = new MethodOwners();
  /**
   * Which probe an import resolved to (null: none), by importing file and specifier: every tool of a file
   * resolves the same imports again, and each probe builds paths. Its answer depends only on which probes
   * hold a context, so it is dropped whenever a context (or a missing file's null) is dropped.
   */
  private readonly resolved = new Map<string, string | null>();
  /**
   * The file being linted: another file's analysis that asks for it (a helper reading its callers, an import
   * cycle) gets the lint's own tree rather than a second parse of the same text. `handedOut` remembers the
   * files it was given for, which count as loaded at their next `invalidate`.
   */
  private linting: FileContext | undefined;
  private readonly handedOut = new Set<string>();
  /**
   * Set by a whole-repository scan (see `Project`'s `shareTrees`): the prefilter's second stage for a file's
   * text, asked of every parse here too, so that a cached tree can stand in for the lint's own parse.
   */
  keepTestFor: ((config: ResolvedConfig, text: string) => KeepTest) | undefined;
  /** The second stage's answer for each context parsed with `keepTestFor`. */
  private readonly kept = new WeakMap<FileContext, boolean>();

  /** Without a host, imports between files are not followed. */
  constructor(private readonly host: ProjectHost | undefined) {
    this.packages = host ? new PackageModel(host) : undefined;
    this.hierarchy = host ? new HierarchyIndex(host) : undefined;
  }

  /** The analysis context of one parsed file; its imports resolve through this loader. */
  createContext(file: string, text: string, ast: TSESTree.Program, config: ResolvedConfig): FileContext {
    const scopes = new ScopeIndex(ast);
    const catalogs = loadCatalogs();
    // Inside a package, its relative imports are its own API: rows keyed on its name match them.
    const ownPackage = this.packages?.ownPackage(path.resolve(file))?.name;
    const imports = collectImports(ast, scopes);
    if (ownPackage !== undefined && [...imports].some(isRelative)) imports.add(ownPackage);
    const ctx: FileContext = {
      file,
      text,
      ast,
      scopes,
      api: new ApiResolver(
        scopes,
        catalogs.common.transparentWrappers,
        catalogs.common.namespaceMembers,
        ownPackage,
        recordedParamTypes(text, ast, scopes),
        (binding) => callerPassedApi(binding, ctx),
        () => cachedVendoredRanges(ast, text),
        catalogs.common.interchangeableModules,
      ),
      imports,
      catalogs,
      sinks: config.sinks.length > 0 ? [...catalogs.sinks, ...compileConfigSinks(config.sinks)] : catalogs.sinks,
      config,
      modules: this,
    };
    return ctx;
  }

  /** `ctx` is the file being linted until the next call (undefined: none). */
  lintingFile(ctx: FileContext | undefined): void {
    this.linting = ctx;
  }

  /** A relative import, or a bare one that names a workspace package, the file's own package or a tsconfig path. */
  resolveImport(from: FileContext, source: string): FileContext | undefined {
    if (!this.host) return undefined;
    const key = `${from.file}\0${source}`;
    const known = this.resolved.get(key);
    if (known === null) {
      // No file now: one created under a probed base would resolve (probing recorded each candidate).
      for (const base of this.bases(from, source)) dependOn(prefixDependency(base));
      return undefined;
    }
    if (known !== undefined) {
      const ctx = this.loadFile(known, from.config);
      if (ctx) return ctx;
    }
    const found = this.probe(from, source);
    if (this.resolved.size >= MAX_RESOLVED) this.resolved.clear();
    this.resolved.set(key, found?.file ?? null);
    return found;
  }

  private bases(from: FileContext, source: string): string[] {
    return isRelative(source)
      ? [path.resolve(path.dirname(from.file), source)]
      : (this.packages?.candidates(path.resolve(from.file), source) ?? []);
  }

  private probe(from: FileContext, source: string): FileContext | undefined {
    let probes = 0;
    for (const base of this.bases(from, source)) {
      for (const candidate of withExtensions(base)) {
        if (!isRelative(source) && ++probes > MAX_BARE_PROBES) return undefined;
        const ctx = this.loadFile(candidate, from.config);
        if (ctx) return ctx;
      }
    }
    return undefined;
  }

  /** `accepts`: asked of the text first, parsed or not, so that the answer does not depend on what is cached. */
  private loadFile(
    candidate: string,
    config: ResolvedConfig,
    accepts?: (text: string) => boolean,
  ): FileContext | undefined {
    dependOn(candidate);
    if (this.linting && candidate === path.resolve(this.linting.file) && this.linting.config === config) {
      if (accepts && !accepts(this.linting.text)) return undefined;
      this.handedOut.add(candidate);
      return this.linting;
    }
    const cached = this.contexts.get(candidate);
    if (cached && accepts && !accepts(cached.text)) return undefined;
    if (cached) {
      this.contexts.delete(candidate);
      this.contexts.set(candidate, cached);
    }
    if (cached !== undefined) {
      if (cached) this.touched.add(candidate);
      return cached ?? undefined;
    }
    const text = this.host?.readFile(candidate);
    if (text !== undefined && accepts && !accepts(text)) return undefined;
    if (text === undefined || inputProblem(text, candidate, config)) {
      this.contexts.set(candidate, null);
      return undefined;
    }
    const keep = this.keepTestFor?.(config, text);
    // As a lint's parse would: the file is dropped when any attempt's tree says no (parse.ts).
    let kept = true;
    const record: KeepTest | undefined =
      keep &&
      ((ts, sourceFile) => {
        kept &&= keep(ts, sourceFile);
        return true;
      });
    const outcome = parseText(text, candidate, record);
    // An imported file's parse counts against the linted file's budget (nothing is cached before it).
    checkBudget();
    if (!outcome.ast) {
      this.contexts.set(candidate, null);
      return undefined;
    }
    const ctx = this.createContext(candidate, text, outcome.ast, config);
    if (keep) this.kept.set(ctx, kept);
    this.contexts.set(candidate, ctx);
    this.cachedChars += text.length;
    this.touched.add(candidate);
    if (this.evictDuringLint && this.cachedChars > this.maxChars) this.drop(this.maxChars, this.touched);
    return ctx;
  }

  /**
   * A tree an import already parsed from exactly `text` under `config`, for the lint of that file, with the
   * second stage's answer (false: the lint drops the file); undefined when there is none to share.
   */
  sharedTree(file: string, text: string, config: ResolvedConfig): { ctx: FileContext; kept: boolean } | undefined {
    // Only under the name an import gives it (absolute), which positions and findings carry.
    const ctx = this.contexts.get(file);
    const kept = ctx ? this.kept.get(ctx) : undefined;
    if (!ctx || kept === undefined || ctx.text !== text || ctx.config !== config) return undefined;
    this.touched.add(file);
    return { ctx, kept };
  }

  /**
   * Drops the least recently used contexts until those kept hold at most `maxChars` source characters.
   * Called between lints only: within one lint a file keeps one AST, so node identities stay stable.
   */
  trim(maxChars: number): void {
    // Implementer lists and method owners may hold the previous lint's own context, which the loader
    // never caches: kept, they would keep that file's whole tree alive until the next trim.
    this.implementerCache.clear();
    this.methodOwners.dropContexts();
    this.touched.clear();
    this.maxChars = maxChars;
    this.drop(maxChars, this.touched);
  }

  /** Drops the least recently used contexts, except those of `keep`, until at most `maxChars` stay cached. */
  private drop(maxChars: number, keep: ReadonlySet<string>): void {
    if (this.cachedChars <= maxChars) return;
    for (const [file, ctx] of this.contexts) {
      if (this.cachedChars <= maxChars) break;
      if (!ctx || keep.has(file)) continue;
      this.contexts.delete(file);
      this.cachedChars -= ctx.text.length;
      this.trimmed.add(file);
    }
    this.resolved.clear();
  }

  exportedNode(ctx: FileContext, name: string): { node: Node; ctx: FileContext } | undefined {
    return exportedNode(ctx, name, 0);
  }

  methodOwner(from: FileContext, name: string): ClassRef[] {
    const file = path.resolve(from.file);
    const root = searchRoot(file, this.packages?.ownPackage(file)?.dir);
    // A bundle whose vendored code filled the method index's cap searches its own tree too.
    const found = withCappedAsker(this.hierarchy, root, name, file);
    // The answer depends on which files declare the name and on what each holds (read even when cached).
    dependOn(lookupDependency('method', root, name));
    for (const candidate of found) dependOn(candidate);
    // Parsing a bundler's megabyte chunk to type one receiver costs more than the answer is worth in an editor.
    const large = (candidate: string) => this.textLength(candidate) > MAX_OWNER_FILE_CHARS;
    // The asking file is searched whatever its size (and past the index's cap), so then the answer is the
    // asker's own: kept for that asker only, or a later file would get an answer it could not get alone.
    const asker = found.some(large) || this.hierarchy?.methodIndexCapped(file) ? file : undefined;
    return this.methodOwners.owner(
      root,
      name,
      asker,
      () => {
        const tooLarge = (candidate: string) => candidate !== file && large(candidate);
        const askerOnly = found.includes(file) && large(file);
        return { read: found, usable: found.some(tooLarge) ? [] : found, askerOnly };
      },
      (candidate) => (candidate === file ? from : this.loadFile(candidate, from.config)),
    );
  }

  methodSetOwners(from: FileContext, name: string, others: string[]): ClassRef[] {
    const file = path.resolve(from.file);
    const root = searchRoot(file, this.packages?.ownPackage(file)?.dir);
    // Asked again for every call of the method in the lint (each parses up to a dozen files): kept per lint, like
    // the implementers, with what the answer depends on replayed on each reuse.
    const key = `\0set\0${root}\0${name}\0${[...new Set(others)].sort().join('\0')}\0${file}`;
    const cached = this.implementerCache.get(key);
    if (cached) {
      for (const dependency of cached.on) dependOn(dependency);
      return cached.found;
    }
    const on: Dependency[] = [lookupDependency('method', root, name)];
    const found = withCappedAsker(this.hierarchy, root, name, file);
    on.push(...found);
    for (const dependency of on) dependOn(dependency);
    const small = (candidate: string) => candidate === file || this.textLength(candidate) <= MAX_OWNER_FILE_CHARS;
    const ownBuild = found.filter((candidate) => !this.otherBuildCopy(file, candidate));
    const owners = methodSetOwners(setOwnerFiles(ownBuild, file, small), name, others, (candidate) =>
      candidate === file ? from : this.loadFile(candidate, from.config),
    );
    this.implementerCache.set(key, { found: owners, on });
    return owners;
  }

  /** A file's length, from a tree already parsed from its current text when there is one (no read). */
  private textLength(file: string): number {
    if (this.linting && path.resolve(this.linting.file) === file) return this.linting.text.length;
    const cached = this.contexts.get(file);
    return cached
      ? cached.text.length
      : (this.hierarchy?.indexedLength(file) ?? this.host?.readFile(file)?.length ?? 0);
  }

  filesMentioning(from: FileContext, word: string, accepts?: (text: string) => boolean): FileContext[] {
    const file = path.resolve(from.file);
    const root = searchRoot(file, this.packages?.ownPackage(file)?.dir);
    const out: FileContext[] = [];
    // The answer depends on every file found spelling the word, also when they are too many to return.
    dependOn(lookupDependency('mention', root, word));
    const spelling: string[] = [];
    const found = this.hierarchy?.filesMentioning(root, word, spelling) ?? [];
    for (const candidate of spelling) dependOn(candidate);
    for (const candidate of found) {
      if (candidate === file || this.otherBuildCopy(file, candidate)) continue;
      const ctx = this.loadFile(candidate, from.config, accepts);
      if (ctx) out.push(ctx);
    }
    return out;
  }

  /** `candidate` is the other format's copy of `file`'s dual-build package (dual-build.ts): nothing new to read. */
  private otherBuildCopy(file: string, candidate: string): boolean {
    const packages = this.packages;
    return packages !== undefined && isOtherBuildCopy(file, candidate, (of) => packages.ownPackage(of));
  }

  implementers(declaring: FileContext, name: string, from: FileContext): ClassRef[] {
    const roots = [declaring.file, from.file].map((file) => {
      const root = this.packages?.ownPackage(path.resolve(file))?.dir ?? path.dirname(path.resolve(file));
      // A package whose code is its build output (`dist/`): the walk from the root skips that folder.
      const first = path.relative(root, path.resolve(file)).split(path.sep)[0];
      return first !== undefined && BUILD_FOLDERS.has(first) ? path.join(root, first) : root;
    });
    const key = `${name}\0${[...new Set(roots)].join('\0')}\0${declaring.file}\0${from.file}`;
    const cached = this.implementerCache.get(key);
    if (cached) {
      for (const dependency of cached.on) dependOn(dependency);
      return cached.found;
    }
    const found: ClassRef[] = [];
    const on: Dependency[] = [];
    this.implementerCache.set(key, { found, on });
    const files = new Set([declaring.file, from.file]);
    const naming = (wanted: string): void => {
      for (const root of roots) {
        on.push(lookupDependency('heritage', root, wanted));
        for (const file of this.hierarchy?.filesNaming(root, wanted) ?? [])
          if (!this.otherBuildCopy(path.resolve(from.file), file)) files.add(file);
      }
    };
    naming(name);
    const names = [name];
    // Two levels: `abstract class Base implements Store` and `class DiskStore extends Base`.
    for (let index = 0; index < names.length && index < 3; index++) {
      const wanted = names[index] as string;
      for (const file of [...files].slice(0, 40)) {
        const ctx = file === from.file ? from : file === declaring.file ? declaring : this.loadFile(file, from.config);
        for (const node of ctx ? classesNaming(ctx.ast, wanted) : []) {
          if (found.length >= MAX_IMPLEMENTERS || !ctx) break;
          if (found.some((entry) => entry.node === node)) continue;
          found.push({ node, ctx });
          if (node.abstract && node.id && !names.includes(node.id.name)) {
            names.push(node.id.name);
            naming(node.id.name);
          }
        }
      }
    }
    for (const file of files) on.push(path.resolve(file));
    for (const dependency of on) dependOn(dependency);
    return found;
  }

  /**
   * Forgets the cached context of `file` (it changed on disk or in the editor). True when the analysis
   * of another file had loaded it, so what was derived from its old text may live on elsewhere.
   */
  invalidate(file: string): boolean {
    const full = path.resolve(file);
    const cached = this.contexts.get(full);
    const wasLoaded = cached !== undefined || this.trimmed.has(full) || this.handedOut.delete(full);
    if (cached) this.cachedChars -= cached.text.length;
    this.contexts.delete(full);
    this.trimmed.delete(full);
    if (cached !== undefined || wasLoaded) this.resolved.clear();
    this.implementerCache.clear();
    this.hierarchy?.refresh(full);
    this.methodOwners.forgetFile(
      full,
      (root, name) => this.hierarchy?.filesDeclaringMethod(root, name).includes(full) ?? true,
    );
    if (describesPackages(full)) {
      this.packages?.forget();
      this.resolved.clear();
      return true;
    }
    return wasLoaded;
  }

  /** Whether a summary's dependency may have changed with `file`'s edit (see summary-deps.ts). */
  changedBy(file: string): EditCheck {
    const full = path.resolve(file);
    // A method or heritage lookup's answer is the files its index lists (current: `invalidate` refreshed it).
    const declares = (kind: string, root: string, word: string): boolean | undefined => {
      if (kind === 'method') return this.hierarchy?.filesDeclaringMethod(root, word).includes(full) ?? true;
      if (kind === 'heritage') return this.hierarchy?.filesNaming(root, word).includes(full) ?? true;
      return undefined;
    };
    return dependencyChangedBy(full, () => this.host?.readFile(full), declares);
  }
}

/** A file that says where packages and import aliases are: every resolution may change with it. */
export function describesPackages(file: string): boolean {
  return /^(package\.json|tsconfig.*\.json|pnpm-workspace\.yaml)$/.test(path.basename(file));
}

function withExtensions(base: string): string[] {
  const candidates = RESOLVE_EXTENSIONS.map((extension) => base + extension);
  // TypeScript's ESM style imports `./x.js` for `x.ts`.
  const withoutJs = base.replace(/\.(m|c)?js$/, '');
  if (withoutJs !== base)
    candidates.push(`${withoutJs}.ts`, `${withoutJs}.tsx`, `${withoutJs}.mts`, `${withoutJs}.cts`);
  return candidates;
}

function collectImports(ast: TSESTree.Program, scopes: ScopeIndex): Set<string> {
  const imports = new Set<string>();
  // Broken code can leave a declaration without a string source (the parser recovers): only strings count.
  const add = (source: unknown): void => {
    if (typeof source === 'string') imports.add(source);
  };
  for (const statement of ast.body) {
    if (statement.type === 'ImportDeclaration') add(statement.source.value);
    if ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') && statement.source)
      add(statement.source.value);
  }
  walk(ast, (node) => {
    if (node.type === 'CallExpression') {
      const required = requiredModule(node, scopes);
      if (required !== undefined) imports.add(required);
    }
    if (node.type === 'ImportExpression') {
      const source = stringValue(node.source);
      if (source !== undefined) imports.add(source);
    }
  });
  return imports;
}

/** The file's `design:paramtypes` index, built once and only for text that records any. */
function recordedParamTypes(
  text: string,
  ast: TSESTree.Program,
  scopes: ScopeIndex,
): () => ReadonlyMap<FunctionNode, ReadonlyArray<Node | undefined>> {
  let index: ReadonlyMap<FunctionNode, ReadonlyArray<Node | undefined>> | undefined;
  return () => {
    index ??= text.includes('design:paramtypes') ? indexDesignParamTypes(ast, scopes) : new Map();
    return index;
  };
}

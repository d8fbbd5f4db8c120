// Everything the analysis of one file needs: its AST, scopes, API resolver, catalogs and the module loader.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ApiResolver } from '../api';
import type { Node } from '../ast';
import type { Catalogs, SinkRow } from '../catalog/load';
import type { ScopeIndex } from '../scope';
import type { ResolvedConfig } from '../types';

export interface FileContext {
  file: string;
  text: string;
  ast: TSESTree.Program;
  scopes: ScopeIndex;
  api: ApiResolver;
  /** Module specifiers the file imports or requires. */
  imports: ReadonlySet<string>;
  catalogs: Catalogs;
  /** Catalog rows plus the configuration's extra sinks. */
  sinks: SinkRow[];
  config: ResolvedConfig;
  modules: ModuleLinks;
}

/** What the analysis asks of the module loader: other files' contexts, for helpers defined elsewhere. */
export interface ModuleLinks {
  /** The context of the file a relative import points at, or undefined when it cannot be read or parsed. */
  resolveImport(from: FileContext, source: string): FileContext | undefined;
  /** What a file exports under `name` (a declaration or expression, following re-exports), with the file it is in. */
  exportedNode(ctx: FileContext, name: string): { node: Node; ctx: FileContext } | undefined;
  /** Project classes that extend or implement `name` (declared in `declaring`), bounded; `from` is searched too. */
  implementers(declaring: FileContext, name: string, from: FileContext): ClassRef[];
  /** The one class of `from`'s package that declares a method `name`; none when no class or several do. */
  methodOwner(from: FileContext, name: string): ClassRef[];
  /** The classes of `from`'s package that declare `name` and one of `others` (a pluggable backend's implementations). */
  methodSetOwners(from: FileContext, name: string, others: string[]): ClassRef[];
  /**
   * Other files of `from`'s package whose text spells `word` (a few at most), parsed. `accepts`, when given,
   * is asked of a file's text before it is parsed: a file it refuses is left out (and not parsed for this).
   */
  filesMentioning(from: FileContext, word: string, accepts?: (text: string) => boolean): FileContext[];
}

export interface ClassRef {
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
  ctx: FileContext;
}

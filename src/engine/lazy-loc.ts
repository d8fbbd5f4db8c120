// typescript-estree's converter with each node's line/column location computed when read, not at conversion.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as TS from 'typescript';
import { loadConverterFiles } from './estree-converter-files';

/*
 * Why: the converter gives every node a `loc` of three objects (loc, start, end), found by two binary searches
 * over the file's line starts. The engine reads locations only where it reports (a finding, a tool, a directive),
 * a few nodes per file, yet every imported and linted tree paid for all of them: a tenth of a scan's time in the
 * converter's createNode and a share of its heap (and so of its collection time). Here `loc` is one small object
 * over the node's own `range` and the file's line starts, answering the same line and column as the eager one:
 * every place the converter moves a range also sets its `loc` (the setters below), and the engine never moves one.
 */

/** A location computed from `range` on each read: the same values typescript-estree's `getLocFor` gives. */
class LazyLoc {
  constructor(
    private readonly range: readonly number[],
    private readonly lines: readonly number[],
  ) {}

  get start(): TSESTree.Position {
    return lineAndColumn(this.lines, this.range[0] as number);
  }

  set start(value: TSESTree.Position) {
    // The converter sets a bound it moves (fixParentLocation); an own property then wins over the getter.
    Object.defineProperty(this, 'start', { value, writable: true, enumerable: true, configurable: true });
  }

  get end(): TSESTree.Position {
    return lineAndColumn(this.lines, this.range[1] as number);
  }

  set end(value: TSESTree.Position) {
    Object.defineProperty(this, 'end', { value, writable: true, enumerable: true, configurable: true });
  }

  /** As a plain location when serialised (a test snapshot, a debugging dump), never the line table. */
  toJSON(): TSESTree.SourceLocation {
    return { start: this.start, end: this.end };
  }
}

/**
 * The line (1-based, as ESTree counts) and column of `offset` given the offsets lines start at: TypeScript's
 * `computeLineAndCharacterOfPosition`, which the converter's eager locations come from.
 */
export function lineAndColumn(lines: readonly number[], offset: number): TSESTree.Position {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lines[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lines[low] as number) };
}

/** The parts of typescript-estree's Converter used here (its class is not among the package's exports). */
interface ConverterInstance {
  ast: TS.SourceFile;
  convertProgram(): TSESTree.Program;
}
interface ConverterOptions {
  allowInvalidAST: boolean;
  errorOnUnknownASTType: boolean;
  shouldPreserveNodeMaps: boolean;
  suppressDeprecatedPropertyWarnings: boolean;
}
type ConverterClass = new (ast: TS.SourceFile, options: ConverterOptions) => ConverterInstance;
interface ConvertModule {
  Converter: ConverterClass;
  convertError(error: unknown): Error;
}
interface CommentsModule {
  convertComments(ast: TS.SourceFile): TSESTree.Comment[];
}

interface LazyConverter {
  Lazy: ConverterClass;
  comments: CommentsModule;
}

/** Undefined until loaded; null where the package's files cannot be loaded (a build that neither bundles nor finds them). */
let lazyConverter: LazyConverter | null | undefined;

function load(): LazyConverter | undefined {
  if (lazyConverter === undefined) {
    try {
      lazyConverter = loadFromPackage();
    } catch {
      lazyConverter = null;
    }
  }
  return lazyConverter ?? undefined;
}

function loadFromPackage(): LazyConverter {
  // The package's export map lists neither module (estree-converter-files.ts says how each build finds them).
  const files = loadConverterFiles();
  const convert = files.convert as ConvertModule;
  const comments = files.comments as CommentsModule;
  class Lazy extends convert.Converter {
    private readonly lines: readonly number[];
    constructor(ast: TS.SourceFile, options: ConverterOptions) {
      super(ast, options);
      this.lines = ast.getLineStarts();
    }
    // The converter's own createNode, with `loc` deferred (node maps are never asked for here).
    createNode<T extends { range?: [number, number]; loc?: unknown }>(node: TS.Node, data: T): T {
      data.range ??= [node.getStart(this.ast), node.getEnd()];
      data.loc ??= new LazyLoc(data.range, this.lines);
      return data;
    }
  }
  return { Lazy, comments };
}

/**
 * typescript-estree's `astConverter` (without tokens or node maps), on the lazy-location converter; undefined
 * where the caller's own converter must do it: a text with syntax errors (its error must be the TSError of the
 * parser's entry, which the converter file shares only when both come from one copy) or a build where the
 * converter's files cannot be loaded.
 */
export function convertLazily(sourceFile: TS.SourceFile, withComments: boolean): TSESTree.Program | undefined {
  const diagnostics = (sourceFile as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics ?? [];
  if (diagnostics.length > 0) return undefined;
  const loaded = load();
  if (!loaded) return undefined;
  const { Lazy, comments } = loaded;
  const converter = new Lazy(sourceFile, {
    allowInvalidAST: true,
    errorOnUnknownASTType: false,
    shouldPreserveNodeMaps: false,
    suppressDeprecatedPropertyWarnings: true,
  });
  const program = converter.convertProgram();
  if (withComments) program.comments = comments.convertComments(sourceFile);
  return program;
}

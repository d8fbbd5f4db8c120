// Parses TS/JS text into an ESTree AST with parent pointers; a syntax error becomes a problem, never a throw.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
// Types by path: the package's subpath export is what loads at run time (see loadInternals).
import type { ParseSettings } from '@typescript-eslint/typescript-estree/dist/use-at-your-own-risk';
import type * as TS from 'typescript';
import type { Problem } from './types';
import { forEachChild } from './ast';
import { FILE_KEYWORD } from './directives';
import { convertLazily } from './lazy-loc';

export type Program = TSESTree.Program;

export interface ParseOutcome {
  ast?: Program;
  problem?: Problem;
  /** The parser ran out of stack (a file nested thousands of levels deep). */
  stackOverflow?: boolean;
  /** `keep` said no on TypeScript's tree: the file was not converted to ESTree. */
  dropped?: boolean;
}

/** Asked with TypeScript's tree of a file that parsed without errors, before the ESTree conversion. */
export type KeepTest = (ts: typeof TS, sourceFile: TS.SourceFile) => boolean;

type Estree = typeof import('@typescript-eslint/typescript-estree');
type EstreeInternals = typeof import('@typescript-eslint/typescript-estree/dist/use-at-your-own-risk');
let estree: Estree | undefined;
let internals: { ts: typeof TS; estree: EstreeInternals } | undefined;

/** Loaded on first use: loading the parser (and TypeScript) costs a quarter of a second, and a scan answered from the cache, or of files the prefilter skips, parses nothing. */
export function loadParser(): Estree {
  if (estree === undefined) {
    // A require, not an import: the parser must load lazily (see above).
    estree = require('@typescript-eslint/typescript-estree') as Estree;
    // V8 compiles the parser's functions on their first call: a small parse pays for that here, once
    // per thread, so it does not count against the time budget of whichever file comes first.
    estree.parse(WARM_UP, { loc: true, range: true, comment: true, jsx: false });
  }
  return estree;
}

const WARM_UP = `import { a } from 'b';
export class C<T> extends D implements E { private x = 1; async m(p: T): Promise<void> { await f(p?.q ?? [1], { r: \`s\${p}\` }); } }
const g = async ({ u }: { u: string }) => { if (!u) throw new Error('x'); for (const k of [u]) return k.length > 0 ? u : null; };
`;

const JSX_EXTENSIONS = /\.(tsx|jsx)$/i;
/** Extensions the parser marks as modules whatever their content. */
const MODULE_EXTENSIONS = /\.(mjs|mts)$/i;
const MAYBE_JSX = /\.(js|mjs|cjs)$/i;

/** TypeScript and the parser's tree converter, loaded with the parser. */
function loadInternals(): { ts: typeof TS; estree: EstreeInternals } {
  loadParser();
  internals ??= {
    ts: require('typescript') as typeof TS,
    estree: require('@typescript-eslint/typescript-estree/use-at-your-own-risk') as EstreeInternals,
  };
  return internals;
}

/**
 * Parses as typescript-estree's `parse` does (its source file options, then its converter), in two steps
 * so that `keep` can look at TypeScript's tree before the conversion, which costs more than the parse.
 */
export function parseText(text: string, file: string, keep?: KeepTest): ParseOutcome {
  const jsxFirst = JSX_EXTENSIONS.test(file);
  const attempts = jsxFirst ? [true] : MAYBE_JSX.test(file) ? [false, true] : [false];
  const { ts, estree: converter } = loadInternals();
  let firstError: unknown;
  for (const jsx of attempts) {
    try {
      const sourceFile = ts.createSourceFile(
        file,
        stripBom(text),
        {
          languageVersion: ts.ScriptTarget.Latest,
          // The parser's default without a project: JSDoc is not parsed.
          jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
          ...(MODULE_EXTENSIONS.test(file) ? { setExternalModuleIndicator: markModule } : {}),
        },
        true,
        converter.getScriptKind(file, jsx),
      );
      if (keep && parsedCleanly(sourceFile) && !keep(ts, sourceFile)) return { dropped: true };
      // Comments are read only for suppression directives; converting them cost about 12 % of a scan
      // (every comment's position), so a file that spells no directive keyword gets none. Locations are
      // computed when read (lazy-loc.ts): the analysis reports from a few nodes per file.
      const withComments = text.includes(FILE_KEYWORD);
      const settings: Partial<ParseSettings> = {
        loc: true,
        range: true,
        comment: withComments,
        tokens: null,
        errorOnUnknownASTType: false,
        allowInvalidAST: true,
        suppressDeprecatedPropertyWarnings: true,
      };
      // The eager converter throws this parser's own TSError for a syntax error, and converts where the lazy
      // one cannot be loaded; it reads only the fields above from its settings.
      const ast =
        convertLazily(sourceFile, withComments) ??
        (converter.astConverter(sourceFile, settings as ParseSettings, false).estree as Program);
      setParents(ast);
      return { ast };
    } catch (error) {
      firstError ??= error;
    }
  }
  const outcome: ParseOutcome = { problem: parseProblem(firstError, file, text) };
  if (firstError instanceof RangeError) outcome.stackOverflow = true;
  return outcome;
}

function markModule(sourceFile: TS.SourceFile): void {
  (sourceFile as { externalModuleIndicator?: unknown }).externalModuleIndicator = true;
}

/** A tree with syntax errors is converted anyway: the conversion reports the error as the file's problem. */
function parsedCleanly(sourceFile: TS.SourceFile): boolean {
  return ((sourceFile as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0) === 0;
}

/** The parser keeps offsets of the text as given, so a BOM must not shift them: it is replaced by a space. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

function parseProblem(error: unknown, file: string, text: string): Problem {
  if (error instanceof loadParser().TSError) {
    const { line, column, offset } = error.location.start;
    // One character wide, but never past the end of the text or across a line break.
    const width = offset < text.length && !/[\r\n\u2028\u2029]/.test(text.charAt(offset)) ? 1 : 0;
    return {
      kind: 'parse',
      file,
      message: `Cannot parse: ${error.message.split('\n')[0] ?? 'syntax error'}`,
      range: { start: { line, column, offset }, end: { line, column: column + width, offset: offset + width } },
    };
  }
  if (error instanceof RangeError) {
    return { kind: 'parse', file, message: 'Cannot parse: the file is nested too deeply for the parser.' };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'parse', file, message: `Cannot parse: ${message}` };
}

/** Iterative, so deeply nested code cannot overflow the stack. */
function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    if (node.type === 'CallExpression') unwrapThislessCall(node);
    forEachChild(
      node,
      (child) => {
        (child as { parent?: TSESTree.Node }).parent = node;
        stack.push(child);
      },
      true,
    );
  }
}

/**
 * Sucrase and tsup's CommonJS output call every imported function as `_mod.fn.call(void 0, a, b)` so that
 * it runs without a `this`; to the analysis that is `_mod.fn(a, b)`, so tool forms, sinks and guards
 * written for the import match it. Only the compiler's own spelling (`void 0`) is rewritten: a
 * hand-written `.call(thisArg, …)` keeps its receiver.
 */
function unwrapThislessCall(node: TSESTree.CallExpression): void {
  const { callee } = node;
  const [receiver] = node.arguments;
  if (
    callee.type !== 'MemberExpression' ||
    callee.computed ||
    callee.property.type !== 'Identifier' ||
    callee.property.name !== 'call' ||
    callee.object.type === 'Super' ||
    receiver?.type !== 'UnaryExpression' ||
    receiver.operator !== 'void' ||
    receiver.argument.type !== 'Literal' ||
    receiver.argument.value !== 0
  )
    return;
  node.callee = callee.object;
  node.arguments = node.arguments.slice(1);
}

// Parses TS/JS text into an ESTree AST with parent pointers; a syntax error becomes a problem, never a throw.
import { parse, TSError, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { Problem } from './types';
import { forEachChild } from './ast';

export type Program = TSESTree.Program;

export interface ParseOutcome {
  ast?: Program;
  problem?: Problem;
}

const JSX_EXTENSIONS = /\.(tsx|jsx)$/i;
const MAYBE_JSX = /\.(js|mjs|cjs)$/i;

export function parseText(text: string, file: string): ParseOutcome {
  const jsxFirst = JSX_EXTENSIONS.test(file);
  const attempts = jsxFirst ? [true] : MAYBE_JSX.test(file) ? [false, true] : [false];
  let firstError: unknown;
  for (const jsx of attempts) {
    try {
      const ast = parse(stripBom(text), {
        loc: true,
        range: true,
        comment: true,
        jsx,
        filePath: file,
        errorOnUnknownASTType: false,
        allowInvalidAST: true,
        suppressDeprecatedPropertyWarnings: true,
      });
      setParents(ast);
      return { ast };
    } catch (error) {
      firstError ??= error;
    }
  }
  return { problem: parseProblem(firstError, file) };
}

/** The parser keeps offsets of the text as given, so a BOM must not shift them: it is replaced by a space. */
function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

function parseProblem(error: unknown, file: string): Problem {
  if (error instanceof TSError) {
    const { line, column, offset } = error.location.start;
    return {
      kind: 'parse',
      file,
      message: `Cannot parse: ${error.message.split('\n')[0] ?? 'syntax error'}`,
      range: { start: { line, column, offset }, end: { line, column: column + 1, offset: offset + 1 } },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'parse', file, message: `Cannot parse: ${message}` };
}

/** Iterative, so deeply nested code cannot overflow the stack. */
function setParents(root: TSESTree.Node): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
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

// The typescript-estree options the engine parses with (src/engine/parse.ts), for the bare-parse rows.
import type { TSESTreeOptions } from '@typescript-eslint/typescript-estree';

export function estreeOptions(file: string): TSESTreeOptions {
  return {
    loc: true,
    range: true,
    comment: true,
    jsx: /\.(tsx|jsx)$/i.test(file),
    filePath: file,
    errorOnUnknownASTType: false,
    allowInvalidAST: true,
    suppressDeprecatedPropertyWarnings: true,
  };
}

// The typescript-estree options the engine parses with (src/engine/parse.ts), for the bare-parse rows.
import type { TSESTreeOptions } from '@typescript-eslint/typescript-estree';

export function estreeOptions(file: string, text: string): TSESTreeOptions {
  return {
    loc: true,
    range: true,
    // As the engine: comments only when the text spells a suppression directive.
    comment: text.includes('agent-risk-disable'),
    jsx: /\.(tsx|jsx)$/i.test(file),
    filePath: file,
    errorOnUnknownASTType: false,
    allowInvalidAST: true,
    suppressDeprecatedPropertyWarnings: true,
  };
}

// Parses the text of one `.agent-risk.json` (JSON with comments) into a validated FileConfig with positioned errors.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from './positions';
import type { ConfigError, FileConfig } from './types';
import { validateConfig } from './validate';

/** Plain-language wording for jsonc-parser's error codes. */
const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Unexpected character.',
  InvalidNumberFormat: 'This number is not valid JSON.',
  PropertyNameExpected: 'Expected a property name in double quotes.',
  ValueExpected: 'Expected a value.',
  ColonExpected: 'Expected a colon after the property name.',
  CommaExpected: 'Expected a comma.',
  CloseBraceExpected: 'Expected a closing brace `}`.',
  CloseBracketExpected: 'Expected a closing bracket `]`.',
  EndOfFileExpected: 'Expected the end of the file after the top-level object.',
  InvalidCommentToken: 'This comment is not closed.',
  UnexpectedEndOfComment: 'This comment is not closed.',
  UnexpectedEndOfString: 'This string is not closed.',
  UnexpectedEndOfNumber: 'This number is incomplete.',
  InvalidUnicode: 'Invalid unicode escape.',
  InvalidEscapeCharacter: 'Invalid escape character.',
  InvalidCharacter: 'Invalid character in a string.',
};

/**
 * Parses and validates a configuration text. Valid settings are kept even when others are wrong, so
 * an editor can go on using the rest of the file while the errors are shown.
 */
export function parseConfigText(text: string, file: string): { config: FileConfig; errors: ConfigError[] } {
  const lines = new LineIndex(text);
  const errorAt = (offset: number, message: string): ConfigError => ({ file, ...lines.at(offset), message });

  // An empty file (or one with only comments) is an empty configuration, e.g. a placeholder marking a root.
  const syntaxErrors: ParseError[] = [];
  const tree: Node | undefined = parseTree(text, syntaxErrors, { allowTrailingComma: true, allowEmptyContent: true });
  if (syntaxErrors.length > 0) {
    // jsonc-parser can report the same error twice while it recovers; one line per error is enough.
    const seen = new Set<string>();
    const errors = syntaxErrors
      .map(
        (error): ConfigError => ({
          ...errorAt(error.offset, SYNTAX_MESSAGES[printParseErrorCode(error.error)] ?? 'Invalid JSON.'),
          kind: 'syntax',
        }),
      )
      .filter((error) => {
        const key = `${error.line}:${error.column}:${error.message}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    return { config: {}, errors };
  }
  if (tree === undefined) return { config: {}, errors: [] };
  return validateConfig(tree, errorAt);
}

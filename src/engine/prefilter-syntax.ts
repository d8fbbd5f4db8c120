// The prefilter's second stage: on TypeScript's syntax tree, which the ESTree conversion is built from anyway, a
// file whose tool words occur only in comments (or only as prose in strings) is dropped before it is converted.
import type * as TS from 'typescript';

/** What the second stage looks for: the first stage's signals, as sets and patterns. */
export interface SyntaxSignals {
  /** Names a tool declaration must spell as code: one identifier (or property name) is enough. */
  words: ReadonlySet<string>;
  /** The first stage's word test, applied to the text of string literals (`obj['tool']`, `'@ai-sdk/openai'`). */
  wordPattern: RegExp;
  /** One set per kind of generic tool-object key; the last is the handler's. */
  genericKeys: readonly ReadonlySet<string>[];
  /** Per kind of key, the last camelCase words of an identifier that also count (`argsShape` for `Shape`). */
  genericSuffixes?: readonly (readonly string[])[];
}

/**
 * True when the tree spells a tool word as code, or every kind of generic tool-object key as an
 * identifier or string (the handler's kind may instead be a sibling function, which the first stage
 * read from the text: `siblingHandler`). Iterative: hostile nesting cannot overflow the stack.
 */
export function spellsToolWords(
  ts: typeof TS,
  root: TS.SourceFile,
  signals: SyntaxSignals,
  siblingHandler: boolean,
): boolean {
  const keys = signals.genericKeys;
  const seen = keys.map(() => false);
  const handlerKind = keys.length - 1;
  if (siblingHandler && handlerKind >= 0) seen[handlerKind] = true;
  const sawKey = (name: string): boolean => {
    keys.forEach((group, index) => {
      if (group.has(name) || endsWithSuffix(name, signals.genericSuffixes?.[index])) seen[index] = true;
    });
    return seen.every(Boolean);
  };
  const stack: TS.Node[] = [root];
  const push = (child: TS.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  while (stack.length > 0) {
    const node = stack.pop() as TS.Node;
    switch (node.kind) {
      case ts.SyntaxKind.Identifier:
      case ts.SyntaxKind.PrivateIdentifier: {
        const name = (node as TS.Identifier | TS.PrivateIdentifier).text;
        if (signals.words.has(name) || sawKey(name)) return true;
        continue;
      }
      case ts.SyntaxKind.StringLiteral:
      case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      case ts.SyntaxKind.TemplateHead:
      case ts.SyntaxKind.TemplateMiddle:
      case ts.SyntaxKind.TemplateTail:
      case ts.SyntaxKind.JsxText: {
        const text = (node as TS.LiteralLikeNode).text;
        if (signals.wordPattern.test(text) || sawKey(text)) return true;
        continue;
      }
      default:
        ts.forEachChild(node, push);
    }
  }
  return keys.length > 0 && seen.every(Boolean);
}

/** A camelCase identifier whose last word is one of `suffixes` (`argsShape`), never the bare word. */
function endsWithSuffix(name: string, suffixes: readonly string[] | undefined): boolean {
  if (!suffixes || suffixes.length === 0 || !/^[a-z]/.test(name)) return false;
  return suffixes.some((suffix) => name.length > suffix.length && name.endsWith(suffix));
}

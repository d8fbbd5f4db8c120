// Sanitisers that turn model input into one path segment: `path.basename(x)`, and a replace that removes
// every separator (`name.replace(/[\/\\]/g, '')`, `name.replace(/[^\w.-]/g, '_')`). Joined under a constant
// root, a segment cannot leave it (beyond naming the root's parent directory itself, `..`). Also escapes for a
// quoted string of another language, which keep model text data inside a script a fixed program runs.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, unwrapExpression, type Node } from '../ast';
import type { Bound, Part, Value } from './value';

const MAX_PATTERN = 200;

/** `x.replace(pattern, replacement)` / `x.replaceAll(...)`: whether every `/` and `\` is gone afterwards. */
/** Text encodings of a hash digest (`hex`, and base64 with no `.`, so never `..`). */
const DIGEST_ENCODINGS = new Set(['hex', 'base64', 'base64url']);

/**
 * `createHash('sha256').update(text).digest('hex')`: the text of a digest is no choice of the model's (it
 * cannot pick an input for a wanted digest), so a cache file named by it names no path, host or option.
 */
export function isDigestText(method: string, args: readonly Node[]): boolean {
  return method === 'digest' && args.length === 1 && DIGEST_ENCODINGS.has(stringValue(args[0] as Node) ?? '');
}

export function stripsSeparators(method: string, args: readonly Node[]): boolean {
  if (method !== 'replace' && method !== 'replaceAll') return false;
  const [patternNode, replacementNode] = args;
  if (!patternNode || !replacementNode) return false;
  const replacement = stringValue(replacementNode);
  if (replacement === undefined || /[/\\]/.test(replacement)) return false;
  const pattern = unwrapExpression(patternNode);
  if (pattern.type === 'Literal' && typeof pattern.value === 'string') {
    // replaceAll('/', '') removes one separator kind; a backslash is no separator on POSIX.
    return method === 'replaceAll' && pattern.value === '/';
  }
  const regex = regexOf(pattern);
  if (!regex?.flags.includes('g')) return false;
  // The probes are a few characters long: even a pathological pattern cannot backtrack for long on them.
  return ['/', 'a/b', '../x', '..\\x'].every((probe) => !probe.replace(regex, replacement).includes('/'));
}

function regexOf(node: Node): RegExp | undefined {
  if (node.type !== 'Literal' || !('regex' in node)) return undefined;
  const literal = node as TSESTree.RegExpLiteral;
  if (literal.regex.pattern.length > MAX_PATTERN) return undefined;
  try {
    return new RegExp(literal.regex.pattern, literal.regex.flags);
  } catch {
    return undefined;
  }
}

/**
 * What a `replace` adds when it escapes for a quoted string: backslashes doubled (`/\\/g` → `'\\\\'`), then double
 * quotes escaped (only after the backslashes, else `\"` turns back into a closing quote), or single quotes closed
 * and reopened the shell's way (`'\''`). Judged by running the pattern on a few one-character probes.
 */
export function quoteEscape(method: string, args: readonly Node[], receiver: Value): Bound | undefined {
  if (method !== 'replace' && method !== 'replaceAll') return undefined;
  const [patternNode, replacementNode] = args;
  const replacement = replacementNode ? stringValue(replacementNode) : undefined;
  if (!patternNode || replacement === undefined) return undefined;
  const pattern = unwrapExpression(patternNode);
  const regex = regexOf(pattern);
  const literal = pattern.type === 'Literal' && typeof pattern.value === 'string' ? pattern.value : undefined;
  if (!regex?.flags.includes('g') && !(method === 'replaceAll' && literal !== undefined)) return undefined;
  const apply = (probe: string): string =>
    regex ? probe.replace(regex, replacement) : probe.replaceAll(literal as string, replacement);
  if (apply('a') !== 'a') return undefined;
  const backslashes = apply('\\') === '\\\\';
  const doubleQuotes = apply('"') === '\\"';
  if (apply("'") === "'\\''") return 'single-quote-escaped';
  if (doubleQuotes && (backslashes || receiver.bounds.has('backslash-escaped'))) return 'double-quote-escaped';
  // SQL literals: quotes doubled and backslashes doubled, in either order (`.replace(/\\/g, '\\\\').replace(/'/g, "''")`).
  const quotesDoubled = apply("'") === "''";
  if (
    (quotesDoubled && receiver.bounds.has('backslash-escaped')) ||
    (backslashes && receiver.bounds.has('quote-doubled'))
  )
    return 'sql-quote-escaped';
  if (quotesDoubled) return backslashes ? 'sql-quote-escaped' : 'quote-doubled';
  if (backslashes) return 'backslash-escaped';
  return undefined;
}

/** Which escaped quotes keep model text data: the shell's single quotes always; double quotes where no shell reads them. */
export type Quotes = ReadonlyArray<readonly [Bound, string]>;
export const SHELL_QUOTES: Quotes = [['single-quote-escaped', "'"]];
const ALL_QUOTES: Quotes = [...SHELL_QUOTES, ['double-quote-escaped', '"']];
// Shells, and launchers that hand their arguments on to one (ssh's remote shell, sudo, env, xargs …).
const SHELLS =
  /(^|[/\\])(sh|bash|zsh|dash|ksh|fish|csh|tcsh|cmd|cmd\.exe|powershell|pwsh|ssh|su|sudo|doas|env|xargs|nohup|nice|timeout)$/i;

/**
 * An argument list handed to a fixed program that is not a shell (`execFile('osascript', ['-e', script])`):
 * an escaped double-quoted string in it is data. A shell (or a program the model names) expands `$(…)` inside
 * double quotes, so there only the single-quote escape holds.
 */
export function quotesHoldData(check: string, program: string | undefined): Quotes {
  return runsWithoutShell(check, program) ? ALL_QUOTES : SHELL_QUOTES;
}

/** An argument list handed to a fixed program that is not a shell: each element reaches it as one argument. */
export function runsWithoutShell(check: string, program: string | undefined): boolean {
  return check === 'args' && program !== undefined && !SHELLS.test(program);
}

/** Every model part of the string sits escaped between the quotes it was escaped for. */
export function isQuotedData(value: Value, quotes: Quotes): boolean {
  const parts = value.parts;
  if (!parts?.some((part) => part.kind === 'tainted')) return false;
  return parts.every((part, index) => part.kind !== 'tainted' || isQuotedAt(parts, index, quotes));
}

export function isQuotedAt(parts: readonly Part[], index: number, quotes: Quotes): boolean {
  const part = parts[index];
  const before = parts[index - 1];
  const after = parts[index + 1];
  if (part?.kind !== 'tainted' || before?.kind !== 'const' || after?.kind !== 'const') return false;
  return quotes.some(
    ([bound, quote]) => part.value.bounds.has(bound) && before.text.endsWith(quote) && after.text.startsWith(quote),
  );
}

// Sanitisers that turn model input into one path segment: `path.basename(x)`, and a replace that removes
// every separator (`name.replace(/[\/\\]/g, '')`, `name.replace(/[^\w.-]/g, '_')`). Joined under a constant
// root, a segment cannot leave it (beyond naming the root's parent directory itself, `..`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, unwrapExpression, type Node } from '../ast';
import type { Value } from './value';

const MAX_PATTERN = 200;

/** `x.replace(pattern, replacement)` / `x.replaceAll(...)`: whether every `/` and `\` is gone afterwards. */
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

/** A value the model fills only with segments: `${safe}.md`, or a sanitised name itself. */
export function isSegment(value: Value): boolean {
  if (value.bounds.has('segment')) return true;
  if (!value.parts?.some((part) => part.kind === 'tainted')) return false;
  // Constant and opaque text is the author's; only the model's parts must be single segments.
  return value.parts.every((part) => part.kind !== 'tainted' || part.value.bounds.has('segment'));
}

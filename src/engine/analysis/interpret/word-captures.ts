// What a regular expression's match hands back: a capture group of word characters only (`/FROM\s+(\w+)/`) holds
// one path segment at most, with no separator and no dot, so joined under a folder it cannot climb out.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type Node } from '../../ast';
import { derived, isTainted, withBounds, type Value } from '../value';

/** One capture group whose whole pattern is a class of word characters, repeated (`\w+`, `[A-Za-z0-9_-]{1,32}`). */
const WORD_GROUP = /^(\\w|\\d|\[(?:\\w|\\d|[A-Za-z0-9_]-[A-Za-z0-9_]|[A-Za-z0-9_]|\\?-)+\])(\+|\*|\{\d+(,\d*)?\})?$/;

/**
 * `text.match(/…(\w+)/)` (no `g` flag) on the model's text: the match, whose captures of word characters only
 * carry the `segment` bound; the whole match and the other captures are the text's.
 */
export function wordCaptures(
  method: string,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  text: Value,
): Value | undefined {
  if (method !== 'match' || call.type !== 'CallExpression') return undefined;
  const regexNode = call.arguments[0];
  if (!regexNode || !isTainted(text)) return undefined;
  const regex = regexOf(unwrapExpression(regexNode));
  if (!regex || regex.flags.includes('g')) return undefined;
  const groups = captureGroups(regex.pattern);
  if (!groups?.some((group) => WORD_GROUP.test(group))) return undefined;
  const whole = derived(text, ['allowlist']);
  const elements = [whole, ...groups.map((group) => (WORD_GROUP.test(group) ? withBounds(whole, ['segment']) : whole))];
  const props = new Map(elements.map((element, index) => [String(index), element]));
  return { ...whole, elements, props };
}

function regexOf(node: Node): { pattern: string; flags: string } | undefined {
  if (node.type !== 'Literal' || !('regex' in node) || !node.regex) return undefined;
  return node.regex;
}

/**
 * The source of each capture group in order; undefined when a group nests another or is named (the engine
 * does not number those), so no index is guessed wrong.
 */
function captureGroups(pattern: string): string[] | undefined {
  const groups: string[] = [];
  let inClass = false;
  let open = -1;
  for (let at = 0; at < pattern.length; at++) {
    const char = pattern[at];
    if (char === '\\') {
      at++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') {
      if (open >= 0) return undefined;
      if (pattern[at + 1] === '?') {
        if (pattern[at + 2] === '<' && pattern[at + 3] !== '=' && pattern[at + 3] !== '!') return undefined;
        open = -2;
      } else open = at + 1;
    } else if (char === ')') {
      if (open >= 0) groups.push(pattern.slice(open, at));
      open = -1;
    }
  }
  return groups;
}

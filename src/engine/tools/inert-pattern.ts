// Zod string fields whose `.regex(/^…$/)` admits only inert tokens (ids, versions, digits): no option, no shell syntax.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { constantInit } from './schema-parts';

/** Wrappers and checks that keep a string schema's pattern in force (`.regex(re).optional().describe('…')`). */
const KEEPING_CALLS = new Set([
  'optional',
  'nullable',
  'nullish',
  'default',
  'describe',
  'readonly',
  'brand',
  'min',
  'max',
  'length',
  'nonempty',
  'trim',
  'toLowerCase',
  'toUpperCase',
  'regex',
]);
const MAX_CHAIN = 12;
/** Characters no shell reads as syntax and no program reads as the start of an option unless first (`-`). */
const INERT = /^[A-Za-z0-9._:@+,=/-]$/;
const CLASS_ESCAPES: Record<string, string> = {
  d: '0123456789',
  w: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_',
};

/**
 * `z.string().regex(/^[0-9A-F]{8}-[0-9A-F]{4}$/)`: the parse rejects any text the pattern does not match
 * whole, and this pattern matches only letters, digits and `._:@+,=/-`, never starting with `-`. Such a
 * value names no option and carries no shell syntax, like a number; any pattern this reader does not
 * understand whole (a look-around, a back-reference, a class it cannot list, no anchors) is no evidence.
 */
export function isInertZodString(node: Node, ctx?: FileContext): boolean {
  let current = unwrapExpression(node);
  let inert = false;
  for (let i = 0; i < MAX_CHAIN && current.type === 'CallExpression'; i++) {
    const callee = unwrapExpression(current.callee);
    if (callee.type !== 'MemberExpression') return false;
    const method = propertyName(callee) ?? '';
    if (method === 'string') {
      const owner = unwrapExpression(callee.object);
      const isZod =
        (owner.type === 'Identifier' && (owner.name === 'z' || owner.name === 'zod')) ||
        (owner.type === 'MemberExpression' && !owner.computed && propertyName(owner) === 'z');
      return isZod && inert;
    }
    if (!KEEPING_CALLS.has(method)) return false;
    if (method === 'regex' && isInertPattern(current.arguments[0] as Node | undefined, ctx)) inert = true;
    current = unwrapExpression(callee.object);
  }
  return false;
}

function isInertPattern(node: Node | undefined, ctx?: FileContext): boolean {
  if (!node) return false;
  let inner = unwrapExpression(node);
  if (inner.type === 'Identifier' && ctx) {
    const init = constantInit(inner, ctx);
    if (!init) return false;
    inner = unwrapExpression(init);
  }
  if (inner.type !== 'Literal' || !('regex' in inner) || !inner.regex) return false;
  const { pattern, flags } = (inner as TSESTree.RegExpLiteral).regex;
  // Multi-line anchors match at each line: the text may hold other lines.
  if (flags.includes('m')) return false;
  return inertTokens(pattern, flags.includes('i'));
}

/** `^…$` made only of inert characters, with a mandatory first element that cannot be `-`. */
function inertTokens(pattern: string, ignoreCase: boolean): boolean {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  const body = pattern.slice(1, -1);
  const atoms = readAtoms(body);
  if (atoms === undefined || atoms.length === 0) return false;
  const first = atoms[0] as Atom;
  if (first.optional || first.chars.includes('-')) return false;
  const chars = atoms.flatMap((atom) => [...atom.chars]);
  const widened = ignoreCase ? chars.flatMap((c) => [c.toLowerCase(), c.toUpperCase()]) : chars;
  return widened.every((c) => INERT.test(c));
}

interface Atom {
  chars: string;
  optional: boolean;
}

/** A flat sequence of literals, escapes and classes with quantifiers; anything else is not read. */
function readAtoms(body: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  let at = 0;
  while (at < body.length) {
    let chars: string | undefined;
    const c = body[at] as string;
    if (c === '[') {
      const end = body.indexOf(']', at + 1);
      if (end < 0) return undefined;
      chars = classChars(body.slice(at + 1, end));
      at = end + 1;
    } else if (c === '\\') {
      chars = escapeChars(body[at + 1]);
      at += 2;
    } else if (c === '(' || c === ')' || c === '|' || c === '.' || c === '^' || c === '$') {
      return undefined;
    } else {
      chars = c;
      at += 1;
    }
    if (chars === undefined) return undefined;
    const quantifier = /^(?:[+*?]|\{(\d+)(?:,\d*)?\})\??/.exec(body.slice(at));
    let optional = false;
    if (quantifier) {
      const q = quantifier[0];
      optional = q.startsWith('*') || q.startsWith('?') || quantifier[1] === '0';
      at += q.length;
    }
    atoms.push({ chars, optional });
  }
  return atoms;
}

function escapeChars(next: string | undefined): string | undefined {
  if (next === undefined) return undefined;
  if (next in CLASS_ESCAPES) return CLASS_ESCAPES[next];
  // `\.`, `\-`, `\/`: the character itself; letter escapes other than \d \w (\s, \b, \x…) are not read.
  return /[A-Za-z0-9]/.test(next) ? undefined : next;
}

/** The characters of a class body (`0-9A-Fa-f`, `\w.-`); a negated class is not listed. */
function classChars(body: string): string | undefined {
  if (body.startsWith('^') || body.length === 0) return undefined;
  let out = '';
  let at = 0;
  while (at < body.length) {
    let c = body[at] as string;
    if (c === '\\') {
      const escaped = escapeChars(body[at + 1]);
      if (escaped === undefined) return undefined;
      out += escaped;
      at += 2;
      continue;
    }
    if (body[at + 1] === '-' && at + 2 < body.length) {
      const to = body[at + 2] as string;
      if (to === '\\') return undefined;
      for (let code = c.charCodeAt(0); code <= to.charCodeAt(0); code++) out += String.fromCharCode(code);
      at += 3;
      continue;
    }
    out += c;
    c = '';
    at += 1;
  }
  return out;
}

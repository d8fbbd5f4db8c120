// A pluggable backend written as an object literal (`const account = { async listProjects() {…}, async
// createProject(o) { … client.POST('/v1/projects', …) } }`, returned by a platform factory and handed to the tool
// factories untyped): a call `account.createProject(…)` runs the method of each such object of the package that
// declares it and another member the same function uses on the receiver, as method-set.ts does for classes.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, type FunctionNode, type Node } from '../ast';
import { isWordChar, spellsWord } from '../project-model/token-table';
import { forEachOfTypes } from '../typed-nodes';
import type { FileContext } from './context';
import { evidenceMembers } from './method-set';
import type { ResolvedFunction } from './resolve';

/** Objects whose method may run (more go unread: recall, not a guess). */
const MAX_OWNERS = 8;

/** Per tree: object literals by the names of their function members, one walk however many names are asked. */
const byTree = new WeakMap<TSESTree.Program, Map<string, TSESTree.ObjectExpression[]>>();

/**
 * The methods named `name` of the package's object literals (in the asker's file or files that spell the name)
 * that also declare one of the other members the function reads on `receiver`. Empty when the function reads
 * no other member that counts as evidence.
 */
export function objectMethodSetTargets(
  receiver: Node,
  name: string,
  ctx: FileContext,
  common: ReadonlySet<string>,
): ResolvedFunction[] {
  // A service handed in as a parameter: a value an unresolved call returned (`list.find(…)`) is left to the
  // list and table lookups, which know the elements it may be.
  if (receiver.type !== 'Identifier' || ctx.scopes.resolve(receiver)?.kind !== 'param') return [];
  const others = evidenceMembers(receiver, name, ctx, common);
  if (others.length === 0) return [];
  const out: ResolvedFunction[] = [];
  // A bundle's CommonJS twin declares the same objects: the asker's own module flavour is read, the twin only
  // when that flavour has none.
  const flavour = path.extname(ctx.file);
  // Most files that spell a method's name only call it: their text decides, before a parse of megabytes.
  const declares = (text: string): boolean => keysMember(text, name) && others.some((other) => spellsWord(text, other));
  const files = [ctx, ...ctx.modules.filesMentioning(ctx, name, declares)];
  const own = files.filter((file) => path.extname(file.file) === flavour);
  for (const file of [...own, ...files.filter((file) => !own.includes(file))]) {
    if (out.length > 0 && path.extname(file.file) !== flavour) break;
    for (const object of objectsDeclaring(file.ast, name)) {
      const members = new Set(object.properties.map((property) => memberName(property)));
      if (!others.some((other) => members.has(other))) continue;
      const fn = functionMember(object, name);
      if (fn && !out.some((seen) => seen.fn === fn)) out.push({ fn, ctx: file });
      if (out.length >= MAX_OWNERS) return out;
    }
  }
  return out;
}

function objectsDeclaring(ast: TSESTree.Program, name: string): readonly TSESTree.ObjectExpression[] {
  let index = byTree.get(ast);
  if (!index) {
    const built = new Map<string, TSESTree.ObjectExpression[]>();
    forEachOfTypes<TSESTree.ObjectExpression>(ast, ['ObjectExpression'], (object) => {
      for (const property of object.properties) {
        if (property.type !== 'Property' || !isFunction(property.value as Node)) continue;
        const key = propertyName(property);
        if (key !== undefined) built.set(key, [...(built.get(key) ?? []), object]);
      }
    });
    byTree.set(ast, built);
    index = built;
  }
  return index.get(name) ?? [];
}

function memberName(property: TSESTree.ObjectLiteralElement): string | undefined {
  return property.type === 'Property' ? propertyName(property) : undefined;
}

function functionMember(object: TSESTree.ObjectExpression, name: string): FunctionNode | undefined {
  for (const property of object.properties) {
    if (property.type !== 'Property' || propertyName(property) !== name) continue;
    const value = property.value as Node;
    if (isFunction(value)) return value;
  }
  return undefined;
}

/** Words after which a name is a declared function or a constructed class, not an object's key. */
const NOT_A_KEY = /(?:^|[^\w$])(?:function|new)\s*$/;

const isQuote = (code: number): boolean => code === 34 || code === 39 || code === 96;
/** Space, tab, line breaks: the whitespace a bundle or a formatter puts between a key and what follows it. */
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13);

/**
 * Whether `text` may key an object member `name` (`name(…) {`, `async name(`, `name: (…) =>`, `'name': `,
 * `['name']: `): the name as a whole word, not after a `.` (a call `x.name(…)`), `function` or `new`, and
 * followed by `(`, `<` or `:`. It over-approximates (a bare call `name(…)`); what it refuses has no such key.
 * Character codes, not patterns: a bundle spells a common method name thousands of times.
 */
export function keysMember(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    let before = at - 1;
    const quoted = isQuote(text.charCodeAt(before));
    if (quoted) before--;
    else if (isWordChar(text.charCodeAt(before))) continue;
    let after = at + name.length;
    if (isQuote(text.charCodeAt(after))) after++;
    else if (isWordChar(text.charCodeAt(after))) continue;
    while (isSpace(text.charCodeAt(after)) || text.charCodeAt(after) === 93) after++;
    const next = text.charCodeAt(after);
    if (next !== 40 && next !== 58 && next !== 60) continue;
    if (!quoted) {
      while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
      if (text.charCodeAt(before) === 46) continue;
      if (NOT_A_KEY.test(text.slice(Math.max(0, before - 12), before + 1))) continue;
    }
    return true;
  }
  return false;
}

// A pluggable backend written as an object literal (`const account = { async listProjects() {…}, async
// createProject(o) { … client.POST('/v1/projects', …) } }`, returned by a platform factory and handed to the tool
// factories untyped): a call `account.createProject(…)` runs the method of each such object of the package that
// declares it and another member the same function uses on the receiver, as method-set.ts does for classes.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, type FunctionNode, type Node } from '../ast';
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
  const files = [ctx, ...ctx.modules.filesMentioning(ctx, name)];
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

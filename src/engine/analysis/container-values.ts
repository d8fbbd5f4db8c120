// What a keyed container a class fills holds: after `this.sites.set(id, new SiteClient(config))`, the value of
// `this.sites.get(id)` is a SiteClient, so a method called on it runs that class's method.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, walk, type Node } from '../ast';
import { enclosingClass, thisMembers } from '../class-fields';

/** Values kept per container: a registry is filled in one or two places, never in hundreds. */
const MAX_STORED = 4;

/** Per class body: the values it stores with `this.<path>.set(key, value)`, by path. */
const storedByClass = new WeakMap<TSESTree.ClassBody, Map<string, Node[]>>();

/**
 * `this.sites.get(id)`: the values the enclosing class stores in `this.sites` with `set(key, value)`, or
 * undefined when the call reads no container the class fills.
 */
export function containerReadValues(call: TSESTree.CallExpression): Node[] | undefined {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression' || callee.computed || propertyName(callee) !== 'get') return undefined;
  const path = thisMembers(callee.object);
  const owner = path === undefined ? undefined : enclosingClass(call);
  return owner && path !== undefined ? storedValues(owner.body).get(path) : undefined;
}

/** One walk per class, not one per lookup (a server class may dispatch hundreds of tools). */
function storedValues(body: TSESTree.ClassBody): Map<string, Node[]> {
  const cached = storedByClass.get(body);
  if (cached) return cached;
  const index = new Map<string, Node[]>();
  walk(body, (candidate) => {
    if (candidate.type !== 'CallExpression' || candidate.arguments.length !== 2) return true;
    const callee = unwrapExpression(candidate.callee);
    if (callee.type !== 'MemberExpression' || callee.computed || propertyName(callee) !== 'set') return true;
    const path = thisMembers(callee.object);
    const value = candidate.arguments[1];
    if (path === undefined || !value || value.type === 'SpreadElement') return true;
    const values = index.get(path) ?? [];
    if (values.length < MAX_STORED) values.push(value);
    index.set(path, values);
    return true;
  });
  storedByClass.set(body, index);
  return index;
}

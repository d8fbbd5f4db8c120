// Fields a project base class fills: `class Orders extends BaseService` whose base constructor stores
// `this.client = axios.create({ baseURL })` gives `this.client` in Orders' methods that client's API, read
// in the base's own file, so rows keyed on the package match `this.client.post(...)` in the subclass.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, type Node } from '../../ast';
import { enclosingClassBody, fieldSources } from '../../class-fields';
import type { FileContext } from '../context';
import { resolveClass, type ResolvedClass } from '../resolve';
import { CLEAN, type Value } from '../value';
import { expressionApi } from './typed-arguments';

/** Base classes climbed, and a field's sources read, per lookup. */
const MAX_CLASS_LEVELS = 4;
const MAX_SOURCES = 4;

/** Per class, per field name: the inherited client, or null when there is none. */
const cache = new WeakMap<Node, Map<string, Value | null>>();

/**
 * The package client a base class stores in field `this.<name>`, when the enclosing class itself says
 * nothing about that field (its own declaration or assignment decides, even when it is not a client).
 */
export function inheritedField(node: TSESTree.MemberExpression, ctx: FileContext): Value | undefined {
  const name = propertyName(node);
  const body = enclosingClassBody(node);
  const classNode = body?.parent;
  if (name === undefined || !body || !classNode) return undefined;
  if ((classNode.type !== 'ClassDeclaration' && classNode.type !== 'ClassExpression') || !classNode.superClass)
    return undefined;
  let byName = cache.get(classNode);
  const cached = byName?.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const found = fieldSources(body, name).length > 0 ? undefined : baseField(classNode.superClass, name, ctx);
  if (!byName) {
    byName = new Map();
    cache.set(classNode, byName);
  }
  byName.set(name, found ?? null);
  return found;
}

function baseField(superClass: Node, name: string, ctx: FileContext): Value | undefined {
  let current: ResolvedClass | undefined = resolveClass(superClass, ctx);
  for (let level = 0; current && level < MAX_CLASS_LEVELS; level++) {
    const sources = fieldSources(current.node.body, name);
    if (sources.length > 0) {
      // The nearest class that names the field decides; only a value it stores can carry a package API.
      for (const source of sources.slice(0, MAX_SOURCES)) {
        const api = source.value ? expressionApi(source.value, current.ctx) : undefined;
        if (api) return { ...CLEAN, api };
      }
      return undefined;
    }
    current = current.node.superClass ? resolveClass(current.node.superClass, current.ctx) : undefined;
  }
  return undefined;
}

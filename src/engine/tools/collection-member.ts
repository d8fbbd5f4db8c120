// Members the package itself fills with an in-memory collection (`pages: new Map()`): their `set`/`delete`
// calls change the program's own state, not a remote service's.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';

/** Constructors of in-memory collections whose methods share names with SaaS writes (`set`, `delete`, `add`, `clear`). */
const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

/** Text that can hold such an initialiser: other files are parsed only when it matches. */
const COLLECTION_TEXT = /\bnew\s+(?:Weak)?(?:Map|Set)\b/;

/** What one file gives each member name: a collection, something else, or both. */
interface MemberKinds {
  collection: Set<string>;
  other: Set<string>;
}

const kindsByProgram = new WeakMap<TSESTree.Program, MemberKinds>();

/**
 * `state.pageCreations.delete(pageId)` on a parameter with no type: the receiver's member is a collection when
 * the package initialises a member of that name only with `new Map()` / `new Set()` (in an object literal, a
 * class field or an assignment), in this file or in the few other files of the package that spell the name
 * and construct a collection. A member some file initialises otherwise (`client: createClient()`) is not one.
 */
export function isCollectionMember(receiver: Node, ctx: FileContext): boolean {
  const member = unwrapExpression(receiver);
  if (member.type !== 'MemberExpression') return false;
  const name = propertyName(member);
  if (name === undefined) return false;
  const files = [ctx, ...ctx.modules.filesMentioning(ctx, name, (text) => COLLECTION_TEXT.test(text))];
  let collection = false;
  for (const file of files) {
    const kinds = memberKinds(file.ast);
    if (kinds.other.has(name)) return false;
    collection ||= kinds.collection.has(name);
  }
  return collection;
}

function memberKinds(program: TSESTree.Program): MemberKinds {
  const cached = kindsByProgram.get(program);
  if (cached) return cached;
  const kinds: MemberKinds = { collection: new Set(), other: new Set() };
  walk(program, (node) => {
    const init = initialisedMember(node);
    // `this.cache = null` until first use says nothing about what the member holds.
    if (init && !isEmpty(init.value)) (isCollection(init.value) ? kinds.collection : kinds.other).add(init.name);
  });
  kindsByProgram.set(program, kinds);
  return kinds;
}

/** `{ name: value }`, `name = value;` in a class body, `x.name = value`. */
function initialisedMember(node: Node): { name: string; value: Node } | undefined {
  if (node.type === 'Property' && node.value.type !== 'AssignmentPattern' && !isPattern(node)) {
    const name = propertyName(node);
    return name === undefined ? undefined : { name, value: node.value };
  }
  if (node.type === 'PropertyDefinition' && node.value) {
    const name = propertyName(node);
    return name === undefined ? undefined : { name, value: node.value };
  }
  if (node.type === 'AssignmentExpression' && node.operator === '=' && node.left.type === 'MemberExpression') {
    const name = propertyName(node.left);
    return name === undefined ? undefined : { name, value: node.right };
  }
  return undefined;
}

/** A property of a destructuring pattern names a binding, not a member's value. */
function isPattern(property: TSESTree.Property): boolean {
  return property.parent?.type === 'ObjectPattern';
}

function isEmpty(value: Node): boolean {
  const node = unwrapExpression(value);
  return (node.type === 'Literal' && node.value === null) || (node.type === 'Identifier' && node.name === 'undefined');
}

function isCollection(value: Node): boolean {
  const node = unwrapExpression(value);
  return node.type === 'NewExpression' && node.callee.type === 'Identifier' && COLLECTIONS.has(node.callee.name);
}

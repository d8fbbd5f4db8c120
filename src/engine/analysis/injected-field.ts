// An untyped object a class keeps from its constructor (`constructor(agent) { this.agent = agent }`): the package classes a method called on it may run.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, walk, type Node } from '../ast';
import { forEachOfTypes } from '../typed-nodes';
import { enclosingClass, fieldSources } from '../class-fields';
import type { ClassRef, FileContext } from './context';
import { BUILTIN_METHODS, NO_EVIDENCE } from './method-set';

/** Nodes read in one class to collect the members used on a field: a bundle's class is large, a hostile one larger. */
const MAX_NODES = 20_000;
/** Member names kept per field. */
const MAX_NAMES = 64;

/**
 * The classes `this.field.name(…)` may run when the field holds only what the constructor was handed, untyped
 * (compiled toolkits: `class StakeTool extends Tool { constructor(agent) { super(); this.agent = agent } }`, and
 * the package's own code never says what an agent is; the user's code builds it). As for an untyped parameter:
 * the one class of the package that declares `name` when the name is distinctive, else every class that
 * declares `name` and another member the class uses on the same field (`this.agent.account`,
 * `this.agent.getTokenDetails(…)`). Empty when the field is typed, assigned anything else, or not a field of
 * the enclosing class.
 */
export function injectedFieldClasses(
  object: Node,
  name: string,
  ctx: FileContext,
  common: ReadonlySet<string>,
): ClassRef[] {
  const field = injectedField(object, ctx);
  if (!field) return [];
  const weak = (member: string) => common.has(member) || BUILTIN_METHODS.has(member);
  if (!weak(name)) {
    // A bundle ships its CommonJS twin beside it: the asking file's one class with the method is the answer.
    const own = ownClassesDeclaring(ctx, name);
    if (own.length === 1) return [{ node: own[0] as ClassNode, ctx }];
    const owners = ctx.modules.methodOwner(ctx, name);
    if (owners.length > 0) return owners;
  }
  const others = membersUsed(field.classNode, field.name).filter(
    (other) => other !== name && !NO_EVIDENCE.has(other) && !(weak(name) && weak(other)),
  );
  return others.length > 0 ? ctx.modules.methodSetOwners(ctx, name, others) : [];
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** `this.agent` whose every source in its class is an unannotated constructor parameter (or a bare declaration). */
function injectedField(object: Node, ctx: FileContext): { classNode: ClassNode; name: string } | undefined {
  if (object.type !== 'MemberExpression' || object.computed || object.object.type !== 'ThisExpression')
    return undefined;
  const name = propertyName(object);
  const classNode = enclosingClass(object);
  if (name === undefined || !classNode) return undefined;
  const sources = fieldSources(classNode.body, name);
  let handed = false;
  for (const source of sources) {
    if (source.type) return undefined;
    // `agent;` declared beside the constructor's assignment says nothing either way.
    if (!source.value) continue;
    const value = unwrapExpression(source.value);
    if (value.type !== 'Identifier') return undefined;
    const binding = ctx.scopes.resolve(value);
    if (binding?.kind !== 'param' || binding.patternPath.length > 0 || binding.id.typeAnnotation) return undefined;
    const method = binding.fn?.parent;
    if (method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return undefined;
    handed = true;
  }
  return handed ? { classNode, name } : undefined;
}

/** Cached per class and field: every call on the field asks for the same set. */
const membersByClass = new WeakMap<ClassNode, Map<string, string[]>>();

/** The member names read on `this.<field>` anywhere in the class (called or not). */
function membersUsed(classNode: ClassNode, field: string): string[] {
  let byField = membersByClass.get(classNode);
  if (!byField) {
    byField = new Map();
    membersByClass.set(classNode, byField);
  }
  const cached = byField.get(field);
  if (cached) return cached;
  const names: string[] = [];
  let visited = 0;
  walk(classNode.body, (node) => {
    if (++visited > MAX_NODES || names.length >= MAX_NAMES) return false;
    if (node.type !== 'MemberExpression' || node.computed) return true;
    const receiver = unwrapExpression(node.object);
    const member = propertyName(node);
    if (
      member !== undefined &&
      receiver.type === 'MemberExpression' &&
      !receiver.computed &&
      receiver.object.type === 'ThisExpression' &&
      propertyName(receiver) === field &&
      !names.includes(member)
    )
      names.push(member);
    return true;
  });
  byField.set(field, names);
  return names;
}

/** Per tree, its classes by the names of the methods they declare: one walk however many names are asked. */
const declaringByTree = new WeakMap<TSESTree.Program, Map<string, ClassNode[]>>();

function ownClassesDeclaring(ctx: FileContext, name: string): ClassNode[] {
  let index = declaringByTree.get(ctx.ast);
  if (!index) {
    const built = new Map<string, ClassNode[]>();
    forEachOfTypes<ClassNode>(ctx.ast, ['ClassDeclaration', 'ClassExpression'], (node) => {
      for (const member of node.body.body) {
        const method =
          member.type === 'MethodDefinition' && member.kind === 'method' ? propertyName(member) : undefined;
        if (method === undefined) continue;
        const list = built.get(method);
        if (!list) built.set(method, [node]);
        else if (!list.includes(node)) list.push(node);
      }
    });
    index = built;
    declaringByTree.set(ctx.ast, index);
  }
  return index.get(name) ?? [];
}

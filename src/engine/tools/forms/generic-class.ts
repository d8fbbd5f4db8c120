// The generic tool class: a class that sets a name, a description, an input schema and a handler on its
// instances (`this.name = 'smart_transfer'; this.argsSchema = …; this.func = smartTransfer;`, or class
// fields, or a handler method), whatever framework later wraps its instances.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { collectCaps } from '../caps';
import { constantString } from '../constant-name';
import { objectLiteralOf } from '../navigate';
import { attachHandlers, baseTool } from '../tool-parts';
import { declarationMethodSchema } from './declaration-method';
import { positionalSuperMembers } from './positional-super';
import { classDeclarationMember } from './class-declaration-member';
import type { FormLike, RecognisedTool } from '../types';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Members read per class: enough for any real declaration, and a bound on hostile ones. */
const MAX_MEMBERS = 200;

export function fromGenericClass(node: ClassNode, ctx: FileContext): RecognisedTool | undefined {
  const generic = ctx.catalogs.genericObject;
  const members = instanceMembers(node, ctx);
  const first = (keys: readonly string[]): Node | undefined => {
    for (const key of keys) {
      const value = members.get(key);
      if (value) return value;
    }
    return undefined;
  };
  const handlerNode = first(generic.handlerKeys);
  // `schema() { return { name, description, inputSchema } }` beside `execute(args)`: one member declares the tool.
  const declared = handlerNode && !first(generic.nameKeys) ? classDeclarationMember(node, generic, ctx) : undefined;
  const ownDeclaration =
    declared && declared.member.type === 'MethodDefinition' && declared.member.value === handlerNode;
  const useDeclared = declared !== undefined && !ownDeclaration;
  const nameNode = useDeclared ? declared.name : first(generic.nameKeys);
  const schemaNode = useDeclared
    ? declared.schema
    : (first(generic.schemaKeys) ??
      suffixedSchema(members, generic.classSchemaSuffixes) ??
      declarationMethodSchema(members, handlerNode, generic));
  const described = useDeclared ? declared.description : first(generic.descriptionKeys);
  if (!nameNode || !schemaNode || !handlerNode || !described) return undefined;
  // A wrapper that copies its name from what it wraps (`this.name = action.name`) is not the declaration.
  const name = constantString(nameNode, ctx);
  if (name === undefined) return undefined;
  const form: FormLike = {
    id: 'generic-tool-class',
    framework: generic.framework,
    handler: [],
    input: [],
    names: [],
    approval: [],
  };
  const tool = baseTool({ name, node: nameNode }, form, node);
  attachHandlers(tool, [handlerNode], form, ctx, node);
  collectCaps(schemaDeclaration(schemaNode, ctx), tool);
  return tool;
}

/**
 * What the class sets on `this`: field initialisers, constructor assignments and methods, by name, and the
 * members of a declaration object it hands its base class (`super(Schema, { name, description, inputSchema })`),
 * and what project base constructors store from its positional arguments (./positional-super.ts).
 */
function instanceMembers(node: ClassNode, ctx: FileContext): Map<string, Node> {
  const members = new Map<string, Node>();
  for (const member of node.body.body.slice(0, MAX_MEMBERS)) {
    if (member.type === 'PropertyDefinition' && !member.static && member.value) {
      const name = propertyName(member);
      if (name !== undefined) members.set(name, member.value);
    }
    if (member.type !== 'MethodDefinition' || member.static) continue;
    const name = propertyName(member);
    if (member.kind === 'method' && name !== undefined && !members.has(name)) members.set(name, member.value);
    if (member.kind !== 'constructor') continue;
    for (const statement of member.value.body?.body.slice(0, MAX_MEMBERS) ?? []) {
      const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
      if (expression?.type === 'CallExpression' && expression.callee.type === 'Super') {
        for (const argument of expression.arguments) addDeclared(members, argument, ctx);
        // `super('read_file', 'Read a file', schema)`: what the project's base constructors store from them.
        for (const [key, value] of positionalSuperMembers(node, expression, ctx))
          if (!members.has(key)) members.set(key, value);
        continue;
      }
      if (expression?.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
      const target = expression.left;
      if (target.type !== 'MemberExpression' || target.object.type !== 'ThisExpression') continue;
      const key = propertyName(target);
      if (key !== undefined) members.set(key, expression.right);
    }
  }
  return members;
}

/** The members of a declaration object handed to the base class, where the class does not set them itself. */
function addDeclared(members: Map<string, Node>, argument: Node, ctx: FileContext): void {
  const object = objectLiteralOf(argument, ctx);
  for (const property of object?.properties.slice(0, MAX_MEMBERS) ?? []) {
    const key = property.type === 'Property' ? propertyName(property) : undefined;
    if (property.type === 'Property' && key !== undefined && !members.has(key))
      members.set(key, property.value as Node);
  }
}

/** The schema's own declaration when it is a variable of this file, so that caps on its fields count. */
function schemaDeclaration(node: Node, ctx: FileContext): Node {
  const inner = unwrapExpression(node);
  if (inner.type !== 'Identifier') return inner;
  const binding = ctx.scopes.resolve(inner);
  return binding?.kind === 'var' && binding.init && !isFunction(binding.init) ? binding.init : inner;
}

/** A camelCase member whose last word is a schema word (`argsShape`, `paramsSchema`), and not a method. */
function suffixedSchema(members: ReadonlyMap<string, Node>, suffixes: readonly string[]): Node | undefined {
  for (const [key, value] of members) {
    if (isFunction(value)) continue;
    if (suffixes.some((suffix) => key.length > suffix.length && key.endsWith(suffix) && /^[a-z]/.test(key)))
      return value;
  }
  return undefined;
}

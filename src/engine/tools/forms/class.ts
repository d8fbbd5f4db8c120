// Class forms: a class that extends a framework's tool base class, directly or through the project's own
// classes, its handler a method or property of the class or of a project class it extends.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, stringValue, type Node } from '../../ast';
import { tokensMatch } from '../../api';
import type { ToolForm } from '../../catalog/load';
import type { FileContext } from '../../analysis/context';
import { resolveClass, type ResolvedClass } from '../../analysis/resolve';
import { collectCaps } from '../caps';
import { navigate, objectLiteralOf } from '../navigate';
import { constantString } from '../constant-name';
import { attachHandlers, baseTool, modulesMatch } from '../tool-parts';
import type { RecognisedTool } from '../types';
import { invocationHandlers } from './invocation';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Project classes followed between a tool class and the framework's base (`SendMail extends MailBase extends Tool`). */
const MAX_PROJECT_BASES = 4;

/** The class form whose base class this class extends, if any, directly or through project classes. */
export function classForm(node: ClassNode, ctx: FileContext): ToolForm | undefined {
  let current: ResolvedClass | undefined = { node, ctx };
  for (let level = 0; current?.node.superClass && level <= MAX_PROJECT_BASES; level++) {
    const form = directForm(current.node, current.ctx);
    if (form) return form;
    current = resolveClass(current.node.superClass, current.ctx);
  }
  return undefined;
}

function directForm(node: ClassNode, ctx: FileContext): ToolForm | undefined {
  const ref = node.superClass ? ctx.api.resolve(node.superClass) : undefined;
  return ref
    ? ctx.catalogs.forms.find(
        (candidate) =>
          candidate.kind === 'class' && modulesMatch(ref, candidate) && tokensMatch(ref.tokens, candidate.extends),
      )
    : undefined;
}

/**
 * Whether a class that reaches a framework's base is a tool of its own: not abstract, and it (or a project
 * class between it and the framework) says a name or holds the handler. A plugin's intermediate base
 * (`class BaseHCS10QueryTool extends BaseHederaQueryTool` holding only shared fields) is no tool.
 */
export function declaresTool(node: ClassNode, form: ToolForm, ctx: FileContext): boolean {
  if (node.type === 'ClassDeclaration' && node.abstract) return false;
  return projectLineage(node, ctx).some(
    (cls) =>
      navigate([cls.node], form.handler, cls.ctx).length > 0 ||
      form.names.some((path) => navigate([cls.node], path, cls.ctx).some((found) => stringValue(found) !== undefined)),
  );
}

export function fromClass(node: ClassNode, form: ToolForm, ctx: FileContext): RecognisedTool {
  const lineage = projectLineage(node, ctx);
  // The nearest class that says the name or holds the handler wins, as it does at run time.
  const nameNode = firstOf(
    lineage,
    (cls) =>
      form.names
        .flatMap((path) => navigate([cls.node], path, cls.ctx))
        // `name = CalculatorToolName` with `const CalculatorToolName = 'calculator'`: a constant names it too.
        .find((candidate) => (stringValue(candidate) ?? constantString(candidate, cls.ctx)) !== undefined) ??
      superDeclaredName(cls) ??
      superNameArgument(cls, form.superNameArgument),
  );
  const name = nameNode ? nameOf(nameNode, lineage) : (className(node) ?? '(anonymous class)');
  const tool = baseTool({ name, node: nameNode ?? node.id ?? node }, form, node);
  const owner = lineage.find((cls) => navigate([cls.node], form.handler, cls.ctx).length > 0) ?? { node, ctx };
  attachHandlers(tool, navigate([owner.node], form.handler, owner.ctx), form, owner.ctx, node);
  if (form.invocation) tool.handlers = tool.handlers.flatMap((handler) => invocationHandlers(handler, form));
  collectCaps(node, tool, ctx);
  return tool;
}

/** The class and the project classes it extends, nearest first (bounded). */
function projectLineage(node: ClassNode, ctx: FileContext): ResolvedClass[] {
  const out: ResolvedClass[] = [{ node, ctx }];
  let current: ResolvedClass | undefined = out[0];
  for (let level = 0; current?.node.superClass && level < MAX_PROJECT_BASES; level++) {
    current = resolveClass(current.node.superClass, current.ctx);
    if (!current || out.some((seen) => seen.node === current?.node)) break;
    out.push(current);
  }
  return out;
}

function firstOf<T>(classes: ResolvedClass[], pick: (cls: ResolvedClass) => T | undefined): T | undefined {
  for (const cls of classes) {
    const found = pick(cls);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The name a class hands its base constructor in a declaration object (`super({ name: 'load_memory',
 * description })`), as frameworks whose base class stores the declaration expect.
 */
function superDeclaredName(cls: ResolvedClass): Node | undefined {
  for (const argument of superCall(cls)?.arguments ?? []) {
    const object = objectLiteralOf(argument, cls.ctx);
    const value = object ? declaredName(object, cls.ctx) : undefined;
    if (value) return value;
  }
  return undefined;
}

/**
 * The name a class hands its base constructor at a position the form declares (`super(ReadFileTool.Name,
 * 'ReadFile', …)`): a constant, or a static field of a class of the lineage holding one.
 */
function superNameArgument(cls: ResolvedClass, position: number | undefined): Node | undefined {
  if (position === undefined) return undefined;
  const argument = superCall(cls)?.arguments[position];
  return argument && argument.type !== 'SpreadElement' ? argument : undefined;
}

/** The text a name node stands for: a literal, a constant, or `Tool.Name` of a class holding `static Name = …`. */
function nameOf(node: Node, lineage: ResolvedClass[]): string {
  const literal = stringValue(node);
  if (literal !== undefined) return literal;
  for (const cls of lineage) {
    const own = constantString(node, cls.ctx) ?? staticField(node, cls);
    if (own !== undefined) return own;
  }
  return '(anonymous class)';
}

function staticField(node: Node, cls: ResolvedClass): string | undefined {
  if (node.type !== 'MemberExpression' || node.object.type !== 'Identifier') return undefined;
  const key = propertyName(node);
  const owner = resolveClass(node.object, cls.ctx);
  const field = owner?.node.body.body.find(
    (member): member is TSESTree.PropertyDefinition =>
      member.type === 'PropertyDefinition' && member.static && propertyName(member) === key,
  );
  return field?.value && owner ? constantString(field.value, owner.ctx) : undefined;
}

function superCall(cls: ResolvedClass): TSESTree.CallExpression | undefined {
  const init = cls.node.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === 'MethodDefinition' && member.kind === 'constructor',
  );
  for (const statement of init?.value.body?.body ?? []) {
    const call = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    if (call?.type === 'CallExpression' && call.callee.type === 'Super') return call;
  }
  return undefined;
}

/** `{ name: 'x', … }`, or `{ ...toolInput, accessToken }` where a constant object in the file says the name. */
function declaredName(object: TSESTree.ObjectExpression, ctx: FileContext): Node | undefined {
  const own = findProperty(object, 'name')?.value as Node | undefined;
  if (own) return stringValue(own) !== undefined ? own : undefined;
  for (const property of object.properties) {
    if (property.type !== 'SpreadElement') continue;
    const spread = objectLiteralOf(property.argument, ctx);
    const value = spread ? (findProperty(spread, 'name')?.value as Node | undefined) : undefined;
    if (value && stringValue(value) !== undefined) return value;
  }
  return undefined;
}

/** `class Search extends Tool {}`, or `var Search = class extends Tool {}` as bundlers emit it. */
function className(node: ClassNode): string | undefined {
  if (node.id) return node.id.name;
  const parent: Node | undefined = node.parent;
  return parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id.name : undefined;
}

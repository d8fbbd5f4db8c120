// The string a tool's name expression stands for when it is not a literal: a `const`, a member of a constant
// object or an enum, in this file or imported from a project file (`server.tool(ToolName.READ_FILE, …)`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type Node } from '../ast';
import { forEachOfTypes } from '../typed-nodes';
import type { FileContext } from './context';
import { importedExport } from './resolve';
import { requiredModule } from '../api';

/** Constants hand names on to other constants; a few steps are plenty, and bound hostile chains. */
const MAX_STEPS = 4;

export function constantString(node: Node, ctx: FileContext, steps = 0): string | undefined {
  if (steps > MAX_STEPS) return undefined;
  const inner = unwrapExpression(node);
  const literal = stringValue(inner);
  if (literal !== undefined) return literal;
  // `toolName || 'web_search'`: a registration function's default name, when its caller names no other.
  if (inner.type === 'LogicalExpression' && inner.operator !== '&&')
    return constantString(inner.left, ctx, steps + 1) ?? constantString(inner.right, ctx, steps + 1);
  if (inner.type === 'Identifier') {
    const target = heldValue(inner, ctx);
    return target ? constantString(target.node, target.ctx, steps + 1) : undefined;
  }
  if (inner.type === 'MemberExpression' && inner.object.type !== 'Identifier') {
    const key = propertyName(inner);
    if (key === undefined) return undefined;
    const exported = moduleExportMember(inner.object, key, ctx, steps);
    if (exported !== undefined) return exported;
    // `DESCRIPTIONS.bridge.toolNames.mcp`: a member of a constant table's nested object literal.
    const holder = nestedObject(inner.object, ctx, 0);
    const property = holder ? objectProperty(holder.node, key) : undefined;
    return property && holder ? constantString(property, holder.ctx, steps + 1) : undefined;
  }
  if (inner.type === 'MemberExpression' && inner.object.type === 'Identifier') {
    const key = propertyName(inner);
    if (key === undefined) return undefined;
    const enumMember = enumMemberValue(inner.object.name, key, ctx) ?? importedEnumMember(inner.object, key, ctx);
    if (enumMember !== undefined) return enumMember;
    // `constants.CREATE_NAME` with `import * as constants from './constants'`: the module's own export.
    const namespace = namespaceModule(inner.object, ctx);
    const exported = namespace?.modules.exportedNode(namespace, key);
    if (exported) return constantString(exported.node, exported.ctx, steps + 1);
    const target = heldValue(inner.object, ctx);
    const object = target ? declaredObject(target.node) : undefined;
    if (object?.type !== 'ObjectExpression' || !target) return undefined;
    const property = object.properties.find(
      (candidate) => candidate.type === 'Property' && propertyName(candidate) === key,
    );
    return property?.type === 'Property' ? constantString(property.value, target.ctx, steps + 1) : undefined;
  }
  return undefined;
}

/** The object literal a constant's member path names (`TABLE.group.entry`), in this file or an imported one. */
function nestedObject(node: Node, ctx: FileContext, steps: number): { node: Node; ctx: FileContext } | undefined {
  if (steps > MAX_STEPS) return undefined;
  const inner = unwrapExpression(node);
  if (inner.type === 'Identifier') {
    const target = heldValue(inner, ctx);
    const object = target ? declaredObject(target.node) : undefined;
    if (object?.type === 'ObjectExpression' && target) return { node: object, ctx: target.ctx };
    // `var TABLE = { … }; export { TABLE }`: the export names the module's own constant.
    return object?.type === 'Identifier' && target ? nestedObject(object, target.ctx, steps + 1) : undefined;
  }
  if (inner.type !== 'MemberExpression') return undefined;
  const key = propertyName(inner);
  const holder = key === undefined ? undefined : nestedObject(inner.object, ctx, steps + 1);
  const value = holder && key !== undefined ? objectProperty(holder.node, key) : undefined;
  const object = value ? declaredObject(value) : undefined;
  return object?.type === 'ObjectExpression' && holder ? { node: object, ctx: holder.ctx } : undefined;
}

/** The value an object literal gives a key, as written (`{ key: value }`). */
function objectProperty(object: Node, key: string): Node | undefined {
  if (object.type !== 'ObjectExpression') return undefined;
  const property = object.properties.find(
    (candidate) => candidate.type === 'Property' && propertyName(candidate) === key,
  );
  return property?.type === 'Property' ? (property.value as Node) : undefined;
}

/** Calls that hand back the object literal they are given: a schema's `parse`, `Object.freeze`. */
const RETURNS_ARGUMENT = new Set(['parse', 'freeze']);

/**
 * The object a declaration holds: `{ … }` as written, or validated on the way (`ToolSchema.parse({ name, … })`,
 * `Object.freeze({ … })`), which returns the same members.
 */
function declaredObject(node: Node): Node {
  const inner = unwrapExpression(node);
  if (inner.type !== 'CallExpression' || inner.arguments.length !== 1) return inner;
  const callee = unwrapExpression(inner.callee);
  const name = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  const argument = unwrapExpression(inner.arguments[0] as Node);
  return name !== undefined && RETURNS_ARGUMENT.has(name) && argument.type === 'ObjectExpression' ? argument : inner;
}

/** What a `const` or an imported name holds. */
export function heldValue(
  identifier: TSESTree.Identifier,
  ctx: FileContext,
): { node: Node; ctx: FileContext } | undefined {
  const binding = ctx.scopes.resolve(identifier);
  // Bundlers write every constant as `var`: one that is never assigned again holds its initial string.
  const constant = binding?.declarationKind === 'const' || (binding !== undefined && !reassigned(ctx).has(binding.id));
  if (binding?.kind === 'var' && constant && binding.init && binding.patternPath.length === 0)
    return { node: binding.init, ctx };
  return binding === undefined ? undefined : importedExport(binding, ctx);
}

const reassignedByFile = new WeakMap<FileContext, Set<Node>>();

/** The declaring identifiers of the file's variables that are assigned after their declaration. */
function reassigned(ctx: FileContext): Set<Node> {
  let found = reassignedByFile.get(ctx);
  if (found) return found;
  const ids = new Set<Node>();
  found = ids;
  forEachOfTypes<TSESTree.AssignmentExpression | TSESTree.UpdateExpression>(
    ctx.ast,
    ['AssignmentExpression', 'UpdateExpression'],
    (node) => {
      const target = node.type === 'AssignmentExpression' ? node.left : node.argument;
      if (target.type === 'Identifier') {
        const binding = ctx.scopes.resolve(target);
        if (binding) ids.add(binding.id);
      }
    },
  );
  reassignedByFile.set(ctx, found);
  return found;
}

/** A file's string enums by name, member name → value; built once per file (bundles ask per case label). */
const enumsByFile = new WeakMap<FileContext, Map<string, Map<string, string>>>();
/** Bounds what a hostile file can make the index hold. */
const MAX_ENUMS = 200;
const MAX_MEMBERS = 500;

/** `enum ToolName { READ = 'read_file' }` declared in this file, as written or as a compiler emits it. */
function enumMemberValue(enumName: string, key: string, ctx: FileContext): string | undefined {
  let enums = enumsByFile.get(ctx);
  if (!enums) {
    enums = fileEnums(ctx);
    enumsByFile.set(ctx, enums);
  }
  return enums.get(enumName)?.get(key);
}

function fileEnums(ctx: FileContext): Map<string, Map<string, string>> {
  const enums = new Map<string, Map<string, string>>();
  for (const statement of ctx.ast.body) {
    if (enums.size >= MAX_ENUMS) break;
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'TSEnumDeclaration') {
      const members = new Map<string, string>();
      for (const member of declaration.body.members.slice(0, MAX_MEMBERS)) {
        const name = member.id.type === 'Identifier' ? member.id.name : stringValue(member.id);
        const value = member.initializer ? stringValue(member.initializer) : undefined;
        if (name !== undefined && value !== undefined) members.set(name, value);
      }
      enums.set(declaration.id.name, members);
    }
    const compiled = compiledEnum(statement);
    if (compiled) enums.set(compiled.name, compiled.members);
  }
  return enums;
}

/**
 * What tsc emits for a string enum: `(function (E) { E["Read"] = "read_file"; })(E || (E = {}))`, also
 * with `exports.E = E = {}` in CommonJS. Only assignments of string literals to the parameter's members count.
 */
function compiledEnum(statement: Node): { name: string; members: Map<string, string> } | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  const call = unwrapExpression(statement.expression);
  if (call.type !== 'CallExpression' || call.arguments.length !== 1) return undefined;
  const fn = unwrapExpression(call.callee);
  const seed = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
  if (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') return undefined;
  if (seed?.type !== 'LogicalExpression' || seed.left.type !== 'Identifier') return undefined;
  const param = fn.params[0];
  if (param?.type !== 'Identifier' || fn.body.type !== 'BlockStatement') return undefined;
  const members = new Map<string, string>();
  for (const inside of fn.body.body.slice(0, MAX_MEMBERS)) {
    const assignment = inside.type === 'ExpressionStatement' ? unwrapExpression(inside.expression) : undefined;
    if (assignment?.type !== 'AssignmentExpression' || assignment.left.type !== 'MemberExpression') continue;
    const target = assignment.left;
    if (target.object.type !== 'Identifier' || target.object.name !== param.name) continue;
    const member = target.computed ? stringValue(target.property) : propertyName(target);
    const value = stringValue(assignment.right);
    if (member !== undefined && value !== undefined) members.set(member, value);
  }
  return members.size > 0 ? { name: seed.left.name, members } : undefined;
}

/** `import { ToolName } from './names'`: the enum declared in the imported project file. */
function importedEnumMember(identifier: TSESTree.Identifier, key: string, ctx: FileContext): string | undefined {
  const binding = ctx.scopes.resolve(identifier);
  if (binding?.kind !== 'import' || !binding.importSource || binding.importName === '*') return undefined;
  const target = ctx.modules.resolveImport(ctx, binding.importSource);
  return target ? reexportedEnumMember(binding.importName ?? binding.name, key, target, 0) : undefined;
}

/** Re-export hops followed to an enum's declaration (`index.ts` → `export * from './enum'`). */
const MAX_REEXPORT_HOPS = 4;

/**
 * The enum member's value in `ctx`, or in the module `ctx` re-exports the enum from: a folder's index
 * (`export * from './enum'`, `export { Constants } from './enum'`) stands between most imports and the enum.
 */
function reexportedEnumMember(name: string, key: string, ctx: FileContext, hops: number): string | undefined {
  const own = enumMemberValue(name, key, ctx);
  if (own !== undefined || hops >= MAX_REEXPORT_HOPS) return own;
  for (const statement of ctx.ast.body) {
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const target = ctx.modules.resolveImport(ctx, statement.source.value);
      const found = target ? reexportedEnumMember(name, key, target, hops + 1) : undefined;
      if (found !== undefined) return found;
    }
    if (statement.type !== 'ExportNamedDeclaration' || !statement.source) continue;
    for (const specifier of statement.specifiers) {
      const exported =
        specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
      if (exported !== name) continue;
      const local = specifier.local.type === 'Identifier' ? specifier.local.name : String(specifier.local.value);
      const target = ctx.modules.resolveImport(ctx, statement.source.value);
      return target ? reexportedEnumMember(local, key, target, hops + 1) : undefined;
    }
  }
  return undefined;
}

/**
 * `names_1.ToolName.Read` after `const names_1 = require("./names")`, or `tools.ReadTool.name` after
 * `import * as tools from './tools'`: an enum member, or a constant object's member, of a project module
 * held as a namespace.
 */
function moduleExportMember(object: Node, key: string, ctx: FileContext, steps: number): string | undefined {
  const inner = unwrapExpression(object);
  if (inner.type !== 'MemberExpression' || inner.object.type !== 'Identifier') return undefined;
  const exportName = propertyName(inner);
  const target = exportName === undefined ? undefined : namespaceModule(inner.object, ctx);
  if (!target || exportName === undefined) return undefined;
  const enumValue = enumMemberValue(exportName, key, target);
  if (enumValue !== undefined) return enumValue;
  const exported = ctx.modules.exportedNode(target, exportName);
  const value = exported ? declaredObject(exported.node) : undefined;
  if (!exported || value?.type !== 'ObjectExpression') return undefined;
  const property = value.properties.find(
    (candidate) => candidate.type === 'Property' && propertyName(candidate) === key,
  );
  return property?.type === 'Property' ? constantString(property.value, exported.ctx, steps + 1) : undefined;
}

/** The project module an identifier holds as a namespace: `import * as m`, or `const m = require('./m')`. */
function namespaceModule(identifier: TSESTree.Identifier, ctx: FileContext): FileContext | undefined {
  const binding = ctx.scopes.resolve(identifier);
  if (binding?.kind === 'import' && binding.importName === '*' && binding.importSource)
    return ctx.modules.resolveImport(ctx, binding.importSource);
  const init = binding?.kind === 'var' && binding.patternPath.length === 0 ? binding.init : undefined;
  const call = init ? unwrapExpression(init) : undefined;
  const source = call?.type === 'CallExpression' ? requiredModule(call, ctx.scopes) : undefined;
  return source !== undefined ? ctx.modules.resolveImport(ctx, source) : undefined;
}

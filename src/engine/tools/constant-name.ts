// The string a tool's name expression stands for when it is not a literal: a `const`, a member of a constant
// object or an enum, in this file or imported from a project file (`server.tool(ToolName.READ_FILE, …)`).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { importedExport } from '../analysis/resolve';

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
  if (inner.type === 'MemberExpression' && inner.object.type === 'Identifier') {
    const key = propertyName(inner);
    if (key === undefined) return undefined;
    const enumMember = enumMemberValue(inner.object.name, key, ctx);
    if (enumMember !== undefined) return enumMember;
    const target = heldValue(inner.object, ctx);
    const object = target ? unwrapExpression(target.node) : undefined;
    if (object?.type !== 'ObjectExpression' || !target) return undefined;
    const property = object.properties.find(
      (candidate) => candidate.type === 'Property' && propertyName(candidate) === key,
    );
    return property?.type === 'Property' ? constantString(property.value, target.ctx, steps + 1) : undefined;
  }
  return undefined;
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
  walk(ctx.ast, (node) => {
    const target =
      node.type === 'AssignmentExpression' ? node.left : node.type === 'UpdateExpression' ? node.argument : undefined;
    if (target?.type === 'Identifier') {
      const binding = ctx.scopes.resolve(target);
      if (binding) ids.add(binding.id);
    }
    return undefined;
  });
  reassignedByFile.set(ctx, found);
  return found;
}

/** `enum ToolName { READ = 'read_file' }` declared in this file. */
function enumMemberValue(enumName: string, key: string, ctx: FileContext): string | undefined {
  for (const statement of ctx.ast.body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'TSEnumDeclaration' || declaration.id.name !== enumName) continue;
    const member = declaration.body.members.find(
      (candidate: TSESTree.TSEnumMember) =>
        (candidate.id.type === 'Identifier' ? candidate.id.name : stringValue(candidate.id)) === key,
    );
    return member?.initializer ? stringValue(member.initializer) : undefined;
  }
  return undefined;
}

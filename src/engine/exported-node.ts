// What a module exports under a name: ESM declarations, export specifiers, re-exports followed a bounded number of
// modules deep, and CommonJS `exports.x = …` / `module.exports = { … }`.
import { propertyName, unwrapExpression, type Node } from './ast';
import type { FileContext } from './analysis/context';

/** What a module exports under `name`: ESM declarations, specifiers, re-exports, or CommonJS exports. */
export function exportedNode(
  ctx: FileContext,
  name: string,
  depth: number,
): { node: Node; ctx: FileContext } | undefined {
  if (depth > 5) return undefined;
  for (const statement of ctx.ast.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if (
        (declaration?.type === 'FunctionDeclaration' ||
          declaration?.type === 'ClassDeclaration' ||
          declaration?.type === 'TSInterfaceDeclaration') &&
        declaration.id?.name === name
      )
        return { node: declaration, ctx };
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init)
            return { node: declarator.init, ctx };
        }
      }
      for (const specifier of statement.specifiers) {
        const exported =
          specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
        if (exported !== name) continue;
        const local = specifier.local.type === 'Identifier' ? specifier.local.name : String(specifier.local.value);
        if (statement.source) {
          const target = ctx.modules.resolveImport(ctx, statement.source.value);
          return target ? exportedNode(target, local, depth + 1) : undefined;
        }
        return { node: specifier.local, ctx };
      }
    }
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default')
      return { node: statement.declaration, ctx };
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const target = ctx.modules.resolveImport(ctx, statement.source.value);
      const found = target ? exportedNode(target, name, depth + 1) : undefined;
      if (found) return found;
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      if (left.type !== 'MemberExpression') continue;
      const target = ctx.text.slice(left.range[0], left.range[1]);
      // tsc's CommonJS output declares every export first (`exports.a = exports.b = void 0`): not the value.
      const placeholder =
        right.type === 'AssignmentExpression' || (right.type === 'UnaryExpression' && right.operator === 'void');
      if ((target === `module.exports.${name}` || target === `exports.${name}`) && !placeholder)
        return { node: right, ctx };
      if (target === 'module.exports' && name === 'default' && right.type !== 'ObjectExpression')
        return { node: right, ctx };
      if (target === 'module.exports' && right.type === 'ObjectExpression') {
        for (const property of right.properties) {
          if (property.type === 'Property' && propertyName(property) === name)
            return { node: property.value as Node, ctx };
        }
      }
    }
  }
  return undefined;
}

/** `exports.x` or `module.exports.x` (a plain member, not computed): the CommonJS export's name, else undefined. */
export function commonJsExportName(node: Node): string | undefined {
  if (node.type !== 'MemberExpression' || node.computed) return undefined;
  const object = unwrapExpression(node.object);
  const isExports =
    (object.type === 'Identifier' && object.name === 'exports') ||
    (object.type === 'MemberExpression' &&
      !object.computed &&
      propertyName(object) === 'exports' &&
      object.object.type === 'Identifier' &&
      object.object.name === 'module');
  return isExports ? propertyName(node) : undefined;
}

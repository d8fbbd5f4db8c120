// Whether an input schema carries the tool's description itself (`z.object({…}).describe("…")`), so a tool object may omit its own `description`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { commonJsExportName } from '../../exported-node';

/** A schema is a constant or an export a few hops away at most; deeper chains are not declarations. */
const MAX_HOPS = 4;

/** True when the schema expression, or the constant or CommonJS export it names, ends in a description call. */
export function schemaCarriesDescription(node: Node, methods: readonly string[], ctx: FileContext, hops = 0): boolean {
  if (methods.length === 0 || hops > MAX_HOPS) return false;
  const inner = unwrapExpression(node);
  if (inner.type === 'CallExpression') {
    const callee = unwrapExpression(inner.callee);
    if (callee.type !== 'MemberExpression') return false;
    const name = propertyName(callee);
    // `.describe("…").optional()` still describes; only the outermost describing call is looked for.
    return name !== undefined && methods.includes(name) && inner.arguments.length > 0;
  }
  if (inner.type === 'Identifier') {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0)
      return false;
    return schemaCarriesDescription(binding.init, methods, ctx, hops + 1);
  }
  const assigned = inner.type === 'MemberExpression' ? commonJsExport(inner, ctx) : undefined;
  return assigned !== undefined && schemaCarriesDescription(assigned, methods, ctx, hops + 1);
}

/** `exports.Schema` in compiled CommonJS: the value of the file's top-level `exports.Schema = …`. */
function commonJsExport(member: TSESTree.MemberExpression, ctx: FileContext): Node | undefined {
  const name = propertyName(member);
  if (name === undefined || commonJsExportName(member) !== name) return undefined;
  for (const statement of ctx.ast.body) {
    if (statement.type !== 'ExpressionStatement') continue;
    const expression = statement.expression;
    if (expression.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
    const left = expression.left;
    // `exports.A = exports.B = void 0` only declares the names; the value is assigned later.
    if (expression.right.type === 'AssignmentExpression' || expression.right.type === 'UnaryExpression') continue;
    if (commonJsExportName(left) === name) return expression.right;
  }
  return undefined;
}

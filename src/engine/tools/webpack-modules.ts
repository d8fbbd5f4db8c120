// webpack's and rspack's module map (`var __webpack_modules__ = { "../node_modules/pkg/index.js": function(module,
// exports, __webpack_require__) { … }, … }`): each entry keyed by a path through node_modules holds that
// dependency's code, as a rolldown region or an esbuild header does (tools/vendored-regions.ts).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, unwrapExpression, type Node } from '../ast';

/** Statements read per level: the map is declared near the top of the bundle or of its one wrapper function. */
const MAX_STATEMENTS = 400;
/** Wrapper functions entered (`(() => { var __webpack_modules__ = … })()`): webpack's CommonJS output has one. */
const MAX_DEPTH = 2;
/** Entries read per map: a hostile file gets no more. */
const MAX_ENTRIES = 20_000;

/** A vendored entry's start and end offsets and its package ('' when the path names none). */
type Range = [number, number, string];

/**
 * The entries of the bundle's module maps whose key is a vendored path, in source order. `packageOf` answers
 * a path's package, or undefined when the path is the project's own.
 */
export function webpackModuleRanges(program: Node, packageOf: (path: string) => string | undefined): Range[] {
  if (program.type !== 'Program') return [];
  const out: Range[] = [];
  visitStatements(program.body, packageOf, out, 0);
  return out.sort((a, b) => a[0] - b[0]);
}

function visitStatements(
  statements: readonly TSESTree.Node[],
  packageOf: (path: string) => string | undefined,
  out: Range[],
  depth: number,
): void {
  for (const statement of statements.slice(0, MAX_STATEMENTS)) {
    if (statement.type === 'VariableDeclaration') {
      for (const declarator of statement.declarations)
        if (declarator.init) readMap(unwrapExpression(declarator.init as Node), packageOf, out);
      continue;
    }
    if (statement.type !== 'ExpressionStatement' || depth >= MAX_DEPTH) continue;
    const wrapper = wrapperBody(unwrapExpression(statement.expression as Node));
    if (wrapper) visitStatements(wrapper, packageOf, out, depth + 1);
  }
}

/** The statements of an immediately called function (`(() => { … })()`, `!function () { … }()`). */
function wrapperBody(expression: Node): readonly TSESTree.Node[] | undefined {
  const call = expression.type === 'UnaryExpression' ? unwrapExpression(expression.argument as Node) : expression;
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee as Node);
  if (!isFunction(callee) || callee.body.type !== 'BlockStatement') return undefined;
  return callee.body.body;
}

function readMap(value: Node, packageOf: (path: string) => string | undefined, out: Range[]): void {
  if (value.type !== 'ObjectExpression') return;
  for (const property of value.properties.slice(0, MAX_ENTRIES)) {
    if (property.type !== 'Property' || property.key.type !== 'Literal') continue;
    const key = property.key.value;
    if (typeof key !== 'string' || !isFunction(unwrapExpression(property.value as Node))) continue;
    const pkg = packageOf(key);
    if (pkg !== undefined) out.push([property.range[0], property.range[1], pkg]);
  }
}

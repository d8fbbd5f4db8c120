// Small AST helpers shared by every analysis step: children, ranges, static values, function shapes.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import type { Range } from './types';

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;
export type FunctionNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionExpression
  | TSESTree.FunctionDeclaration;

/** Children that hold no runtime behaviour: type annotations, type arguments and parameters. */
const TYPE_KEYS = new Set([
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
  'superTypeArguments',
  'implements',
]);
const runtimeKeys = new Map<string, readonly string[]>();

function childKeys(type: string, withTypes: boolean): readonly string[] {
  const all = visitorKeys[type] ?? [];
  if (withTypes) return all;
  let keys = runtimeKeys.get(type);
  if (!keys) {
    keys = all.filter((key) => !TYPE_KEYS.has(key));
    runtimeKeys.set(type, keys);
  }
  return keys;
}

/**
 * Calls `visit` for each child node in source order, skipping type annotations (they hold no runtime
 * behaviour) unless `withTypes`. The parser's own visitor keys say which properties are children.
 */
export function forEachChild(node: Node, visit: (child: Node) => void, withTypes = false): void {
  const record = node as unknown as Record<string, unknown>;
  for (const key of childKeys(node.type, withTypes)) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) visit(item);
    } else if (isNode(value)) {
      visit(value);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Depth-first, pre-order, iterative walk; `visit` returns false to skip a node's children. */
// biome-ignore lint/suspicious/noConfusingVoidType: visitors that return nothing mean "descend"; only `false` prunes.
export function walk(root: Node, visit: (node: Node) => boolean | void): void {
  if (root.type === 'Program') {
    const flat = flatProgram(root);
    if (flat) {
      walkFlat(flat, visit);
      return;
    }
  }
  walkTree(root, visit);
}

// biome-ignore lint/suspicious/noConfusingVoidType: as walk's.
function walkTree(root: Node, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (visit(node) === false) continue;
    // Children pushed last-first so they pop in source order; no per-node array or closure (every
    // analysis step walks the file, and this loop is most of a lint's time outside the interpreter).
    const record = node as unknown as Record<string, unknown>;
    const keys = childKeys(node.type, false);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = record[keys[k] as string];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i] as Node);
      } else if (isNode(value)) {
        stack.push(value);
      }
    }
  }
}

/**
 * A file's nodes in walk order, with the index just past each node's subtree (where a pruned walk resumes).
 * Why: a lint walks its file's whole tree a dozen times or more (recognition, file facts, class and `new`
 * indexes, callers of a helper, …); reading each node's child keys and testing each value again was a sixth of
 * the lint of a large file. Trees are never changed after parsing (parse.ts rewrites calls before any walk), so
 * the order, once taken, holds for the tree's lifetime.
 */
interface FlatTree {
  nodes: Node[];
  ends: Int32Array;
}

/** Programs walked once (a count) or more (their flat order); a tree walked only once is not worth the copy. */
const flatTrees = new WeakMap<TSESTree.Program, FlatTree | 1>();

function flatProgram(program: TSESTree.Program): FlatTree | undefined {
  const known = flatTrees.get(program);
  if (known === undefined) {
    flatTrees.set(program, 1);
    return undefined;
  }
  if (known !== 1) return known;
  const nodes: Node[] = [];
  const parents: number[] = [];
  // The same order as walkTree: pre-order, children in source order, type annotations left out.
  const stack: Node[] = [program];
  const stackParents: number[] = [-1];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const index = nodes.length;
    nodes.push(node);
    parents.push(stackParents.pop() as number);
    const record = node as unknown as Record<string, unknown>;
    const keys = childKeys(node.type, false);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = record[keys[k] as string];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          if (!isNode(value[i])) continue;
          stack.push(value[i] as Node);
          stackParents.push(index);
        }
      } else if (isNode(value)) {
        stack.push(value);
        stackParents.push(index);
      }
    }
  }
  // A subtree is contiguous in pre-order: it ends where its last child's subtree ends (children come later).
  const ends = new Int32Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    if ((ends[i] as number) === 0) ends[i] = i + 1;
    const parent = parents[i] as number;
    if (parent >= 0 && (ends[i] as number) > (ends[parent] as number)) ends[parent] = ends[i] as number;
  }
  const flat = { nodes, ends };
  flatTrees.set(program, flat);
  return flat;
}

// biome-ignore lint/suspicious/noConfusingVoidType: as walk's.
function walkFlat({ nodes, ends }: FlatTree, visit: (node: Node) => boolean | void): void {
  let i = 0;
  while (i < nodes.length) {
    if (visit(nodes[i] as Node) === false) i = ends[i] as number;
    else i++;
  }
}

export function isFunction(node: Node | null | undefined): node is FunctionNode {
  return (
    node !== null &&
    node !== undefined &&
    (node.type === 'ArrowFunctionExpression' ||
      node.type === 'FunctionExpression' ||
      node.type === 'FunctionDeclaration')
  );
}

export function rangeOf(node: Node): Range {
  return {
    start: { line: node.loc.start.line, column: node.loc.start.column, offset: node.range[0] },
    end: { line: node.loc.end.line, column: node.loc.end.column, offset: node.range[1] },
  };
}

export function unwrapExpression(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The name of a property key or member property when it is static. */
export function propertyName(
  node: TSESTree.Property | TSESTree.MethodDefinition | TSESTree.PropertyDefinition | TSESTree.MemberExpression,
): string | undefined {
  if (node.type === 'MemberExpression') {
    if (!node.computed && node.property.type === 'Identifier') return node.property.name;
    // `this.#writeFile(…)`: named as its declaration's key is (below), without the `#`.
    if (node.property.type === 'PrivateIdentifier') return node.property.name;
    return node.computed ? stringValue(node.property) : undefined;
  }
  if (!node.computed && node.key.type === 'Identifier') return node.key.name;
  if (node.key.type === 'PrivateIdentifier') return node.key.name;
  return stringValue(node.key);
}

/** A literal string or a template without expressions. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const inner = unwrapExpression(node);
  if (inner.type === 'Literal' && typeof inner.value === 'string') return inner.value;
  if (inner.type === 'TemplateLiteral' && inner.expressions.length === 0)
    return inner.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const property of object.properties) {
    if (property.type === 'Property' && propertyName(property) === name) return property;
  }
  return undefined;
}

/** `a.b.c` as text for messages; other shapes fall back to their source text. */
export function describe(node: Node, text: string): string {
  const inner = unwrapExpression(node);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'ThisExpression') return 'this';
  // `(0, m.helper)`: compiled CommonJS calls an import through a sequence; the function is its last expression.
  const last = inner.type === 'SequenceExpression' ? inner.expressions[inner.expressions.length - 1] : undefined;
  if (last) return describe(last, text);
  if (inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier') {
    return `${describe(inner.object, text)}.${inner.property.name}`;
  }
  const source = text.slice(inner.range[0], inner.range[1]).replace(/\s+/g, ' ');
  return source.length > 60 ? `${source.slice(0, 57)}...` : source;
}

/** The statement list of a function body (an expression body is one implicit return). */
export function enclosingFunction(node: Node): FunctionNode | undefined {
  let current: Node | undefined = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** `args || {}`, `args ?? {}`: the input with an empty default is still the input. */
export function withoutEmptyDefault(node: Node): Node {
  if (node.type === 'ConditionalExpression') return downlevelledDefault(node) ?? node;
  if (node.type !== 'LogicalExpression' || (node.operator !== '||' && node.operator !== '??')) return node;
  return isEmptyLiteral(node.right) ? unwrapExpression(node.left) : node;
}

function isEmptyLiteral(node: Node): boolean {
  const fallback = unwrapExpression(node);
  return (
    (fallback.type === 'ObjectExpression' && fallback.properties.length === 0) ||
    (fallback.type === 'ArrayExpression' && fallback.elements.length === 0)
  );
}

/** `x ?? {}` as compilers write it for older targets: `(_a = x) !== null && _a !== void 0 ? _a : {}` is `x`. */
function downlevelledDefault(node: TSESTree.ConditionalExpression): Node | undefined {
  const temp = unwrapExpression(node.consequent);
  const test = unwrapExpression(node.test);
  if (temp.type !== 'Identifier' || !isEmptyLiteral(node.alternate) || test.type !== 'LogicalExpression')
    return undefined;
  const first = unwrapExpression(test.left);
  const assigned = first.type === 'BinaryExpression' ? unwrapExpression(first.left as Node) : undefined;
  return assigned?.type === 'AssignmentExpression' &&
    assigned.left.type === 'Identifier' &&
    assigned.left.name === temp.name
    ? unwrapExpression(assigned.right)
    : undefined;
}

/** The literal `null` or the name `undefined`. */
export function isNullish(node: Node): boolean {
  const inner = unwrapExpression(node);
  return (
    (inner.type === 'Literal' && inner.value === null) || (inner.type === 'Identifier' && inner.name === 'undefined')
  );
}

// Parses the text a quick fix edits and finds the nodes it needs: the node at a finding, its ancestors, the imports.
import { parse as parseEstree, type TSESTree } from '@typescript-eslint/typescript-estree';

export type Node = TSESTree.Node;

/** A parsed file with parent links, kept separate from the AST so the parser's objects stay untouched. */
export interface Source {
  text: string;
  program: TSESTree.Program;
  parentOf: Map<Node, Node>;
}

/** An edit in offsets of the original text. */
export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

const JSX_FILE = /\.(tsx|jsx)$/i;

/** Parses `text`; undefined when it does not parse, in which case no structural fix is offered. */
export function parseSource(text: string, file: string): Source | undefined {
  const attempts = JSX_FILE.test(file) ? [true] : /\.(js|mjs|cjs)$/i.test(file) ? [false, true] : [false];
  for (const jsx of attempts) {
    try {
      const program = parseEstree(text, { range: true, loc: true, comment: true, jsx, errorOnUnknownASTType: false });
      return { text, program, parentOf: parentLinks(program) };
    } catch {
      // Try the next dialect; a file that parses in none gets no fix.
    }
  }
  return undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The node's children, in source order. */
export function childrenOf(node: Node): Node[] {
  const children: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children.sort((a, b) => a.range[0] - b.range[0]);
}

function parentLinks(program: TSESTree.Program): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  // Iterative, so deeply nested code cannot overflow the stack.
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    for (const child of childrenOf(node)) {
      parents.set(child, node);
      stack.push(child);
    }
  }
  return parents;
}

/** Every node, depth first. */
export function* walk(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    yield node;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
  }
}

/** The innermost node accepted by `accept` that covers [start, end). */
export function nodeCovering<T extends Node>(
  source: Source,
  start: number,
  end: number,
  accept: (node: Node) => node is T,
): T | undefined {
  let best: T | undefined;
  for (const node of walk(source.program)) {
    if (!accept(node) || node.range[0] > start || node.range[1] < end) continue;
    if (best === undefined || node.range[1] - node.range[0] <= best.range[1] - best.range[0]) best = node;
  }
  return best;
}

export function isCall(node: Node): node is TSESTree.CallExpression | TSESTree.NewExpression {
  return node.type === 'CallExpression' || node.type === 'NewExpression';
}

export function isObjectExpression(node: Node): node is TSESTree.ObjectExpression {
  return node.type === 'ObjectExpression';
}

export type ObjectProperty = Extract<TSESTree.ObjectLiteralElement, { type: 'Property' }>;

/** The plain (non-computed) property `name` of an object literal. */
export function propertyNamed(object: TSESTree.ObjectExpression, name: string): ObjectProperty | undefined {
  for (const property of object.properties) {
    if (property.type !== 'Property' || property.computed) continue;
    const key =
      property.key.type === 'Identifier'
        ? property.key.name
        : property.key.type === 'Literal'
          ? String(property.key.value)
          : undefined;
    if (key === name) return property;
  }
  return undefined;
}

export function ancestors(source: Source, node: Node): Node[] {
  const chain: Node[] = [];
  let current = source.parentOf.get(node);
  while (current !== undefined) {
    chain.push(current);
    current = source.parentOf.get(current);
  }
  return chain;
}

export function isFunction(node: Node): node is TSESTree.FunctionLike | TSESTree.ArrowFunctionExpression {
  return (
    node.type === 'FunctionDeclaration' ||
    node.type === 'FunctionExpression' ||
    node.type === 'ArrowFunctionExpression' ||
    node.type === 'TSDeclareFunction' ||
    node.type === 'TSEmptyBodyFunctionExpression'
  );
}

/** The whitespace that starts the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const match = /^[ \t]*/.exec(text.slice(lineStart));
  return match ? match[0] : '';
}

export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The line break the file already uses, so inserted lines do not mix styles. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** One indentation step as the file writes it (two spaces when it cannot tell). */
export function indentUnitOf(text: string): string {
  const match = /^(\t+|[ ]{2,8})\S/m.exec(text);
  if (match === null) return '  ';
  const lead = match[1] as string;
  return lead.startsWith('\t') ? '\t' : lead.length >= 4 && lead.length % 4 === 0 ? '    ' : '  ';
}

/** Names declared anywhere inside `root` (parameters, variables, functions, classes, imports). */
export function declaredNames(root: Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: Node | null | undefined): void => {
    if (!pattern) return;
    for (const node of walk(pattern)) if (node.type === 'Identifier') names.add(node.name);
  };
  for (const node of walk(root)) {
    switch (node.type) {
      case 'VariableDeclarator':
        addPattern(node.id);
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.id) names.add(node.id.name);
        for (const param of node.params) addPattern(param);
        break;
      case 'ClassDeclaration':
        if (node.id) names.add(node.id.name);
        break;
      case 'ImportSpecifier':
      case 'ImportDefaultSpecifier':
      case 'ImportNamespaceSpecifier':
        names.add(node.local.name);
        break;
      case 'CatchClause':
        addPattern(node.param);
        break;
      default:
        break;
    }
  }
  return names;
}

/** Applies non-overlapping edits to a text (used to preview fixes and by tests). */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}

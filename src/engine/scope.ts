// Lexical scopes of one file: which declaration an identifier refers to, computed once per file.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, walk, type FunctionNode, type Node } from './ast';

export type BindingKind = 'import' | 'param' | 'var' | 'function' | 'class' | 'catch';

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The declaring identifier. */
  id: TSESTree.Identifier;
  /** Property path inside a destructuring pattern: `const { a: { b } } = x` gives `b` the path [a, b]. */
  patternPath: string[];
  /** Variables: the declarator's initialiser (or the for-of iterable, marked by `isLoopElement`). */
  init?: TSESTree.Expression;
  isLoopElement?: boolean;
  declarationKind?: 'var' | 'let' | 'const' | 'using' | 'await using';
  /** Imports: the module and the imported name (`default`, `*` or a named export). */
  importSource?: string;
  importName?: string;
  /** Parameters: the function and the parameter's index. */
  fn?: FunctionNode;
  paramIndex?: number;
  /** Function and class declarations. */
  declaration?: TSESTree.FunctionDeclaration | TSESTree.ClassDeclaration;
}

type ScopeNode = Node;
/** Assignments to one variable read for what it holds; a variable assigned more often tells no single story. */
const MAX_ASSIGNED = 8;

export class ScopeIndex {
  private readonly scopes = new Map<ScopeNode, Map<string, Binding>>();
  private readonly resolved = new WeakMap<TSESTree.Identifier, Binding | null>();
  /** `name = value` (also `??=`, `||=`) to a plain variable, in source order; resolved on first use. */
  private readonly assignmentNodes: TSESTree.AssignmentExpression[] = [];
  private assignedByBinding?: Map<Binding, TSESTree.Expression[]>;

  constructor(program: TSESTree.Program) {
    walk(program, (node) => {
      this.collect(node);
    });
  }

  /** The binding an identifier reference resolves to, or undefined for globals and unknown names. */
  resolve(identifier: TSESTree.Identifier): Binding | undefined {
    const cached = this.resolved.get(identifier);
    if (cached !== undefined) return cached ?? undefined;
    let found: Binding | undefined;
    let current: Node | undefined = identifier;
    while (current && !found) {
      found = this.scopes.get(current)?.get(identifier.name);
      current = current.parent;
    }
    this.resolved.set(identifier, found ?? null);
    return found;
  }

  /**
   * The values assigned to a variable after its declaration (`_client = new Sdk()` in a lazy getter), at
   * most `MAX_ASSIGNED` of them; undefined when there are more (then no single story holds).
   */
  assignedValues(binding: Binding): readonly TSESTree.Expression[] | undefined {
    if (!this.assignedByBinding) {
      const index = new Map<Binding, TSESTree.Expression[]>();
      for (const node of this.assignmentNodes) {
        const target = this.resolve(node.left as TSESTree.Identifier);
        if (!target) continue;
        const list = index.get(target) ?? [];
        list.push(node.right);
        index.set(target, list);
      }
      this.assignedByBinding = index;
    }
    const values = this.assignedByBinding.get(binding) ?? [];
    return values.length > MAX_ASSIGNED ? undefined : values;
  }

  /** A binding declared directly in the program scope (module-level names). */
  moduleBinding(program: TSESTree.Program, name: string): Binding | undefined {
    return this.scopes.get(program)?.get(name);
  }

  private declare(scope: ScopeNode, binding: Binding): void {
    let table = this.scopes.get(scope);
    if (!table) {
      table = new Map();
      this.scopes.set(scope, table);
    }
    if (!table.has(binding.name)) table.set(binding.name, binding);
  }

  private collect(node: Node): void {
    switch (node.type) {
      case 'AssignmentExpression':
        if (node.left.type === 'Identifier' && ['=', '??=', '||='].includes(node.operator))
          this.assignmentNodes.push(node);
        break;
      case 'ImportDeclaration':
        for (const specifier of node.specifiers) {
          const importName =
            specifier.type === 'ImportDefaultSpecifier'
              ? 'default'
              : specifier.type === 'ImportNamespaceSpecifier'
                ? '*'
                : specifier.imported.type === 'Identifier'
                  ? specifier.imported.name
                  : String(specifier.imported.value);
          this.declare(programOf(node), {
            name: specifier.local.name,
            kind: 'import',
            id: specifier.local,
            patternPath: [],
            importSource: node.source.value,
            importName,
          });
        }
        break;
      case 'VariableDeclaration': {
        const scope = node.kind === 'var' ? functionScopeOf(node) : blockScopeOf(node);
        const loop = node.parent?.type === 'ForOfStatement' && node.parent.left === node ? node.parent : undefined;
        for (const declarator of node.declarations) {
          for (const [id, path] of patternBindings(declarator.id)) {
            const binding: Binding = { name: id.name, kind: 'var', id, patternPath: path, declarationKind: node.kind };
            if (loop) {
              binding.init = loop.right;
              binding.isLoopElement = true;
            } else if (declarator.init) {
              binding.init = declarator.init;
            }
            this.declare(loop ?? scope, binding);
          }
        }
        break;
      }
      case 'FunctionDeclaration':
        if (node.id)
          this.declare(blockScopeOf(node), {
            name: node.id.name,
            kind: 'function',
            id: node.id,
            patternPath: [],
            declaration: node,
          });
        this.declareParams(node);
        break;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        if (node.type === 'FunctionExpression' && node.id) {
          this.declare(node, { name: node.id.name, kind: 'function', id: node.id, patternPath: [] });
        }
        this.declareParams(node);
        break;
      case 'ClassDeclaration':
        if (node.id)
          this.declare(blockScopeOf(node), {
            name: node.id.name,
            kind: 'class',
            id: node.id,
            patternPath: [],
            declaration: node,
          });
        break;
      case 'CatchClause':
        if (node.param) {
          for (const [id, path] of patternBindings(node.param))
            this.declare(node, { name: id.name, kind: 'catch', id, patternPath: path });
        }
        break;
      default:
        break;
    }
  }

  private declareParams(fn: FunctionNode): void {
    fn.params.forEach((param, index) => {
      const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
      for (const [id, path] of patternBindings(pattern)) {
        this.declare(fn, { name: id.name, kind: 'param', id, patternPath: path, fn, paramIndex: index });
      }
    });
  }
}

/** Every identifier a pattern declares, with its property path. */
export function patternBindings(pattern: Node): Array<[TSESTree.Identifier, string[]]> {
  const out: Array<[TSESTree.Identifier, string[]]> = [];
  const stack: Array<[Node, string[]]> = [[pattern, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [Node, string[]];
    switch (node.type) {
      case 'Identifier':
        out.push([node, path]);
        break;
      case 'AssignmentPattern':
        stack.push([node.left, path]);
        break;
      case 'RestElement':
        stack.push([node.argument, path]);
        break;
      case 'ArrayPattern':
        node.elements.forEach((element, index) => {
          if (element) stack.push([element, [...path, String(index)]]);
        });
        break;
      case 'ObjectPattern':
        for (const property of node.properties) {
          if (property.type === 'RestElement') {
            stack.push([property.argument, path]);
          } else {
            const key = property.computed
              ? undefined
              : property.key.type === 'Identifier'
                ? property.key.name
                : property.key.type === 'Literal'
                  ? String(property.key.value)
                  : undefined;
            stack.push([property.value, [...path, key ?? '*']]);
          }
        }
        break;
      default:
        break;
    }
  }
  return out;
}

function programOf(node: Node): Node {
  let current: Node = node;
  while (current.parent) current = current.parent;
  return current;
}

function functionScopeOf(node: Node): Node {
  let current = node.parent;
  while (current) {
    if (isFunction(current) || current.type === 'Program' || current.type === 'StaticBlock') return current;
    current = current.parent;
  }
  return node;
}

function blockScopeOf(node: Node): Node {
  let current = node.parent;
  while (current) {
    switch (current.type) {
      case 'BlockStatement':
        // A function body's block shares the function's scope so parameters and locals meet.
        return isFunction(current.parent) ? current.parent : current;
      case 'Program':
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement':
      case 'SwitchStatement':
      case 'StaticBlock':
        return current;
      default:
        if (isFunction(current)) return current;
    }
    current = current.parent;
  }
  return node;
}

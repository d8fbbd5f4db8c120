// Where a class says what its fields hold (declarations, parameter properties, constructor assignments, the
// `Object.defineProperty(this, …)` compilers emit, what it assigns to `this.a.b`), and the class a node sits in.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, isNullish, propertyName, stringValue, unwrapExpression, walk, type Node } from './ast';

/**
 * Where a class says what its field `name` holds, in source order: a field declaration (type and
 * initialiser), a constructor parameter property (type), the constructor's `this.name = value`.
 */
export function fieldSources(
  classBody: TSESTree.ClassBody,
  name: string,
): Array<{ type?: TSESTree.TypeNode | undefined; value?: Node | undefined }> {
  const out: Array<{ type?: TSESTree.TypeNode | undefined; value?: Node | undefined }> = [];
  for (const member of classBody.body) {
    if (member.type === 'PropertyDefinition' && propertyName(member) === name)
      out.push({ type: member.typeAnnotation?.typeAnnotation, value: member.value ?? undefined });
    if (member.type !== 'MethodDefinition' || member.kind !== 'constructor') continue;
    for (const param of member.value.params) {
      if (
        param.type === 'TSParameterProperty' &&
        param.parameter.type === 'Identifier' &&
        param.parameter.name === name
      )
        out.push({ type: param.parameter.typeAnnotation?.typeAnnotation });
    }
    for (const statement of member.value.body?.body ?? []) {
      if (
        statement.type === 'ExpressionStatement' &&
        statement.expression.type === 'AssignmentExpression' &&
        statement.expression.left.type === 'MemberExpression' &&
        statement.expression.left.object.type === 'ThisExpression' &&
        propertyName(statement.expression.left) === name
      ) {
        out.push({ value: statement.expression.right });
      }
      const defined =
        statement.type === 'ExpressionStatement' ? definedFieldValue(statement.expression, name) : undefined;
      if (defined) out.push({ value: defined });
    }
  }
  return out;
}

/**
 * `Object.defineProperty(this, "name", { …, value: "read_file" })`: a class field as compilers emit it
 * for older targets. A placeholder (`value: void 0`, assigned later) says nothing.
 */
function definedFieldValue(expression: Node, name: string): Node | undefined {
  if (expression.type !== 'CallExpression' || expression.arguments.length < 3) return undefined;
  const callee = unwrapExpression(expression.callee);
  if (
    callee.type !== 'MemberExpression' ||
    propertyName(callee) !== 'defineProperty' ||
    callee.object.type !== 'Identifier' ||
    callee.object.name !== 'Object'
  )
    return undefined;
  const [target, key, descriptor] = expression.arguments;
  if (target?.type !== 'ThisExpression' || stringValue(key) !== name || descriptor?.type !== 'ObjectExpression')
    return undefined;
  const value = findProperty(descriptor, 'value')?.value as Node | undefined;
  if (!value || (value.type === 'UnaryExpression' && value.operator === 'void')) return undefined;
  return value;
}

/** Methods and statements read for a field set up lazily: a service class has a few dozen of each. */
const MAX_LAZY_METHODS = 64;
const MAX_LAZY_STATEMENTS = 64;

/**
 * `async initialize() { this.client = new Client(…) }`: the values a method other than the constructor assigns
 * to the field at its top level or one block down (an `if`'s), in source order.
 */
export function methodAssignments(classBody: TSESTree.ClassBody, name: string): Node[] {
  const out: Node[] = [];
  const methods = classBody.body.filter(
    (member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'method',
  );
  for (const method of methods.slice(0, MAX_LAZY_METHODS)) {
    const statements: Node[] = [...(method.value.body?.body ?? [])].slice(0, MAX_LAZY_STATEMENTS);
    for (const statement of [...statements]) {
      if (statement.type === 'IfStatement' && statement.consequent.type === 'BlockStatement')
        statements.push(...statement.consequent.body.slice(0, MAX_LAZY_STATEMENTS));
    }
    for (const statement of statements) {
      const assigned = statement.type === 'ExpressionStatement' ? unwrapExpression(statement.expression) : undefined;
      if (
        assigned?.type === 'AssignmentExpression' &&
        assigned.operator === '=' &&
        assigned.left.type === 'MemberExpression' &&
        assigned.left.object.type === 'ThisExpression' &&
        propertyName(assigned.left) === name &&
        !isNullish(assigned.right)
      )
        out.push(assigned.right);
    }
  }
  return out;
}

/** The class whose body `node` sits in (a node in a class's heritage clause or decorators belongs to the outer one). */
export function enclosingClass(node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  let current = node.parent;
  while (current) {
    if (current.type === 'ClassBody') {
      const owner = current.parent;
      return owner?.type === 'ClassDeclaration' || owner?.type === 'ClassExpression' ? owner : undefined;
    }
    current = current.parent;
  }
  return undefined;
}

export function enclosingClassBody(node: Node): TSESTree.ClassBody | undefined {
  return enclosingClass(node)?.body;
}

/** Members of `this` this deep at most (`this.context.clients.storage`). */
const MAX_THIS_PATH = 4;

/** `this.a.b` as `a.b` (plain names only, two at least), or undefined. */
export function thisPath(node: Node): string | undefined {
  const path = thisMembers(node);
  return path?.includes('.') ? path : undefined;
}

/** `this.a` as `a`, `this.a.b` as `a.b` (plain names only), or undefined. */
export function thisMembers(node: Node): string | undefined {
  const names: string[] = [];
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression' && names.length <= MAX_THIS_PATH) {
    const name = propertyName(current);
    if (name === undefined || current.computed) return undefined;
    names.unshift(name);
    current = unwrapExpression(current.object);
  }
  return current.type === 'ThisExpression' && names.length > 0 ? names.join('.') : undefined;
}

/** Per class body: what it assigns to each `this.a.b` path, in source order. */
const pathAssignments = new WeakMap<TSESTree.ClassBody, Map<string, Node[]>>();

/**
 * The values a class assigns to `this.a` and `this.a.b` paths (`this.context.storage = new Storage()`, also in a
 * callback: `configs.forEach((c) => { this.current = new Client(c) })`), by path: one walk per class, not one
 * per lookup (a generated server's class holds every tool's handler).
 */
export function assignedPaths(body: TSESTree.ClassBody): Map<string, Node[]> {
  const cached = pathAssignments.get(body);
  if (cached) return cached;
  const index = new Map<string, Node[]>();
  walk(body, (candidate) => {
    if (candidate.type !== 'AssignmentExpression' || candidate.operator !== '=') return true;
    const path = thisMembers(candidate.left);
    if (path === undefined) return true;
    const values = index.get(path);
    if (values) values.push(candidate.right);
    else index.set(path, [candidate.right]);
    return true;
  });
  pathAssignments.set(body, index);
  return index;
}

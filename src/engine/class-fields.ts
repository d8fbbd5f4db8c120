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

/** Methods and statements read for a field set up lazily: a service class has a few dozen of each. */
const MAX_LAZY_METHODS = 64;
const MAX_LAZY_STATEMENTS = 64;
/** Nodes of a class read for assignments to a named receiver's member (`Factory.instance = …`), and values kept. */
const MAX_MEMBER_SCAN = 600;
const MAX_MEMBER_VALUES = 4;

/** What a class assigns to its members, answered from one index per class body (see `classAssignments`). */
interface ClassAssignments {
  /** Classes its fields are constructed from (`x = new C()` initialisers, `this.x = new C()` anywhere), by field. */
  readonly constructed: ReadonlyMap<string, Node[]>;
  /** Values assigned to `this.a` and `this.a.b` paths (`=` only), by path. */
  readonly paths: ReadonlyMap<string, Node[]>;
  /** Values a method other than the constructor assigns to `this.x` at its top level or in an `if`'s block. */
  readonly lazy: ReadonlyMap<string, Node[]>;
  /** Assignments to a member of any receiver among the class's first MAX_MEMBER_SCAN nodes, by member name. */
  readonly members: ReadonlyMap<string, Array<{ object: Node; value: Node }>>;
}

/** Per class body; dies with its tree. */
const assignmentIndexes = new WeakMap<TSESTree.ClassBody, ClassAssignments>();

/**
 * One walk of the class and one pass over its methods answer every question about what it assigns to its
 * members, however many are asked: a generated server's class holds every tool's handler, and walking it
 * for each `this.x` lookup made its lint quadratic (a 700 KB class took 10 s). Paths include single names
 * and assignments in callbacks (`configs.forEach((c) => { this.current = new Client(c) })`).
 */
function classAssignments(body: TSESTree.ClassBody): ClassAssignments {
  const cached = assignmentIndexes.get(body);
  if (cached) return cached;
  const constructed = new Map<string, Node[]>();
  const paths = new Map<string, Node[]>();
  const members = new Map<string, Array<{ object: Node; value: Node }>>();
  let visited = 0;
  walk(body, (node) => {
    visited++;
    if (node.type === 'PropertyDefinition' && node.value?.type === 'NewExpression')
      addTo(constructed, propertyName(node), node.value.callee);
    if (node.type !== 'AssignmentExpression') return true;
    const left = node.left;
    if (left.type === 'MemberExpression') {
      if (left.object.type === 'ThisExpression' && node.right.type === 'NewExpression')
        addTo(constructed, propertyName(left), node.right.callee);
      if (visited <= MAX_MEMBER_SCAN)
        addTo(members, propertyName(left), { object: unwrapExpression(left.object), value: node.right });
    }
    if (node.operator === '=') addTo(paths, thisMembers(left), node.right);
    return true;
  });
  const index: ClassAssignments = { constructed, paths, lazy: lazyAssignments(body), members };
  assignmentIndexes.set(body, index);
  return index;
}

function addTo<T>(index: Map<string, T[]>, key: string | undefined, value: T): void {
  if (key === undefined) return;
  const values = index.get(key);
  if (values) values.push(value);
  else index.set(key, [value]);
}

/** What methods other than the constructor assign to fields, in the order `methodAssignments` reads them. */
function lazyAssignments(body: TSESTree.ClassBody): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const methods = body.body.filter(
    (member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && member.kind === 'method',
  );
  for (const method of methods.slice(0, MAX_LAZY_METHODS)) {
    for (const statement of lazyStatements(method.value.body?.body ?? [])) {
      const assigned = statement.type === 'ExpressionStatement' ? unwrapExpression(statement.expression) : undefined;
      if (
        assigned?.type === 'AssignmentExpression' &&
        assigned.operator === '=' &&
        assigned.left.type === 'MemberExpression' &&
        assigned.left.object.type === 'ThisExpression' &&
        !isNullish(assigned.right)
      )
        addTo(out, propertyName(assigned.left), assigned.right);
    }
  }
  return out;
}

/**
 * A method's statements at its top level and up to two blocks down: an `if`'s, a `try`'s, a bare block's
 * (`try { const saved = await read(); if (saved.token) { this.client = new Client(…) } } catch …`).
 */
function lazyStatements(top: readonly Node[]): Node[] {
  const out: Node[] = [];
  let level: Node[] = top.slice(0, MAX_LAZY_STATEMENTS);
  for (let depth = 0; depth <= MAX_LAZY_DEPTH && level.length > 0; depth++) {
    out.push(...level);
    const next: Node[] = [];
    for (const statement of level) {
      const blocks =
        statement.type === 'IfStatement'
          ? [statement.consequent]
          : statement.type === 'TryStatement'
            ? [statement.block]
            : statement.type === 'BlockStatement'
              ? [statement]
              : [];
      for (const block of blocks)
        if (block.type === 'BlockStatement') next.push(...block.body.slice(0, MAX_LAZY_STATEMENTS));
    }
    level = next;
  }
  return out;
}

/** Blocks a lazy initialisation nests its assignment in: `try { if (saved) { this.client = … } }`. */
const MAX_LAZY_DEPTH = 2;

/**
 * `async initialize() { this.client = new Client(…) }`: the values a method other than the constructor assigns
 * to the field at its top level or up to two blocks down (an `if`'s, a `try`'s), in source order.
 */
export function methodAssignments(classBody: TSESTree.ClassBody, name: string): Node[] {
  return classAssignments(classBody).lazy.get(name) ?? [];
}

/**
 * The values a class assigns to `this.a` and `this.a.b` paths (`this.context.storage = new Storage()`), by path.
 */
export function assignedPaths(body: TSESTree.ClassBody): ReadonlyMap<string, Node[]> {
  return classAssignments(body).paths;
}

/** The classes a class's fields are constructed from (an initialiser's or a `this.x = new C()`'s callee), by field. */
export function constructedFields(body: TSESTree.ClassBody): ReadonlyMap<string, Node[]> {
  return classAssignments(body).constructed;
}

/**
 * `Factory.instance = new Factory()` anywhere in the class (its methods included): the first values assigned
 * to `<object>.<name>` where `isObject` says which receivers count, among the class's first nodes.
 */
export function classMemberValues(body: TSESTree.ClassBody, name: string, isObject: (object: Node) => boolean): Node[] {
  const values: Node[] = [];
  for (const assignment of classAssignments(body).members.get(name) ?? []) {
    if (values.length >= MAX_MEMBER_VALUES) break;
    if (isObject(assignment.object)) values.push(assignment.value);
  }
  return values;
}

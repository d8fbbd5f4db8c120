// What a tool class's positional `super('read_file', 'Read a file', schema)` arguments become on the instance:
// each project base constructor is read for the parameter it stores (`this.name = name`), hands up in a
// declaration object (`super({ name, description, parameters })`) or hands up by position again, through at
// most four project classes, so a coding agent's `class ReadFileTool extends FsTool extends BaseTool` is
// read like a class that sets its fields itself.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { resolveClass, type ResolvedClass } from '../../analysis/resolve';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** Project base classes followed (`ReadFileTool → FsTool → BaseTool`), as the class forms do. */
const MAX_LEVELS = 4;

/** Statements read per constructor: enough for any real one, and a bound on hostile ones. */
const MAX_STATEMENTS = 200;

/**
 * The instance members the arguments of `node`'s positional `super(…)` call set, by member name, each the
 * argument expression the class wrote (or a constant a base class wrote in its own `super(…)` call).
 * Members a base sets from something other than a parameter are left out: they name no tool of this class.
 */
export function positionalSuperMembers(
  node: ClassNode,
  call: TSESTree.CallExpression,
  ctx: FileContext,
): Map<string, Node> {
  const members = new Map<string, Node>();
  const args = call.arguments.map((argument) => (argument.type === 'SpreadElement' ? undefined : argument));
  if (args.every((argument) => argument === undefined)) return members;
  let base = node.superClass ? resolveClass(node.superClass, ctx) : undefined;
  let values: (Node | undefined)[] = args;
  for (let level = 0; base && level < MAX_LEVELS; level++) {
    const next = readConstructor(base, values, members);
    if (!next) break;
    values = next;
    base = base.node.superClass ? resolveClass(base.node.superClass, base.ctx) : undefined;
  }
  return members;
}

/**
 * Records what `cls`'s constructor stores from its parameters (bound to `values`), and returns the values
 * it hands its own base by position, or undefined when it hands nothing on.
 */
function readConstructor(
  cls: ResolvedClass,
  values: readonly (Node | undefined)[],
  members: Map<string, Node>,
): (Node | undefined)[] | undefined {
  const init = cls.node.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === 'MethodDefinition' && member.kind === 'constructor',
  );
  if (!init) return undefined;
  const params = new Map<string, Node>();
  init.value.params.forEach((param, index) => {
    const value = values[index];
    if (!value) return;
    // `constructor(public name: string, …)`: a TypeScript parameter property is a stored field too.
    if (param.type === 'TSParameterProperty') {
      const inner = param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
      if (inner.type === 'Identifier') {
        params.set(inner.name, value);
        setOnce(members, inner.name, value);
      }
      return;
    }
    const inner = param.type === 'AssignmentPattern' ? param.left : param;
    if (inner.type === 'Identifier') params.set(inner.name, value);
  });
  if (params.size === 0) return undefined;
  let handedUp: (Node | undefined)[] | undefined;
  for (const statement of init.value.body?.body.slice(0, MAX_STATEMENTS) ?? []) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : undefined;
    if (expression?.type === 'CallExpression' && expression.callee.type === 'Super') {
      handedUp = [];
      for (const argument of expression.arguments) {
        if (argument.type === 'SpreadElement') {
          handedUp.push(undefined);
          continue;
        }
        const inner = unwrapExpression(argument);
        if (inner.type === 'ObjectExpression') storeDeclared(inner, params, members);
        handedUp.push(boundValue(inner, params) ?? constantArgument(inner));
      }
      continue;
    }
    if (expression?.type !== 'AssignmentExpression' || expression.operator !== '=') continue;
    const target = expression.left;
    if (target.type !== 'MemberExpression' || target.object.type !== 'ThisExpression') continue;
    const key = propertyName(target);
    const value = boundValue(expression.right, params);
    if (key !== undefined && value) setOnce(members, key, value);
  }
  return handedUp?.some((value) => value !== undefined) ? handedUp : undefined;
}

/** `super({ name, description: desc, parameters })` in a base: each member a parameter fills. */
function storeDeclared(
  object: TSESTree.ObjectExpression,
  params: ReadonlyMap<string, Node>,
  members: Map<string, Node>,
): void {
  for (const property of object.properties.slice(0, MAX_STATEMENTS)) {
    if (property.type !== 'Property') continue;
    const key = propertyName(property);
    const value = boundValue(property.value as Node, params);
    if (key !== undefined && value) setOnce(members, key, value);
  }
}

/** The argument a parameter stands for, also behind a default (`name ?? 'tool'`, `description || ''`). */
function boundValue(node: Node, params: ReadonlyMap<string, Node>): Node | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'Identifier') return params.get(inner.name);
  if (inner.type === 'LogicalExpression' && inner.left.type === 'Identifier') return params.get(inner.left.name);
  return undefined;
}

/** A literal a base hands its own base (`super(name, 'fixed description', schema)`): it holds on every subclass. */
function constantArgument(node: Node): Node | undefined {
  return node.type === 'Literal' || node.type === 'TemplateLiteral' ? node : undefined;
}

/** The nearest class wins: a value a subclass stored is not replaced by what its base does with it again. */
function setOnce(members: Map<string, Node>, key: string, value: Node): void {
  if (!members.has(key)) members.set(key, value);
}

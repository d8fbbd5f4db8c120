// Tool classes that build an invocation object from the model's arguments (`createInvocation(params)` returns
// `new ReadInvocation(this.config, params)`) and leave the effect to a method of that object (`execute()`): the
// effect runs there, with the model's input in the field the invocation's constructor stores it in.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, walk, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { methodOf, resolveClass, type ResolvedClass } from '../../analysis/resolve';
import { enclosingClass } from '../../class-fields';
import type { ToolForm } from '../../catalog/load';
import type { ToolHandler } from '../types';

type InvocationForm = Pick<ToolForm, 'invocation' | 'invocationField' | 'validate'>;

/** Returns read in the factory method; classes climbed from the invocation to the constructor that stores the input. */
const MAX_RETURNS = 4;
const MAX_CLASS_LEVELS = 4;
const MAX_WALK = 2_000;

/**
 * The handlers a factory handler stands for: for each `new Invocation(…, input, …)` it returns, that class's
 * `method`, reading the input as `this.<field>`. The factory itself when it returns no such object.
 */
export function invocationHandlers(factory: ToolHandler, form: InvocationForm): ToolHandler[] {
  const { invocation: method, invocationField, validate } = form;
  if (!method) return [factory];
  const param = factory.inputIndex === undefined ? undefined : factory.fn.params[factory.inputIndex];
  const name = param?.type === 'Identifier' ? param.name : undefined;
  if (!param || !name) return [factory];
  const toolClass = enclosingClass(factory.fn);
  const check = toolClass && validate ? methodOf({ node: toolClass, ctx: factory.ctx }, validate) : undefined;
  const out: ToolHandler[] = [];
  for (const built of returnedConstructions(factory)) {
    const index = built.arguments.findIndex(
      (argument) => argument.type === 'Identifier' && argument.name === name && isParam(argument, param, factory.ctx),
    );
    const cls = index < 0 ? undefined : resolveClass(built.callee, factory.ctx);
    // A base class of the framework's (not the project's) stores the arguments where the form says it does.
    const field = cls ? (storedField(cls, index, 0) ?? invocationField) : undefined;
    const run = cls && field ? methodOf(cls, method) : undefined;
    if (!run || !field) continue;
    out.push({
      fn: run.fn,
      ctx: run.ctx,
      inputIndex: undefined,
      inputPath: [],
      input: { field, param, ...(check ? { validate: check } : {}) },
      ...(run.ctx !== factory.ctx ? { reference: built } : {}),
    });
  }
  return out.length > 0 ? out : [factory];
}

/** `return new X(…)` in the factory's own body (not in functions nested in it). */
function returnedConstructions(factory: ToolHandler): TSESTree.NewExpression[] {
  const body = factory.fn.body;
  const found: TSESTree.NewExpression[] = [];
  const consider = (node: Node | null | undefined): void => {
    const inner = node ? unwrapExpression(node) : undefined;
    if (inner?.type === 'NewExpression' && found.length < MAX_RETURNS) found.push(inner);
  };
  if (body.type !== 'BlockStatement') {
    consider(body);
    return found;
  }
  let visited = 0;
  walk(body, (node) => {
    if (++visited > MAX_WALK || found.length >= MAX_RETURNS) return false;
    if (node !== body && isFunctionLike(node)) return false;
    if (node.type === 'ReturnStatement') consider(node.argument);
    return true;
  });
  return found;
}

/** Functions and classes nested in the factory return their own values, not the factory's. */
function isFunctionLike(node: Node): boolean {
  return isFunction(node) || node.type === 'ClassDeclaration' || node.type === 'ClassExpression';
}

function isParam(argument: TSESTree.Identifier, param: TSESTree.Parameter, ctx: FileContext): boolean {
  const binding = ctx.scopes.resolve(argument);
  return binding === undefined || binding.id === param;
}

/**
 * The field a class's constructor stores its `index`-th argument in: `this.params = params`, a parameter
 * property, or handed on to the base class (`super(params)`), whose constructor stores it. A class without a
 * constructor hands its arguments to its base as they are.
 */
function storedField(cls: ResolvedClass, index: number, level: number): string | undefined {
  if (level > MAX_CLASS_LEVELS) return undefined;
  const init = cls.node.body.body.find(
    (member): member is TSESTree.MethodDefinition =>
      member.type === 'MethodDefinition' && member.kind === 'constructor',
  );
  const base = (): ResolvedClass | undefined =>
    cls.node.superClass ? resolveClass(cls.node.superClass, cls.ctx) : undefined;
  if (!init) {
    const parent = base();
    return parent ? storedField(parent, index, level + 1) : undefined;
  }
  const param = init.value.params[index];
  if (param?.type === 'TSParameterProperty')
    return param.parameter.type === 'Identifier' ? param.parameter.name : undefined;
  if (param?.type !== 'Identifier') return undefined;
  for (const statement of init.value.body?.body ?? []) {
    const expression = statement.type === 'ExpressionStatement' ? unwrapExpression(statement.expression) : undefined;
    if (expression?.type === 'AssignmentExpression' && expression.operator === '=') {
      const target = expression.left;
      const value = unwrapExpression(expression.right);
      if (
        target.type === 'MemberExpression' &&
        target.object.type === 'ThisExpression' &&
        value.type === 'Identifier' &&
        value.name === param.name
      )
        return propertyName(target);
    }
    if (expression?.type === 'CallExpression' && expression.callee.type === 'Super') {
      const handed = expression.arguments.findIndex(
        (argument) => argument.type === 'Identifier' && argument.name === param.name,
      );
      const parent = handed < 0 ? undefined : base();
      const field = parent ? storedField(parent, handed, level + 1) : undefined;
      if (field) return field;
    }
  }
  return undefined;
}

// Sees through compiled forwarders: a function whose whole body hands its call to another (`_ref.apply(this,
// arguments)`), so a compiled tool's handler is analysed where its body really is.
import { propertyName, unwrapExpression, type FunctionNode, type Node } from '../ast';
import { resolveFunction, type ResolvedFunction } from './resolve';

/** The function that runs when `found` is called: itself, or the one it forwards its whole call to. */
export function throughForwarder(found: ResolvedFunction): ResolvedFunction {
  return forwardedFunction(found, 0) ?? found;
}

/**
 * The function a forwarder hands its call to: compiled async code (Babel's `asyncToGenerator` with
 * regenerator) makes a handler `function (_x) { return _ref.apply(this, arguments); }` around the real
 * body, `_ref = _asyncToGenerator(_regenerator().m(function _callee(input) { … }))`; the body is the function.
 * A hoisted named one assigns itself first: `function _f() { _f = _asyncToGenerator(…); return _f.apply(this, arguments); }`.
 */
export function forwardedFunction(found: ResolvedFunction, depth: number): ResolvedFunction | undefined {
  const body = found.fn.body;
  if (body?.type !== 'BlockStatement' || body.body.length === 0 || body.body.length > 2) return undefined;
  const last = body.body[body.body.length - 1];
  if (last?.type !== 'ReturnStatement' || last.argument?.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(last.argument.callee);
  const [self, rest] = last.argument.arguments;
  const forwardsAll =
    callee.type === 'MemberExpression' &&
    propertyName(callee) === 'apply' &&
    self?.type === 'ThisExpression' &&
    rest?.type === 'Identifier' &&
    rest.name === 'arguments';
  if (!forwardsAll || callee.type !== 'MemberExpression') return undefined;
  const forwardee = unwrapExpression(callee.object);
  let source: Node = forwardee;
  if (body.body.length === 2) {
    const first = body.body[0];
    const assignment = first?.type === 'ExpressionStatement' ? first.expression : undefined;
    const assignsForwardee =
      assignment?.type === 'AssignmentExpression' &&
      assignment.operator === '=' &&
      assignment.left.type === 'Identifier' &&
      forwardee.type === 'Identifier' &&
      assignment.left.name === forwardee.name;
    if (!assignsForwardee || assignment?.type !== 'AssignmentExpression') return undefined;
    source = assignment.right;
  }
  const target = resolveFunction(source, found.ctx, depth + 1);
  return target && target.fn !== found.fn ? target : undefined;
}

/**
 * How many parameters a function really takes when tsc wrote its async body as
 * `return __awaiter(this, arguments, void 0, function* (maxCount = 10, directory) {…})` (a function with
 * default parameters declares fewer, or none): the generator's, else its own.
 */
export function forwardedArity(fn: FunctionNode): number {
  const body = fn.body;
  const only = body?.type === 'BlockStatement' && body.body.length === 1 ? body.body[0] : undefined;
  const call = only?.type === 'ReturnStatement' ? only.argument : undefined;
  if (call?.type !== 'CallExpression') return fn.params.length;
  const forwards = call.arguments.some((argument) => argument.type === 'Identifier' && argument.name === 'arguments');
  const last = call.arguments[call.arguments.length - 1];
  const generator = last?.type === 'FunctionExpression' && last.generator ? last : undefined;
  return forwards && generator ? Math.max(fn.params.length, generator.params.length) : fn.params.length;
}

// A tool class's own check of the model's arguments, run by its base class before the handler exists
// (`validateToolParamValues(params)` returns an error message to reject them, null to accept): what holds on
// each argument wherever the check accepts holds for that argument in the handler.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { FunctionInterpreter, type FunctionSummary } from '../analysis/interpret';
import { bindingKey } from '../analysis/guards/keys';
import { readKey } from '../analysis/interpret/state';
import type { Bound, Value } from '../analysis/value';

/** Members of a check's result object that say whether it accepts. */
const STATUS_KEYS = new Set(['valid', 'isValid', 'ok', 'allowed', 'isAllowed', 'success']);
const GUARD_BOUNDS: readonly Bound[] = ['allowlist', 'host', 'path', 'segment', 'amount'];
/** Members of the arguments looked at, and nodes read to find them. */
const MAX_MEMBERS = 16;
const MAX_WALK = 5_000;

/**
 * The bounds each member of the input holds on every return that accepts it (`return null`, a bare `return`,
 * falling off the end does not count: a check that rejects by returning a message always says so).
 */
export function validatedBounds(
  check: { fn: FunctionNode; ctx: FileContext },
  input: Value,
  summaries: WeakMap<FunctionNode, FunctionSummary>,
): Map<string, Bound[]> {
  const out = new Map<string, Bound[]>();
  const param = check.fn.params[0];
  if (!param) return out;
  const members = memberKeys(check, param);
  if (members.size === 0) return out;
  const run = new FunctionInterpreter(check.ctx, check.fn, {
    params: new Map([[0, input]]),
    inProgress: new Set(),
    depth: 0,
    summaries,
  });
  run.run();
  const accepting = run.returns.filter((entry) => entry.node !== undefined && accepts(entry.node));
  if (accepting.length === 0) return out;
  for (const [member, keys] of members) {
    const bounds = GUARD_BOUNDS.filter((bound) =>
      accepting.every((entry) => keys.some((key) => readKey(key, entry.state)?.bounds.has(bound) === true)),
    );
    if (bounds.length > 0) out.set(member, bounds);
  }
  return out;
}

/**
 * `return null`, `return undefined`, `return;`: the check accepts the arguments; so does a result object whose
 * status member says so (`return { valid: true }`), the form a registry tests before it runs the handler.
 */
function accepts(node: TSESTree.ReturnStatement): boolean {
  const argument = node.argument ? unwrapExpression(node.argument) : undefined;
  return (
    argument === undefined ||
    (argument.type === 'Literal' && argument.value === null) ||
    (argument.type === 'Identifier' && argument.name === 'undefined') ||
    acceptingResult(argument)
  );
}

/** `{ valid: true }`, `{ ok: true, value }`: a result object whose status member is literally true. */
function acceptingResult(node: Node): boolean {
  if (node.type !== 'ObjectExpression') return false;
  return node.properties.some((property) => {
    if (property.type !== 'Property' || property.computed) return false;
    const key = property.key.type === 'Identifier' ? property.key.name : undefined;
    const value = unwrapExpression(property.value as Node);
    return key !== undefined && STATUS_KEYS.has(key) && value.type === 'Literal' && value.value === true;
  });
}

/**
 * Each member of the arguments the check reads, with the environment keys that hold it: `args.path`, and the
 * constant a destructuring (`const { path } = args`, or of the parameter itself) binds it to.
 */
function memberKeys(check: { fn: FunctionNode; ctx: FileContext }, param: TSESTree.Parameter): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (member: string, key: string): void => {
    if (out.size >= MAX_MEMBERS && !out.has(member)) return;
    out.set(member, [...(out.get(member) ?? []), key]);
  };
  const destructured = (pattern: TSESTree.ObjectPattern): void => {
    for (const property of pattern.properties) {
      if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
      const local = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      const binding = local.type === 'Identifier' ? check.ctx.scopes.resolve(local) : undefined;
      if (binding) add(property.key.name, bindingKey(binding));
    }
  };
  if (param.type === 'ObjectPattern') {
    destructured(param);
    return out;
  }
  if (param.type !== 'Identifier') return out;
  const binding = check.ctx.scopes.resolve(param);
  if (!binding) return out;
  const key = bindingKey(binding);
  for (const member of readMembers(check.fn, param.name)) add(member, `${key}.${member}`);
  let visited = 0;
  walk(check.fn.body as Node, (node) => {
    if (++visited > MAX_WALK) return false;
    if (
      node.type === 'VariableDeclarator' &&
      node.id.type === 'ObjectPattern' &&
      node.init?.type === 'Identifier' &&
      check.ctx.scopes.resolve(node.init) === binding
    )
      destructured(node.id);
    return true;
  });
  return out;
}

/** `params.file_path`: the members of the arguments the check reads. */
function readMembers(fn: FunctionNode, name: string): string[] {
  const found = new Set<string>();
  let visited = 0;
  walk(fn.body as Node, (node) => {
    if (++visited > MAX_WALK || found.size >= MAX_MEMBERS) return false;
    if (
      node.type === 'MemberExpression' &&
      !node.computed &&
      node.object.type === 'Identifier' &&
      node.object.name === name &&
      node.property.type === 'Identifier'
    )
      found.add(node.property.name);
    return true;
  });
  return [...found];
}

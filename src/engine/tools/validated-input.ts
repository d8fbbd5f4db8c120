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
  const binding = param?.type === 'Identifier' ? check.ctx.scopes.resolve(param) : undefined;
  if (!param || !binding) return out;
  const members = param.type === 'Identifier' ? readMembers(check.fn, param.name) : [];
  if (members.length === 0) return out;
  const run = new FunctionInterpreter(check.ctx, check.fn, {
    params: new Map([[0, input]]),
    inProgress: new Set(),
    depth: 0,
    summaries,
  });
  run.run();
  const accepting = run.returns.filter((entry) => entry.node !== undefined && accepts(entry.node));
  if (accepting.length === 0) return out;
  const key = bindingKey(binding);
  for (const member of members) {
    const bounds = GUARD_BOUNDS.filter((bound) =>
      accepting.every((entry) => readKey(`${key}.${member}`, entry.state)?.bounds.has(bound) === true),
    );
    if (bounds.length > 0) out.set(member, bounds);
  }
  return out;
}

/** `return null`, `return undefined`, `return;`: the check accepts the arguments. */
function accepts(node: TSESTree.ReturnStatement): boolean {
  const argument = node.argument ? unwrapExpression(node.argument) : undefined;
  return (
    argument === undefined ||
    (argument.type === 'Literal' && argument.value === null) ||
    (argument.type === 'Identifier' && argument.name === 'undefined')
  );
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

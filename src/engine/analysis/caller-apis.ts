// What package client an untyped parameter holds, from what its callers pass: `addContactTools(server, resend)`
// called by the entry file with `new Resend(key)` makes `resend.contacts.remove(…)` that package's call, so its
// catalog rows and write verbs apply in compiled JavaScript, where no annotation says so.
import { unwrapExpression, type FunctionNode, type Node } from '../ast';
import { GLOBAL, LOCAL, UNTYPED, type ApiRef } from '../api';
import type { Binding } from '../scope';
import { callerArguments } from './caller-arguments';
import type { FileContext } from './context';
import { localCallers } from './local-callers';
import { resolveFunction } from './resolve';

/** Parameters followed up through callers at once: a chain of handing-on functions longer than this is not typed. */
const MAX_OPEN = 4;
const open = new Set<Binding>();
const known = new WeakMap<Binding, ApiRef | null>();

/**
 * The package value every caller passes for parameter `binding` (same file or, for an exported function,
 * the package's other files), when all agree on one package; undefined otherwise.
 */
export function callerPassedApi(binding: Binding, ctx: FileContext): ApiRef | undefined {
  const cached = known.get(binding);
  if (cached !== undefined) return cached ?? undefined;
  if (open.has(binding) || open.size >= MAX_OPEN || !binding.fn || binding.paramIndex === undefined) return undefined;
  open.add(binding);
  let found: ApiRef | undefined;
  try {
    found = agreed(passedValues(binding, binding.fn, binding.paramIndex, ctx));
  } finally {
    open.delete(binding);
  }
  known.set(binding, found ?? null);
  return found;
}

function passedValues(binding: Binding, fn: FunctionNode, index: number, ctx: FileContext): Array<ApiRef | undefined> {
  const out: Array<ApiRef | undefined> = [];
  for (const call of localCallers(fn, ctx) ?? []) {
    const argument = call.arguments[index];
    out.push(argument && argument.type !== 'SpreadElement' ? ctx.api.resolve(argument) : undefined);
  }
  // The linted file may be parsed apart from the copy a caller's import loads: compare by place, not node.
  const isCallOf = (callee: Node, at: FileContext, target: FunctionNode) => {
    const resolved = resolveFunction(unwrapExpression(callee), at);
    return resolved?.ctx.file === ctx.file && resolved.fn.range[0] === target.range[0];
  };
  for (const passed of callerArguments(binding, ctx, isCallOf)) out.push(passed.ctx.api.resolve(passed.node));
  return out;
}

/** One package value all callers pass: a client it built (`new Client()`, `createClient()`), never the project's own. */
function agreed(values: Array<ApiRef | undefined>): ApiRef | undefined {
  const [first] = values;
  if (!first || [GLOBAL, LOCAL, UNTYPED].includes(first.module)) return undefined;
  if (!first.tokens.some((token) => token.kind === 'Instance' || token.kind === 'ReturnValue')) return undefined;
  const key = JSON.stringify(first);
  return values.every((value) => value !== undefined && JSON.stringify(value) === key) ? first : undefined;
}

// What package client an untyped parameter holds, from what its callers pass: `addContactTools(server, resend)`
// called by the entry file with `new Resend(key)` makes `resend.contacts.remove(…)` that package's call, so its
// catalog rows and write verbs apply in compiled JavaScript, where no annotation says so.
import { unwrapExpression } from '../ast';
import { GLOBAL, LOCAL, UNTYPED, type ApiRef } from '../api';
import type { Binding } from '../scope';
import { passedArguments } from './caller-arguments';
import type { FileContext } from './context';
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
    found = agreed(passedValues(binding, ctx));
  } finally {
    open.delete(binding);
  }
  known.set(binding, found ?? null);
  return found;
}

function passedValues(binding: Binding, ctx: FileContext): Array<ApiRef | undefined> {
  const { passed, complete } = passedArguments(binding, ctx, (callee, at) =>
    resolveFunction(unwrapExpression(callee), at),
  );
  const values: Array<ApiRef | undefined> = passed.map((argument) => argument.ctx.api.resolve(argument.node));
  // A call in the file that passes nothing there holds no client: the callers do not agree.
  return complete ? values : [...values, undefined];
}

/** One package value all callers pass: a client it built (`new Client()`, `createClient()`), never the project's own. */
function agreed(values: Array<ApiRef | undefined>): ApiRef | undefined {
  const [first] = values;
  if (!first || [GLOBAL, LOCAL, UNTYPED].includes(first.module)) return undefined;
  if (!first.tokens.some((token) => token.kind === 'Instance' || token.kind === 'ReturnValue')) return undefined;
  const key = JSON.stringify(first);
  return values.every((value) => value !== undefined && JSON.stringify(value) === key) ? first : undefined;
}

// Which env keys an expression names (`args.url` → `b12.url`, plus the keys a variable aliases), shared by
// every guard shape; and the `Facts` a condition yields.
import { propertyName, unwrapExpression, type Node } from '../../ast';
import { matchesPath, type ApiRef } from '../../api';
import type { Catalogs } from '../../catalog/load';
import type { Binding } from '../../scope';
import { scratchCopy, type Evaluator, type State } from '../evaluator';
import type { Fact } from '../value';

export interface Facts {
  facts: Fact[];
  approved: boolean;
}

export const NONE: Facts = { facts: [], approved: false };
const MAX_KEY_DEPTH = 24;
/** Conversions that keep the value a guard looked at (for a URL's host, a path, or an amount). */
const SAME_VALUE_FUNCTIONS = new Set([
  'URL',
  'String',
  'Number',
  'BigInt',
  'parseInt',
  'parseFloat',
  'parseEther',
  'parseUnits',
  'toWei',
  'decodeURIComponent',
  // Arbitrary-precision numbers chain code keeps amounts in: `new BigNumber(amount).gt(MAX)` checks the amount.
  'BigNumber',
  'BN',
  'Big',
  'Decimal',
]);
const SAME_VALUE_METHODS = new Set([
  'trim',
  'toLowerCase',
  'toUpperCase',
  'toString',
  'normalize',
  'toNumber',
  'valueOf',
]);

export function bindingKey(binding: Binding): string {
  return `b${binding.id.range[0]}`;
}

/**
 * The env keys an expression reads: `args.url` → [`b12.url`], plus the keys a variable aliases
 * (`const u = new URL(args.url)` makes `u` alias `b12.url`).
 */
export function keysOf(node: Node, interpreter: Evaluator, state: State | undefined, depth = 0): string[] {
  // A guard names a value a few members deep; a generated 10,000-link chain must not cost quadratic time.
  if (depth > MAX_KEY_DEPTH) return [];
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case 'Identifier': {
      const binding = interpreter.ctx.scopes.resolve(inner);
      if (!binding) return [];
      const key = bindingKey(binding);
      const aliases = state?.env.get(key)?.keys ?? [];
      return [key, ...aliases];
    }
    case 'MemberExpression': {
      const name = propertyName(inner);
      if (name === undefined) return [];
      return keysOf(inner.object, interpreter, state, depth + 1).map((key) => `${key}.${name}`);
    }
    case 'AwaitExpression':
      return keysOf(inner.argument, interpreter, state, depth + 1);
    case 'NewExpression':
    case 'CallExpression': {
      const callee = unwrapExpression(inner.callee);
      const first = inner.arguments[0];
      // Module functions first: `path.normalize(x)` is the path module's, not a string's `normalize`.
      const ref = interpreter.ctx.api.resolve(callee);
      const moduleKeys =
        ref && first ? moduleSameValue(ref, inner.arguments.length, interpreter.ctx.catalogs.common) : false;
      if (moduleKeys && first) return keysOf(first, interpreter, state, depth + 1);
      // new URL(x), String(x), BigInt(x) and x.trim() are the same value for a guard's purposes.
      if (callee.type === 'Identifier' && SAME_VALUE_FUNCTIONS.has(callee.name) && first)
        return keysOf(first, interpreter, state, depth + 1);
      if (callee.type === 'MemberExpression') {
        const method = propertyName(callee) ?? '';
        if (SAME_VALUE_METHODS.has(method)) return keysOf(callee.object, interpreter, state, depth + 1);
        if (SAME_VALUE_FUNCTIONS.has(method) && first) return keysOf(first, interpreter, state, depth + 1);
      }
      return [];
    }
    default:
      return [];
  }
}

/**
 * Whether a module function returns the same file as its only argument: `path.resolve(x)` and
 * `path.normalize(x)` name the file x names, and `realpath(x)` is its canonical name, so a containment
 * check on the result bounds x.
 */
function moduleSameValue(ref: ApiRef, argumentCount: number, common: Catalogs['common']): boolean {
  const last = ref.tokens[ref.tokens.length - 1];
  if (
    argumentCount === 1 &&
    last?.kind === 'Member' &&
    ['resolve', 'normalize'].includes(last.name) &&
    common.pathModules.includes(ref.module)
  )
    return true;
  return common.realpathFunctions.some((entry) => matchesPath(ref, entry.modules, entry.path));
}

/** Evaluating a guard's operands must not change the state it guards. */
export function cloneEnv(state: State): State {
  return scratchCopy(state);
}

/** The text of a value built only from constants, or undefined. */
export function constantText(value: { parts?: Array<{ kind: string; text?: string }> }): string | undefined {
  if (!value.parts || value.parts.some((part) => part.kind !== 'const')) return undefined;
  return value.parts.map((part) => part.text ?? '').join('');
}

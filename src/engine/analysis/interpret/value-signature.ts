// The exact text of the values a specialised summary was analysed with, so that after an edit an editor's
// re-lint reuses the summary only when a caller passes the very same values again (the slot's key is coarser:
// within one lint it shares a summary between calls whose values differ in what the key leaves out).
import type { Value } from '../value';

/** Past this much text or nesting a signature is not worth its cost: the summary is analysed again instead. */
const MAX_SIGNATURE_CHARS = 20_000;
const MAX_DEPTH = 16;

/**
 * The values' signature, or undefined when they cannot be compared across lints: a value that holds a tree
 * node (a callback, the place of the tool's input) names the caller's tree, which every edit replaces.
 */
export function valuesSignature(...groups: (ReadonlyMap<number | string, Value> | undefined)[]): string | undefined {
  const out: string[] = [];
  const budget = { chars: MAX_SIGNATURE_CHARS };
  for (const group of groups) {
    if (!write(group, out, budget, 0)) return undefined;
    out.push('#');
  }
  return out.join('');
}

/** Appends `x`'s text; false when it holds a node or a function, or is too large or deep. */
function write(x: unknown, out: string[], budget: { chars: number }, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  if (typeof x === 'string') return push(JSON.stringify(x), out, budget);
  if (typeof x !== 'object' || x === null) return typeof x !== 'function' && push(String(x), out, budget);
  const record = x as Record<string, unknown>;
  // A tree node (ESTree nodes carry a type and a range) or the tool input's origin, which points at one.
  if ('range' in record && 'type' in record) return false;
  if ((record['kind'] === 'input' || record['kind'] === 'param') && 'display' in record) {
    if (record['kind'] === 'input') return false;
    // Derived origins build their strings lazily: compare what they stand for, not what was read of them.
    const origin = record as { index: number; display: string; path: readonly string[] };
    return push(`p(${origin.index}:${origin.display}:${origin.path.join('.')})`, out, budget);
  }
  const entries: Iterable<[unknown, unknown]> =
    x instanceof Map
      ? x.entries()
      : x instanceof Set
        ? [...x].map((element) => [element, true] as [unknown, unknown])
        : Array.isArray(x)
          ? x.entries()
          : Object.entries(record);
  if (!push(x instanceof Map ? 'M{' : x instanceof Set ? 'S{' : Array.isArray(x) ? '[' : '{', out, budget))
    return false;
  for (const [key, value] of entries) {
    if (!write(key, out, budget, depth + 1) || !push(':', out, budget) || !write(value, out, budget, depth + 1))
      return false;
    if (!push(',', out, budget)) return false;
  }
  return push('}', out, budget);
}

function push(text: string, out: string[], budget: { chars: number }): boolean {
  budget.chars -= text.length;
  if (budget.chars < 0) return false;
  out.push(text);
  return true;
}

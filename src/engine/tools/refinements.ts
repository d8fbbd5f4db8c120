// Checks written into the schema (`file: z.string().refine(isInsideRoot)`, `.transform(toContainedPath)`): the
// validator runs them before the handler, so what the check establishes on its argument where it passes holds
// for that input field in the handler.
import { propertyName, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import type { FunctionSummary } from '../analysis/interpret';
import { resolveFunction } from '../analysis/resolve';
import type { Bound } from '../analysis/value';
import type { RecognisedTool } from './types';

/** Schema methods whose callback decides whether the input is accepted (refine) or what the handler gets (transform). */
const CHECKING = new Set(['refine', 'transform']);
const MAX_CHAIN = 12;
const MAX_FIELDS = 16;
const GUARD_BOUNDS: readonly Bound[] = ['allowlist', 'host', 'path', 'segment'];

interface Refinement {
  callback: Node;
  ctx: FileContext;
  kind: 'refine' | 'transform';
}

const refinements = new WeakMap<RecognisedTool, Map<string, Refinement[]>>();

/** Records the refine and transform callbacks on the fields of a schema part. */
export function collectRefinements(definition: Node, tool: RecognisedTool, ctx: FileContext): void {
  walk(definition, (node) => {
    if (node.type !== 'Property') return true;
    const name = propertyName(node);
    if (name === undefined) return true;
    for (const found of chainChecks(node.value as Node)) {
      const fields = refinements.get(tool) ?? new Map<string, Refinement[]>();
      if (fields.size >= MAX_FIELDS && !fields.has(name)) break;
      fields.set(name, [...(fields.get(name) ?? []), { ...found, ctx }]);
      refinements.set(tool, fields);
    }
    return true;
  });
}

/** The bounds each refined field holds in the handler, from its callbacks' summaries. */
export function refinedBounds(
  tool: RecognisedTool,
  summarise: (fn: FunctionNode, ctx: FileContext) => FunctionSummary | undefined,
): Map<string, Bound[]> {
  const out = new Map<string, Bound[]>();
  for (const [field, list] of refinements.get(tool) ?? []) {
    const bounds = new Set<Bound>();
    for (const { callback, ctx, kind } of list) {
      const resolved = resolveFunction(callback, ctx);
      const summary = resolved ? summarise(resolved.fn, resolved.ctx) : undefined;
      if (!summary) continue;
      const facts = kind === 'refine' ? [...summary.predicateFacts, ...summary.exitFacts] : summary.exitFacts;
      for (const fact of facts)
        if (fact.index === 0 && fact.path === '' && GUARD_BOUNDS.includes(fact.bound)) bounds.add(fact.bound);
      // A transform hands on what it returns: a contained path it built is bounded itself.
      if (kind === 'transform')
        for (const bound of summary.returnValue.bounds) if (GUARD_BOUNDS.includes(bound)) bounds.add(bound);
    }
    if (bounds.size > 0) out.set(field, [...bounds]);
  }
  return out;
}

/** `z.string().min(1).refine(check, 'msg')`: the callbacks of checking calls along a schema's call chain. */
function chainChecks(node: Node): Array<{ callback: Node; kind: 'refine' | 'transform' }> {
  const out: Array<{ callback: Node; kind: 'refine' | 'transform' }> = [];
  let current = unwrapExpression(node);
  for (let i = 0; i < MAX_CHAIN && current.type === 'CallExpression'; i++) {
    const callee = unwrapExpression(current.callee);
    if (callee.type !== 'MemberExpression') break;
    const method = propertyName(callee) ?? '';
    const first = current.arguments[0];
    if (CHECKING.has(method) && first && first.type !== 'SpreadElement')
      out.push({ callback: first, kind: method as 'refine' | 'transform' });
    current = unwrapExpression(callee.object);
  }
  return out;
}

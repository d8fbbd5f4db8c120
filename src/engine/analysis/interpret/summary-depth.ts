// How deep a helper summary's analysis went, so that a cached summary is reused only where analysing the helper
// again would give the same summary: a lint's findings must not depend on which earlier lint (or caller) computed
// it. Helpers are analysed at most MAX_SUMMARY_DEPTH calls below a tool's handler; a summary whose nested helpers
// all ran (it reached `extent` levels below itself) is the same at any depth from which those levels still run,
// while one the limit cut short is what that one depth gives and is kept for it alone.
import type { FunctionNode } from '../../ast';
import type { FunctionSummary } from './types';

export const MAX_SUMMARY_DEPTH = 5;

interface Reach {
  /** The call depth the summary was analysed at. */
  depth: number;
  /** Levels of nested summaries below it (0: it needed none). */
  extent: number;
  /** The depth limit stopped a nested summary: the summary holds only at `depth`. */
  cut: boolean;
}

/** Per summary in progress (innermost last; the analysis is synchronous): the deepest summary call under it, and cuts. */
interface Frame {
  depth: number;
  deepest: number;
  cut: boolean;
}

const frames: Frame[] = [];
const reaches = new WeakMap<FunctionSummary, Reach>();
/**
 * Per summary cache: symbolic summaries the depth limit cut, by function and depth (at most MAX_SUMMARY_DEPTH each),
 * for one lint only (`forgetCut`): kept for a whole scan they grew its peak memory by half, and analysing one again
 * gives the same summary.
 */
const cutCaches = new WeakMap<object, WeakMap<FunctionNode, Map<number, FunctionSummary>>>();

/** A new lint begins with the summary cache `owner`: its summaries the depth limit cut are dropped. */
export function forgetCut(owner: object): void {
  cutCaches.delete(owner);
}

/** A summary call at `depth` that the depth limit stops (or that hits a helper already in progress). */
export function stopped(depth: number): void {
  const frame = frames[frames.length - 1];
  if (!frame) return;
  frame.deepest = Math.max(frame.deepest, depth);
  if (depth >= MAX_SUMMARY_DEPTH) frame.cut = true;
}

/** A cached summary was reused at `depth`: what it reached counts for the summary being computed. */
export function reached(summary: FunctionSummary, depth: number): void {
  const frame = frames[frames.length - 1];
  const reach = reaches.get(summary);
  if (!frame || !reach) return;
  frame.deepest = Math.max(frame.deepest, depth + reach.extent);
  if (reach.cut) frame.cut = true;
}

/** Runs one summary's analysis at `depth`, recording how deep it went on the summary it returns. */
export function measuring(depth: number, run: () => FunctionSummary): FunctionSummary {
  const frame: Frame = { depth, deepest: depth, cut: false };
  frames.push(frame);
  let summary: FunctionSummary | undefined;
  try {
    summary = run();
    return summary;
  } finally {
    frames.pop();
    const outer = frames[frames.length - 1];
    if (outer) {
      outer.deepest = Math.max(outer.deepest, frame.deepest);
      if (frame.cut) outer.cut = true;
    }
    if (summary) reaches.set(summary, { depth, extent: frame.deepest - depth, cut: frame.cut });
  }
}

/** Whether analysing the summary's helper again at `depth` would give the same summary (as far as depth goes). */
export function holdsAt(summary: FunctionSummary | undefined, depth: number): summary is FunctionSummary {
  const reach = summary && reaches.get(summary);
  if (!reach) return false;
  return reach.cut ? reach.depth === depth : depth + reach.extent < MAX_SUMMARY_DEPTH;
}

/** The cached symbolic summary of `fn` that holds at `depth`, if any. */
export function cachedAt(
  owner: WeakMap<FunctionNode, FunctionSummary>,
  fn: FunctionNode,
  depth: number,
): FunctionSummary | undefined {
  const whole = owner.get(fn);
  if (holdsAt(whole, depth)) return whole;
  const cut = cutCaches.get(owner)?.get(fn)?.get(depth);
  return holdsAt(cut, depth) ? cut : undefined;
}

/** Caches a symbolic summary just computed: one the limit did not cut for every depth it holds at, else for its own. */
export function keep(owner: WeakMap<FunctionNode, FunctionSummary>, fn: FunctionNode, summary: FunctionSummary): void {
  const reach = reaches.get(summary);
  if (!reach) return;
  if (!reach.cut) {
    owner.set(fn, summary);
    return;
  }
  let byFunction = cutCaches.get(owner);
  if (!byFunction) {
    byFunction = new WeakMap();
    cutCaches.set(owner, byFunction);
  }
  let byDepth = byFunction.get(fn);
  if (!byDepth) {
    byDepth = new Map();
    byFunction.set(fn, byDepth);
  }
  byDepth.set(reach.depth, summary);
}

/** Whether two summaries hold at the same depths (both uncut, or cut at the same depth). */
export function sameReach(a: FunctionSummary, b: FunctionSummary): boolean {
  const one = reaches.get(a);
  const other = reaches.get(b);
  return one !== undefined && other !== undefined && one.cut === other.cut && (!one.cut || one.depth === other.depth);
}

/** Among a specialisation's cached summaries, the one that holds at `depth`. */
export function holdingAt(summaries: readonly FunctionSummary[], depth: number): FunctionSummary | undefined {
  return summaries.find((summary) => holdsAt(summary, depth));
}

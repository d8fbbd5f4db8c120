// Abstract interpretation of one function: follows model input through statements in order, applies
// guards on the paths they dominate, and records every catalog sink the function reaches. The work is
// done by the modules in interpret/; this class holds one analysis's records and ties them together.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionNode, Node } from '../ast';
import type { FileContext } from './context';
import type { State } from './evaluator';
import { evaluate, readIdentifier } from './interpret/expressions';
import { bindParams, runBody } from './interpret/statements';
import { EvaluationMemo } from './interpret/memo';
import { buildSummary } from './interpret/summaries';
import type { AnalysisOptions, FunctionSummary, Interpreter, ReturnRecord } from './interpret/types';
import {
  branchDecidingArguments,
  fixedKey,
  specialisedSlot,
  symbolicParam,
  type SlotFamily,
} from './interpret/specialise';
import { collecting, cutShort, dependOn, remember, reusableAt, reuse, stillValid } from './summary-deps';
import { forwardedArity } from './forwarders';
import { valuesSignature } from './interpret/value-signature';
import { fieldsKey } from './interpret/constructed-fields';
import { hasFieldSymbols } from './interpret/instance-fields';
import type { SinkHit } from './sinks';
import type { Fact, Value } from './value';

export type { AnalysisOptions, FunctionSummary, ParamFact } from './interpret/types';

const MAX_SUMMARY_DEPTH = 5;

export class FunctionInterpreter implements Interpreter {
  readonly hits: SinkHit[] = [];
  readonly audits: string[] = [];
  readonly approvals: string[] = [];
  /** Conditions that bounded a value, as written, for the inventory. */
  readonly guards: string[] = [];
  readonly returns: ReturnRecord[] = [];
  readonly breakStack: State[][] = [];
  readonly branchFacts: Fact[][] = [];
  readonly memo = new EvaluationMemo();
  nested = 0;
  readonly inlining = new Set<FunctionNode>();
  readonly resolved = new Map<string, Value>();

  constructor(
    readonly ctx: FileContext,
    readonly fn: FunctionNode,
    readonly options: AnalysisOptions,
  ) {}

  run(): State | undefined {
    const state: State = { env: new Map(this.options.closure ?? []), approved: this.options.approved ?? false };
    bindParams(this, this.fn, this.options.params, state);
    return runBody(this, this.fn, state);
  }

  evaluate(node: Node, state: State): Value {
    return evaluate(this, node, state);
  }

  readIdentifier(node: TSESTree.Identifier, state: State): Value {
    return readIdentifier(this, node, state);
  }

  summarise(
    fn: FunctionNode,
    ctx: FileContext,
    fixed?: ReadonlyMap<number, Value>,
    thisFields?: ReadonlyMap<string, Value>,
  ): FunctionSummary | undefined {
    return fixed ? summariseWith(fn, ctx, this.options, fixed, thisFields) : summarise(fn, ctx, this.options);
  }
}

/** A helper analysed with the caller's values for the parameters the model does not control (`safeJoin(ROOT, p)`). */
function summariseWith(
  fn: FunctionNode,
  ctx: FileContext,
  options: AnalysisOptions,
  fixed: ReadonlyMap<number, Value>,
  thisFields?: ReadonlyMap<string, Value>,
): FunctionSummary | undefined {
  const own = specialised(fn, ctx, options, fixed, thisFields, 'shape');
  if (own !== SLOTS_FULL) return own;
  // Past the helper's shapes, a summary keyed only on the arguments that decide its branches (a request helper's
  // method), so a GET caller does not inherit the helper's PUT branch; the symbolic summary when none decides.
  const deciding = branchDecidingArguments(fn, fixed);
  const narrowed = deciding ? specialised(fn, ctx, options, deciding, thisFields, 'branch') : SLOTS_FULL;
  if (narrowed !== SLOTS_FULL) return narrowed;
  // Past those, the instance's field symbols alone: a client built with the model's base URL keeps it.
  const fields = hasFieldSymbols(thisFields)
    ? specialised(fn, ctx, options, new Map(), thisFields, 'fields')
    : SLOTS_FULL;
  return fields === SLOTS_FULL ? summarise(fn, ctx, options) : fields;
}

/** The helper's shapes of one family are all used: the caller falls back to a coarser summary. */
const SLOTS_FULL = Symbol('slots full');

/** The summary analysed with these values, from its slot of the family or analysed now and kept there. */
function specialised(
  fn: FunctionNode,
  ctx: FileContext,
  options: AnalysisOptions,
  fixed: ReadonlyMap<number, Value>,
  thisFields: ReadonlyMap<string, Value> | undefined,
  family: SlotFamily,
): FunctionSummary | undefined | typeof SLOTS_FULL {
  const prefix = family === 'branch' ? 'b:' : family === 'fields' ? 'f:' : '';
  const slot = specialisedSlot(options.summaries, fn, `${prefix}${fixedKey(fixed)}#${fieldsKey(thisFields)}`, family);
  // Compared only for a summary analysed before the latest edit (an editor's re-lint).
  const signature = (): string | undefined => valuesSignature(fixed, thisFields);
  const known = slot.get(signature);
  if (known && stillValid(options.summaries, known) && reusableAt(known, options.depth, MAX_SUMMARY_DEPTH)) {
    reuse(known);
    return known;
  }
  if (!known && slot.has()) return summarise(fn, ctx, options);
  if (!known && slot.full) return SLOTS_FULL;
  const summary = summarise(fn, ctx, options, fixed, thisFields);
  // Not cached while recursion or depth stopped it: a shallower call may still analyse it.
  if (summary) slot.set(summary, signature());
  return summary ?? summarise(fn, ctx, options);
}

/** Analyses a helper once with symbolic parameters (or some fixed by the caller); cached per function node. */
export function summarise(
  fn: FunctionNode,
  ctx: FileContext,
  options: AnalysisOptions,
  fixed?: ReadonlyMap<number, Value>,
  thisFields?: ReadonlyMap<string, Value>,
): FunctionSummary | undefined {
  const cached = fixed ? undefined : options.summaries.get(fn);
  // A summary an edit since may have changed (summary-deps.ts) is analysed again and replaced.
  if (cached && stillValid(options.summaries, cached) && reusableAt(cached, options.depth, MAX_SUMMARY_DEPTH)) {
    reuse(cached);
    return cached;
  }
  if (options.inProgress.has(fn) || options.depth >= MAX_SUMMARY_DEPTH) {
    cutShort(options.inProgress.has(fn) ? fn : undefined);
    return undefined;
  }
  options.inProgress.add(fn);
  try {
    const built = collecting(() => {
      dependOn(path.resolve(ctx.file));
      return analyseHelper(fn, ctx, options, fixed, thisFields);
    }, fn);
    const summary = built.value;
    remember(options.summaries, summary, built);
    if (!fixed) options.summaries.set(fn, summary);
    return summary;
  } finally {
    options.inProgress.delete(fn);
  }
}

/** One helper's analysis, with symbolic parameters or the caller's values for some. */
function analyseHelper(
  fn: FunctionNode,
  ctx: FileContext,
  options: AnalysisOptions,
  fixed?: ReadonlyMap<number, Value>,
  thisFields?: ReadonlyMap<string, Value>,
): FunctionSummary {
  const params = new Map<number, Value>();
  // A compiled async function may take more arguments than it declares (`arguments` handed to its body).
  for (let index = 0; index < forwardedArity(fn); index++) {
    params.set(index, fixed?.get(index) ?? symbolicParam(fn, index));
  }
  const interpreter = new FunctionInterpreter(ctx, fn, {
    ...options,
    params,
    depth: options.depth + 1,
    approved: false,
  });
  delete (interpreter.options as { selector?: unknown }).selector;
  // A helper's summary is shared by every caller: the tool's closure values are not its variables.
  delete (interpreter.options as { closure?: unknown }).closure;
  // Only the instance's own methods see its fields; a helper it calls is another function.
  delete (interpreter.options as { thisFields?: unknown }).thisFields;
  if (thisFields) (interpreter.options as { thisFields?: ReadonlyMap<string, Value> }).thisFields = thisFields;
  interpreter.run();
  return buildSummary(fn, interpreter);
}

// The shapes shared by the interpreter's parts: analysis options, helper summaries, and the interpreter
// itself as its statement, expression, call and summary functions see it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionNode } from '../../ast';
import type { FileContext } from '../context';
import type { Evaluator, State } from '../evaluator';
import type { SinkHit } from '../sinks';
import type { Bound, Fact, Value } from '../value';
import type { EvaluationMemo } from './memo';

/** How a helper's summary says its parameters are bounded after it returns normally. */
export interface ParamFact {
  index: number;
  path: string;
  bound: Bound;
}

/** A member of a helper's returned object: what it establishes when truthy, and which parameter it names. */
export interface MemberFact {
  member: string;
  /** Facts on the helper's parameters that hold when the member is truthy. */
  predicate: ParamFact[];
  /** The parameter the member names (the same value, possibly converted). */
  aliasOf?: number;
  /** Other members bounded on every return where this one may be truthy (`{ ok: true, path: contained }`). */
  siblings?: Array<{ member: string; bound: Bound }>;
}

export interface FunctionSummary {
  hits: SinkHit[];
  returnValue: Value;
  exitFacts: ParamFact[];
  predicateFacts: ParamFact[];
  audits: string[];
  approvedOnExit: boolean;
  approvals: string[];
  /** Members of a returned object that carry a check on a parameter, or name one (`{ isAllowed, resolvedUrl }`). */
  memberFacts?: MemberFact[];
  /** The parameter every return is a derived copy of (`normalizePath(p)` returns p, normalised). */
  copyOf?: number;
  /** Facts on parameters wherever the helper's answer is falsy (an error-message check's `return null`). */
  falsyFacts?: ParamFact[];
  /** For a constructor: what each `this.f = …` leaves in the instance, from its parameters (instance-fields.ts). */
  fields?: ReadonlyMap<string, Value>;
}

export interface AnalysisOptions {
  /** Values of parameters: the handler's model input, or symbolic parameters for a summary. */
  params: Map<number, Value>;
  /**
   * For MCP dispatchers: only the branch handling this tool name is taken. `call`: the binding key of the
   * tool call object a model-API loop compares by name, which the model wrote (`tool-call-object.ts`).
   */
  selector?: { keys: string[]; name: string; call?: string };
  /** Values of variables the function closes over, by environment key (a tool factory's declaration). */
  closure?: ReadonlyMap<string, Value>;
  /** Approval known before the function runs (a framework flag). */
  approved?: boolean;
  /** Summaries already being computed, to stop recursion. */
  inProgress: Set<FunctionNode>;
  depth: number;
  summaries: WeakMap<FunctionNode, FunctionSummary>;
  /** For a method: package clients its instance's fields hold, from its construction (`new Payouts(stripe)`). */
  thisFields?: ReadonlyMap<string, Value>;
}

export interface ReturnRecord {
  value: Value;
  state: State;
  node: TSESTree.ReturnStatement | undefined;
}

/**
 * One function's analysis in progress, as its parts see it: what it has recorded so far, and the entry
 * points through which statements and calls reach expressions, and calls reach a new analysis for a
 * helper, without importing the modules that implement them (which would close an import cycle).
 */
export interface Interpreter extends Evaluator {
  readonly fn: FunctionNode;
  readonly options: AnalysisOptions;
  readonly hits: SinkHit[];
  readonly audits: string[];
  readonly approvals: string[];
  /** Conditions that bounded a value, as written, for the inventory. */
  readonly guards: string[];
  readonly returns: ReturnRecord[];
  /** Per enclosing loop or switch, the states that leave it through `break` or `continue`. */
  readonly breakStack: State[][];
  /** Per enclosing branch, the facts its condition established there (what a flag set inside it stands for). */
  readonly branchFacts: Fact[][];
  /** Values already computed per expression and state (see memo.ts). */
  readonly memo: EvaluationMemo;
  /** Inline callbacks and closures analysed so far, to cap the work on generated code. */
  nested: number;
  /** Closures running in place now (see closures.ts): a closure that calls itself goes through its summary. */
  readonly inlining: Set<FunctionNode>;
  /** Per promise executor running now, by its `resolve` parameter's key: what it resolved the promise with so far. */
  readonly resolved: Map<string, Value>;
  /**
   * A helper's summary under this analysis's options (undefined while it is being computed or too deep);
   * with `fixed`, analysed with those caller values in place of symbolic parameters (and `thisFields` for `this.f`).
   */
  summarise(
    fn: FunctionNode,
    ctx: FileContext,
    fixed?: ReadonlyMap<number, Value>,
    thisFields?: ReadonlyMap<string, Value>,
  ): FunctionSummary | undefined;
}

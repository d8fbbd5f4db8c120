// The view of the interpreter that guards and sink matching need: the file, and an expression's value
// in a state. They depend on this interface, not on the interpreter, so neither imports it back.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../ast';
import type { FileContext } from './context';
import type { Value } from './value';

/** The abstract environment at one program point: values by env key, and whether a human approved. */
/** One flag that held `true` on one joined branch and `false` on the other, and what differed beside it. */
export interface Correlation {
  /** The flag's env key. */
  flag: string;
  /** The flag's joined value: while the state still holds it, nothing has assigned the flag since the join. */
  joinedFlag: Value;
  /** Keys whose values differed: the joined value, and each branch's. */
  keys: { key: string; joined: Value; whenTrue: Value; whenFalse: Value }[];
}

export interface State {
  env: Map<string, Value>;
  approved: boolean;
  /** Bumped by every change (see interpret/state.ts), so a value remembered for this state knows when it is stale. */
  version?: number;
  /** For a scratch copy: the state it copies, at `ofVersion`; while neither changed, they hold the same values. */
  of?: State;
  ofVersion?: number;
  /** Flags that held `true` on one joined branch and `false` on the other (interpret/flag-correlation.ts). */
  correlations?: readonly Correlation[];
}

/** A copy to evaluate a guard's operands in without changing `state`; it shares remembered values with `state`. */
export function scratchCopy(state: State): State {
  const unchanged = state.of !== undefined && (state.version ?? 0) === 0 && state.ofVersion === (state.of.version ?? 0);
  const root = unchanged && state.of ? state.of : state;
  return { env: new Map(state.env), approved: state.approved, of: root, ofVersion: root.version ?? 0 };
}

export interface Evaluator {
  readonly ctx: FileContext;
  /** The value of an expression; evaluating may record sinks and update `state` (assignments). */
  evaluate(node: Node, state: State): Value;
  /** The value a variable holds in `state`, or its module-level constant. */
  readIdentifier(node: TSESTree.Identifier, state: State): Value;
}

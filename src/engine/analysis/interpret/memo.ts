// Values remembered per expression and state, so a condition's operands are evaluated once and not again
// for its facts on each branch (which made nested conditionals exponential), while staying exact: an entry
// counts only while its state (or the state a scratch copy was taken from) has not changed since.
import type { Node } from '../../ast';
import type { State } from '../evaluator';
import type { Value } from '../value';

interface Entry {
  root: State;
  version: number;
  value: Value;
}

/** The state whose values `state` holds, and its version; undefined for a scratch copy that has changed. */
function snapshotOf(state: State): { root: State; version: number } | undefined {
  if (state.of === undefined) return { root: state, version: state.version ?? 0 };
  if ((state.version ?? 0) !== 0 || state.ofVersion !== (state.of.version ?? 0)) return undefined;
  return { root: state.of, version: state.ofVersion };
}

export class EvaluationMemo {
  private readonly entries = new Map<Node, Entry>();

  get(node: Node, state: State): Value | undefined {
    const entry = this.entries.get(node);
    if (entry === undefined) return undefined;
    const snapshot = snapshotOf(state);
    if (snapshot === undefined || snapshot.root !== entry.root || snapshot.version !== entry.version) return undefined;
    return entry.value;
  }

  set(node: Node, state: State, value: Value): void {
    const snapshot = snapshotOf(state);
    if (snapshot !== undefined) this.entries.set(node, { ...snapshot, value });
  }
}

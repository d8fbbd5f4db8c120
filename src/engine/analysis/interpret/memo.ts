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

/** The state whose values `state` holds (its version is then `versionOf`); undefined for a scratch copy that has changed. */
function rootOf(state: State): State | undefined {
  if (state.of === undefined) return state;
  if ((state.version ?? 0) !== 0 || state.ofVersion !== (state.of.version ?? 0)) return undefined;
  return state.of;
}

function versionOf(root: State): number {
  return root.version ?? 0;
}

export class EvaluationMemo {
  private readonly entries = new Map<Node, Entry>();

  get(node: Node, state: State): Value | undefined {
    const entry = this.entries.get(node);
    if (entry === undefined) return undefined;
    const root = rootOf(state);
    if (root === undefined || root !== entry.root || versionOf(root) !== entry.version) return undefined;
    return entry.value;
  }

  set(node: Node, state: State, value: Value): void {
    const root = rootOf(state);
    if (root === undefined) return;
    const entry = this.entries.get(node);
    if (entry === undefined) {
      this.entries.set(node, { root, version: versionOf(root), value });
      return;
    }
    // Reused rather than replaced: an analysis evaluates millions of expressions, each once stored here.
    entry.root = root;
    entry.version = versionOf(root);
    entry.value = value;
  }
}

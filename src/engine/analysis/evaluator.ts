// The view of the interpreter that guards and sink matching need: the file, and an expression's value
// in a state. They depend on this interface, not on the interpreter, so neither imports it back.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../ast';
import type { FileContext } from './context';
import type { Value } from './value';

/** The abstract environment at one program point: values by env key, and whether a human approved. */
export interface State {
  env: Map<string, Value>;
  approved: boolean;
}

export interface Evaluator {
  readonly ctx: FileContext;
  /** The value of an expression; evaluating may record sinks and update `state` (assignments). */
  evaluate(node: Node, state: State): Value;
  /** The value a variable holds in `state`, or its module-level constant. */
  readIdentifier(node: TSESTree.Identifier, state: State): Value;
}

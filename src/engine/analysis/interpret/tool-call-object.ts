// The tool call an agent loop dispatches by name is the model's, wherever the loop got the reply from.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Node } from '../../ast';
import type { State } from '../evaluator';
import { bindingKey } from '../guards/keys';
import { isTainted, type Value } from '../value';
import { readKey, setKey } from './state';
import type { Interpreter } from './types';

/**
 * After `for (const toolCall of toolCalls)` or `const call = reply.tool_calls[0]` binds the object whose name
 * a model-API dispatch compares (`selector.call`), that object is the model's tool call: its arguments are
 * model input even when the reply reached this function as an untyped parameter from the method that asked
 * the model (`processResponse(taskId, response)`), where no model call marks it. A value already tainted
 * keeps its own origins.
 */
export function seedToolCall(interpreter: Interpreter, pattern: Node, state: State): void {
  const call = interpreter.options.selector?.call;
  if (call === undefined || pattern.type !== 'Identifier') return;
  const binding = interpreter.ctx.scopes.resolve(pattern);
  if (!binding || bindingKey(binding) !== call) return;
  const current = readKey(call, state);
  if (current && isTainted(current)) return;
  const id = pattern as TSESTree.Identifier;
  // What the loop knew of it (an opaque reply's members) gives way; the aliases a guard may name stay.
  const seeded: Value = {
    ...(current?.keys ? { keys: current.keys } : {}),
    origins: [{ kind: 'input', display: id.name, node: id, file: interpreter.ctx.file }],
    bounds: new Set(),
  };
  setKey(state, call, seeded);
}

// Binding a value to a variable, a member or a destructuring pattern, remembering which keys a variable aliases.
import { unwrapExpression, type Node } from '../../ast';
import { patternBindings } from '../../scope';
import type { Evaluator, State } from '../evaluator';
import { bindingKey, keysOf } from '../guards';
import { CLEAN, container, isTainted, memberOf, type Value } from '../value';
import { readKey, setKey, withAliasBounds } from './state';

export function assignPattern(
  interpreter: Evaluator,
  pattern: Node,
  value: Value,
  state: State,
  init: Node | undefined,
): void {
  const aliasKeys = init ? keysOf(init, interpreter, state) : [];
  for (const [id, path] of patternBindings(pattern)) {
    const binding = interpreter.ctx.scopes.resolve(id);
    if (!binding) continue;
    let bound = value;
    for (const name of path) bound = memberOf(bound, name);
    const key = bindingKey(binding);
    const keys = path.length === 0 ? aliasKeys : aliasKeys.map((alias) => `${alias}.${path.join('.')}`);
    // A destructured default (`{ url = DEFAULT }`) keeps the input's taint: the default only applies when absent.
    // `if (!inside(args.file)) throw; const { file } = args`: the member keeps what a guard put on it.
    setKey(
      state,
      key,
      keys.length > 0
        ? withAliasBounds({ ...bound, keys: [...new Set([...(bound.keys ?? []), ...keys])] }, state)
        : bound,
    );
  }
}

export function assignTo(interpreter: Evaluator, target: Node, value: Value, state: State, init?: Node): void {
  const inner = unwrapExpression(target);
  if (inner.type === 'Identifier') {
    const binding = interpreter.ctx.scopes.resolve(inner);
    if (!binding) return;
    const key = bindingKey(binding);
    // `let p; try { p = path.resolve(x) } …`: an assignment aliases like a declaration does (not itself, though).
    const aliases = init ? keysOf(init, interpreter, state).filter((alias) => alias !== key) : [];
    setKey(
      state,
      key,
      aliases.length > 0 ? { ...value, keys: [...new Set([...(value.keys ?? []), ...aliases])] } : value,
    );
    return;
  }
  if (inner.type === 'MemberExpression') {
    const keys = keysOf(inner, interpreter, state);
    for (const key of keys) setKey(state, key, value);
    // `result[key] = input[key]`: under a key not known here, the object now holds model input somewhere.
    if (keys.length === 0 && inner.computed && isTainted(value))
      for (const key of keysOf(inner.object, interpreter, state))
        setKey(state, key, container([readKey(key, state) ?? CLEAN, value]));
    return;
  }
  if (inner.type === 'ObjectPattern' || inner.type === 'ArrayPattern')
    assignPattern(interpreter, inner, value, state, undefined);
}

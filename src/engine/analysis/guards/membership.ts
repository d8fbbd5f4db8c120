// A membership check (`ALLOWED.has(x)`, `x === 'a'`, `switch`) bounds the checked value; on a URL's host
// property it bounds the URL's host.
import { propertyName, unwrapExpression, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import type { Fact } from '../value';
import { cloneEnv, keysOf, type Facts } from './keys';

export const HOST_PROPERTIES = new Set(['hostname', 'host', 'origin']);

/** A membership check bounds the checked value; checking `url.hostname` bounds the URL's host. */
export function membership(subject: Node, interpreter: Evaluator, state: State): Facts {
  const inner = unwrapExpression(subject);
  if (inner.type === 'MemberExpression' && HOST_PROPERTIES.has(propertyName(inner) ?? '')) {
    const base = interpreter.evaluate(inner.object, cloneEnv(state));
    if (base.isUrl || unwrapExpression(inner.object).type === 'NewExpression') {
      return { facts: [{ keys: keysOf(inner.object, interpreter, state), bound: 'host' }], approved: false };
    }
  }
  const keys = keysOf(subject, interpreter, state);
  const facts: Fact[] = [{ keys, bound: 'allowlist' }];
  // `const { hostname } = new URL(url)`: the alias key `…url.hostname` bounds url's host.
  const hostOf = keys.flatMap((key) => {
    const match = /^(.*)\.(hostname|host|origin)$/.exec(key);
    return match ? [match[1] as string] : [];
  });
  if (hostOf.length > 0) facts.push({ keys: hostOf, bound: 'host' });
  return { facts, approved: false };
}

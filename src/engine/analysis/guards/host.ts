// Host suffix checks: `host.endsWith('.' + DOMAIN)` keeps a URL's host under a constant domain (the leading
// dot matters: `evil-example.com` ends with `example.com`).
import { propertyName, unwrapExpression, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import { isTainted, type Fact } from '../value';
import { cloneEnv, constantText, keysOf, NONE, type Facts } from './keys';
import { HOST_PROPERTIES } from './membership';

const HOST_KEY = /^(.*)\.(hostname|host)$/;

/** `host.endsWith(suffix)` where true: a host bound on the host and on the URL it came from. */
export function hostSuffixFacts(receiver: Node, suffixNode: Node, interpreter: Evaluator, state: State): Facts {
  const subject = interpreter.evaluate(receiver, cloneEnv(state));
  const suffix = interpreter.evaluate(suffixNode, cloneEnv(state));
  if (!isTainted(subject) || isTainted(suffix)) return NONE;
  const text = constantText(suffix);
  // A suffix that starts a label: `.example.com`; a bare `example.com` also matches `evilexample.com`.
  if (text === undefined || !/^\.[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/i.test(text)) return NONE;
  const keys = keysOf(receiver, interpreter, state);
  const urls = keys.flatMap((key) => {
    const match = HOST_KEY.exec(key);
    return match ? [match[1] as string] : [];
  });
  const inner = unwrapExpression(receiver);
  const isHostMember = inner.type === 'MemberExpression' && HOST_PROPERTIES.has(propertyName(inner) ?? '');
  if (isHostMember && inner.type === 'MemberExpression') urls.push(...keysOf(inner.object, interpreter, state));
  if (urls.length === 0 && !isHostMember) return NONE;
  const facts: Fact[] = [{ keys, bound: 'host' }];
  if (urls.length > 0) facts.push({ keys: urls, bound: 'host' });
  return { facts, approved: false };
}

// Path containment and URL prefix checks: `resolved.startsWith(ROOT)`, `path.relative(root, p)` not
// climbing out, and `LIST.some((prefix) => url.startsWith(prefix))`.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, stringValue, unwrapExpression, walk, type Node } from '../../ast';
import type { Evaluator, State } from '../evaluator';
import { isTainted, type Bound, type Fact, type Value } from '../value';
import { cloneEnv, constantText, keysOf, NONE, type Facts } from './keys';
import { membership } from './membership';

/** `x.startsWith(ROOT)` on a resolved path is containment; on a URL with a full constant origin it is a host allowlist. */
export function startsWithFacts(
  receiver: Node,
  prefixNode: Node,
  interpreter: Evaluator,
  state: State,
  polarity: boolean,
): Facts {
  const subject = interpreter.evaluate(receiver, cloneEnv(state));
  const prefix = interpreter.evaluate(prefixNode, cloneEnv(state));
  if (!polarity) {
    if (climbsOut(prefixNode, prefix)) return relativeFacts(receiver, interpreter, state);
    return NONE;
  }
  if (!isTainted(subject) || isTainted(prefix)) return NONE;
  const keys = keysOf(receiver, interpreter, state);
  if (subject.isResolvedPath) return { facts: [{ keys, bound: 'path' }, ...rootedFacts(subject)], approved: false };
  const text = stringValue(prefixNode) ?? constantText(prefix);
  if (text !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(text)) {
    return { facts: [{ keys, bound: 'host' }], approved: false };
  }
  return NONE;
}

/**
 * The prefix of a climbing-out check on a relative path: `'..'`, or `'..'` followed by the separator however it
 * is spelled (`` `..${sep}` ``, `'..' + path.sep`, `'../'`). Any other text after the dots (`'..cache'`) is a name.
 */
function climbsOut(prefixNode: Node, prefix: Value): boolean {
  const literal = stringValue(prefixNode);
  if (literal !== undefined) return /^\.\.[\\/]?$/.test(literal);
  const [first, ...rest] = prefix.parts ?? [];
  return (
    first?.kind === 'const' && /^\.\.[\\/]?$/.test(first.text ?? '') && rest.every((part) => part.kind !== 'const')
  );
}

/** `path.relative(root, p)` that does not start with `..` and is not absolute keeps p inside root. */
export function relativeFacts(receiver: Node, interpreter: Evaluator, state: State): Facts {
  const value = interpreter.evaluate(receiver, cloneEnv(state));
  if (!value.relativeOf || (value.relativeOf.length === 0 && !value.rootedCopyOf)) return NONE;
  return { facts: [{ keys: value.relativeOf, bound: 'path' }, ...rootedFacts(value)], approved: false };
}

/** A contained path built in place (`path.resolve(ROOT, p).startsWith(…)`): p stays inside joined under a root. */
function rootedFacts(value: Value): Fact[] {
  return value.rootedCopyOf && value.rootedCopyOf.length > 0 ? [{ keys: value.rootedCopyOf, bound: 'segment' }] : [];
}

/** `ALLOWED.some((h) => url.hostname === h)`, `(p) => url.startsWith(p)` or `(root) => isUnder(p, root)`. */
export function someFacts(
  receiver: Node,
  callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration,
  interpreter: Evaluator,
  state: State,
): Facts {
  const container = interpreter.evaluate(receiver, cloneEnv(state));
  if (isTainted(container)) return NONE;
  const facts: Fact[] = [];
  walk(callback.body, (inner) => {
    if (inner.type === 'BinaryExpression' && ['===', '=='].includes(inner.operator)) {
      for (const side of [inner.left, inner.right]) {
        const value = interpreter.evaluate(side as Node, cloneEnv(state));
        if (isTainted(value)) facts.push(...membership(side as Node, interpreter, state).facts);
      }
    }
    if (
      inner.type === 'CallExpression' &&
      inner.callee.type === 'MemberExpression' &&
      ['startsWith', 'endsWith'].includes(propertyName(inner.callee) ?? '')
    ) {
      const value = interpreter.evaluate(inner.callee.object, cloneEnv(state));
      if (isTainted(value)) {
        const bound: Bound = value.isResolvedPath ? 'path' : 'host';
        facts.push({ keys: keysOf(inner.callee.object, interpreter, state), bound });
      }
    }
  });
  facts.push(...returnedCheckFacts(callback, interpreter, state));
  return { facts, approved: false };
}

/**
 * `ROOTS.some((root) => isPathUnderRoot(resolved, root))`: a callback whose answer is a project helper's check
 * holds that check's facts for one of the roots (the helper's summary says what its true answer bounds; a root
 * the model chose gives none). Every answer the callback returns must be such a call (`if (isWindows) return
 * isUnder(p.toLowerCase(), root.toLowerCase()); return isUnder(p, root)`), and only what all of them bound
 * counts: a call under `!` or beside other conditions says something else.
 */
function returnedCheckFacts(
  callback: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration,
  interpreter: Evaluator,
  state: State,
): Fact[] {
  const answers: Node[] = [];
  if (callback.body.type !== 'BlockStatement') answers.push(callback.body);
  else
    walk(callback.body, (inner) => {
      if (inner !== callback.body && isFunction(inner)) return false;
      if (inner.type === 'ReturnStatement') answers.push(inner.argument ?? inner);
      return undefined;
    });
  let common: Fact[] | undefined;
  for (const answer of answers) {
    const call = unwrapExpression(answer);
    if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier') return [];
    const facts = interpreter.evaluate(call, cloneEnv(state)).predicate ?? [];
    common = common === undefined ? facts : common.filter((fact) => facts.some((other) => sameFact(fact, other)));
  }
  return common ?? [];
}

function sameFact(a: Fact, b: Fact): boolean {
  return a.bound === b.bound && a.keys.length === b.keys.length && a.keys.every((key) => b.keys.includes(key));
}

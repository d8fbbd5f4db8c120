// What a condition establishes on the path where it is true (or false): membership in a constant set,
// a host allowlist, path containment, an amount limit, or a human approval.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, stringValue, unwrapExpression, walk, type Node } from '../ast';
import type { Binding } from '../scope';
import { isApprovalCall } from './sinks';
import { scratchCopy, type Evaluator, type State } from './evaluator';
import { isTainted, type Bound, type Fact } from './value';

export interface Facts {
  facts: Fact[];
  approved: boolean;
}

const NONE: Facts = { facts: [], approved: false };
const MAX_KEY_DEPTH = 24;
/** Conversions that keep the value a guard looked at (for a URL's host, a path, or an amount). */
const SAME_VALUE_FUNCTIONS = new Set([
  'URL',
  'String',
  'Number',
  'BigInt',
  'parseInt',
  'parseFloat',
  'parseEther',
  'parseUnits',
  'toWei',
  'decodeURIComponent',
]);
const SAME_VALUE_METHODS = new Set([
  'trim',
  'toLowerCase',
  'toUpperCase',
  'toString',
  'normalize',
  'toNumber',
  'valueOf',
]);
const HOST_PROPERTIES = new Set(['hostname', 'host', 'origin']);
const MEMBERSHIP_METHODS = new Set(['has', 'includes']);
const UPPER_BOUND_WHEN_TRUE = new Set(['<', '<=']);
const LOWER_BOUND_WHEN_TRUE = new Set(['>', '>=']);

export function bindingKey(binding: Binding): string {
  return `b${binding.id.range[0]}`;
}

/**
 * The env keys an expression reads: `args.url` → [`b12.url`], plus the keys a variable aliases
 * (`const u = new URL(args.url)` makes `u` alias `b12.url`).
 */
export function keysOf(node: Node, interpreter: Evaluator, state: State | undefined, depth = 0): string[] {
  // A guard names a value a few members deep; a generated 10,000-link chain must not cost quadratic time.
  if (depth > MAX_KEY_DEPTH) return [];
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case 'Identifier': {
      const binding = interpreter.ctx.scopes.resolve(inner);
      if (!binding) return [];
      const key = bindingKey(binding);
      const aliases = state?.env.get(key)?.keys ?? [];
      return [key, ...aliases];
    }
    case 'MemberExpression': {
      const name = propertyName(inner);
      if (name === undefined) return [];
      return keysOf(inner.object, interpreter, state, depth + 1).map((key) => `${key}.${name}`);
    }
    case 'AwaitExpression':
      return keysOf(inner.argument, interpreter, state, depth + 1);
    case 'NewExpression':
    case 'CallExpression': {
      const callee = unwrapExpression(inner.callee);
      const first = inner.arguments[0];
      // new URL(x), String(x), BigInt(x) and x.trim() are the same value for a guard's purposes.
      if (callee.type === 'Identifier' && SAME_VALUE_FUNCTIONS.has(callee.name) && first)
        return keysOf(first, interpreter, state, depth + 1);
      if (callee.type === 'MemberExpression') {
        const method = propertyName(callee) ?? '';
        if (SAME_VALUE_METHODS.has(method)) return keysOf(callee.object, interpreter, state, depth + 1);
        if (SAME_VALUE_FUNCTIONS.has(method) && first) return keysOf(first, interpreter, state, depth + 1);
      }
      // path.resolve(x) and path.normalize(x) name the same file as x.
      const ref = interpreter.ctx.api.resolve(callee);
      const last = ref?.tokens[ref.tokens.length - 1];
      if (
        ref &&
        first &&
        inner.arguments.length === 1 &&
        last?.kind === 'Member' &&
        ['resolve', 'normalize'].includes(last.name) &&
        interpreter.ctx.catalogs.common.pathModules.includes(ref.module)
      ) {
        return keysOf(first, interpreter, state, depth + 1);
      }
      return [];
    }
    default:
      return [];
  }
}

/** The facts that hold where `test` evaluates to `polarity`. */
export function factsOf(test: Node, interpreter: Evaluator, state: State | undefined, polarity: boolean): Facts {
  const node = unwrapExpression(test);
  const scratch = state ?? { env: new Map(), approved: false };
  switch (node.type) {
    case 'UnaryExpression':
      return node.operator === '!' ? factsOf(node.argument, interpreter, state, !polarity) : NONE;
    case 'LogicalExpression': {
      const left = factsOf(node.left, interpreter, state, polarity);
      const right = factsOf(node.right, interpreter, state, polarity);
      const both = (node.operator === '&&' && polarity) || (node.operator === '||' && !polarity);
      if (both) return { facts: [...left.facts, ...right.facts], approved: left.approved || right.approved };
      // An operator's switch (`limit && !LIMIT_DISABLED`) is not the model's to flip: the other side decides.
      if (left.facts.length === 0 && !left.approved && !dependsOnInput(node.left, interpreter, scratch)) return right;
      if (right.facts.length === 0 && !right.approved && !dependsOnInput(node.right, interpreter, scratch)) return left;
      return eitherFacts(left, right);
    }
    case 'AwaitExpression':
      return factsOf(node.argument, interpreter, state, polarity);
    case 'Identifier': {
      const value = interpreter.readIdentifier(node, scratch);
      if (!polarity) return NONE;
      return { facts: value.predicate ?? [], approved: value.isApproval === true };
    }
    case 'BinaryExpression':
      return binaryFacts(node, interpreter, scratch, polarity);
    case 'CallExpression':
      return callFacts(node, interpreter, scratch, polarity);
    default:
      return NONE;
  }
}

function binaryFacts(node: TSESTree.BinaryExpression, interpreter: Evaluator, state: State, polarity: boolean): Facts {
  const { operator } = node;
  if (operator === 'in') {
    if (!polarity) return NONE;
    const container = interpreter.evaluate(node.right, cloneEnv(state));
    return isTainted(container) ? NONE : membership(node.left as Node, interpreter, state);
  }
  if (['===', '==', '!==', '!='].includes(operator)) {
    const equalWhen = operator.startsWith('!') ? !polarity : polarity;
    if (!equalWhen) return NONE;
    // `typeof x === 'string'` says nothing about where x points.
    if (node.left.type === 'UnaryExpression' || node.right.type === 'UnaryExpression') return NONE;
    const left = interpreter.evaluate(node.left as Node, cloneEnv(state));
    const right = interpreter.evaluate(node.right, cloneEnv(state));
    if (isTainted(left) && !isTainted(right) && !isNullish(node.right))
      return membership(node.left as Node, interpreter, state);
    if (isTainted(right) && !isTainted(left) && !isNullish(node.left as Node))
      return membership(node.right, interpreter, state);
    return NONE;
  }
  const upperWhenTrue = UPPER_BOUND_WHEN_TRUE.has(operator);
  const lowerWhenTrue = LOWER_BOUND_WHEN_TRUE.has(operator);
  if (!upperWhenTrue && !lowerWhenTrue) return NONE;
  const left = interpreter.evaluate(node.left as Node, cloneEnv(state));
  const right = interpreter.evaluate(node.right, cloneEnv(state));
  // x <= LIMIT (true) or x > LIMIT (false) caps x; LIMIT >= x likewise. The limit must be a constant
  // or configured value: a balance or another run-time quantity is not an authorization bound.
  if (isTainted(left) && !isTainted(right) && isLimit(node.right, interpreter)) {
    const capped = (upperWhenTrue && polarity) || (lowerWhenTrue && !polarity);
    return capped
      ? { facts: [{ keys: keysOf(node.left as Node, interpreter, state), bound: 'amount' }], approved: false }
      : NONE;
  }
  if (isTainted(right) && !isTainted(left) && isLimit(node.left as Node, interpreter)) {
    const capped = (lowerWhenTrue && polarity) || (upperWhenTrue && !polarity);
    return capped
      ? { facts: [{ keys: keysOf(node.right, interpreter, state), bound: 'amount' }], approved: false }
      : NONE;
  }
  return NONE;
}

function callFacts(node: TSESTree.CallExpression, interpreter: Evaluator, state: State, polarity: boolean): Facts {
  if (isApprovalCall(node, interpreter)) return polarity ? { facts: [], approved: true } : NONE;
  const callee = unwrapExpression(node.callee);
  const first = node.arguments[0];
  if (callee.type === 'MemberExpression') {
    const method = propertyName(callee) ?? '';
    const receiver = callee.object;
    if (MEMBERSHIP_METHODS.has(method) && first && polarity) {
      const container = interpreter.evaluate(receiver, cloneEnv(state));
      const subject = interpreter.evaluate(first as Node, cloneEnv(state));
      if (!isTainted(container) && isTainted(subject)) return membership(first as Node, interpreter, state);
      return NONE;
    }
    if ((method === 'hasOwnProperty' || method === 'hasOwn') && polarity) {
      const subjectNode = method === 'hasOwn' ? node.arguments[1] : first;
      if (subjectNode) return membership(subjectNode as Node, interpreter, state);
    }
    if (method === 'some' && polarity && first && isFunction(first))
      return someFacts(receiver, first, interpreter, state);
    if (method === 'startsWith' && first) return startsWithFacts(receiver, first as Node, interpreter, state, polarity);
    if (method === 'includes' && first && !polarity && stringValue(first) === '..') {
      return relativeFacts(receiver, interpreter, state);
    }
    if (method === 'isAbsolute' && !polarity && first) return relativeFacts(first as Node, interpreter, state);
    if (method === 'test' && polarity && first) {
      // An anchored regular expression over the whole value is an allowlist.
      const pattern = receiver.type === 'Literal' && 'regex' in receiver ? receiver.regex.pattern : undefined;
      if (pattern?.startsWith('^') && pattern.endsWith('$')) return membership(first as Node, interpreter, state);
    }
  }
  const value = interpreter.evaluate(node, cloneEnv(state));
  if (polarity) return { facts: value.predicate ?? [], approved: value.isApproval === true };
  return NONE;
}

/**
 * One of two conditions holds: a value is bounded only when both sides bound it
 * (`p === ROOT || p.startsWith(ROOT + sep)` keeps p inside ROOT).
 */
function eitherFacts(left: Facts, right: Facts): Facts {
  const facts: Fact[] = [];
  for (const a of left.facts) {
    for (const b of right.facts) {
      const keys = a.keys.filter((key) => b.keys.includes(key));
      if (keys.length === 0) continue;
      const bound: Bound =
        a.bound === 'allowlist'
          ? b.bound
          : b.bound === 'allowlist'
            ? a.bound
            : a.bound === b.bound
              ? a.bound
              : 'allowlist';
      if (a.bound !== b.bound && a.bound !== 'allowlist' && b.bound !== 'allowlist') continue;
      facts.push({ keys, bound });
    }
  }
  return { facts, approved: left.approved && right.approved };
}

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

/** `x.startsWith(ROOT)` on a resolved path is containment; on a URL with a full constant origin it is a host allowlist. */
function startsWithFacts(
  receiver: Node,
  prefixNode: Node,
  interpreter: Evaluator,
  state: State,
  polarity: boolean,
): Facts {
  const subject = interpreter.evaluate(receiver, cloneEnv(state));
  const prefix = interpreter.evaluate(prefixNode, cloneEnv(state));
  if (!polarity) {
    if (stringValue(prefixNode) === '..') return relativeFacts(receiver, interpreter, state);
    return NONE;
  }
  if (!isTainted(subject) || isTainted(prefix)) return NONE;
  if (subject.isResolvedPath)
    return { facts: [{ keys: keysOf(receiver, interpreter, state), bound: 'path' }], approved: false };
  const text = stringValue(prefixNode) ?? constantText(prefix);
  if (text !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(text)) {
    return { facts: [{ keys: keysOf(receiver, interpreter, state), bound: 'host' }], approved: false };
  }
  return NONE;
}

/** `path.relative(root, p)` that does not start with `..` and is not absolute keeps p inside root. */
function relativeFacts(receiver: Node, interpreter: Evaluator, state: State): Facts {
  const value = interpreter.evaluate(receiver, cloneEnv(state));
  if (!value.relativeOf || value.relativeOf.length === 0) return NONE;
  return { facts: [{ keys: value.relativeOf, bound: 'path' }], approved: false };
}

/** `ALLOWED.some((h) => url.hostname === h)` or `(p) => url.startsWith(p)`. */
function someFacts(
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
  return { facts, approved: false };
}

function constantText(value: { parts?: Array<{ kind: string; text?: string }> }): string | undefined {
  if (!value.parts || value.parts.some((part) => part.kind !== 'const')) return undefined;
  return value.parts.map((part) => part.text ?? '').join('');
}

function isNullish(node: Node): boolean {
  const inner = unwrapExpression(node);
  return (
    (inner.type === 'Literal' && inner.value === null) || (inner.type === 'Identifier' && inner.name === 'undefined')
  );
}

const LIMIT_NAME = /(max|limit|cap|ceiling|threshold|allowance|budget|quota)/i;

/** A constant, a module constant, configuration (`process.env`, a settings object) or a value named like a limit. */
function isLimit(node: Node, interpreter: Evaluator): boolean {
  const inner = unwrapExpression(node);
  if (inner.type === 'Literal') return true;
  if (inner.type === 'UnaryExpression' || inner.type === 'BinaryExpression') {
    const operands = inner.type === 'UnaryExpression' ? [inner.argument] : [inner.left, inner.right];
    return operands.every((operand) => isLimit(operand as Node, interpreter));
  }
  if (inner.type === 'CallExpression') {
    // Number(process.env.MAX), BigInt(LIMIT), parseUnits(MAX, 6): a conversion of a limit.
    return inner.arguments.length > 0 && inner.arguments.every((argument) => isLimit(argument as Node, interpreter));
  }
  const text = interpreter.ctx.text.slice(inner.range[0], inner.range[1]);
  if (LIMIT_NAME.test(text) || /\bprocess\.env\b|\b(config|settings|options|policy)\b/i.test(text)) return true;
  if (inner.type === 'Identifier') {
    const binding = interpreter.ctx.scopes.resolve(inner);
    return (
      binding?.kind === 'var' &&
      binding.declarationKind === 'const' &&
      binding.init !== undefined &&
      isLimit(binding.init, interpreter)
    );
  }
  return false;
}

/** Whether any value a condition reads is model-controlled. */
function dependsOnInput(node: Node, interpreter: Evaluator, state: State): boolean {
  let depends = false;
  walk(node, (inner) => {
    if (depends) return false;
    if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
      if (isTainted(interpreter.evaluate(inner, cloneEnv(state)))) depends = true;
      return false;
    }
    return !isFunction(inner);
  });
  return depends;
}

/** Evaluating a guard's operands must not change the state it guards. */
function cloneEnv(state: State): State {
  return scratchCopy(state);
}

// What a condition establishes on the path where it is true (or false): membership in a constant set,
// a host allowlist, path containment, an amount limit, or a human approval.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, isNullish, propertyName, stringValue, unwrapExpression, walk, type Node } from '../ast';
import { isApprovalCall } from './approval-audit-calls';
import type { Evaluator, State } from './evaluator';
import { isTainted, type Bound, type Fact, type Value } from './value';
import { isLimit } from './guards/amount';
import { comparisonOperator } from './guards/comparison-methods';
import { relativeFacts, someFacts, startsWithFacts } from './guards/containment';
import { noDotSegmentFacts } from './guards/dot-segments';
import { everyFacts } from './guards/every';
import { hostSuffixFacts } from './guards/host';
import { cloneEnv, constantText, keysOf, NONE, type Facts } from './guards/keys';
import { membership } from './guards/membership';
import { typeofFacts } from './guards/number-type';
import { readsParameterAsIs } from './guards/plain-read';
import { regexPatternOf } from './guards/regex-pattern';

export { bindingKey, keysOf, type Facts } from './guards/keys';
export { membership } from './guards/membership';

const MEMBERSHIP_METHODS = new Set(['has', 'includes']);
/** Answers that refuse: comparing equal to one of these is no approval. */
const REFUSAL = /^(decline|declined|reject|rejected|deny|denied|cancel|cancelled|canceled|no|false|abort|aborted)$/i;
const UPPER_BOUND_WHEN_TRUE = new Set(['<', '<=']);
const LOWER_BOUND_WHEN_TRUE = new Set(['>', '>=']);

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
      // An operator's switch (`limit && !LIMIT_DISABLED`) is not the model's to flip: the other side decides. Not that
      // the model's value is missing, though: past `if (isRemote() && input.file) throw`, a local run has the file.
      if (left.facts.length === 0 && !left.approved && !dependsOnInput(node.left, interpreter, scratch))
        return presentFacts(right);
      if (right.facts.length === 0 && !right.approved && !dependsOnInput(node.right, interpreter, scratch))
        return presentFacts(left);
      return eitherFacts(left, right);
    }
    case 'AwaitExpression':
      return factsOf(node.argument, interpreter, state, polarity);
    case 'Identifier': {
      const value = interpreter.readIdentifier(node, scratch);
      if (!polarity && !value.predicateWhenFalse) return falsyFacts(node, value, interpreter, scratch);
      if (!polarity) return value.predicateWhenFalse ? { facts: value.predicateWhenFalse, approved: false } : NONE;
      return { facts: value.predicate ?? [], approved: value.isApproval === true };
    }
    case 'MemberExpression': {
      // `if (!answer.confirmed) return`: a member of an approval's answer.
      // `if (!check.isAllowed) throw`: a member of a checking helper's result carries its check.
      const value = interpreter.evaluate(node, cloneEnv(scratch));
      if (!polarity && !value.predicateWhenFalse) return falsyFacts(node, value, interpreter, scratch);
      if (!polarity) return value.predicateWhenFalse ? { facts: value.predicateWhenFalse, approved: false } : NONE;
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
    return equalWhen ? equalityFacts(node.left as Node, node.right, interpreter, state) : NONE;
  }
  return comparisonFacts(node.left as Node, operator, node.right, interpreter, state, polarity);
}

/** `left <operator> right` as an amount cap: the model's side against a constant or configured limit. */
function comparisonFacts(
  leftNode: Node,
  operator: string,
  rightNode: Node,
  interpreter: Evaluator,
  state: State,
  polarity: boolean,
): Facts {
  const upperWhenTrue = UPPER_BOUND_WHEN_TRUE.has(operator);
  const lowerWhenTrue = LOWER_BOUND_WHEN_TRUE.has(operator);
  if (!upperWhenTrue && !lowerWhenTrue) return NONE;
  const left = interpreter.evaluate(leftNode, cloneEnv(state));
  const right = interpreter.evaluate(rightNode, cloneEnv(state));
  // x <= LIMIT (true) or x > LIMIT (false) caps x; LIMIT >= x likewise. The limit must be a constant
  // or configured value: a balance or another run-time quantity is not an authorization bound.
  if (isTainted(left) && !isTainted(right) && isLimit(rightNode, interpreter)) {
    const capped = (upperWhenTrue && polarity) || (lowerWhenTrue && !polarity);
    return capped
      ? { facts: [{ keys: addendKeys(leftNode, interpreter, state), bound: 'amount' }], approved: false }
      : NONE;
  }
  if (isTainted(right) && !isTainted(left) && isLimit(leftNode, interpreter)) {
    const capped = (lowerWhenTrue && polarity) || (upperWhenTrue && !polarity);
    return capped
      ? { facts: [{ keys: addendKeys(rightNode, interpreter, state), bound: 'amount' }], approved: false }
      : NONE;
  }
  return NONE;
}

/** Nested sums read at most this deep (`spent + fee + amount`). */
const MAX_ADDENDS_DEPTH = 4;

/**
 * The keys a capped sum names: `spentToday + amount > DAILY_LIMIT` caps each addend the model chose (what was
 * spent and fees are not negative), so a daily spend limit bounds the amount.
 */
function addendKeys(node: Node, interpreter: Evaluator, state: State, depth = 0): string[] {
  const inner = unwrapExpression(node);
  if (inner.type !== 'BinaryExpression' || inner.operator !== '+' || depth >= MAX_ADDENDS_DEPTH)
    return keysOf(node, interpreter, state);
  return [
    ...addendKeys(inner.left as Node, interpreter, state, depth + 1),
    ...addendKeys(inner.right, interpreter, state, depth + 1),
  ];
}

/** What `a === b` establishes where it holds (also `assert.strictEqual(a, b)` after the call). */
export function equalityFacts(leftNode: Node, rightNode: Node, interpreter: Evaluator, state: State): Facts {
  // `typeof x === 'number'` makes x digits; `typeof x === 'string'` says nothing about where x points.
  const typed = typeofFacts(leftNode, rightNode, interpreter, state);
  if (typed) return typed;
  if (leftNode.type === 'UnaryExpression' || rightNode.type === 'UnaryExpression') return NONE;
  const left = interpreter.evaluate(leftNode, cloneEnv(state));
  const right = interpreter.evaluate(rightNode, cloneEnv(state));
  // `answer.action === 'accept'` where true: a person said yes (a refusal compared where true is not).
  const answer = left.isApproval ? rightNode : right.isApproval ? leftNode : undefined;
  if (answer && stringValue(answer) !== undefined && !REFUSAL.test(stringValue(answer) ?? ''))
    return { facts: [], approved: true };
  // `approved === true` (also written `!== true` on the way out).
  const literal = answer ? unwrapExpression(answer) : undefined;
  if (literal?.type === 'Literal' && literal.value === true) return { facts: [], approved: true };
  // `rel === ''` on `path.relative(root, p)`: p is the root itself.
  if (left.relativeOf && ['', '.'].includes(stringValue(rightNode) ?? '-'))
    return relativeFacts(leftNode, interpreter, state);
  // `if (requested === undefined)`: where it holds, the model chose nothing, so whatever derives from it
  // (`requested ?? await tempPath()`) is the program's own value on that path.
  if (isTainted(left) && isNullish(rightNode)) return absentFacts(leftNode, interpreter, state);
  if (isTainted(right) && isNullish(leftNode)) return absentFacts(rightNode, interpreter, state);
  if (isTainted(left) && !isTainted(right) && !isNullish(rightNode))
    return hostlike(membership(leftNode, interpreter, state), right);
  if (isTainted(right) && !isTainted(left) && !isNullish(leftNode))
    return hostlike(membership(rightNode, interpreter, state), left);
  return NONE;
}

function callFacts(node: TSESTree.CallExpression, interpreter: Evaluator, state: State, polarity: boolean): Facts {
  if (isApprovalCall(node, interpreter)) return polarity ? { facts: [], approved: true } : NONE;
  const callee = unwrapExpression(node.callee);
  const first = node.arguments[0];
  if (callee.type === 'MemberExpression') {
    const method = propertyName(callee) ?? '';
    const receiver = callee.object;
    // `amount.gt(MAX)`: a big-number comparison is the cap `amount > MAX` (the method name is the cheap test).
    const operator = comparisonOperator(method, node.arguments.length);
    if (operator !== undefined && first && first.type !== 'SpreadElement')
      return comparisonFacts(receiver, operator, first as Node, interpreter, state, polarity);
    if (MEMBERSHIP_METHODS.has(method) && first && polarity) {
      const container = interpreter.evaluate(receiver, cloneEnv(state));
      const subject = interpreter.evaluate(first as Node, cloneEnv(state));
      // `'a.com,b.com'.includes(host)` is a substring test (`com,b` passes), not membership of a list.
      if (constantText(container) !== undefined) return NONE;
      if (!isTainted(container) && isTainted(subject)) return membership(first as Node, interpreter, state);
      return NONE;
    }
    if ((method === 'hasOwnProperty' || method === 'hasOwn') && polarity) {
      const subjectNode = method === 'hasOwn' ? node.arguments[1] : first;
      if (subjectNode) return membership(subjectNode as Node, interpreter, state);
    }
    if (method === 'every' && polarity && first && isFunction(first))
      return everyFacts(receiver, first, interpreter, state, factsOf);
    if (method === 'some' && polarity && first && isFunction(first))
      return someFacts(receiver, first, interpreter, state);
    if (method === 'some' && !polarity && first && isFunction(first))
      return noDotSegmentFacts(receiver, first, interpreter, state);
    if (method === 'endsWith' && first && polarity) return hostSuffixFacts(receiver, first as Node, interpreter, state);
    if (method === 'startsWith' && first) return startsWithFacts(receiver, first as Node, interpreter, state, polarity);
    if (method === 'includes' && first && !polarity && stringValue(first) === '..') {
      return relativeFacts(receiver, interpreter, state);
    }
    if (method === 'isAbsolute' && !polarity && first) return relativeFacts(first as Node, interpreter, state);
    // Where `path.isAbsolute(p)` holds, p starts with a root: never an option.
    if (method === 'isAbsolute' && polarity && first) {
      const keys = keysOf(first as Node, interpreter, state);
      return keys.length > 0 ? { facts: [{ keys, bound: 'absolute' }], approved: false } : NONE;
    }
    if (method === 'test' && polarity && first) {
      // An anchored regular expression over the whole value is an allowlist.
      const pattern = regexPatternOf(receiver, interpreter.ctx);
      if (pattern?.startsWith('^') && pattern.endsWith('$')) return membership(first as Node, interpreter, state);
    }
  }
  const value = interpreter.evaluate(node, cloneEnv(state));
  if (polarity) return { facts: value.predicate ?? [], approved: value.isApproval === true };
  // `if (validate(p)) return …`: an error-message check's falsy answer accepts.
  return value.predicateWhenFalse ? { facts: value.predicateWhenFalse, approved: false } : NONE;
}

/**
 * Where a model value read as it is comes out falsy (the else side of `if (saveTo) { check(saveTo) }`, after
 * `if (!args.output) return`), it is empty or missing: no path, host or command, so as for `x === undefined` what
 * was derived from it alone is the program's there. Only the value itself: a flag computed from it
 * (`const isUnix = p.startsWith('/')`) shares its origins but says nothing of it when false
 * (`guards/plain-read.ts`), and a value with a checked answer (`const ok = …`) keeps its own facts.
 */
function falsyFacts(node: Node, value: Value, interpreter: Evaluator, state: State): Facts {
  if (!isTainted(value) || value.props || value.elements || value.fn || value.predicate) return NONE;
  return readsParameterAsIs(node, interpreter) ? absentFacts(node, interpreter, state) : NONE;
}

/** The facts that do not say a value is missing. */
function presentFacts(facts: Facts): Facts {
  return facts.facts.some((fact) => fact.absent)
    ? { ...facts, facts: facts.facts.filter((fact) => !fact.absent) }
    : facts;
}

/** Where `x === undefined` holds: x is one known value, and what was derived from x alone is the program's. */
function absentFacts(subject: Node, interpreter: Evaluator, state: State): Facts {
  const keys = keysOf(subject, interpreter, state);
  return keys.length > 0 ? { facts: [{ keys, bound: 'allowlist', absent: true }], approved: false } : NONE;
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

/**
 * `args.origin === 'ui'` is membership of `args.origin`, not a bound on where `args` points: a host bound
 * derived from a `.origin`/`.host` key needs a constant that can be a host or an origin.
 */
function hostlike(facts: Facts, constant: Value): Facts {
  const text = constant.constant;
  if (text === undefined || /[.:]/.test(text) || text === 'localhost') return facts;
  return { ...facts, facts: facts.facts.filter((fact) => fact.bound !== 'host') };
}

/** A condition larger than this is taken to depend on input without being read through: bounded work. */
const MAX_CONDITION_NODES = 256;

/**
 * Whether any value a condition reads is model-controlled. A condition too large to read through is
 * taken to depend on input, which keeps fewer facts (never more) and stops a long `a || b || …` chain
 * from being walked again at every level.
 */
function dependsOnInput(node: Node, interpreter: Evaluator, state: State): boolean {
  let depends = false;
  let visited = 0;
  walk(node, (inner) => {
    if (depends) return false;
    if (++visited > MAX_CONDITION_NODES) {
      depends = true;
      return false;
    }
    if (inner.type === 'Identifier' || inner.type === 'MemberExpression') {
      if (isTainted(interpreter.evaluate(inner, cloneEnv(state)))) depends = true;
      return false;
    }
    return !isFunction(inner);
  });
  return depends;
}

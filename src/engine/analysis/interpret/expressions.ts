// Expressions: literals and templates (keeping how a string is built), variables and module constants,
// members, operators, object and array literals, and assignments; calls are handed to calls.ts.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isContainedWithSuffix } from '../suffixed-path';
import { isFunction, propertyName, unwrapExpression, type Node } from '../../ast';
import type { FileContext } from '../context';
import type { Binding } from '../../scope';
import { step } from '../budget';
import type { State } from '../evaluator';
import { bindingKey, factsOf, keysOf } from '../guards';
import {
  CLEAN,
  combine,
  constantValue,
  container,
  derived,
  elementOf,
  isSegment,
  isTainted,
  joinValues,
  memberOf,
  opaqueValue,
  partsOf,
  type Part,
  type Value,
  withBounds,
} from '../value';
import { carriesAmount } from '../amount-fields';
import { assignPattern, assignTo } from './assignment';
import { evaluateCall } from './calls';
import { recordSinks } from './record-sinks';
import { applyFacts, cloneState, withAliasBounds, withBoundAmountMembers } from './state';
import { withProvenLead } from './leading-text';
import { assignsOnRight, joinBranchInto } from './conditional-assignment';
import type { Interpreter } from './types';
import { inheritedField } from './inherited-fields';
import { evaluateArrayLiteral } from './array-literal';
import { packageApi } from './typed-arguments';

/** A `..` path segment. */
const CLIMBS = /(^|[\\/])\.\.([\\/]|$)/;
const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
/** Module constants evaluated once, by declaration, for every function that reads them. */
const moduleConstants = new WeakMap<TSESTree.Identifier, Value>();

export function evaluate(interpreter: Interpreter, node: Node, state: State): Value {
  step();
  const remembered = interpreter.memo.get(node, state);
  if (remembered !== undefined) return remembered;
  const version = state.version ?? 0;
  const value = evaluateNode(interpreter, node, state);
  // Only a value whose evaluation left the state as it found it is the value of evaluating it again.
  if ((state.version ?? 0) === version) interpreter.memo.set(node, state, value);
  return value;
}

function evaluateNode(interpreter: Interpreter, node: Node, state: State): Value {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'string') return constantValue(node.value);
      if (node.value === false) return { ...constantValue('false'), isFalse: true };
      if (typeof node.value === 'number' || typeof node.value === 'boolean') return constantValue(String(node.value));
      // `0n`: the parser gives the digits even where the runtime has no BigInt.
      if ('bigint' in node && typeof node.bigint === 'string') return constantValue(`${node.bigint}n`);
      return CLEAN;
    case 'TemplateLiteral':
      return evaluateTemplate(interpreter, node, state);
    case 'Identifier':
      return readIdentifier(interpreter, node, state);
    case 'MemberExpression':
      return evaluateMember(interpreter, node, state);
    case 'CallExpression':
      return evaluateCall(interpreter, node, state);
    case 'NewExpression':
      return evaluateCall(interpreter, node, state);
    case 'TaggedTemplateExpression': {
      const value = evaluateTemplate(interpreter, node.quasi, state);
      recordSinks(interpreter, node, [value], state);
      return derived(value, []);
    }
    case 'AwaitExpression':
      return evaluate(interpreter, node.argument, state);
    case 'ChainExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'TSSatisfiesExpression':
    case 'TSTypeAssertion':
      return evaluate(interpreter, node.expression, state);
    case 'BinaryExpression': {
      const left = evaluate(interpreter, node.left, state);
      const right = evaluate(interpreter, node.right, state);
      if (node.operator === '+') {
        const joined: Value = { ...combine([left, right]), parts: [...partsOf(left), ...partsOf(right)] };
        return isContainedWithSuffix(joined) ? withBounds(joined, ['path']) : joined;
      }
      // Arithmetic on model input is still model input (an amount times a rate), and always a number (`(page - 1) *
      // size`): written out, digits and a sign, never a command word or an option. Comparisons are booleans.
      if (ARITHMETIC.has(node.operator)) {
        const out = combine([left, right], ['allowlist', 'amount']);
        return isTainted(out) ? withBounds(out, ['numeric']) : out;
      }
      return CLEAN;
    }
    case 'LogicalExpression': {
      const left = evaluate(interpreter, node.left, state);
      // `options ?? {}` of an omitted argument: the right side, and `absent && x` is the absent left.
      if (left.isAbsent) return node.operator === '&&' ? left : evaluate(interpreter, node.right, state);
      // `options.method || 'GET'` where the caller wrote the method: a written left side decides.
      if (node.operator !== '&&' && isDecidingConstant(left, node.operator)) return left;
      const assigns = assignsOnRight(node);
      const rightState =
        node.operator === '&&'
          ? applyFacts(cloneState(state), factsOf(node.left, interpreter, state, true))
          : assigns
            ? cloneState(state)
            : state;
      const right = evaluate(interpreter, node.right, rightState);
      if (assigns) joinBranchInto(state, rightState);
      return node.operator === '&&' ? right : joinValues(left, right);
    }
    case 'ConditionalExpression': {
      // A test on a value known to be undefined selects the alternate alone.
      if (evaluate(interpreter, node.test, state).isAbsent) return evaluate(interpreter, node.alternate, state);
      const whenTrue = applyFacts(cloneState(state), factsOf(node.test, interpreter, state, true));
      const whenFalse = applyFacts(cloneState(state), factsOf(node.test, interpreter, state, false));
      const text = interpreter.ctx.text;
      return joinValues(
        withProvenLead(node.test, node.consequent, evaluate(interpreter, node.consequent, whenTrue), true, text),
        withProvenLead(node.test, node.alternate, evaluate(interpreter, node.alternate, whenFalse), false, text),
      );
    }
    case 'AssignmentExpression': {
      const right = flagSetUnderCheck(interpreter, node.right, evaluate(interpreter, node.right, state));
      if (node.operator === '=') {
        if (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern')
          assignPattern(interpreter, node.left, right, state, node.right);
        else assignTo(interpreter, node.left, right, state, node.right);
        return right;
      }
      const left = evaluate(interpreter, node.left, state);
      const combined: Value = { ...combine([left, right]), parts: [...partsOf(left), ...partsOf(right)] };
      assignTo(interpreter, node.left, combined, state);
      return combined;
    }
    case 'ObjectExpression':
      return evaluateObject(interpreter, node, state);
    case 'ArrayExpression':
      return evaluateArrayLiteral(node, state, (element, at) => evaluate(interpreter, element, at));
    case 'SequenceExpression': {
      let last = CLEAN;
      for (const expression of node.expressions) last = evaluate(interpreter, expression, state);
      return last;
    }
    case 'UnaryExpression':
      evaluate(interpreter, node.argument, state);
      return CLEAN;
    case 'UpdateExpression':
      return CLEAN;
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return { ...CLEAN, fn: node };
    case 'SpreadElement':
      return evaluate(interpreter, node.argument, state);
    case 'YieldExpression':
      return node.argument ? evaluate(interpreter, node.argument, state) : CLEAN;
    case 'ImportExpression':
      evaluate(interpreter, node.source, state);
      return CLEAN;
    default:
      return CLEAN;
  }
}

function evaluateTemplate(interpreter: Interpreter, node: TSESTree.TemplateLiteral, state: State): Value {
  const parts: Part[] = [];
  const values: Value[] = [];
  node.quasis.forEach((quasi, index) => {
    if (quasi.value.cooked) parts.push({ kind: 'const', text: quasi.value.cooked });
    const expression = node.expressions[index];
    if (expression) {
      const value = evaluate(interpreter, expression, state);
      values.push(value);
      parts.push(...partsOf(value));
    }
  });
  const out: Value = { ...combine(values), parts };
  // `\`-n\``: a template with nothing in it is the same constant as the string literal (an option, `--`).
  if (node.expressions.length === 0) out.constant = node.quasis[0]?.value.cooked ?? '';
  return isRootedSegmentPath(node, values) || isContainedWithSuffix(out) ? withBounds(out, ['path']) : out;
}

/**
 * `${ROOT}/${safe}` or `/var/att/${safe}.bin`: a path written as a template, with the model's parts single
 * segments (sanitised names) after a root the author chose (constant text, or a value the model does not
 * control or that is already contained) ending in a separator. The same bound `path.join(ROOT, safe)` has.
 */
function isRootedSegmentPath(node: TSESTree.TemplateLiteral, values: Value[]): boolean {
  if (!values.some(isTainted)) return false;
  const text = (index: number) => node.quasis[index]?.value.cooked ?? '';
  // Written text that climbs (`${root}/../x`) leaves the root whatever the model's parts are.
  if (node.quasis.some((quasi) => CLIMBS.test(quasi.value.cooked ?? ''))) return false;
  const segments = (from: number) => values.slice(from).every((value) => !isTainted(value) || isSegment(value));
  const [head] = values;
  // `${root}/${safe}`: the root is the first expression, followed by a separator.
  if (text(0) === '' && head && (!isTainted(head) || head.bounds.has('path')))
    return text(1).startsWith('/') && segments(1);
  // `/var/att/${safe}`: constant text up to the model's first part ends in a separator.
  const first = values.findIndex(isTainted);
  return (
    text(0) !== '' &&
    values.slice(0, first).every((value) => !isTainted(value)) &&
    text(first).endsWith('/') &&
    segments(first)
  );
}

function evaluateObject(interpreter: Interpreter, node: TSESTree.ObjectExpression, state: State): Value {
  const props = new Map<string, Value>();
  const values: Value[] = [];
  const spreads: Value[] = [];
  let open = false;
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      const spread = evaluate(interpreter, property.argument, state);
      values.push(spread);
      spreads.push(spread);
      const isOpen = isTainted(spread) && !spread.isObjectLiteral;
      // `{ ...DEFAULTS, ...input }`: the model's object may replace any member written before it.
      if (isOpen) for (const [key, value] of props) props.set(key, joinValues(value, memberOf(spread, key)));
      if (spread.props) for (const [key, value] of spread.props) props.set(key, value);
      // Members the model adds are not known here.
      if (isOpen) open = true;
      continue;
    }
    const name = propertyName(property);
    if (property.computed && name === undefined) evaluate(interpreter, property.key, state);
    const value = isFunction(property.value)
      ? { ...CLEAN, fn: property.value }
      : evaluate(interpreter, property.value as Node, state);
    values.push(value);
    if (name !== undefined) props.set(name, value);
  }
  const out: Value = { ...container(values), props };
  // `{ amount, metadata: { memo } }`: a cap on the memo is not a cap on what the object moves.
  if (out.bounds.has('amount') && !carriesAmount(props, spreads))
    out.bounds = new Set([...out.bounds].filter((bound) => bound !== 'amount'));
  if (!open) out.isObjectLiteral = true;
  return out;
}

export function readIdentifier(interpreter: Interpreter, node: TSESTree.Identifier, state: State): Value {
  if (node.name === 'undefined') return CLEAN;
  const binding = interpreter.ctx.scopes.resolve(node);
  if (!binding) return CLEAN;
  const key = bindingKey(binding);
  const known = state.env.get(key);
  // `const { id, ...refund } = args; if (refund.amount > MAX) throw …; post(url, refund)`: the whole
  // object handed on carries the member a guard bounded, as `x.refund` does.
  if (known) return withBoundAmountMembers(known, [key], state);
  return moduleConstant(interpreter, binding);
}

/** A module-level `const` read from inside a function: its initialiser, evaluated once without input. */
function moduleConstant(interpreter: Interpreter, binding: Binding): Value {
  if (binding.kind === 'function' && binding.declaration?.type === 'FunctionDeclaration')
    return { ...CLEAN, fn: binding.declaration };
  if (binding.kind === 'import') return importedText(interpreter, binding) ?? opaqueValue();
  if (binding.kind !== 'var' || !binding.init || binding.isLoopElement) return opaqueValue();
  if (isFunction(binding.init)) return { ...CLEAN, fn: binding.init };
  if (binding.declarationKind !== 'const') return opaqueValue();
  const cached = moduleConstants.get(binding.id);
  if (cached) return cached;
  moduleConstants.set(binding.id, opaqueValue());
  let value: Value;
  try {
    value = evaluate(interpreter, binding.init, { env: new Map(), approved: false });
  } catch (error) {
    // Stopped at the budget: the placeholder must not outlive this lint as the constant's value.
    moduleConstants.delete(binding.id);
    throw error;
  }
  for (const name of binding.patternPath) value = memberOf(value, name);
  if (isTainted(value)) value = opaqueValue();
  moduleConstants.set(binding.id, value);
  return value;
}

/**
 * A constant string exported by a project file (`export const GET_ORDERS = \`query …\``): its text, so that a
 * document, path or origin kept in a module of constants still says what it is; or a package's client the
 * file constructs. Only literal text and the resolver's reading of the constructor are used (no expression
 * is evaluated in the other file), and only through a relative import.
 */
function importedText(interpreter: Interpreter, binding: Binding): Value | undefined {
  const { ctx } = interpreter;
  if (!binding.importSource?.startsWith('.') || binding.importName === '*') return undefined;
  const target = ctx.modules.resolveImport(ctx, binding.importSource);
  const exported = target ? ctx.modules.exportedNode(target, binding.importName ?? binding.name) : undefined;
  const node = exported ? declaredValue(unwrapExpression(exported.node), exported.ctx) : undefined;
  if (node?.type === 'Literal' && typeof node.value === 'string') return constantValue(node.value);
  if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) {
    const text = node.quasis[0]?.value.cooked;
    return typeof text === 'string' ? constantValue(text) : undefined;
  }
  // `export const spotClient = new Spot({ … })` in a config module: the package's client, so calls on the
  // imported singleton are that package's (its rows match; an unlisted money call is inferred).
  if (exported && (node?.type === 'NewExpression' || node?.type === 'CallExpression')) {
    const api = packageApi(exported.ctx.api.resolve(node));
    if (api) return { ...opaqueValue(), api };
  }
  return undefined;
}

/** `export { client }` names the local declaration: what its `const` holds (`createClient({ baseUrl })`). */
function declaredValue(node: Node, ctx: FileContext): Node {
  if (node.type !== 'Identifier') return node;
  const local = ctx.scopes.resolve(node);
  return local?.kind === 'var' && local.init && local.patternPath.length === 0 && !local.isLoopElement
    ? unwrapExpression(local.init)
    : node;
}

function evaluateMember(interpreter: Interpreter, node: TSESTree.MemberExpression, state: State): Value {
  // `this.client` of an instance built with a package's client (interpret/constructed-fields.ts).
  const field =
    node.object.type === 'ThisExpression'
      ? (interpreter.options.thisFields?.get(propertyName(node) ?? '') ?? inheritedField(node, interpreter.ctx))
      : undefined;
  if (field) return field;
  const keys = keysOf(node, interpreter, state);
  for (const key of keys) {
    const known = state.env.get(key);
    if (known) return known;
  }
  const object = evaluate(interpreter, node.object, state);
  const name = propertyName(node);
  if (name === undefined) {
    const key = evaluate(interpreter, node.property, state);
    // A lookup in a map the model does not control yields one of its values, whatever the key.
    if (!isTainted(object)) {
      if (object.props && object.props.size > 0) {
        let joined: Value | undefined;
        for (const value of object.props.values()) joined = joinValues(joined, value);
        return joined ?? opaqueValue();
      }
      return opaqueValue();
    }
    // `found[1]` of a match: the capture at that index (interpret/word-captures.ts).
    const indexed = key.constant === undefined ? undefined : object.props?.get(key.constant);
    if (indexed) return indexed;
    if (object.elements && object.elements.length > 0)
      return object.elements.reduce<Value>((acc, item) => joinValues(acc, item), CLEAN);
    // `changes[index]` at an index the model does not choose: one element, whose members keep their own path
    // back to the caller's list (`changes[index].path` is not the whole of `changes`).
    if (!isTainted(key)) return elementOf(object);
    return derived(combine([object, key]), ['allowlist']);
  }
  return withBoundAmountMembers(withAliasBounds(memberOf(object, name), state), keys, state);
}

/** A constant on the left of `||` (truthy) or `??` (not nullish), which the right side never replaces. */
function isDecidingConstant(left: Value, operator: '||' | '??'): boolean {
  if (left.constant === undefined || isTainted(left)) return false;
  return operator === '??' || !['', '0', 'false', 'NaN'].includes(left.constant);
}

/**
 * `ok = true` inside `if (p.startsWith(root + sep))`: the flag, where truthy, carries what the enclosing
 * conditions established (a containment check written as a flag set in a loop over the allowed roots).
 */
function flagSetUnderCheck(interpreter: Interpreter, right: Node, value: Value): Value {
  const inner = unwrapExpression(right);
  if (inner.type !== 'Literal' || inner.value !== true || interpreter.branchFacts.length === 0) return value;
  const facts = interpreter.branchFacts.flat();
  return facts.length > 0 ? { ...value, predicate: facts } : value;
}

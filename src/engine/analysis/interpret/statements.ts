// Statements in order: blocks, branches that apply a condition's facts to the paths they dominate, loops,
// switches (and a dispatcher's branch for one tool name), try/catch/finally, and returns.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type FunctionNode, type Node } from '../../ast';
import { constantString } from '../constant-string';
import type { FileContext } from '../context';
import type { State } from '../evaluator';
import { factsOf, keysOf, membership, type Facts } from '../guards';
import { withCondition } from '../guards/predicate';
import { CLEAN, derived, elementOf, isTainted, type Value } from '../value';
import { assignPattern, assignTo } from './assignment';
import { caughtError } from './caught-error';
import { runReturnedFunctions } from './closures';
import { seedToolCall } from './tool-call-object';
import { isEndless } from './endless-loops';
import { callNeverReturns } from './never-returns';
import { optInDecision } from './operator-opt-in';
import { constantParamDecision } from './constant-branch';
import { applyFacts, cloneState, joinStates, setKey } from './state';
import { correlatedBranches } from './flag-correlation';
import { bindingKey } from '../guards/keys';
import type { Interpreter } from './types';

/** Runs a function body; an expression body is an implicit return. */
export function runBody(interpreter: Interpreter, fn: FunctionNode, state: State): State | undefined {
  if (fn.body.type === 'BlockStatement') {
    const end = execList(interpreter, fn.body.body, state);
    if (end) interpreter.returns.push({ value: CLEAN, state: end, node: undefined });
    return end;
  }
  const value = interpreter.evaluate(fn.body, state);
  interpreter.returns.push({ value, state, node: undefined });
  return state;
}

export function bindParams(interpreter: Interpreter, fn: FunctionNode, params: Map<number, Value>, state: State): void {
  fn.params.forEach((param, index) => {
    const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
    const value = params.get(index) ?? CLEAN;
    assignPattern(interpreter, pattern, value, state, undefined);
  });
}

function execList(
  interpreter: Interpreter,
  statements: readonly TSESTree.Statement[] | readonly TSESTree.ProgramStatement[],
  state: State | undefined,
): State | undefined {
  let current = state;
  for (const statement of statements) {
    if (!current) return undefined;
    current = exec(interpreter, statement as TSESTree.Statement, current);
  }
  return current;
}

function exec(interpreter: Interpreter, statement: TSESTree.Statement, state: State): State | undefined {
  switch (statement.type) {
    case 'ExpressionStatement':
      interpreter.evaluate(statement.expression, state);
      return callNeverReturns(statement.expression, interpreter.ctx) ? undefined : state;
    case 'VariableDeclaration':
      for (const declarator of statement.declarations) {
        const init = declarator.init;
        const value = init ? withCondition(init, interpreter.evaluate(init, state), interpreter, state) : CLEAN;
        assignPattern(interpreter, declarator.id, value, state, declarator.init ?? undefined);
        seedToolCall(interpreter, declarator.id, state);
      }
      return state;
    case 'ReturnStatement': {
      const value = statement.argument ? interpreter.evaluate(statement.argument, state) : CLEAN;
      runReturnedFunctions(interpreter, value, state);
      interpreter.returns.push({ value, state, node: statement });
      return undefined;
    }
    case 'ThrowStatement':
      interpreter.evaluate(statement.argument, state);
      return undefined;
    case 'BlockStatement':
      return execList(interpreter, statement.body, state);
    case 'IfStatement':
      return execIf(interpreter, statement, state);
    case 'SwitchStatement':
      return execSwitch(interpreter, statement, state);
    case 'TryStatement':
      return execTry(interpreter, statement, state);
    case 'ForStatement': {
      if (statement.init) {
        if (statement.init.type === 'VariableDeclaration') exec(interpreter, statement.init, state);
        else interpreter.evaluate(statement.init, state);
      }
      if (statement.test) interpreter.evaluate(statement.test, state);
      const endless = isEndless(statement.test, statement.body);
      return execLoop(
        interpreter,
        statement.body,
        state,
        () => {
          if (statement.update) interpreter.evaluate(statement.update, state);
        },
        endless ? null : state,
        endless,
      );
    }
    case 'ForOfStatement':
    case 'ForInStatement': {
      const iterable = interpreter.evaluate(statement.right, state);
      let element = statement.type === 'ForOfStatement' ? elementOf(iterable) : derived(iterable, ['allowlist']);
      // `for (const p of [source, destination])`: a check on p in the body checks each of them.
      const listed = statement.type === 'ForOfStatement' ? literalElementKeys(interpreter, statement.right, state) : [];
      if (listed.length > 0) element = { ...element, keys: [...new Set([...(element.keys ?? []), ...listed])] };
      const loopState = cloneState(state);
      if (statement.left.type === 'VariableDeclaration') {
        for (const declarator of statement.left.declarations) {
          assignPattern(interpreter, declarator.id, element, loopState, undefined);
          seedToolCall(interpreter, declarator.id, loopState);
        }
      } else {
        assignTo(interpreter, statement.left, element, loopState);
      }
      // A non-empty array literal is always entered: skipping the body is not a path.
      return execLoop(interpreter, statement.body, loopState, undefined, listed.length > 0 ? null : state);
    }
    case 'WhileStatement': {
      interpreter.evaluate(statement.test, state);
      const facts = factsOf(statement.test, interpreter, state, true);
      const endless = isEndless(statement.test, statement.body);
      return execLoop(
        interpreter,
        statement.body,
        applyFacts(cloneState(state), facts),
        undefined,
        endless ? null : state,
        endless,
      );
    }
    case 'DoWhileStatement': {
      const end = execLoop(interpreter, statement.body, state, undefined);
      if (end) interpreter.evaluate(statement.test, end);
      return end;
    }
    case 'LabeledStatement':
      return exec(interpreter, statement.body, state);
    case 'BreakStatement':
    case 'ContinueStatement': {
      const target = interpreter.breakStack[interpreter.breakStack.length - 1];
      if (target) target.push(state);
      return undefined;
    }
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
    case 'EmptyStatement':
    case 'DebuggerStatement':
      return state;
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return state;
    default:
      return state;
  }
}

function execIf(interpreter: Interpreter, statement: TSESTree.IfStatement, state: State): State | undefined {
  // A test on a value known to be undefined (a member of an omitted argument) never holds.
  const absent = interpreter.evaluate(statement.test, state).isAbsent === true;
  const selected = absent
    ? false
    : (selectorDecision(interpreter, statement.test) ??
      optInDecision(interpreter, statement.test, state) ??
      constantParamDecision(interpreter, statement.test, state));
  if (selected === true) return exec(interpreter, statement.consequent, state);
  if (selected === false) return statement.alternate ? exec(interpreter, statement.alternate, state) : state;
  const correlated = correlatedBranches(statement.test, state, (identifier) => {
    const binding = interpreter.ctx.scopes.resolve(identifier);
    return binding ? bindingKey(binding) : undefined;
  });
  const factsTrue = factsOf(statement.test, interpreter, state, true);
  const factsFalse = factsOf(statement.test, interpreter, state, false);
  noteGuard(interpreter, statement.test, factsTrue, factsFalse);
  const whenTrue = applyFacts(withBranchValues(cloneState(state), correlated?.whenTrue), factsTrue);
  const whenFalse = applyFacts(withBranchValues(cloneState(state), correlated?.whenFalse), factsFalse);
  const afterTrue = execUnder(interpreter, statement.consequent, whenTrue, factsTrue);
  const afterFalse = statement.alternate
    ? execUnder(interpreter, statement.alternate, whenFalse, factsFalse)
    : whenFalse;
  return joinStates(afterTrue, afterFalse);
}

/** A branch of `if (flag)` starts from the values its flag's branch had (interpret/flag-correlation.ts). */
function withBranchValues(state: State, values: ReadonlyMap<string, Value> | undefined): State {
  for (const [key, value] of values ?? []) setKey(state, key, value);
  return state;
}

/** Runs a branch with the facts its condition established on the branch stack (see `Interpreter.branchFacts`). */
function execUnder(interpreter: Interpreter, statement: TSESTree.Statement, state: State, facts: Facts) {
  const depth = interpreter.branchFacts.length;
  interpreter.branchFacts.push(facts.facts);
  try {
    return exec(interpreter, statement, state);
  } finally {
    interpreter.branchFacts.length = depth;
  }
}

function noteGuard(interpreter: Interpreter, test: Node, ...facts: Facts[]): void {
  const bounds = [...new Set(facts.flatMap((entry) => entry.facts.map((fact) => fact.bound)))];
  if (bounds.length === 0) return;
  const text = interpreter.ctx.text.slice(test.range[0], test.range[1]).replace(/\s+/g, ' ');
  interpreter.guards.push(`${bounds.join('/')}: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`);
}

/** For a dispatcher analysed for one tool: true/false when the test compares the tool name to a constant. */
function selectorDecision(interpreter: Interpreter, test: TSESTree.Expression): boolean | undefined {
  const selector = interpreter.options.selector;
  if (!selector) return undefined;
  const inner = unwrapExpression(test);
  if (inner.type === 'UnaryExpression' && inner.operator === '!') {
    const decision = selectorDecision(interpreter, inner.argument);
    return decision === undefined ? undefined : !decision;
  }
  if (
    inner.type === 'CallExpression' &&
    inner.callee.type === 'MemberExpression' &&
    propertyName(inner.callee) === 'includes' &&
    inner.arguments[0]
  ) {
    // `if (BROWSER_TOOLS.includes(name))` over a constant list decides per tool.
    const keys = keysOf(inner.arguments[0], interpreter, undefined);
    if (!keys.some((key) => selector.keys.includes(key))) return undefined;
    const list = constantStrings(inner.callee.object, interpreter.ctx);
    return list ? list.includes(selector.name) : undefined;
  }
  if (inner.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(inner.operator)) return undefined;
  const pairs: Array<[Node, Node]> = [
    [inner.left, inner.right],
    [inner.right, inner.left],
  ];
  for (const [subject, other] of pairs) {
    const keys = keysOf(subject, interpreter, undefined);
    if (!keys.some((key) => selector.keys.includes(key))) continue;
    const literal = constantString(other, interpreter.ctx);
    if (literal === undefined) continue;
    const equal = literal === selector.name;
    return inner.operator.startsWith('!') ? !equal : equal;
  }
  return undefined;
}

function execSwitch(interpreter: Interpreter, statement: TSESTree.SwitchStatement, state: State): State | undefined {
  const discriminant = interpreter.evaluate(statement.discriminant, state);
  const subjectKeys = keysOf(statement.discriminant, interpreter, state);
  const selector = interpreter.options.selector;
  const isSelector = selector !== undefined && subjectKeys.some((key) => selector.keys.includes(key));
  // `switch (options.method)` on a constant the caller's declaration fixed: only the case it names runs.
  const fixed = isSelector || isTainted(discriminant) ? undefined : fixedCase(statement, discriminant.constant);
  interpreter.breakStack.push([]);
  let fallthrough: State | undefined;
  let matchedSelected = false;
  let hasDefault = false;
  for (const switchCase of statement.cases) {
    let entry: State | undefined;
    if (switchCase.test === null) {
      hasDefault = true;
      entry = isSelector ? (matchedSelected ? undefined : cloneState(state)) : fixed ? undefined : cloneState(state);
    } else {
      const literal = stringValue(switchCase.test);
      if (isSelector) {
        // `case ToolName.Navigate:` names its tool as the dispatcher's recognition read it (../constant-string.ts).
        if ((literal ?? constantString(switchCase.test, interpreter.ctx)) === selector.name) {
          entry = cloneState(state);
          matchedSelected = true;
        }
      } else if (fixed !== undefined) {
        if (switchCase === fixed) entry = cloneState(state);
      } else {
        entry = cloneState(state);
        const constant = literal !== undefined || switchCase.test.type === 'Literal';
        if (constant && isTainted(discriminant)) {
          entry = applyFacts(entry, membership(statement.discriminant, interpreter, entry));
        }
      }
    }
    const start = joinStates(entry, fallthrough);
    fallthrough = start ? execList(interpreter, switchCase.consequent, start) : undefined;
  }
  const breaks = interpreter.breakStack.pop() ?? [];
  let out = fallthrough;
  for (const broken of breaks) out = joinStates(out, broken);
  // No case taken: execution goes on after the switch (for a dispatcher, when this switch does not name the tool).
  if (!hasDefault && (!isSelector || !matchedSelected) && !fixed) out = joinStates(out, state);
  return out;
}

/** The case a constant discriminant selects, when every case tests a string literal and one matches it. */
function fixedCase(statement: TSESTree.SwitchStatement, constant: string | undefined): TSESTree.SwitchCase | undefined {
  if (constant === undefined) return undefined;
  const tests = statement.cases.filter((switchCase) => switchCase.test !== null);
  if (!tests.every((switchCase) => stringValue(switchCase.test as Node) !== undefined)) return undefined;
  return tests.find((switchCase) => stringValue(switchCase.test as Node) === constant);
}

function execTry(interpreter: Interpreter, statement: TSESTree.TryStatement, state: State): State | undefined {
  const before = cloneState(state);
  const afterTry = exec(interpreter, statement.block, state);
  let afterCatch: State | undefined;
  if (statement.handler) {
    const catchState = cloneState(before);
    if (statement.handler.param)
      assignPattern(
        interpreter,
        statement.handler.param,
        caughtError(interpreter, statement.block, catchState),
        catchState,
        undefined,
      );
    afterCatch = exec(interpreter, statement.handler.body, catchState);
  }
  let out = joinStates(afterTry, afterCatch);
  if (statement.finalizer) {
    const finalState = out ?? cloneState(before);
    const afterFinally = exec(interpreter, statement.finalizer, finalState);
    out = out ? afterFinally : undefined;
  }
  return out;
}

function execLoop(
  interpreter: Interpreter,
  body: TSESTree.Statement,
  state: State,
  update?: () => void,
  /** The state when the body never runs; null when it always runs at least once. */
  skipped: State | null = state,
  /** `while (true)`, `for (;;)`: the end of the body goes round again, only a `break` leaves. */
  endless = false,
): State | undefined {
  interpreter.breakStack.push([]);
  const end = exec(interpreter, body, cloneState(state));
  if (end && update) update();
  const breaks = interpreter.breakStack.pop() ?? [];
  const after = endless ? undefined : end;
  let out: State | undefined = skipped === null ? after : joinStates(skipped, after);
  for (const broken of breaks) out = joinStates(out, broken);
  return out;
}

/** The keys of every element of a short array literal of variables or members (none when any is not). */
function literalElementKeys(interpreter: Interpreter, node: Node, state: State): string[] {
  const inner = unwrapExpression(node);
  if (inner.type !== 'ArrayExpression' || inner.elements.length === 0 || inner.elements.length > 8) return [];
  const keys: string[] = [];
  for (const element of inner.elements) {
    if (!element || element.type === 'SpreadElement') return [];
    const own = keysOf(element, interpreter, state);
    if (own.length === 0) return [];
    keys.push(...own);
  }
  return keys;
}

/** The strings of a constant array literal (directly or through a `const`), or undefined. */
function constantStrings(node: Node, ctx: FileContext, depth = 0): string[] | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'ArrayExpression') {
    const values = inner.elements.map((element) =>
      element && element.type !== 'SpreadElement' ? stringValue(element) : undefined,
    );
    return values.every((value): value is string => value !== undefined) ? values : undefined;
  }
  if (inner.type === 'Identifier' && depth < 3) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && binding.declarationKind === 'const')
      return constantStrings(binding.init, ctx, depth + 1);
    if (binding?.kind === 'import' && binding.importSource?.startsWith('.')) {
      const target = ctx.modules.resolveImport(ctx, binding.importSource);
      const exported = target ? ctx.modules.exportedNode(target, binding.importName ?? binding.name) : undefined;
      if (exported) return constantStrings(exported.node, exported.ctx, depth + 1);
    }
  }
  return undefined;
}

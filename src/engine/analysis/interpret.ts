// Abstract interpretation of one function: follows model input through statements in order, applies
// guards on the paths they dominate, and records every catalog sink the function reaches.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, isFunction, propertyName, stringValue, unwrapExpression, type FunctionNode, type Node } from '../ast';
import { matchesPath, requiredModule } from '../api';
import { resolveFunction } from './resolve';
import { patternBindings, type Binding } from '../scope';
import type { FileContext } from './context';
import { factsOf, keysOf, bindingKey, membership, type Facts } from './guards';
import { matchSinks, evaluateSink, isAuditCallee, isApprovalCall, recheckSink, type SinkHit } from './sinks';
import {
  CLEAN,
  combine,
  constantValue,
  container,
  derived,
  isTainted,
  joinValues,
  opaqueValue,
  partsOf,
  uniqueOrigins,
  withBounds,
  type Bound,
  type Fact,
  type Origin,
  type Part,
  type Value,
} from './value';

export interface State {
  env: Map<string, Value>;
  approved: boolean;
}

/** How a helper's summary says its parameters are bounded after it returns normally. */
export interface ParamFact {
  index: number;
  path: string;
  bound: Bound;
}

export interface FunctionSummary {
  hits: SinkHit[];
  returnValue: Value;
  exitFacts: ParamFact[];
  predicateFacts: ParamFact[];
  audits: string[];
  approvedOnExit: boolean;
  approvals: string[];
}

export interface AnalysisOptions {
  /** Values of parameters: the handler's model input, or symbolic parameters for a summary. */
  params: Map<number, Value>;
  /** For MCP dispatchers: only the branch handling this tool name is taken. */
  selector?: { keys: string[]; name: string };
  /** Approval known before the function runs (a framework flag). */
  approved?: boolean;
  /** Summaries already being computed, to stop recursion. */
  inProgress: Set<FunctionNode>;
  depth: number;
  summaries: WeakMap<FunctionNode, FunctionSummary>;
}

const ITERATION_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'some', 'every', 'find', 'findIndex', 'reduce', 'sort']);
const STRING_IDENTITY_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'valueOf', 'normalize', 'toLocaleLowerCase', 'toLocaleUpperCase']);
const DERIVING_GLOBALS = new Set(['String', 'decodeURIComponent', 'decodeURI', 'encodeURI', 'encodeURIComponent', 'Number', 'parseInt', 'parseFloat', 'BigInt', 'Buffer', 'JSON', 'Object', 'Array', 'Promise', 'structuredClone', 'escape', 'unescape']);
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'set', 'add', 'append']);
const ARITHMETIC = new Set(['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>']);
const MAX_SUMMARY_DEPTH = 5;
const MAX_NESTED_FUNCTIONS = 200;

export class FunctionInterpreter {
  readonly hits: SinkHit[] = [];
  readonly audits: string[] = [];
  readonly approvals: string[] = [];
  /** Conditions that bounded a value, as written, for the inventory. */
  readonly guards: string[] = [];
  readonly returns: Array<{ value: Value; state: State; node: TSESTree.ReturnStatement | undefined }> = [];
  private readonly breakStack: State[][] = [];
  private nested = 0;

  constructor(
    readonly ctx: FileContext,
    readonly fn: FunctionNode,
    readonly options: AnalysisOptions,
  ) {}

  run(): State | undefined {
    const state: State = { env: new Map(), approved: this.options.approved ?? false };
    this.bindParams(this.fn, this.options.params, state);
    return this.runBody(this.fn, state);
  }

  /** Runs a function body; an expression body is an implicit return. */
  private runBody(fn: FunctionNode, state: State): State | undefined {
    if (fn.body.type === 'BlockStatement') {
      const end = this.execList(fn.body.body, state);
      if (end) this.returns.push({ value: CLEAN, state: end, node: undefined });
      return end;
    }
    const value = this.evaluate(fn.body, state);
    this.returns.push({ value, state, node: undefined });
    return state;
  }

  private bindParams(fn: FunctionNode, params: Map<number, Value>, state: State): void {
    fn.params.forEach((param, index) => {
      const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
      const value = params.get(index) ?? CLEAN;
      this.assignPattern(pattern, value, state, undefined);
    });
  }

  // ---- statements -------------------------------------------------------------------------

  execList(statements: readonly TSESTree.Statement[] | readonly TSESTree.ProgramStatement[], state: State | undefined): State | undefined {
    let current = state;
    for (const statement of statements) {
      if (!current) return undefined;
      current = this.exec(statement as TSESTree.Statement, current);
    }
    return current;
  }

  exec(statement: TSESTree.Statement, state: State): State | undefined {
    switch (statement.type) {
      case 'ExpressionStatement':
        this.evaluate(statement.expression, state);
        return state;
      case 'VariableDeclaration':
        for (const declarator of statement.declarations) {
          const value = declarator.init ? this.evaluate(declarator.init, state) : CLEAN;
          this.assignPattern(declarator.id, value, state, declarator.init ?? undefined);
        }
        return state;
      case 'ReturnStatement': {
        const value = statement.argument ? this.evaluate(statement.argument, state) : CLEAN;
        this.returns.push({ value, state, node: statement });
        return undefined;
      }
      case 'ThrowStatement':
        this.evaluate(statement.argument, state);
        return undefined;
      case 'BlockStatement':
        return this.execList(statement.body, state);
      case 'IfStatement':
        return this.execIf(statement, state);
      case 'SwitchStatement':
        return this.execSwitch(statement, state);
      case 'TryStatement':
        return this.execTry(statement, state);
      case 'ForStatement': {
        if (statement.init) {
          if (statement.init.type === 'VariableDeclaration') this.exec(statement.init, state);
          else this.evaluate(statement.init, state);
        }
        if (statement.test) this.evaluate(statement.test, state);
        return this.execLoop(statement.body, state, () => {
          if (statement.update) this.evaluate(statement.update, state);
        });
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        const iterable = this.evaluate(statement.right, state);
        const element = statement.type === 'ForOfStatement' ? elementOf(iterable) : derived(iterable, ['allowlist']);
        const loopState = cloneState(state);
        if (statement.left.type === 'VariableDeclaration') {
          for (const declarator of statement.left.declarations) this.assignPattern(declarator.id, element, loopState, undefined);
        } else {
          this.assignTo(statement.left, element, loopState);
        }
        return this.execLoop(statement.body, loopState, undefined, state);
      }
      case 'WhileStatement': {
        this.evaluate(statement.test, state);
        const facts = factsOf(statement.test, this, state, true);
        return this.execLoop(statement.body, applyFacts(cloneState(state), facts, this), undefined, state);
      }
      case 'DoWhileStatement': {
        const end = this.execLoop(statement.body, state, undefined);
        if (end) this.evaluate(statement.test, end);
        return end;
      }
      case 'LabeledStatement':
        return this.exec(statement.body, state);
      case 'BreakStatement':
      case 'ContinueStatement': {
        const target = this.breakStack[this.breakStack.length - 1];
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

  private execIf(statement: TSESTree.IfStatement, state: State): State | undefined {
    this.evaluate(statement.test, state);
    const selected = this.selectorDecision(statement.test);
    if (selected === true) return this.exec(statement.consequent, state);
    if (selected === false) return statement.alternate ? this.exec(statement.alternate, state) : state;
    const factsTrue = factsOf(statement.test, this, state, true);
    const factsFalse = factsOf(statement.test, this, state, false);
    this.noteGuard(statement.test, factsTrue, factsFalse);
    const whenTrue = applyFacts(cloneState(state), factsTrue, this);
    const whenFalse = applyFacts(cloneState(state), factsFalse, this);
    const afterTrue = this.exec(statement.consequent, whenTrue);
    const afterFalse = statement.alternate ? this.exec(statement.alternate, whenFalse) : whenFalse;
    return joinStates(afterTrue, afterFalse);
  }

  private noteGuard(test: Node, ...facts: Facts[]): void {
    const bounds = [...new Set(facts.flatMap((entry) => entry.facts.map((fact) => fact.bound)))];
    if (bounds.length === 0) return;
    const text = this.ctx.text.slice(test.range[0], test.range[1]).replace(/\s+/g, ' ');
    this.guards.push(`${bounds.join('/')}: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`);
  }

  /** For a dispatcher analysed for one tool: true/false when the test compares the tool name to a constant. */
  private selectorDecision(test: TSESTree.Expression): boolean | undefined {
    const selector = this.options.selector;
    if (!selector) return undefined;
    const inner = unwrapExpression(test);
    if (inner.type === 'UnaryExpression' && inner.operator === '!') {
      const decision = this.selectorDecision(inner.argument);
      return decision === undefined ? undefined : !decision;
    }
    if (inner.type === 'CallExpression' && inner.callee.type === 'MemberExpression' && propertyName(inner.callee) === 'includes' && inner.arguments[0]) {
      // `if (BROWSER_TOOLS.includes(name))` over a constant list decides per tool.
      const keys = keysOf(inner.arguments[0], this, undefined);
      if (!keys.some((key) => selector.keys.includes(key))) return undefined;
      const list = constantStrings(inner.callee.object, this.ctx);
      return list ? list.includes(selector.name) : undefined;
    }
    if (inner.type !== 'BinaryExpression' || !['===', '==', '!==', '!='].includes(inner.operator)) return undefined;
    const pairs: Array<[Node, Node]> = [
      [inner.left, inner.right],
      [inner.right, inner.left],
    ];
    for (const [subject, other] of pairs) {
      const literal = stringValue(other);
      if (literal === undefined) continue;
      const keys = keysOf(subject, this, undefined);
      if (!keys.some((key) => selector.keys.includes(key))) continue;
      const equal = literal === selector.name;
      return inner.operator.startsWith('!') ? !equal : equal;
    }
    return undefined;
  }

  private execSwitch(statement: TSESTree.SwitchStatement, state: State): State | undefined {
    const discriminant = this.evaluate(statement.discriminant, state);
    const subjectKeys = keysOf(statement.discriminant, this, state);
    const selector = this.options.selector;
    const isSelector = selector !== undefined && subjectKeys.some((key) => selector.keys.includes(key));
    this.breakStack.push([]);
    let fallthrough: State | undefined;
    let matchedSelected = false;
    let hasDefault = false;
    for (const switchCase of statement.cases) {
      let entry: State | undefined;
      if (switchCase.test === null) {
        hasDefault = true;
        entry = isSelector ? (matchedSelected ? undefined : cloneState(state)) : cloneState(state);
      } else {
        const literal = stringValue(switchCase.test);
        if (isSelector) {
          if (literal === selector.name) {
            entry = cloneState(state);
            matchedSelected = true;
          }
        } else {
          entry = cloneState(state);
          const constant = literal !== undefined || switchCase.test.type === 'Literal';
          if (constant && isTainted(discriminant)) {
            entry = applyFacts(entry, membership(statement.discriminant, this, entry), this);
          }
        }
      }
      const start = joinStates(entry, fallthrough);
      fallthrough = start ? this.execList(switchCase.consequent, start) : undefined;
    }
    const breaks = this.breakStack.pop() ?? [];
    let out = fallthrough;
    for (const broken of breaks) out = joinStates(out, broken);
    // No case taken: execution goes on after the switch (for a dispatcher, when this switch does not name the tool).
    if (!hasDefault && (!isSelector || !matchedSelected)) out = joinStates(out, state);
    return out;
  }

  private execTry(statement: TSESTree.TryStatement, state: State): State | undefined {
    const before = cloneState(state);
    const afterTry = this.exec(statement.block, state);
    let afterCatch: State | undefined;
    if (statement.handler) {
      const catchState = cloneState(before);
      if (statement.handler.param) this.assignPattern(statement.handler.param, opaqueValue(), catchState, undefined);
      afterCatch = this.exec(statement.handler.body, catchState);
    }
    let out = joinStates(afterTry, afterCatch);
    if (statement.finalizer) {
      const finalState = out ?? cloneState(before);
      const afterFinally = this.exec(statement.finalizer, finalState);
      out = out ? afterFinally : undefined;
    }
    return out;
  }

  private execLoop(body: TSESTree.Statement, state: State, update?: () => void, skipped: State = state): State | undefined {
    this.breakStack.push([]);
    const end = this.exec(body, cloneState(state));
    if (end && update) update();
    const breaks = this.breakStack.pop() ?? [];
    let out: State | undefined = joinStates(skipped, end);
    for (const broken of breaks) out = joinStates(out, broken);
    return out;
  }

  // ---- assignment ---------------------------------------------------------------------------

  assignPattern(pattern: Node, value: Value, state: State, init: Node | undefined): void {
    const aliasKeys = init ? keysOf(init, this, state) : [];
    for (const [id, path] of patternBindings(pattern)) {
      const binding = this.ctx.scopes.resolve(id);
      if (!binding) continue;
      let bound = value;
      for (const name of path) bound = this.member(bound, name);
      const key = bindingKey(binding);
      const keys = path.length === 0 ? aliasKeys : aliasKeys.map((alias) => `${alias}.${path.join('.')}`);
      // A destructured default (`{ url = DEFAULT }`) keeps the input's taint: the default only applies when absent.
      state.env.set(key, keys.length > 0 ? { ...bound, keys: [...new Set([...(bound.keys ?? []), ...keys])] } : bound);
    }
  }

  private assignTo(target: Node, value: Value, state: State): void {
    const inner = unwrapExpression(target);
    if (inner.type === 'Identifier') {
      const binding = this.ctx.scopes.resolve(inner);
      if (binding) state.env.set(bindingKey(binding), value);
      return;
    }
    if (inner.type === 'MemberExpression') {
      const keys = keysOf(inner, this, state);
      for (const key of keys) state.env.set(key, value);
      return;
    }
    if (inner.type === 'ObjectPattern' || inner.type === 'ArrayPattern') this.assignPattern(inner, value, state, undefined);
  }

  // ---- expressions --------------------------------------------------------------------------

  evaluate(node: Node, state: State): Value {
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return constantValue(node.value);
        if (typeof node.value === 'number' || typeof node.value === 'boolean') return constantValue(String(node.value));
        return CLEAN;
      case 'TemplateLiteral':
        return this.evaluateTemplate(node, state);
      case 'Identifier':
        return this.readIdentifier(node, state);
      case 'MemberExpression':
        return this.evaluateMember(node, state);
      case 'CallExpression':
        return this.evaluateCall(node, state);
      case 'NewExpression':
        return this.evaluateCall(node, state);
      case 'TaggedTemplateExpression': {
        const value = this.evaluateTemplate(node.quasi, state);
        this.recordSinks(node, [value], state);
        return derived(value, []);
      }
      case 'AwaitExpression':
        return this.evaluate(node.argument, state);
      case 'ChainExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
        return this.evaluate(node.expression, state);
      case 'BinaryExpression': {
        const left = this.evaluate(node.left, state);
        const right = this.evaluate(node.right, state);
        if (node.operator === '+') return { ...combine([left, right]), parts: [...partsOf(left), ...partsOf(right)] };
        // Arithmetic on model input is still model input (an amount times a rate); comparisons are booleans.
        if (ARITHMETIC.has(node.operator)) return combine([left, right], ['allowlist', 'amount']);
        return CLEAN;
      }
      case 'LogicalExpression': {
        const left = this.evaluate(node.left, state);
        const rightState = node.operator === '&&' ? applyFacts(cloneState(state), factsOf(node.left, this, state, true), this) : state;
        const right = this.evaluate(node.right, rightState);
        return node.operator === '&&' ? right : joinValues(left, right);
      }
      case 'ConditionalExpression': {
        this.evaluate(node.test, state);
        const whenTrue = applyFacts(cloneState(state), factsOf(node.test, this, state, true), this);
        const whenFalse = applyFacts(cloneState(state), factsOf(node.test, this, state, false), this);
        return joinValues(this.evaluate(node.consequent, whenTrue), this.evaluate(node.alternate, whenFalse));
      }
      case 'AssignmentExpression': {
        const right = this.evaluate(node.right, state);
        if (node.operator === '=') {
          if (node.left.type === 'ObjectPattern' || node.left.type === 'ArrayPattern') this.assignPattern(node.left, right, state, node.right);
          else this.assignTo(node.left, right, state);
          return right;
        }
        const left = this.evaluate(node.left, state);
        const combined: Value = { ...combine([left, right]), parts: [...partsOf(left), ...partsOf(right)] };
        this.assignTo(node.left, combined, state);
        return combined;
      }
      case 'ObjectExpression':
        return this.evaluateObject(node, state);
      case 'ArrayExpression': {
        const elements = node.elements.map((element) => {
          if (!element) return CLEAN;
          if (element.type === 'SpreadElement') return this.evaluate(element.argument, state);
          return this.evaluate(element, state);
        });
        return { ...container(elements), elements };
      }
      case 'SequenceExpression': {
        let last = CLEAN;
        for (const expression of node.expressions) last = this.evaluate(expression, state);
        return last;
      }
      case 'UnaryExpression':
        this.evaluate(node.argument, state);
        return CLEAN;
      case 'UpdateExpression':
        return CLEAN;
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { ...CLEAN, fn: node };
      case 'SpreadElement':
        return this.evaluate(node.argument, state);
      case 'YieldExpression':
        return node.argument ? this.evaluate(node.argument, state) : CLEAN;
      case 'ImportExpression':
        this.evaluate(node.source, state);
        return CLEAN;
      default:
        return CLEAN;
    }
  }

  private evaluateTemplate(node: TSESTree.TemplateLiteral, state: State): Value {
    const parts: Part[] = [];
    const values: Value[] = [];
    node.quasis.forEach((quasi, index) => {
      if (quasi.value.cooked) parts.push({ kind: 'const', text: quasi.value.cooked });
      const expression = node.expressions[index];
      if (expression) {
        const value = this.evaluate(expression, state);
        values.push(value);
        parts.push(...partsOf(value));
      }
    });
    return { ...combine(values), parts };
  }

  private evaluateObject(node: TSESTree.ObjectExpression, state: State): Value {
    const props = new Map<string, Value>();
    const values: Value[] = [];
    let open = false;
    for (const property of node.properties) {
      if (property.type === 'SpreadElement') {
        const spread = this.evaluate(property.argument, state);
        values.push(spread);
        if (spread.props) for (const [key, value] of spread.props) props.set(key, value);
        // `{ ...defaults, ...input }`: members the model adds are not known here.
        if (isTainted(spread) && !spread.isObjectLiteral) open = true;
        continue;
      }
      const name = propertyName(property);
      if (property.computed && name === undefined) this.evaluate(property.key, state);
      const value = isFunction(property.value) ? { ...CLEAN, fn: property.value } : this.evaluate(property.value as Node, state);
      values.push(value);
      if (name !== undefined) props.set(name, value);
    }
    const out: Value = { ...container(values), props };
    if (!open) out.isObjectLiteral = true;
    return out;
  }

  readIdentifier(node: TSESTree.Identifier, state: State): Value {
    if (node.name === 'undefined') return CLEAN;
    const binding = this.ctx.scopes.resolve(node);
    if (!binding) return CLEAN;
    const key = bindingKey(binding);
    const known = state.env.get(key);
    if (known) return known;
    return this.moduleConstant(binding);
  }

  /** A module-level `const` read from inside a function: its initialiser, evaluated once without input. */
  private moduleConstant(binding: Binding): Value {
    if (binding.kind === 'function' && binding.declaration?.type === 'FunctionDeclaration') return { ...CLEAN, fn: binding.declaration };
    if (binding.kind !== 'var' || !binding.init || binding.isLoopElement) return opaqueValue();
    if (isFunction(binding.init)) return { ...CLEAN, fn: binding.init };
    if (binding.declarationKind !== 'const') return opaqueValue();
    const cached = moduleConstants.get(binding.id);
    if (cached) return cached;
    moduleConstants.set(binding.id, opaqueValue());
    let value = this.evaluate(binding.init, { env: new Map(), approved: false });
    for (const name of binding.patternPath) value = this.member(value, name);
    if (isTainted(value)) value = opaqueValue();
    moduleConstants.set(binding.id, value);
    return value;
  }

  private evaluateMember(node: TSESTree.MemberExpression, state: State): Value {
    const keys = keysOf(node, this, state);
    for (const key of keys) {
      const known = state.env.get(key);
      if (known) return known;
    }
    const object = this.evaluate(node.object, state);
    const name = propertyName(node);
    if (name === undefined) {
      const key = this.evaluate(node.property, state);
      // A lookup in a map the model does not control yields one of its values, whatever the key.
      if (!isTainted(object)) {
        if (object.props && object.props.size > 0) {
          let joined: Value | undefined;
          for (const value of object.props.values()) joined = joinValues(joined, value);
          return joined ?? opaqueValue();
        }
        return opaqueValue();
      }
      if (object.elements && object.elements.length > 0) return object.elements.reduce<Value>((acc, item) => joinValues(acc, item), CLEAN);
      return derived(combine([object, key]), ['allowlist']);
    }
    return this.member(object, name);
  }

  /** The value of `value.name`. */
  member(value: Value, name: string): Value {
    const prop = value.props?.get(name);
    if (prop) return prop;
    if (value.isObjectLiteral) return CLEAN;
    if (!isTainted(value)) {
      if (value.props) return CLEAN;
      if (name === 'length') return CLEAN;
      return opaqueValue();
    }
    if (name === 'length') return CLEAN;
    const origins: Origin[] = value.origins.map((origin) => {
      const display = origin.display === '' ? name : `${origin.display}.${name}`;
      return origin.kind === 'param' ? { ...origin, display, path: [...origin.path, name] } : { ...origin, display };
    });
    const keep: Bound[] = value.isUrl ? ['allowlist', 'host'] : ['allowlist', 'host', 'amount'];
    const out: Value = { origins: uniqueOrigins(origins), bounds: new Set([...value.bounds].filter((bound) => keep.includes(bound))) };
    return out;
  }

  // ---- calls --------------------------------------------------------------------------------

  private evaluateCall(node: TSESTree.CallExpression | TSESTree.NewExpression, state: State): Value {
    if (node.type === 'CallExpression' && requiredModule(node, this.ctx.scopes) !== undefined) return CLEAN;
    const callee = unwrapExpression(node.callee);
    let receiver: Value | undefined;
    if (callee.type === 'MemberExpression') receiver = this.evaluate(callee.object, state);
    const args = node.arguments.map((argument) => this.evaluate(argument, state));
    const calleeText = describe(callee, this.ctx.text);

    if (isApprovalCall(node, this)) {
      this.approvals.push(calleeText);
      state.approved = true;
    }
    if (isAuditCallee(node, this)) this.audits.push(`${calleeText}()`);

    this.recordSinks(node, args, state);
    this.visitCallbacks(node, callee, receiver, state);
    if (callee.type === 'MemberExpression' && receiver) this.mutateReceiver(callee, receiver, args, state);

    const known = this.knownStep(node, callee, receiver, args, state);
    if (known) return known;

    const local = this.resolveCallee(callee);
    if (local) return this.applySummary(node, local.fn, local.ctx, args, state);

    // An unknown function of model input returns something derived from it (a conversion keeps an amount's cap).
    const inputs = receiver ? [receiver, ...args] : args;
    const result = derived(combine(inputs, ['allowlist', 'amount']), ['allowlist', 'amount']);
    if (this.isConfiguredGuard(callee)) return withBounds(result, ['allowlist', 'host', 'path']);
    return result;
  }

  /** `argv.push(input.flag)`: the array (or set, or map) now holds model input. */
  private mutateReceiver(callee: TSESTree.MemberExpression, receiver: Value, args: Value[], state: State): void {
    const method = propertyName(callee) ?? '';
    if (!MUTATING_METHODS.has(method) || !args.some(isTainted)) return;
    const added = method === 'set' ? args.slice(1) : method === 'splice' ? args.slice(2) : args;
    const next: Value = { ...container([receiver, ...added]), elements: [...(receiver.elements ?? []), ...added] };
    for (const key of keysOf(callee.object, this, state)) state.env.set(key, next);
  }

  private recordSinks(node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression, args: Value[], state: State): void {
    for (const row of matchSinks(node, this)) {
      const hit = evaluateSink(row, node, args, state, this);
      if (hit) this.hits.push(hit);
    }
  }

  /** Built-in steps whose effect on model control is known: URL and path helpers, string methods. */
  private knownStep(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    callee: Node,
    receiver: Value | undefined,
    args: Value[],
    state: State,
  ): Value | undefined {
    const common = this.ctx.catalogs.common;
    const ref = this.ctx.api.resolve(callee);
    if (ref) {
      if (common.urlConstructors.some((entry) => matchesPath(ref, entry.modules, entry.path))) {
        return urlValue(args[0] ?? CLEAN, args[1], keysOf(node.arguments[0] ?? node, this, state));
      }
      const last = ref.tokens[ref.tokens.length - 1];
      if (common.pathModules.includes(ref.module) && ref.tokens.length === 1 && last?.kind === 'Member') {
        if (last.name === 'relative') {
          const out = derived(combine(args), ['allowlist']);
          return { ...out, relativeOf: node.arguments[1] ? keysOf(node.arguments[1], this, state) : [] };
        }
        if (last.name === 'isAbsolute') return CLEAN;
        // The last segment of a normalised, contained path cannot climb out of a root it is joined to.
        if (last.name === 'basename' && args[0] && (args[0].isResolvedPath || args[0].bounds.has('path'))) {
          return withBounds(derived(args[0], ['allowlist']), ['segment']);
        }
        if (common.pathResolve.includes(last.name) || common.pathJoin.includes(last.name)) {
          let out = derived(combine(args), ['allowlist']);
          const tainted = args.filter(isTainted);
          if (tainted.length > 0 && tainted.every((arg) => arg.bounds.has('segment')) && !isTainted(args[0] ?? CLEAN)) out = withBounds(out, ['path']);
          return { ...out, isResolvedPath: ['resolve', 'join', 'normalize'].includes(last.name) };
        }
      }
      if (common.realpathFunctions.some((entry) => matchesPath(ref, entry.modules, entry.path))) {
        const arg = args[0] ?? CLEAN;
        return { ...derived(arg, ['allowlist', 'path']), isResolvedPath: true };
      }
      if (ref.module === '<global>' && ref.tokens[0]?.kind === 'Member' && DERIVING_GLOBALS.has(ref.tokens[0].name)) {
        const name = ref.tokens[0].name;
        if (name === 'Promise' && args[0]?.elements) return combineElements(args[0]);
        const keep: Bound[] = ['allowlist', 'host', 'path', 'amount'];
        const input = combine(args, keep);
        if (ref.tokens.length === 1 && (name === 'String' || name === 'Number')) return { ...input, keys: node.arguments[0] ? keysOf(node.arguments[0], this, state) : [] };
        return input;
      }
      if (ref.module === '<global>' && ref.tokens[0]?.kind === 'Member' && ref.tokens[0].name === 'Math') {
        const name = ref.tokens[1]?.kind === 'Member' ? ref.tokens[1].name : '';
        const input = combine(args, ['allowlist', 'amount']);
        // Math.min(x, LIMIT) caps x at a bound the model does not choose.
        if (name === 'min' && args.some((arg) => !isTainted(arg))) return withBounds(input, ['amount']);
        return input;
      }
    }
    if (callee.type === 'MemberExpression' && receiver) {
      const method = propertyName(callee) ?? '';
      if (!isTainted(receiver)) {
        if (method === 'then' || method === 'catch' || method === 'finally') return receiver;
        // A lookup in a map the model does not control yields one of its values, whatever the key.
        if (method === 'get' || method === 'at') return opaqueValue();
        return undefined;
      }
      if (STRING_IDENTITY_METHODS.has(method)) {
        return { ...receiver, ...(receiver.parts ? { parts: receiver.parts } : {}) };
      }
      if (method === 'then') return receiver;
      if (ITERATION_METHODS.has(method) || method === 'join' || method === 'slice' || method === 'concat' || method === 'split') {
        return derived(combine([receiver, ...args]), ['allowlist']);
      }
      return derived(combine([receiver, ...args]), ['allowlist']);
    }
    return undefined;
  }

  /** Inline callbacks run as part of the handler: their sinks count; iteration callbacks see the elements. */
  private visitCallbacks(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    callee: Node,
    receiver: Value | undefined,
    state: State,
  ): void {
    node.arguments.forEach((argument) => {
      if (!isFunction(argument)) return;
      if (this.nested++ > MAX_NESTED_FUNCTIONS) return;
      const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
      const params = new Map<number, Value>();
      if (receiver && method && ITERATION_METHODS.has(method)) {
        params.set(method === 'reduce' ? 1 : 0, elementOf(receiver));
      } else if (receiver && method === 'then') {
        params.set(0, receiver);
      }
      const inner = cloneState(state);
      this.bindParams(argument, params, inner);
      const saved = this.returns.length;
      this.runBody(argument, inner);
      // Returns inside a callback are not returns of the function being analysed.
      this.returns.length = saved;
    });
  }

  private resolveCallee(callee: Node): { fn: FunctionNode; ctx: FileContext } | undefined {
    return resolveFunction(callee, this.ctx);
  }

  private isConfiguredGuard(callee: Node): boolean {
    const names = this.ctx.config.guardFunctions;
    if (names.length === 0) return false;
    const text = describe(callee, this.ctx.text);
    const last = text.split('.').pop() ?? text;
    return names.includes(text) || names.includes(last);
  }

  /** Calls a helper through its summary: its sinks become ours, its guards bound our arguments. */
  private applySummary(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    fn: FunctionNode,
    ctx: FileContext,
    args: Value[],
    state: State,
  ): Value {
    const summary = summarise(fn, ctx, this.options);
    if (!summary) return derived(combine(args), ['allowlist']);
    // A helper's parameter origin may name a member (`settings.browserType`): read that member of what the caller passed.
    const actual = (index: number, path: string[] = []): Value => path.reduce<Value>((value, name) => this.member(value, name), args[index] ?? CLEAN);
    for (const hit of summary.hits) {
      const mapped = instantiateHit(hit, node, this, actual, state);
      if (mapped) this.hits.push(mapped);
    }
    this.audits.push(...summary.audits);
    this.approvals.push(...summary.approvals);
    if (summary.approvedOnExit) state.approved = true;
    if (summary.exitFacts.length > 0) {
      const bounds = [...new Set(summary.exitFacts.map((fact) => fact.bound))].join('/');
      this.guards.push(`${bounds}: ${describe(node.callee, this.ctx.text)}(...)`);
    }
    for (const fact of summary.exitFacts) {
      const argument = node.arguments[fact.index];
      if (!argument) continue;
      const keys = keysOf(argument, this, state).map((key) => (fact.path ? `${key}.${fact.path}` : key));
      applyFacts(state, { facts: [{ keys, bound: fact.bound }], approved: false }, this);
    }
    const result = mapOrigins(summary.returnValue, actual);
    if (summary.predicateFacts.length > 0) {
      const predicate: Fact[] = [];
      for (const fact of summary.predicateFacts) {
        const argument = node.arguments[fact.index];
        if (argument) predicate.push({ keys: keysOf(argument, this, state).map((key) => (fact.path ? `${key}.${fact.path}` : key)), bound: fact.bound });
      }
      return { ...result, predicate };
    }
    return result;
  }

  /** Whether a helper's sink is still model-controlled with the value the caller passes. */
  recheck(hit: SinkHit, value: Value): boolean {
    return recheckSink(hit, value);
  }

  /** The value stored under an env key, derived from its parent key when only the parent is known. */
  readKey(key: string, state: State): Value | undefined {
    const known = state.env.get(key);
    if (known) return known;
    const dot = key.lastIndexOf('.');
    if (dot < 0) return undefined;
    const parent = this.readKey(key.slice(0, dot), state);
    return parent ? this.member(parent, key.slice(dot + 1)) : undefined;
  }
}

const moduleConstants = new WeakMap<TSESTree.Identifier, Value>();

/** The strings of a constant array literal (directly or through a `const`), or undefined. */
function constantStrings(node: Node, ctx: FileContext, depth = 0): string[] | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'ArrayExpression') {
    const values = inner.elements.map((element) => (element && element.type !== 'SpreadElement' ? stringValue(element) : undefined));
    return values.every((value): value is string => value !== undefined) ? values : undefined;
  }
  if (inner.type === 'Identifier' && depth < 3) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && binding.declarationKind === 'const') return constantStrings(binding.init, ctx, depth + 1);
    if (binding?.kind === 'import' && binding.importSource?.startsWith('.')) {
      const target = ctx.project.resolveImport(ctx, binding.importSource);
      const exported = target ? ctx.project.exportedNode(target, binding.importName ?? binding.name) : undefined;
      if (exported) return constantStrings(exported.node, exported.ctx, depth + 1);
    }
  }
  return undefined;
}

// ---- summaries ----------------------------------------------------------------------------

/** Analyses a helper once with symbolic parameters; cached per function node. */
export function summarise(fn: FunctionNode, ctx: FileContext, options: AnalysisOptions): FunctionSummary | undefined {
  const cached = options.summaries.get(fn);
  if (cached) return cached;
  if (options.inProgress.has(fn) || options.depth >= MAX_SUMMARY_DEPTH) return undefined;
  options.inProgress.add(fn);
  try {
    const params = new Map<number, Value>();
    fn.params.forEach((param, index) => {
      const display = param.type === 'Identifier' ? param.name : `argument ${index + 1}`;
      const origin: Origin = { kind: 'param', index, display, path: [] };
      params.set(index, { origins: [origin], bounds: new Set(), parts: [{ kind: 'tainted', value: { origins: [origin], bounds: new Set() } }] });
    });
    const interpreter = new FunctionInterpreter(ctx, fn, { ...options, params, depth: options.depth + 1, approved: false });
    delete (interpreter.options as { selector?: unknown }).selector;
    interpreter.run();
    const summary = buildSummary(fn, interpreter);
    options.summaries.set(fn, summary);
    return summary;
  } finally {
    options.inProgress.delete(fn);
  }
}

function buildSummary(fn: FunctionNode, interpreter: FunctionInterpreter): FunctionSummary {
  const returns = interpreter.returns;
  let returnValue: Value | undefined;
  for (const entry of returns) returnValue = joinValues(returnValue, entry.value);
  const paramKeys = new Map<string, number>();
  fn.params.forEach((param, index) => {
    const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
    if (pattern.type === 'Identifier') {
      const binding = interpreter.ctx.scopes.resolve(pattern);
      if (binding) paramKeys.set(bindingKey(binding), index);
    }
  });
  const exitFacts: ParamFact[] = [];
  const predicateFacts: ParamFact[] = [];
  if (returns.length > 0) {
    for (const [key, index] of paramKeys) {
      for (const bound of ['allowlist', 'host', 'path', 'amount'] as Bound[]) {
        const everyExit = returns.every((entry) => hasBoundOnKey(interpreter, entry.state, key, bound));
        if (everyExit) exitFacts.push({ index, path: '', bound });
      }
    }
    const meaningful = returns.filter((entry) => entry.node?.argument && !(entry.node.argument.type === 'Literal' && entry.node.argument.value === false));
    if (meaningful.length > 0) {
      for (const [key, index] of paramKeys) {
        for (const bound of ['allowlist', 'host', 'path', 'amount'] as Bound[]) {
          if (exitFacts.some((fact) => fact.index === index && fact.bound === bound)) continue;
          const holds = meaningful.every((entry) => {
            const argument = entry.node?.argument;
            if (!argument) return false;
            const facts = factsOf(argument, interpreter, entry.state, true);
            return facts.facts.some((fact) => fact.bound === bound && fact.keys.some((factKey) => factKey === key || key.startsWith(`${factKey}.`)));
          });
          if (holds) predicateFacts.push({ index, path: '', bound });
        }
      }
    }
  }
  return {
    hits: interpreter.hits,
    returnValue: returnValue ?? CLEAN,
    exitFacts,
    predicateFacts,
    audits: interpreter.audits,
    approvedOnExit: returns.length > 0 && returns.every((entry) => entry.state.approved),
    approvals: interpreter.approvals,
  };
}

function hasBoundOnKey(interpreter: FunctionInterpreter, state: State, key: string, bound: Bound): boolean {
  const value = interpreter.readKey(key, state);
  return value !== undefined && value.bounds.has(bound);
}

/** Replaces symbolic parameter origins by what the caller passed. */
function mapOrigins(value: Value, actual: (index: number, path?: string[]) => Value, depth = 0): Value {
  if (!value.origins.some((origin) => origin.kind === 'param')) return value;
  const inputs: Value[] = [];
  const kept: Origin[] = [];
  for (const origin of value.origins) {
    if (origin.kind === 'param') inputs.push(actual(origin.index, origin.path));
    else kept.push(origin);
  }
  const fromArgs = combine(inputs, ['allowlist', 'host', 'path', 'amount']);
  const origins = uniqueOrigins([...kept, ...fromArgs.origins]);
  const bounds = new Set<Bound>([...value.bounds, ...fromArgs.bounds]);
  const out: Value = { origins, bounds };
  if (value.isResolvedPath) out.isResolvedPath = true;
  if (value.isUrl) out.isUrl = true;
  if (depth > 4) return out;
  // A helper that returns `{ apiKey, baseUrl }` keeps each member's own origin; only members built from parameters change.
  if (value.props) {
    out.props = new Map([...value.props].map(([key, member]) => [key, mapOrigins(member, actual, depth + 1)]));
    if (value.isObjectLiteral) out.isObjectLiteral = true;
  }
  if (value.elements) out.elements = value.elements.map((element) => mapOrigins(element, actual, depth + 1));
  if (value.parts) {
    out.parts = value.parts.flatMap((part): Part[] => {
      if (part.kind !== 'tainted') return [part];
      const only = part.value.origins.length === 1 ? part.value.origins[0] : undefined;
      // The parameter itself inside a returned string: splice in how the caller built it.
      if (only?.kind === 'param') return partsOf(actual(only.index, only.path));
      const mapped = mapOrigins(part.value, actual, depth + 1);
      return isTainted(mapped) ? [{ kind: 'tainted', value: mapped }] : partsOf(mapped);
    });
  }
  return out;
}

function instantiateHit(hit: SinkHit, call: TSESTree.CallExpression | TSESTree.NewExpression, interpreter: FunctionInterpreter, actual: (index: number, path?: string[]) => Value, state: State): SinkHit | undefined {
  const sameFile = hit.file === interpreter.ctx.file;
  const base: SinkHit = { ...hit };
  if (!sameFile) {
    base.via = { node: call, file: interpreter.ctx.file, callee: describe(call.callee, interpreter.ctx.text) };
    base.file = interpreter.ctx.file;
  }
  if (hit.row.check === 'transfer') {
    const argsBounded = call.arguments.some((_, index) => actual(index).bounds.has('amount'));
    base.bounded = hit.bounded || state.approved || argsBounded;
    base.modelControlled = hit.modelControlled || hit.paramIndexes.some((index) => isTainted(actual(index)));
    base.origins = [...hit.origins.filter((origin) => origin.kind === 'input'), ...hit.origins.flatMap((origin) => (origin.kind === 'param' ? actual(origin.index, origin.path).origins : []))];
    base.paramIndexes = hit.paramIndexes.flatMap((index) => actual(index).origins.flatMap((origin) => (origin.kind === 'param' ? [origin.index] : [])));
    return base;
  }
  if (hit.paramIndexes.length === 0) return hit.modelControlled ? base : sameFile ? undefined : base;
  const inputs: Origin[] = hit.origins.filter((origin) => origin.kind === 'input');
  const params: Origin[] = [];
  let controlled = hit.modelControlled && inputs.length > 0;
  let reachedByInput = controlled;
  for (const origin of hit.origins) {
    if (origin.kind !== 'param') continue;
    const value = actual(origin.index, origin.path);
    if (!isTainted(value)) continue;
    reachedByInput = true;
    const stillControlled = hit.leadingParam === origin.index ? interpreter.recheck(hit, value) : !value.bounds.has('allowlist');
    if (!stillControlled) continue;
    controlled = true;
    for (const source of value.origins) (source.kind === 'input' ? inputs : params).push(source);
  }
  if (!controlled) {
    // Kept for the inventory: the effect is reached, bounded by the caller's guard (or not model-controlled).
    if (!reachedByInput && sameFile) return undefined;
    return { ...base, modelControlled: reachedByInput, bounded: true, origins: [], paramIndexes: [] };
  }
  base.modelControlled = true;
  base.bounded = false;
  base.origins = uniqueOrigins([...inputs, ...params]);
  const paramIndexes = params.flatMap((origin) => (origin.kind === 'param' ? [origin.index] : []));
  base.paramIndexes = [...new Set(paramIndexes)];
  return base;
}


// ---- state helpers ------------------------------------------------------------------------

export function cloneState(state: State): State {
  return { env: new Map(state.env), approved: state.approved };
}

export function joinStates(a: State | undefined, b: State | undefined): State | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a === b) return a;
  const env = new Map<string, Value>();
  for (const [key, value] of a.env) env.set(key, joinValues(value, b.env.get(key) ?? (isTainted(value) ? undefined : value)));
  for (const [key, value] of b.env) if (!a.env.has(key)) env.set(key, value);
  return { env, approved: a.approved && b.approved };
}

/** Applies what a condition established to the state (a new fact only adds bounds). */
export function applyFacts(state: State, facts: Facts, interpreter: FunctionInterpreter): State {
  const target = state;
  for (const fact of facts.facts) {
    for (const key of fact.keys) {
      const current = interpreter.readKey(key, target);
      if (!current) continue;
      target.env.set(key, withBounds(current, [fact.bound]));
      for (const alias of current.keys ?? []) {
        const aliased = interpreter.readKey(alias, target);
        if (aliased) target.env.set(alias, withBounds(aliased, [fact.bound]));
      }
    }
  }
  if (facts.approved) target.approved = true;
  return target;
}

function elementOf(value: Value): Value {
  if (value.elements && value.elements.length > 0) return value.elements.reduce<Value>((acc, item) => joinValues(acc, item), CLEAN);
  if (!isTainted(value)) return value.props ? CLEAN : opaqueValue();
  return { origins: value.origins.map((origin) => ({ ...origin, display: `${origin.display}[]` })), bounds: new Set([...value.bounds].filter((bound) => bound === 'allowlist')) };
}

function combineElements(array: Value): Value {
  return array.elements ? array.elements.reduce<Value>((acc, item) => joinValues(acc, item), CLEAN) : array;
}

/** `new URL(input, base)`: with a base, an absolute or protocol-relative input still replaces the base's origin. */
function urlValue(input: Value, base: Value | undefined, keys: string[]): Value {
  const inputParts = partsOf(input);
  let parts: Part[] = inputParts;
  if (base) {
    const first = inputParts[0];
    const inputStartsConstant = first?.kind === 'const' && /^[/?#.]/.test(first.text) && !first.text.startsWith('//');
    parts = inputStartsConstant || !isTainted(input) ? [...partsOf(base), ...inputParts] : inputParts;
  }
  const value = combine(base ? [input, base] : [input], ['allowlist', 'host']);
  return { ...value, parts, isUrl: true, keys };
}


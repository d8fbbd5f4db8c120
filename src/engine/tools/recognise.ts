// Finds the agent tools a file declares, with their handlers and which handler parameter the model controls.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, isFunction, propertyName, stringValue, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import { matchesPath, tokensMatch, type ApiRef } from '../api';
import { parseAccessPath, selectIndexes, type PathToken } from '../catalog/access-path';
import type { ToolForm } from '../catalog/load';
import type { FileContext } from '../analysis/context';
import { resolveFunction } from '../analysis/resolve';
import { auditWrapper } from './audit-wrapper';

export interface ToolHandler {
  fn: FunctionNode;
  ctx: FileContext;
  /** Index of the parameter the model controls; undefined when the model passes nothing. */
  inputIndex: number | undefined;
  /** Member path inside that parameter (`params.arguments` for MCP dispatchers). */
  inputPath: string[];
  /** Where the tool's file refers to a handler defined in another file. */
  reference?: Node;
}

export interface RecognisedTool {
  name: string;
  nameNode: Node;
  formId: string;
  framework: string;
  definition: Node;
  handlers: ToolHandler[];
  notAnalysable?: string;
  approval?: string;
  audit?: string;
  selector?: { keys: string[]; name: string };
  /** Input fields whose schema caps them (`z.number().max(100)`, `maximum: 100`). */
  cappedFields: Set<string>;
  /** The form's approval option when it sits in the options object (`Argument[0].Member[needsApproval]`). */
  approvalFlag?: string;
}

interface FormLike {
  id: string;
  framework: string;
  handler: PathToken[];
  input: PathToken[];
  names: PathToken[][];
  approval: PathToken[];
  defaultName?: string;
  inputNeedsSchema?: boolean;
}

const MAX_TOOLS_PER_FILE = 5000;

export function recogniseTools(ctx: FileContext): RecognisedTool[] {
  const tools: RecognisedTool[] = [];
  const consumed = new Set<Node>();
  const { forms } = ctx.catalogs;
  const factories = ctx.config.toolFactories.map((factory) => ({
    factory,
    form: {
      id: `factory:${factory.name}`,
      framework: 'configured-factory',
      handler: parseAccessPath(factory.handler),
      input: parseAccessPath(factory.input),
      names: factory.nameAt ? [parseAccessPath(factory.nameAt)] : [parseAccessPath('Argument[0].Member[name]'), parseAccessPath('Argument[0]')],
      approval: [],
    } satisfies FormLike,
  }));

  walk(ctx.ast, (node) => {
    if (tools.length >= MAX_TOOLS_PER_FILE) return false;
    switch (node.type) {
      case 'CallExpression':
      case 'NewExpression': {
        if (node.type === 'CallExpression' && isCompiledDecoratorHelper(node)) {
          for (const tool of fromCompiledDecorators(node, ctx)) pushTool(tools, tool, consumed, node);
          return;
        }
        const ref = ctx.api.resolve(node.callee);
        // Several forms can share a callee (`tool(fn, opts)` and `tool({ execute })`): the first whose handler resolves wins.
        let fallback: RecognisedTool | undefined;
        for (const form of forms) {
          if ((form.kind === 'call' || form.kind === 'provider') && ref && calleeMatches(ref, form)) {
            const tool = fromCall(node, form, ctx);
            if (tool.notAnalysable === undefined) {
              pushTool(tools, tool, consumed, node);
              return;
            }
            fallback ??= tool;
            continue;
          }
          if (form.kind === 'method' && methodMatches(node, form, ctx)) {
            const looped = fromLoopCall(node, form, ctx);
            if (looped) for (const tool of looped) pushTool(tools, tool, consumed, tool.definition);
            else pushTool(tools, fromCall(node, form, ctx), consumed, node);
            return;
          }
          if (form.kind === 'dispatch' && node.type === 'CallExpression' && dispatchMatches(node, form, ctx)) {
            for (const tool of fromDispatch(node, form, ctx)) pushTool(tools, tool, consumed, node);
            return;
          }
        }
        if (fallback) {
          pushTool(tools, fallback, consumed, node);
          return;
        }
        for (const { factory, form } of factories) {
          const callee = unwrapExpression(node.callee);
          const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
          if (name === factory.name) {
            pushTool(tools, fromCall(node, form, ctx), consumed, node);
            return;
          }
        }
        return;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        if (!node.superClass) return;
        const ref = ctx.api.resolve(node.superClass);
        const form = ref ? forms.find((candidate) => candidate.kind === 'class' && modulesMatch(ref, candidate) && tokensMatch(ref.tokens, candidate.extends)) : undefined;
        if (form) pushTool(tools, fromClass(node, form, ctx), consumed, node);
        return;
      }
      case 'MethodDefinition': {
        for (const decorator of node.decorators ?? []) {
          const expression = unwrapExpression(decorator.expression);
          const form = decoratorForm(expression, ctx);
          if (form) pushTool(tools, fromDecorator(node, expression, form, ctx), consumed, node);
        }
        return;
      }
      case 'ObjectExpression': {
        if (consumed.has(node)) return;
        const tool = fromGenericObject(node, ctx);
        if (tool) pushTool(tools, tool, consumed, node);
        return;
      }
      default:
        return;
    }
  });
  return tools;
}

function pushTool(tools: RecognisedTool[], tool: RecognisedTool | undefined, consumed: Set<Node>, node: Node): void {
  if (!tool) return;
  tools.push(tool);
  consumed.add(node);
  // The options object of a recognised call is not a second, generic tool.
  if (node.type === 'CallExpression' || node.type === 'NewExpression') {
    for (const argument of node.arguments) consumed.add(unwrapExpression(argument));
  }
}

function modulesMatch(ref: ApiRef, form: ToolForm): boolean {
  return form.modules.includes(ref.module);
}

/** The decorator form a decorator expression (`CreateAction({...})`) belongs to. */
function decoratorForm(expression: Node, ctx: FileContext): ToolForm | undefined {
  const callee = expression.type === 'CallExpression' ? expression.callee : expression;
  const ref = ctx.api.resolve(callee);
  return ref ? ctx.catalogs.forms.find((candidate) => candidate.kind === 'decorator' && modulesMatch(ref, candidate) && tokensMatch(ref.tokens, candidate.decorator)) : undefined;
}

/** Compilers turn `@CreateAction(...) method()` into `__decorate([CreateAction(...)], C.prototype, 'method')` (tsc) or `__decorateElement(init, 1, 'method', decs, C)` (esbuild). */
function isCompiledDecoratorHelper(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  return callee.type === 'Identifier' && /^__decorate(Element)?$/.test(callee.name) && node.arguments.some((argument) => stringValue(argument) !== undefined);
}

function fromCompiledDecorators(node: TSESTree.CallExpression, ctx: FileContext): RecognisedTool[] {
  const methodName = node.arguments.map((argument) => stringValue(argument)).find((value) => value !== undefined);
  if (methodName === undefined) return [];
  const decorators = node.arguments.flatMap((argument) => arrayElements(argument, ctx));
  // The class is `C.prototype` (tsc) or the last argument (esbuild); the first argument is esbuild's `_init`.
  let classBody: TSESTree.ClassBody | undefined;
  for (const argument of node.arguments) {
    const inner = unwrapExpression(argument);
    const target = inner.type === 'MemberExpression' && propertyName(inner) === 'prototype' ? inner.object : inner;
    if (target.type === 'Identifier') classBody ??= classBodyOf(target, ctx);
  }
  const method = classBody?.body.find((member): member is TSESTree.MethodDefinition => member.type === 'MethodDefinition' && propertyName(member) === methodName);
  const tools: RecognisedTool[] = [];
  for (const decorator of decorators) {
    const expression = unwrapExpression(decorator);
    const form = decoratorForm(expression, ctx);
    if (!form) continue;
    if (method) {
      tools.push(fromDecorator(method, expression, form, ctx));
    } else {
      const tool = baseTool({ name: methodName, node }, form, node);
      tool.notAnalysable = `The decorated method \`${methodName}\` was not found in its class.`;
      tools.push(tool);
    }
  }
  return tools;
}

/** Elements of an array literal, directly or through a variable assigned one (`_m_dec = [aiFunction(...)]`). */
function arrayElements(node: Node, ctx: FileContext): Node[] {
  const inner = unwrapExpression(node);
  if (inner.type === 'ArrayExpression') return inner.elements.filter((element): element is TSESTree.Expression => element !== null && element.type !== 'SpreadElement');
  if (inner.type !== 'Identifier') return [];
  const binding = ctx.scopes.resolve(inner);
  if (!binding) return [];
  if (binding.kind === 'var' && binding.init) return arrayElements(binding.init, ctx);
  let found: Node[] = [];
  walk(ctx.ast, (candidate) => {
    if (found.length > 0) return false;
    if (candidate.type === 'AssignmentExpression' && candidate.left.type === 'Identifier' && candidate.left.name === inner.name && candidate.right.type === 'ArrayExpression') {
      found = arrayElements(candidate.right, ctx);
      return false;
    }
    return true;
  });
  return found;
}

function calleeMatches(ref: ApiRef, form: ToolForm): boolean {
  return modulesMatch(ref, form) && tokensMatch(ref.tokens, form.callee);
}

/** `server.tool(...)`: the receiver is a known instance, or untyped in a file that imports the framework. */
function methodMatches(node: TSESTree.CallExpression | TSESTree.NewExpression, form: ToolForm, ctx: FileContext): boolean {
  if (node.type !== 'CallExpression') return false;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || !form.methods.includes(propertyName(callee) ?? '')) return false;
  const receiver = ctx.api.resolve(callee.object);
  if (receiver) return modulesMatch(receiver, form) && tokensMatch(receiver.tokens, form.receiver);
  return form.modules.some((module) => ctx.imports.has(module));
}

function dispatchMatches(node: TSESTree.CallExpression, form: ToolForm, ctx: FileContext): boolean {
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || !form.methods.includes(propertyName(callee) ?? '')) return false;
  const schema = node.arguments[0];
  if (!schema) return false;
  const ref = ctx.api.resolve(schema);
  return ref !== undefined && matchesPath(ref, form.modules, form.schema);
}

// ---- navigation -----------------------------------------------------------------------------

/** Follows `Argument[0].Member[execute]`-style paths from a call to the nodes they reach. */
function navigate(start: Node[], tokens: PathToken[], ctx: FileContext, call?: TSESTree.CallExpression | TSESTree.NewExpression): Node[] {
  let current: Node[] = start;
  for (const token of tokens) {
    const next: Node[] = [];
    for (const node of current) {
      switch (token.kind) {
        case 'Argument': {
          const args = call ? call.arguments : [];
          for (const index of selectIndexes(token.indexes, args.length)) next.push(args[index] as Node);
          break;
        }
        case 'Member': {
          const object = objectLiteralOf(node, ctx);
          if (!object) break;
          for (const name of token.names) {
            const property = findProperty(object, name);
            if (property) next.push(property.value as Node);
          }
          break;
        }
        case 'Method': {
          const classBody = classBodyOf(node, ctx);
          if (classBody) {
            for (const member of classBody.body) {
              if (member.type === 'MethodDefinition' && token.names.includes(propertyName(member) ?? '')) next.push(member.value);
            }
            break;
          }
          const object = objectLiteralOf(node, ctx);
          if (object) for (const name of token.names) {
            const property = findProperty(object, name);
            if (property) next.push(property.value as Node);
          }
          break;
        }
        case 'Property': {
          const classBody = classBodyOf(node, ctx);
          if (!classBody) break;
          for (const member of classBody.body) {
            if (member.type === 'PropertyDefinition' && token.names.includes(propertyName(member) ?? '') && member.value) next.push(member.value);
            if (member.type === 'MethodDefinition' && member.kind === 'get' && token.names.includes(propertyName(member) ?? '')) {
              const body = member.value.body;
              const returned = body?.body.find((statement): statement is TSESTree.ReturnStatement => statement.type === 'ReturnStatement');
              if (returned?.argument) next.push(returned.argument);
            }
          }
          break;
        }
        default:
          break;
      }
    }
    current = next;
  }
  return current;
}

/** An object literal, directly or through a `const` that holds one. */
function objectLiteralOf(node: Node, ctx: FileContext, depth = 0): TSESTree.ObjectExpression | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'ObjectExpression') return inner;
  if (inner.type === 'Identifier' && depth < 4) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0) return objectLiteralOf(binding.init, ctx, depth + 1);
  }
  return undefined;
}

/** The class an expression instantiates or names (`new LocalShell()`, `LocalShell`, a class expression). */
function classBodyOf(node: Node, ctx: FileContext, depth = 0): TSESTree.ClassBody | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'ClassDeclaration' || inner.type === 'ClassExpression') return inner.body;
  if (inner.type === 'NewExpression') return classBodyOf(inner.callee, ctx, depth + 1);
  if (inner.type === 'Identifier' && depth < 4) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'class' && binding.declaration?.type === 'ClassDeclaration') return binding.declaration.body;
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement) return classBodyOf(binding.init, ctx, depth + 1);
  }
  return undefined;
}

// ---- tool builders ----------------------------------------------------------------------------

/**
 * `for (const def of TOOLS) server.registerTool(def.name, def.config, def.handler)` (or `TOOLS.forEach`):
 * one tool per element of the constant array the loop walks.
 */
function fromLoopCall(node: TSESTree.CallExpression | TSESTree.NewExpression, form: FormLike, ctx: FileContext): RecognisedTool[] | undefined {
  const handlerNode = navigate([node], form.handler, ctx, node)[0];
  const handler = handlerNode ? unwrapExpression(handlerNode) : undefined;
  if (!handler || handler.type !== 'MemberExpression' || handler.object.type !== 'Identifier') return undefined;
  const member = propertyName(handler);
  const elements = member === undefined ? undefined : loopElements(handler.object, ctx);
  if (!member || !elements) return undefined;
  return elements.map((element) => {
    const nameProperty = ['name', 'id'].map((key) => findProperty(element, key)).find((property) => property !== undefined);
    const name = nameProperty ? stringValue(nameProperty.value as Node) : undefined;
    const tool = baseTool({ name: name ?? '(anonymous tool)', node: nameProperty ? (nameProperty.value as Node) : element }, form, element);
    const value = findProperty(element, member);
    attachHandlers(tool, value ? [value.value as Node] : [], form, ctx, element);
    collectCaps(element, tool);
    return tool;
  });
}

/** The object literals a loop variable takes: a for-of over, or a forEach/map callback on, a constant array. */
function loopElements(variable: TSESTree.Identifier, ctx: FileContext): TSESTree.ObjectExpression[] | undefined {
  const binding = ctx.scopes.resolve(variable);
  let iterable: Node | undefined;
  if (binding?.kind === 'var' && binding.isLoopElement && binding.patternPath.length === 0) iterable = binding.init;
  if (binding?.kind === 'param' && binding.paramIndex === 0 && binding.fn?.parent?.type === 'CallExpression') {
    const call = binding.fn.parent;
    const callee = unwrapExpression(call.callee);
    if (callee.type === 'MemberExpression' && ['forEach', 'map', 'flatMap'].includes(propertyName(callee) ?? '') && call.arguments[0] === binding.fn) iterable = callee.object;
  }
  if (!iterable) return undefined;
  const array = arrayElements(iterable, ctx).map((element) => objectLiteralOf(element, ctx));
  return array.length > 0 && array.every((element): element is TSESTree.ObjectExpression => element !== undefined) ? array : undefined;
}

function fromCall(node: TSESTree.CallExpression | TSESTree.NewExpression, form: FormLike, ctx: FileContext): RecognisedTool {
  const handlerNodes = navigate([node], form.handler, ctx, node);
  const nameInfo = toolName(node, form, ctx, node);
  const tool = baseTool(nameInfo, form, node);
  attachHandlers(tool, handlerNodes, form, ctx, node);
  const approvalNode = form.approval.length > 0 ? navigate([node], form.approval, ctx, node)[0] : undefined;
  if (approvalNode && !isLiteralFalse(approvalNode)) tool.approval = approvalPropertyName(form);
  const wrapper = wrappingAudit(node, ctx);
  if (wrapper) tool.audit = wrapper;
  collectCaps(node, tool);
  if (form.inputNeedsSchema && !hasSchemaArgument(node)) {
    for (const handler of tool.handlers) handler.inputIndex = undefined;
  }
  return tool;
}

function fromClass(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, form: ToolForm, ctx: FileContext): RecognisedTool {
  const nameNodes = form.names.flatMap((path) => navigate([node], path, ctx));
  const nameNode = nameNodes.find((candidate) => stringValue(candidate) !== undefined);
  const name = nameNode ? (stringValue(nameNode) as string) : node.id?.name ?? '(anonymous class)';
  const tool = baseTool({ name, node: nameNode ?? node.id ?? node }, form, node);
  attachHandlers(tool, navigate([node], form.handler, ctx), form, ctx, node);
  collectCaps(node, tool);
  return tool;
}

function fromDecorator(method: TSESTree.MethodDefinition, decorator: Node, form: ToolForm, ctx: FileContext): RecognisedTool {
  const call = decorator.type === 'CallExpression' ? decorator : undefined;
  const nameNode = call ? form.names.flatMap((path) => navigate([call], path, ctx, call)).find((candidate) => stringValue(candidate) !== undefined) : undefined;
  const name = nameNode ? (stringValue(nameNode) as string) : propertyName(method) ?? '(anonymous method)';
  // The finding sits on the method, where the code that needs the hook is.
  const tool = baseTool({ name, node: method.key }, form, method);
  if (method.value.type === 'FunctionExpression') attachHandlers(tool, [method.value], form, ctx, method);
  else tool.notAnalysable = 'The decorated method has no body.';
  if (call) collectCaps(call, tool);
  return tool;
}

function fromGenericObject(node: TSESTree.ObjectExpression, ctx: FileContext): RecognisedTool | undefined {
  const generic = ctx.catalogs.genericObject;
  const has = (keys: string[]): TSESTree.Property | undefined => {
    for (const key of keys) {
      const property = findProperty(node, key);
      if (property) return property;
    }
    return undefined;
  };
  const nameProperty = has(generic.nameKeys);
  const handlerProperty = has(generic.handlerKeys);
  if (!nameProperty || !handlerProperty || !has(generic.descriptionKeys) || !has(generic.schemaKeys)) return undefined;
  const nameValue = stringValue(nameProperty.value as Node);
  const form: FormLike = { id: 'generic-tool-object', framework: generic.framework, handler: [], input: [], names: [], approval: [] };
  const tool = baseTool({ name: nameValue ?? nameNodeFromContext(node)?.name ?? '(dynamic name)', node: nameValue !== undefined ? (nameProperty.value as Node) : nameProperty.key }, form, node);
  attachHandlers(tool, [handlerProperty.value as Node], form, ctx, node);
  for (const key of ctx.catalogs.common.approvalProperties) {
    const property = findProperty(node, key);
    if (property && !isLiteralFalse(property.value as Node)) tool.approval = key;
  }
  collectCaps(node, tool);
  return tool;
}

/** One tool per `case 'name':` (or `if (name === '...')`) of an MCP CallTool request handler. */
function fromDispatch(node: TSESTree.CallExpression, form: ToolForm, ctx: FileContext): RecognisedTool[] {
  const handlerNode = navigate([node], form.handler, ctx, node)[0];
  const wrapperProbe = baseTool({ name: '(CallTool dispatcher)', node }, form, node);
  const unwrapped = handlerNode ? unwrapHandler(handlerNode, ctx, wrapperProbe) : undefined;
  const resolved = unwrapped ? resolveFunction(unwrapped, ctx) : undefined;
  if (!resolved) {
    const tool = baseTool({ name: '(CallTool dispatcher)', node }, form, node);
    tool.notAnalysable = 'The CallTool request handler is not a function the engine can resolve.';
    return [tool];
  }
  const direct = dispatchCases(resolved.fn, selectorMatcher(resolved.fn, resolved.ctx));
  if (direct.names.length > 0) return dispatchTools(direct, resolved, form, node, wrapperProbe, undefined);
  // `async (request) => handleToolCall(request.params.name, request.params.arguments)`: follow the name into the function that switches on it.
  const delegated = delegatedDispatch(resolved.fn, resolved.ctx, wrapperProbe);
  if (delegated) {
    const cases = dispatchCases(delegated.target.fn, delegated.selector);
    if (cases.names.length > 0) return dispatchTools(cases, delegated.target, form, node, wrapperProbe, delegated);
  }
  const tool = baseTool({ name: '(CallTool dispatcher)', node: node.callee }, form, node);
  attachHandlers(tool, [resolved.fn], form, resolved.ctx, node);
  return [tool];
}

interface DispatchCases {
  names: Array<{ name: string; node: Node }>;
  keys: string[];
}

interface Delegation {
  call: TSESTree.CallExpression;
  target: { fn: FunctionNode; ctx: FileContext };
  selector: { keys: string[]; matches: (node: Node) => boolean };
  inputIndex: number | undefined;
}

function dispatchTools(
  cases: DispatchCases,
  resolved: { fn: FunctionNode; ctx: FileContext },
  form: ToolForm,
  node: TSESTree.CallExpression,
  wrapperProbe: RecognisedTool,
  delegation: Delegation | undefined,
): RecognisedTool[] {
  return cases.names.map((entry) => {
    // A tool found through a delegated function is located at the delegating call, in this file.
    const tool = baseTool({ name: entry.name, node: delegation ? delegation.call : entry.node }, form, delegation ? delegation.call : entry.node);
    if (delegation) {
      tool.handlers.push({ fn: resolved.fn, ctx: resolved.ctx, inputIndex: delegation.inputIndex, inputPath: [], reference: delegation.call });
    } else {
      attachHandlers(tool, [resolved.fn], form, resolved.ctx, node);
    }
    tool.selector = { keys: cases.keys, name: entry.name };
    if (wrapperProbe.audit) tool.audit = wrapperProbe.audit;
    return tool;
  });
}

function delegatedDispatch(fn: FunctionNode, ctx: FileContext, wrapperProbe: RecognisedTool): Delegation | undefined {
  const outer = selectorMatcher(fn, ctx);
  let found: Delegation | undefined;
  walk(fn.body, (inner) => {
    if (found) return false;
    if (inner.type !== 'CallExpression') return !(isFunction(inner) && inner !== fn);
    const selectorIndex = inner.arguments.findIndex((argument) => outer.matches(argument));
    if (selectorIndex < 0) return true;
    const target = resolveFunction(inner.callee, ctx);
    const wrapper = wrapperOf(inner.callee, ctx);
    const recorded = wrapper && !wrapperProbe.audit ? auditWrapper(wrapper, ctx) : undefined;
    if (recorded) wrapperProbe.audit = recorded;
    const param = target?.fn.params[selectorIndex];
    if (!target || !param || param.type !== 'Identifier') return true;
    const binding = target.ctx.scopes.resolve(param);
    if (!binding) return true;
    const key = `b${binding.id.range[0]}`;
    const inputIndex = inner.arguments.findIndex((argument) => /\bparams\??\.arguments\b/.test(ctx.text.slice(argument.range[0], argument.range[1])));
    found = {
      call: inner,
      target,
      selector: {
        keys: [key],
        matches: (candidate) => {
          const value = unwrapExpression(candidate);
          return value.type === 'Identifier' && target.ctx.scopes.resolve(value) === binding;
        },
      },
      inputIndex: inputIndex >= 0 ? inputIndex : undefined,
    };
    return false;
  });
  return found;
}

/** `const h = wrap(handleToolCall)`: the wrapper call a called variable holds. */
function wrapperOf(callee: Node, ctx: FileContext): TSESTree.CallExpression | undefined {
  const inner = unwrapExpression(callee);
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(inner);
  const init = binding?.kind === 'var' && binding.init ? unwrapExpression(binding.init) : undefined;
  return init?.type === 'CallExpression' ? init : undefined;
}

function dispatchCases(fn: FunctionNode, selector: { keys: string[]; matches: (node: Node) => boolean }): DispatchCases {
  const names: Array<{ name: string; node: Node }> = [];
  walk(fn.body, (inner) => {
    if (inner.type === 'SwitchStatement' && selector.matches(inner.discriminant)) {
      for (const switchCase of inner.cases) {
        const literal = stringValue(switchCase.test);
        if (literal !== undefined && switchCase.test) names.push({ name: literal, node: switchCase.test });
      }
    }
    if (inner.type === 'BinaryExpression' && ['===', '=='].includes(inner.operator)) {
      for (const [subject, other] of [[inner.left, inner.right], [inner.right, inner.left]] as Array<[Node, Node]>) {
        const literal = stringValue(other);
        if (literal !== undefined && selector.matches(subject)) names.push({ name: literal, node: other });
      }
    }
    return !(isFunction(inner) && inner !== fn);
  });
  const seen = new Set<string>();
  return { names: names.filter((entry) => (seen.has(entry.name) ? false : (seen.add(entry.name), true))), keys: selector.keys };
}

/** Recognises the expression that holds the requested tool name (`request.params.name` or a name destructured from it). */
function selectorMatcher(fn: FunctionNode, ctx: FileContext): { keys: string[]; matches: (node: Node) => boolean } {
  const first = fn.params[0];
  const keys: string[] = [];
  if (first && first.type === 'Identifier') {
    const binding = ctx.scopes.resolve(first);
    if (binding) keys.push(`b${binding.id.range[0]}.params.name`);
  }
  const matches = (node: Node): boolean => {
    const inner = unwrapExpression(node);
    const text = ctx.text.slice(inner.range[0], inner.range[1]);
    if (/\bparams\??\.name$/.test(text)) return true;
    if (inner.type === 'Identifier') {
      const binding = ctx.scopes.resolve(inner);
      if (!binding) return false;
      const path = binding.patternPath.join('.');
      if (binding.kind === 'param' && (path === 'params.name' || path === 'name')) {
        keys.push(`b${binding.id.range[0]}`);
        return true;
      }
      if (binding.kind === 'var' && binding.init) {
        const initText = ctx.text.slice(binding.init.range[0], binding.init.range[1]);
        if ((path === 'name' && /\bparams$/.test(initText)) || (path === 'params.name') || (path === '' && /\bparams\??\.name$/.test(initText))) {
          keys.push(`b${binding.id.range[0]}`);
          return true;
        }
      }
    }
    return false;
  };
  return { keys, matches };
}

function baseTool(name: { name: string; node: Node }, form: FormLike, definition: Node): RecognisedTool {
  const tool: RecognisedTool = { name: name.name, nameNode: name.node, formId: form.id, framework: form.framework, definition, handlers: [], cappedFields: new Set() };
  const [first, second] = form.approval;
  if (form.approval.length === 2 && first?.kind === 'Argument' && second?.kind === 'Member' && second.names.length === 1) tool.approvalFlag = second.names[0] as string;
  return tool;
}

/** Resolves handler expressions to functions (unwrapping wrappers); a shape without a resolvable handler is reported as not analysable. */
function attachHandlers(tool: RecognisedTool, nodes: Node[], form: FormLike, ctx: FileContext, definition: Node): void {
  if (nodes.length === 0) {
    tool.notAnalysable = 'No handler function was found where the framework expects it.';
    return;
  }
  for (const node of nodes) {
    const unwrapped = unwrapHandler(node, ctx, tool);
    const resolved = unwrapped ? resolveFunction(unwrapped, ctx) : undefined;
    if (!resolved) {
      tool.notAnalysable = `The handler \`${ctx.text.slice(node.range[0], node.range[1]).slice(0, 60)}\` is not a function the engine can resolve (defined outside the project or computed at run time).`;
      continue;
    }
    const { index, path } = inputOf(resolved.fn, form, ctx);
    const handler: ToolHandler = { fn: resolved.fn, ctx: resolved.ctx, inputIndex: index, inputPath: path };
    if (resolved.ctx !== ctx || !containsNode(definition, resolved.fn)) handler.reference = node;
    tool.handlers.push(handler);
  }
}

function containsNode(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** `withAudit(async (args) => ...)` or `wrap(handler)`: the function inside; an audit-named wrapper counts as the audit hook. */
function unwrapHandler(node: Node, ctx: FileContext, tool: RecognisedTool): Node | undefined {
  let current = unwrapExpression(node);
  for (let i = 0; i < 4 && current.type === 'CallExpression'; i++) {
    const inner = current.arguments.find((argument) => isFunction(argument) || argument.type === 'Identifier' || argument.type === 'CallExpression');
    if (!inner) return current;
    const recorded = tool.audit ? undefined : auditWrapper(current, ctx);
    if (recorded) tool.audit = recorded;
    current = unwrapExpression(inner);
  }
  return current;
}

/** The model's parameter: as the form says, else by the catalog's naming conventions. */
function inputOf(fn: FunctionNode, form: FormLike, ctx: FileContext): { index: number | undefined; path: string[] } {
  const count = fn.params.length;
  const first = form.input[0];
  if (first && first.kind === 'Parameter') {
    const index = selectIndexes(first.indexes, Math.max(count, 1))[0];
    const path = form.input.slice(1).flatMap((token) => (token.kind === 'Member' ? [token.names[0] as string] : []));
    return { index: index !== undefined && index < Math.max(count, 1) ? index : undefined, path };
  }
  const names = fn.params.map((param) => {
    const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
    return pattern.type === 'Identifier' ? pattern.name : pattern.type === 'AssignmentPattern' && pattern.left.type === 'Identifier' ? pattern.left.name : '';
  });
  const named = names.findIndex((name) => ctx.catalogs.inputParamNames.includes(name));
  if (named >= 0) return { index: named, path: [] };
  if (count > 1 && ctx.catalogs.contextParamNames.includes(names[0] ?? '')) return { index: count - 1, path: [] };
  return { index: count > 0 ? 0 : undefined, path: [] };
}

function toolName(node: Node, form: FormLike, ctx: FileContext, call: TSESTree.CallExpression | TSESTree.NewExpression): { name: string; node: Node } {
  for (const path of form.names) {
    for (const candidate of navigate([node], path, ctx, call)) {
      const value = stringValue(candidate);
      if (value !== undefined) return { name: value, node: candidate };
    }
  }
  const fromContext = nameNodeFromContext(node);
  if (fromContext) return fromContext;
  if (form.defaultName) return { name: form.defaultName, node: call.callee };
  return { name: '(anonymous tool)', node: call.callee };
}

/** `const fetchPage = tool(...)` or `{ fetchPage: tool(...) }`: the variable or key names the tool. */
function nameNodeFromContext(node: Node): { name: string; node: Node } | undefined {
  let current: Node = node;
  for (let i = 0; i < 4 && current.parent; i++) {
    const parent: Node = current.parent;
    if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') return { name: parent.id.name, node: parent.id };
    if (parent.type === 'Property' && parent.value === current) {
      const name = propertyName(parent);
      if (name !== undefined) return { name, node: parent.key };
    }
    if (parent.type === 'PropertyDefinition') {
      const name = propertyName(parent);
      if (name !== undefined) return { name, node: parent.key };
    }
    if (parent.type === 'CallExpression' || parent.type === 'AwaitExpression' || parent.type === 'TSAsExpression' || parent.type === 'TSSatisfiesExpression') {
      current = parent;
      continue;
    }
    break;
  }
  return undefined;
}

function approvalPropertyName(form: FormLike): string {
  const last = form.approval[form.approval.length - 1];
  return last && last.kind === 'Member' ? (last.names[0] as string) : 'approval';
}

function isLiteralFalse(node: Node): boolean {
  const inner = unwrapExpression(node);
  return inner.type === 'Literal' && (inner.value === false || inner.value === null || inner.value === 0);
}

/** `withAudit(tool({...}))`: a wrapper around the whole tool. */
function wrappingAudit(node: Node, ctx: FileContext): string | undefined {
  let current: Node = node;
  for (let i = 0; i < 3 && current.parent; i++) {
    const parent: Node = current.parent;
    if (parent.type === 'CallExpression' && parent.arguments.includes(current as TSESTree.CallExpressionArgument)) {
      const audit = auditWrapper(parent, ctx);
      if (audit) return audit;
      current = parent;
      continue;
    }
    if (parent.type === 'AwaitExpression' || parent.type === 'TSAsExpression') {
      current = parent;
      continue;
    }
    break;
  }
  return undefined;
}

function hasSchemaArgument(node: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  return node.arguments.slice(1, -1).some((argument) => {
    const inner = unwrapExpression(argument);
    return inner.type !== 'Literal' && inner.type !== 'TemplateLiteral';
  });
}

/** Input fields whose schema caps them: zod `.max()`/`.lte()`/`.lt()` or JSON schema `maximum`. */
function collectCaps(definition: Node, tool: RecognisedTool): void {
  walk(definition, (node) => {
    if (isFunction(node)) return false;
    if (node.type !== 'Property') return true;
    const name = propertyName(node);
    if (name === undefined) return true;
    const value = unwrapExpression(node.value as Node);
    if (value.type === 'CallExpression' && hasCapCall(value)) tool.cappedFields.add(name);
    if (value.type === 'ObjectExpression' && (findProperty(value, 'maximum') || findProperty(value, 'exclusiveMaximum'))) tool.cappedFields.add(name);
    return true;
  });
}

function hasCapCall(call: TSESTree.CallExpression): boolean {
  let current: Node = call;
  for (let i = 0; i < 12; i++) {
    const inner = unwrapExpression(current);
    if (inner.type !== 'CallExpression') return false;
    const callee = unwrapExpression(inner.callee);
    if (callee.type !== 'MemberExpression') return false;
    if (['max', 'lte', 'lt', 'maxValue'].includes(propertyName(callee) ?? '')) return true;
    current = callee.object;
  }
  return false;
}


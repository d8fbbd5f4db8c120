// Finds the function or class an expression refers to: local declarations, variables holding them,
// wrappers around them, object-literal members, class methods (with their base classes), and the
// exports of imported project files.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { callerArguments } from './caller-arguments';
import { isFunction, propertyName, stringValue, unwrapExpression, type FunctionNode, type Node } from '../ast';
import { factoryObjects, onlyCallArgument } from './provider-objects';
import { BUILTIN_METHODS, methodSetClasses } from './method-set';
import { objectMethodSetTargets } from './object-method-set';
import { injectedFieldClasses } from './injected-field';
import { moduleObject, receiverClasses } from './receivers';
import { tableTargets } from './table-targets';
import { enclosingClass } from '../class-fields';
import { cachedVendoredRanges, vendoredPackageAt } from '../tools/vendored-regions';
import { listTargets } from './list-targets';
import { passedMemberValues } from './passed-members';
import { pickedTargets } from './picked-objects';
import { forwardedFunction } from './forwarders';
import { requiredModule } from '../api';
import type { FileContext } from './context';
import { instanceClass, methodOf } from './resolve-class';
import { returnedInstanceMethods } from './returned-instances';

export interface ResolvedFunction {
  fn: FunctionNode;
  ctx: FileContext;
}

export const MAX_DEPTH = 6;

export {
  importedExport,
  methodOf,
  namedClassExpression,
  resolveClass,
  type ResolvedClass,
} from './resolve-class';

/**
 * Every function a callee may run: one, or for a method called on an interface or abstract class,
 * the implementations found in the project, or for a lookup in a constant table, its functions (bounded).
 */
export function resolveFunctions(node: Node, ctx: FileContext): ResolvedFunction[] {
  const inner = lastOfSequence(unwrapExpression(node));
  const found = inner.type === 'MemberExpression' ? memberTargets(inner, ctx, 0) : list(resolveFunction(inner, ctx));
  // `handlers[method](args)`: a function picked from a constant table by a key the code does not fix.
  if (found.length > 0) return found;
  const tabled = tableTargets(inner, ctx).filter(isProjectCode);
  // `endpoints.find((e) => e.tool.name === name).handler(client, args)`: any element's handler.
  return tabled.length > 0 ? tabled : listTargets(inner, ctx).filter(isProjectCode);
}

/**
 * A function a bundler inlined from a dependency is that package's (its API, `engine/api.ts`), not the
 * project's: following it would count the SDK's own requests (a bundled AI SDK's POST to its model provider)
 * as the tool's effects.
 */
export function isProjectCode(found: { ctx: FileContext; fn?: Node; node?: Node }): boolean {
  const ranges = cachedVendoredRanges(found.ctx.ast, found.ctx.text);
  const node = found.fn ?? found.node;
  return ranges.length === 0 || !node || vendoredPackageAt(ranges, node.range[0]) === undefined;
}

/** The function a callee refers to: a local function, or one exported by an imported project file. */
export function resolveFunction(node: Node, ctx: FileContext, depth = 0): ResolvedFunction | undefined {
  const found = anyFunction(node, ctx, depth);
  return found && isProjectCode(found) ? found : undefined;
}

function anyFunction(node: Node, ctx: FileContext, depth: number): ResolvedFunction | undefined {
  const found = wrappedOrDeclared(node, ctx, depth);
  return found && (forwardedFunction(found, depth) ?? found);
}

function wrappedOrDeclared(node: Node, ctx: FileContext, depth: number): ResolvedFunction | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = lastOfSequence(unwrapExpression(node));
  if (isFunction(inner)) return { fn: inner, ctx };
  switch (inner.type) {
    case 'Identifier':
      return fromIdentifier(inner, ctx, depth);
    case 'MemberExpression':
      return fromMember(inner, ctx, depth);
    case 'CallExpression': {
      // `this.getRequest.bind(this)`: a bound function runs the function it binds.
      const bound = boundTarget(inner);
      if (bound) return resolveFunction(bound, ctx, depth + 1);
      // `const handler = withRetry(doWork)`: a wrapper around a function stands for it.
      for (const argument of inner.arguments) {
        const wrapped = resolveFunction(argument, ctx, depth + 1);
        if (wrapped) return wrapped;
      }
      // `setRequestHandler(schema, toolHandler(client))`: a handler factory's returned function.
      return returnedFunction(resolveFunction(inner.callee, ctx, depth + 1));
    }
    default:
      return undefined;
  }
}

/** `fn.bind(thisArg, …)`: the expression whose function is bound. */
export function boundTarget(call: TSESTree.CallExpression): Node | undefined {
  const callee = unwrapExpression(call.callee);
  return callee.type === 'MemberExpression' && !callee.computed && propertyName(callee) === 'bind'
    ? unwrapExpression(callee.object)
    : undefined;
}

/** The function a factory returns from its body's top level (`return async (request) => …`). */
function returnedFunction(factory: ResolvedFunction | undefined): ResolvedFunction | undefined {
  if (!factory) return undefined;
  const body = factory.fn.body;
  if (!body) return undefined;
  if (body.type !== 'BlockStatement')
    return isFunction(unwrapExpression(body))
      ? { fn: unwrapExpression(body) as FunctionNode, ctx: factory.ctx }
      : undefined;
  for (const statement of body.body) {
    if (statement.type !== 'ReturnStatement' || !statement.argument) continue;
    const returned = unwrapExpression(statement.argument);
    if (isFunction(returned)) return { fn: returned, ctx: factory.ctx };
  }
  return undefined;
}

/** `(0, m.helper)`: compiled CommonJS calls an import through a sequence whose last expression is the function. */
function lastOfSequence(node: Node): Node {
  if (node.type !== 'SequenceExpression') return node;
  const last = node.expressions[node.expressions.length - 1];
  return last ? unwrapExpression(last) : node;
}

function fromIdentifier(node: TSESTree.Identifier, ctx: FileContext, depth: number): ResolvedFunction | undefined {
  const binding = ctx.scopes.resolve(node);
  if (!binding) return undefined;
  if (binding.kind === 'function' && binding.declaration?.type === 'FunctionDeclaration')
    return { fn: binding.declaration, ctx };
  if (binding.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0) {
    return resolveFunction(binding.init, ctx, depth + 1);
  }
  // `const { helper } = await import('./helpers.js')`: a lazily loaded project module's export; likewise
  // `const { helper } = require('./helpers')`.
  const lazy =
    binding.kind === 'var' && binding.patternPath.length === 1
      ? (lazyImportSource(binding.init) ?? requiredSource(binding.init, ctx))
      : undefined;
  if (lazy !== undefined && binding.patternPath[0] !== undefined) {
    const target = ctx.modules.resolveImport(ctx, lazy);
    const exported = target ? ctx.modules.exportedNode(target, binding.patternPath[0]) : undefined;
    return exported ? resolveFunction(exported.node, exported.ctx, depth + 1) : undefined;
  }
  if (binding.kind === 'import' && binding.importSource) {
    const target = ctx.modules.resolveImport(ctx, binding.importSource);
    if (!target) return undefined;
    const exported = ctx.modules.exportedNode(
      target,
      binding.importName === '*' ? binding.name : (binding.importName ?? binding.name),
    );
    return exported ? resolveFunction(exported.node, exported.ctx, depth + 1) : undefined;
  }
  return undefined;
}

function fromMember(node: TSESTree.MemberExpression, ctx: FileContext, depth: number): ResolvedFunction | undefined {
  return memberTargets(node, ctx, depth)[0];
}

function memberTargets(node: TSESTree.MemberExpression, ctx: FileContext, depth: number): ResolvedFunction[] {
  const name = propertyName(node);
  if (name === undefined || depth > MAX_DEPTH) return [];
  return objectTargets(unwrapExpression(node.object), name, ctx, depth).filter(isProjectCode);
}

/**
 * `const updateOrder = { execute() {…} }; export { updateOrder }`: an export specifier names the local
 * declaration, whose initialiser is the object.
 */
function declaredObject(node: Node, ctx: FileContext): Node {
  if (node.type !== 'Identifier') return node;
  const binding = ctx.scopes.resolve(node);
  return binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0
    ? unwrapExpression(binding.init)
    : node;
}

/** The functions `object[name]` may be, for a call of it. */
function objectTargets(object: Node, name: string, ctx: FileContext, depth: number): ResolvedFunction[] {
  if (depth > MAX_DEPTH) return [];
  if (object.type === 'Identifier') {
    const binding = ctx.scopes.resolve(object);
    if (binding?.kind === 'import' && binding.importSource) {
      // `ns.helper()` of `import * as ns`, or a method of an imported object literal.
      const target = ctx.modules.resolveImport(ctx, binding.importSource);
      const exportName = binding.importName === '*' ? name : (binding.importName ?? binding.name);
      const exported = target ? ctx.modules.exportedNode(target, exportName) : undefined;
      if (exported && binding.importName === '*') return list(resolveFunction(exported.node, exported.ctx, depth + 1));
      const literal = exported ? declaredObject(unwrapExpression(exported.node), exported.ctx) : undefined;
      if (exported && literal?.type === 'ObjectExpression')
        return list(objectMember(literal, name, exported.ctx, depth));
    }
    // `const m = require('./m'); (0, m.helper)(…)`, as compiled CommonJS calls its imports.
    const required = binding?.kind === 'var' ? moduleObject(object, ctx) : undefined;
    const exported = required ? ctx.modules.exportedNode(required, name) : undefined;
    if (exported) return list(resolveFunction(exported.node, exported.ctx, depth + 1));
    if (binding?.kind === 'var' && binding.init && unwrapExpression(binding.init).type === 'ObjectExpression') {
      const found = objectMember(unwrapExpression(binding.init) as TSESTree.ObjectExpression, name, ctx, depth);
      if (found) return [found];
    }
    // `const cli = await create()` where the project's `create` returns `{ invoke: … }`.
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0) {
      const resolveCallee = (callee: Node, at: FileContext) => resolveFunction(callee, at, depth + 1);
      for (const made of factoryObjects(binding.init, ctx, resolveCallee)) {
        const assigned = made.assigned?.get(name);
        const found = assigned
          ? resolveFunction(assigned.node, assigned.ctx, depth + 1)
          : objectMember(made.object, name, made.ctx, depth);
        if (found) return [found];
      }
      // `const ops = options?.operations ?? defaultOperations`: what the package's own operands hold.
      const picked = pickedTargets(binding.init, name, ctx, depth, { objectMember, resolveFunction });
      if (picked.length > 0) return picked;
    }
  }
  // `api.boards({ team }).create(data)`: the member of the object literal the project's method returns.
  const called = object.type === 'AwaitExpression' ? unwrapExpression(object.argument) : object;
  if (called.type === 'CallExpression') {
    const resolveCallee = (callee: Node, at: FileContext) => resolveFunction(callee, at, depth + 1);
    for (const made of factoryObjects(called, ctx, resolveCallee)) {
      const found = objectMember(made.object, name, made.ctx, depth);
      if (found) return [found];
    }
  }
  // `service_1.default.request(…)`: compiled CommonJS of `export default { request }`, an object literal of functions.
  if (object.type === 'MemberExpression') {
    const found = requiredObjectMember(object, name, ctx, depth);
    if (found) return [found];
  }
  if (object.type === 'ThisExpression') {
    const classNode = enclosingClass(object);
    if (!classNode) return [];
    const own = methodOf({ node: classNode, ctx }, name, depth);
    if (own || !classNode.id) return list(own);
    // `this.writeFile(…)` in an abstract base's concrete method: the subclasses' overrides (at most 8).
    const out: ResolvedFunction[] = [];
    for (const subclass of ctx.modules.implementers(ctx, classNode.id.name, ctx)) {
      const method = subclass.node === classNode ? undefined : methodOf(subclass, name, depth + 1);
      if (method && !out.some((seen) => seen.fn === method.fn)) out.push(method);
    }
    return out;
  }
  // `tool.execute(args)` where `tool = new NavigationTool(server)`: the class's method.
  const instance = instanceClass(object, ctx, depth);
  if (instance) return list(methodOf(instance, name, depth));
  // `const robot = getRobot(id); robot.launchApp(name)`: each class the project function returns a new one of.
  const made = returnedInstanceMethods(object, name, ctx, depth);
  if (made.length > 0) return made;
  // Receivers typed by project code: annotations, singletons, static calls, an interface's implementations.
  const out: ResolvedFunction[] = [];
  for (const candidate of receiverClasses(object, ctx, depth + 1)) {
    const method = methodOf(candidate, name, depth + 1);
    if (method && !out.some((seen) => seen.fn === method.fn)) out.push(method);
  }
  if (out.length === 0) out.push(...passedOptionMembers(object, name, ctx, depth));
  if (out.length === 0) out.push(...passedReceiverTargets(object, name, ctx, depth));
  if (out.length > 0) return out;
  // `this.agent.stakeTokens(…)` where the class keeps the untyped object its constructor was handed.
  for (const candidate of injectedFieldClasses(object, name, ctx, COMMON_MEMBER_NAMES)) {
    const method = methodOf(candidate, name, depth + 1);
    if (method && !out.some((seen) => seen.fn === method.fn)) out.push(method);
  }
  if (out.length > 0) return out;
  // `context.api.dashboards(…)` beside `context.api.getProjectBaseUrl(…)` on a handler's parameter: no single
  // method name says which class the member holds, but the package's classes that declare both do.
  if (!isUntypedReceiver(object, ctx)) {
    if (isParamMember(object, ctx)) return methodSetTargets(object, name, ctx, depth);
    // `({ account }) => … account.createProject(o)`: a service handed in by name, no class of the package declares.
    return isUnpackedParam(object, ctx) && !COMMON_MEMBER_NAMES.has(name) && !BUILTIN_METHODS.has(name)
      ? objectMethodSetTargets(object, name, ctx, COMMON_MEMBER_NAMES)
      : out;
  }
  // `createRunCommand = (gcloud, acl) => …` called once, with `cli`: what `cli` is, `gcloud` is.
  const binding = object.type === 'Identifier' ? ctx.scopes.resolve(object) : undefined;
  const passed = binding ? onlyCallArgument(binding, ctx) : undefined;
  if (passed) {
    const found = objectTargets(unwrapExpression(passed), name, ctx, depth + 1);
    if (found.length > 0) return found;
  }
  // `tab.navigate(params.url)` where nothing says what `tab` is: the one class of the package with that method.
  // A runtime string's or array's method (`text.indexOf(x)`) is no more a project class's than `get` is.
  if (!COMMON_MEMBER_NAMES.has(name) && !BUILTIN_METHODS.has(name)) {
    const owned = ctx.modules.methodOwner(ctx, name).flatMap((owner) => list(methodOf(owner, name, depth + 1)));
    if (owned.length > 0) return owned;
  }
  // `backend.read(p)` beside `backend.ls(dir)`: every implementation the package ships of the members it uses.
  return methodSetTargets(object, name, ctx, depth);
}

function methodSetTargets(object: Node, name: string, ctx: FileContext, depth: number): ResolvedFunction[] {
  const out: ResolvedFunction[] = [];
  for (const candidate of methodSetClasses(object, name, ctx, COMMON_MEMBER_NAMES)) {
    const method = methodOf(candidate, name, depth + 1);
    if (method && !out.some((seen) => seen.fn === method.fn)) out.push(method);
  }
  // No class implements it: the package's object literals that do (a platform factory's operations).
  return out.length > 0 || COMMON_MEMBER_NAMES.has(name) || BUILTIN_METHODS.has(name)
    ? out
    : objectMethodSetTargets(object, name, ctx, COMMON_MEMBER_NAMES);
}

/**
 * `context.api`: a plain member, a step or two down, of an unannotated parameter named like the context a
 * framework hands a handler beside its input (`contextParamNames`): its members are the services the handler
 * uses. An options parameter (`authConfig.ibClient`) is what its callers pass (passedOptionMembers).
 */
function isParamMember(object: Node, ctx: FileContext): boolean {
  if (object.type !== 'MemberExpression' || object.computed) return false;
  let root = unwrapExpression(object.object);
  if (root.type === 'MemberExpression' && !root.computed) root = unwrapExpression(root.object);
  if (root.type !== 'Identifier' || ctx.api.resolve(object) !== undefined) return false;
  const binding = ctx.scopes.resolve(root);
  return (
    binding?.kind === 'param' &&
    binding.patternPath.length === 0 &&
    !binding.id.typeAnnotation &&
    ctx.catalogs.contextParamNames.includes(binding.name)
  );
}

/**
 * `config.handleRequest(…)` where `config` is a parameter of an exported function that other files of
 * the package call with an object literal: that literal's member, at each call site.
 */
function passedOptionMembers(object: Node, name: string, ctx: FileContext, depth: number): ResolvedFunction[] {
  if (object.type !== 'Identifier' || depth >= MAX_DEPTH || ctx.api.resolve(object) !== undefined) return [];
  const binding = ctx.scopes.resolve(object);
  if (binding?.kind !== 'param') return [];
  const out: ResolvedFunction[] = [];
  for (const passed of callerArguments(binding, ctx, (callee, at) => resolveFunction(callee, at, depth + 1))) {
    const literal = unwrapExpression(passed.node);
    const found = literal.type === 'ObjectExpression' ? objectMember(literal, name, passed.ctx, depth + 1) : undefined;
    if (found && !out.some((seen) => seen.fn === found.fn)) out.push(found);
  }
  return out;
}

/**
 * Names that runtime and library objects answer to (promises, collections, streams, HTTP responses,
 * emitters): a call of one of these on an untyped value is not pinned on a project class that happens
 * to declare it.
 */
export const COMMON_MEMBER_NAMES = new Set([
  ...['then', 'catch', 'finally', 'map', 'filter', 'forEach', 'reduce', 'find', 'some', 'every', 'push', 'pop'],
  ...['get', 'set', 'has', 'delete', 'add', 'clear', 'keys', 'values', 'entries', 'call', 'apply', 'bind'],
  ...['toString', 'valueOf', 'toJSON', 'on', 'once', 'off', 'emit', 'write', 'end', 'read', 'close', 'send'],
  ...['json', 'text', 'status', 'pipe', 'next', 'resolve', 'reject', 'parse', 'stringify', 'join', 'slice'],
]);

const MAX_UNTYPED_MEMBER_STEPS = 2;

/**
 * A receiver whose type nothing in the code says: an identifier naming an unannotated parameter, or a
 * variable holding what an unresolved call returned (`const tab = await context.ensureTab()`), and not
 * a value of a package API.
 */
/**
 * `options.context.saveFile(…)` where the callers pass `{ context }`: the method as the passed value would
 * have it (which may be the package's one class with that method, when that value is untyped too).
 */
function passedReceiverTargets(object: Node, name: string, ctx: FileContext, depth: number): ResolvedFunction[] {
  if (object.type !== 'MemberExpression' || object.object.type !== 'Identifier' || depth >= MAX_DEPTH) return [];
  const member = propertyName(object);
  if (member === undefined) return [];
  const out: ResolvedFunction[] = [];
  const resolveCallee = (callee: Node, at: FileContext) => resolveFunction(callee, at, depth + 1);
  for (const passed of passedMemberValues(object.object, member, ctx, resolveCallee))
    for (const found of objectTargets(unwrapExpression(passed.node), name, passed.ctx, depth + 1))
      if (!out.some((seen) => seen.fn === found.fn)) out.push(found);
  return out;
}

/** A parameter's member unpacked by name with no type (`({ account, readOnly }) => …`). */
function isUnpackedParam(object: Node, ctx: FileContext): boolean {
  if (object.type !== 'Identifier') return false;
  const binding = ctx.scopes.resolve(object);
  return binding?.kind === 'param' && binding.patternPath.length === 1 && !binding.id.typeAnnotation;
}

function isUntypedReceiver(object: Node, ctx: FileContext): boolean {
  // `service.transactions.run(…)` with `const service = runtime.forVault(id)`: a field of an untyped value
  // is as untyped as the value (a few plain member steps; computed ones are lookups the code does not fix).
  let root = object;
  for (let steps = 0; root.type === 'MemberExpression' && !root.computed && steps < MAX_UNTYPED_MEMBER_STEPS; steps++)
    root = unwrapExpression(root.object);
  if (root !== object && (root.type !== 'Identifier' || ctx.api.resolve(object) !== undefined)) return false;
  // Only a value an unresolved call returned: a parameter's members (`config.client`) are the options its
  // callers pass (passedOptionMembers), not any class of the package that happens to declare the method.
  if (root !== object && root.type === 'Identifier' && ctx.scopes.resolve(root)?.kind === 'param') return false;
  object = root;
  if (object.type !== 'Identifier' || ctx.api.resolve(object) !== undefined) return false;
  const binding = ctx.scopes.resolve(object);
  if (!binding || binding.patternPath.length > 0 || binding.id.typeAnnotation) return false;
  if (binding.kind === 'param') return true;
  if (binding.kind !== 'var' || !binding.init || binding.isLoopElement) return false;
  const init = unwrapExpression(binding.init);
  const call = init.type === 'AwaitExpression' ? unwrapExpression(init.argument) : init;
  return call.type === 'CallExpression';
}

function requiredObjectMember(
  object: TSESTree.MemberExpression,
  name: string,
  ctx: FileContext,
  depth: number,
): ResolvedFunction | undefined {
  const exportName = propertyName(object);
  const required = exportName === undefined ? undefined : moduleObject(unwrapExpression(object.object), ctx);
  const exported = required && exportName !== undefined ? ctx.modules.exportedNode(required, exportName) : undefined;
  const literal = exported ? unwrapExpression(exported.node) : undefined;
  return exported && literal?.type === 'ObjectExpression'
    ? objectMember(literal, name, exported.ctx, depth)
    : undefined;
}

function objectMember(
  object: TSESTree.ObjectExpression,
  name: string,
  ctx: FileContext,
  depth: number,
): ResolvedFunction | undefined {
  const property = object.properties.find(
    (candidate) => candidate.type === 'Property' && propertyName(candidate) === name,
  );
  return property && property.type === 'Property' ? resolveFunction(property.value as Node, ctx, depth + 1) : undefined;
}

function list(found: ResolvedFunction | undefined): ResolvedFunction[] {
  return found ? [found] : [];
}

/** The module of `require('./m')`, else undefined. */
function requiredSource(init: Node | undefined, ctx: FileContext): string | undefined {
  const inner = init ? unwrapExpression(init) : undefined;
  return inner?.type === 'CallExpression' ? requiredModule(inner, ctx.scopes) : undefined;
}

/** The module of `await import('./m.js')` (a constant specifier), else undefined. */
export function lazyImportSource(init: Node | undefined): string | undefined {
  let inner = init ? unwrapExpression(init) : undefined;
  if (inner?.type === 'AwaitExpression') inner = unwrapExpression(inner.argument);
  return inner?.type === 'ImportExpression' ? stringValue(inner.source) : undefined;
}

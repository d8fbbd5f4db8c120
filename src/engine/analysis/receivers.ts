// The project classes a method call's receiver may be: from `new`, a type annotation on a parameter,
// field, variable or return type, an imported singleton, a class itself (static methods), and for an
// interface or abstract class, the classes in the project that implement it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isNullish, propertyName, unwrapExpression, type Node } from '../ast';
import type { ClassRef, FileContext } from './context';
import { requiredModule } from '../api';
import { assignedPaths, classMemberValues, enclosingClass, fieldSources, thisMembers, thisPath } from '../class-fields';
import { containerReadValues } from './container-values';
import { keyedServiceClass } from './keyed-services';
import { passedArguments } from './caller-arguments';
import { constructorArguments } from './constructor-arguments';
import { passedMemberValues } from './passed-members';
import { returnValues } from './returned-api';
import type { Binding } from '../scope';
import { lazyImportSource, namedClassExpression, resolveClass, resolveFunction } from './resolve';

const MAX_DEPTH = 6;
const MAX_CLASSES = 8;
/** Assignments to one field read for its classes (4 deep at most 4^6 lookups). */
const MAX_ASSIGNED = 4;
/** Type wrappers whose first argument is the value's type. */
const TRANSPARENT_TYPES = new Set(['Promise', 'Awaited', 'Readonly', 'Required', 'Partial', 'NonNullable']);

/** Classes `node` (a call's receiver) may be an instance of, or the class itself for a static call. */
export function receiverClasses(node: Node, ctx: FileContext, depth = 0): ClassRef[] {
  if (depth > MAX_DEPTH) return [];
  // `const hcs = builder as HcsBuilder`: a framework's parameter cast to a project class is that class.
  if (node.type === 'TSAsExpression' || node.type === 'TSTypeAssertion') {
    const cast = typeClasses(node.typeAnnotation, ctx, depth + 1);
    if (cast.length > 0) return cast;
  }
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case 'AwaitExpression':
      // Unwrapping `await` is no hop (the node only gets smaller): `const c = await connect(); …; return c`
      // must not run out of depth before the class its factory builds.
      return receiverClasses(inner.argument, ctx, depth);
    case 'NewExpression':
      return list(resolveClass(inner.callee, ctx, depth + 1));
    // `var Factory = class _Factory { static getInstance() { … } }` (a bundler's class): the class itself, for static calls.
    case 'ClassExpression':
      return list(resolveClass(inner, ctx, depth + 1));
    case 'CallExpression': {
      // `const client = require('./client')` where the module's export is `module.exports = new Client()`.
      const required = requiredModule(inner, ctx.scopes);
      if (required !== undefined) return exportClasses(ctx.modules.resolveImport(ctx, required), 'default', ctx, depth);
      // `this.sites.get(id)`: what the class stores in that container.
      const stored = containerReadValues(inner);
      if (stored) return dedupe(stored.flatMap((value) => receiverClasses(value, ctx, depth + 1)));
      return returnClasses(inner, ctx, depth);
    }
    case 'MemberExpression': {
      if (inner.object.type === 'ThisExpression') return fieldClasses(inner, ctx, depth);
      // `this.context.storage.save(…)` where the class assigns `this.context.storage = new Storage()`.
      if (thisPath(inner) !== undefined) return assignedPathClasses(inner, ctx, depth);
      // `client_1.http.get(url)`: compiled CommonJS reaches an imported singleton through the module object.
      const name = propertyName(inner);
      const module = moduleObject(inner.object, ctx);
      if (module && name !== undefined) return exportClasses(module, name, ctx, depth);
      // `ctx.records.attachFile(…)`: what the callers of the function declaring `ctx` pass as `records`.
      if (inner.object.type !== 'Identifier' || name === undefined) return [];
      const singleton = staticFieldClasses(inner.object, name, ctx, depth);
      if (singleton.length > 0) return singleton;
      // `const runtime = createRuntime(); … runtime.shellTools`: that member of what the function returns.
      const held = heldMemberClasses(inner.object, name, ctx, depth);
      if (held.length > 0) return held;
      const out: ClassRef[] = [];
      for (const passed of passedMemberValues(inner.object, name, ctx, (callee, at) => resolveFunction(callee, at)))
        for (const found of receiverClasses(passed.node, passed.ctx, depth + 1))
          if (out.length < MAX_CLASSES && !out.some((seen) => seen.node === found.node)) out.push(found);
      return out;
    }
    case 'Identifier':
      return identifierClasses(inner, ctx, depth);
    // `bound ?? context.sandbox`: either side's classes. A branch is a part of the node, no hop (as for `await`):
    // `cond ? this.current : this.pick(args)` must not run out of depth before the class the field holds.
    case 'LogicalExpression':
      return inner.operator === '&&'
        ? receiverClasses(inner.right, ctx, depth)
        : dedupe([...receiverClasses(inner.left, ctx, depth), ...receiverClasses(inner.right, ctx, depth)]);
    case 'ConditionalExpression':
      return dedupe([
        ...narrowedClasses(inner.test, inner.consequent, ctx, depth),
        ...receiverClasses(inner.alternate, ctx, depth),
      ]);
    default:
      return [];
  }
}

/**
 * `x instanceof Sandbox ? x : undefined`: where the test holds, x is that class (an abstract one stands for
 * its subclasses); any other branch is read as it is.
 */
function narrowedClasses(test: Node, chosen: Node, ctx: FileContext, depth: number): ClassRef[] {
  const inner = unwrapExpression(test);
  const value = unwrapExpression(chosen);
  if (
    inner.type === 'BinaryExpression' &&
    inner.operator === 'instanceof' &&
    inner.left.type === 'Identifier' &&
    value.type === 'Identifier' &&
    value.name === inner.left.name &&
    inner.right.type === 'Identifier'
  )
    return namedClasses(inner.right, ctx, depth + 1);
  return receiverClasses(chosen, ctx, depth);
}

function identifierClasses(node: TSESTree.Identifier, ctx: FileContext, depth: number): ClassRef[] {
  const binding = ctx.scopes.resolve(node);
  if (!binding) return [];
  // `Fetcher.html(args)`: a static method of the class itself.
  if (binding.kind === 'class') return list(resolveClass(node, ctx, depth + 1));
  if (binding.kind === 'param' || binding.kind === 'var') {
    if (binding.kind === 'var' && binding.patternPath.length === 1 && binding.init)
      return returnedMemberClasses(binding.init, binding.patternPath[0] as string, ctx, depth);
    if (binding.patternPath.length > 0) return [];
    const annotation = (binding.id.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation;
    if (annotation) {
      const typed = typeClasses(annotation, ctx, depth + 1);
      if (typed.length > 0) return typed;
    }
    if (binding.kind === 'var' && binding.init && !binding.isLoopElement)
      return receiverClasses(binding.init, ctx, depth + 1);
    if (binding.kind === 'param') return callerClasses(binding, ctx, depth);
    return [];
  }
  if (binding.kind === 'import' && binding.importSource && binding.importName !== '*') {
    // An imported singleton (`export const client = new Client()`, `export default new Client()`) or class.
    const target = ctx.modules.resolveImport(ctx, binding.importSource);
    return exportClasses(target, binding.importName ?? binding.name, ctx, depth);
  }
  return [];
}

/**
 * `Factory.instance` where the class builds its own singleton (`static getInstance() { if (!Factory.instance)
 * Factory.instance = new Factory(); return Factory.instance; }`): what the class assigns that static field.
 */
function staticFieldClasses(object: TSESTree.Identifier, name: string, ctx: FileContext, depth: number): ClassRef[] {
  const body = ownClassBody(object, ctx);
  if (!body) return [];
  // The class's own name inside it: its binding, or a bundler's inner name (`var F = class _F { … }`).
  const isOwnName = (node: Node) =>
    node.type === 'ThisExpression' ||
    (node.type === 'Identifier' && (node.name === object.name || ownClassBody(node, ctx) === body));
  return dedupe(classMemberValues(body, name, isOwnName).flatMap((value) => receiverClasses(value, ctx, depth + 1)));
}

/** The body of the class a name stands for: a class declaration, `var F = class { … }`, or the inner name of one. */
function ownClassBody(name: TSESTree.Identifier, ctx: FileContext): TSESTree.ClassBody | undefined {
  const binding = ctx.scopes.resolve(name);
  if (binding?.kind === 'class')
    return binding.declaration?.type === 'ClassDeclaration' ? binding.declaration.body : undefined;
  if (binding?.kind === 'var' && binding.init?.type === 'ClassExpression') return binding.init.body;
  return binding ? undefined : namedClassExpression(name)?.body;
}

/**
 * `const { boundSandbox } = resolveArgs(…)`: the classes of that member in the object literals the project
 * function returns.
 */
function returnedMemberClasses(init: Node, member: string, ctx: FileContext, depth: number): ClassRef[] {
  const call = unwrapExpression(init);
  if (call.type !== 'CallExpression') return [];
  const resolved = resolveFunction(call.callee, ctx, depth + 1);
  if (!resolved) return [];
  const out: ClassRef[] = [];
  for (const value of returnValues(resolved.fn)) {
    const object = unwrapExpression(value);
    if (object.type !== 'ObjectExpression') continue;
    for (const entry of object.properties)
      if (entry.type === 'Property' && propertyName(entry) === member)
        out.push(...receiverClasses(entry.value as Node, resolved.ctx, depth + 1));
  }
  return dedupe(out);
}

/** `runtime.shellTools` where `const runtime = createRuntime()` (or an object literal): that member's classes. */
function heldMemberClasses(object: TSESTree.Identifier, member: string, ctx: FileContext, depth: number): ClassRef[] {
  const binding = ctx.scopes.resolve(object);
  if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0) return [];
  const init = unwrapExpression(binding.init);
  if (init.type === 'CallExpression') return returnedMemberClasses(init, member, ctx, depth);
  if (init.type !== 'ObjectExpression') return [];
  const out: ClassRef[] = [];
  for (const entry of init.properties)
    if (entry.type === 'Property' && propertyName(entry) === member)
      out.push(...receiverClasses(entry.value as Node, ctx, depth + 1));
  return dedupe(out);
}

/**
 * An untyped parameter: the classes of what the function's callers pass in its place, in its file and (for an
 * exported function) in the package's other files (`registerCartTools(server, new ShopApi(key))` in the entry).
 */
function callerClasses(binding: Binding, ctx: FileContext, depth: number): ClassRef[] {
  if (!binding.fn || binding.paramIndex === undefined) return [];
  const resolveCallee = (callee: Node, at: FileContext) => resolveFunction(callee, at, depth + 1);
  const out: ClassRef[] = [];
  // A constructor's parameter: what `new C(…)` passes there (an injected service stored in a field).
  const passed = [...passedArguments(binding, ctx, resolveCallee).passed, ...constructorArguments(binding, ctx)];
  for (const argument of passed)
    for (const found of receiverClasses(argument.node, argument.ctx, depth + 1))
      if (out.length < MAX_CLASSES && !out.some((seen) => seen.node === found.node)) out.push(found);
  return out;
}

/** What a module exports under `name`, as classes: a class (static calls), an interface, a singleton. */
function exportClasses(target: FileContext | undefined, name: string, from: FileContext, depth: number): ClassRef[] {
  const exported = target ? from.modules.exportedNode(target, name) : undefined;
  if (!exported) return [];
  const value = unwrapExpression(exported.node);
  if (value.type === 'ClassDeclaration' || value.type === 'ClassExpression')
    return [{ node: value, ctx: exported.ctx }];
  if (value.type === 'TSInterfaceDeclaration') return from.modules.implementers(exported.ctx, value.id.name, from);
  return receiverClasses(value, exported.ctx, depth + 1);
}

/** The project module an identifier holds: `import * as m` or `const m = require('./m')`. */
export function moduleObject(node: Node, ctx: FileContext): FileContext | undefined {
  if (node.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(node);
  if (binding?.kind === 'import' && binding.importName === '*' && binding.importSource)
    return ctx.modules.resolveImport(ctx, binding.importSource);
  if (binding?.kind !== 'var' || binding.patternPath.length > 0) return undefined;
  const init = binding.init;
  // `const m = require('./m')`, or `const m = await import('./m.js')` loaded lazily.
  const required =
    init && init.type === 'CallExpression'
      ? requiredModule(init, ctx.scopes)
      : (lazyImportSource(init) ?? assignedLazyImport(binding, ctx));
  return required !== undefined ? ctx.modules.resolveImport(ctx, required) : undefined;
}

/**
 * `let m; … if (!m) m = await import('./m.js')`: a variable declared empty and loaded on first use holds
 * that module, when every value assigned to it is the same one.
 */
function assignedLazyImport(binding: Binding, ctx: FileContext): string | undefined {
  if (binding.declarationKind !== 'let' && binding.declarationKind !== 'var') return undefined;
  if (binding.init && !isNullish(binding.init)) return undefined;
  let found: string | undefined;
  for (const value of ctx.scopes.assignedValues(binding) ?? []) {
    if (isNullish(value)) continue;
    const source = lazyImportSource(value);
    if (source === undefined || (found !== undefined && found !== source)) return undefined;
    found = source;
  }
  return found;
}

/** `this.store` declared `store: Store`, `constructor(private store: Store)`, or assigned `new Store()`. */
function fieldClasses(node: TSESTree.MemberExpression, ctx: FileContext, depth: number): ClassRef[] {
  const name = propertyName(node);
  const classNode = enclosingClass(node);
  if (name === undefined || !classNode) return [];
  for (const source of fieldSources(classNode.body, name)) {
    const typed = source.type ? typeClasses(source.type, ctx, depth + 1) : [];
    if (typed.length > 0) return typed;
    if (!source.value) continue;
    const made = receiverClasses(source.value, ctx, depth + 1);
    if (made.length > 0) return made;
  }
  const declared = declaredFieldClasses(classNode, name, ctx, depth);
  if (declared.length > 0) return declared;
  // `current = null`, later `this.current = client` in a method or a callback: what the class assigns it.
  const assigned = assignedPathClasses(node, ctx, depth);
  return assigned.length > 0 || !classNode.superClass
    ? assigned
    : baseFieldClasses(classNode.superClass, name, ctx, depth);
}

/** Project base classes climbed for a field the enclosing class does not declare. */
const MAX_BASE_LEVELS = 4;

/**
 * `this.builder.createBoard(…)` in a tool whose project base class declares `protected builder: BoardBuilder`
 * (or stores one): the nearest base that names the field says what it holds, read in the base's own file.
 */
function baseFieldClasses(superClass: Node, name: string, ctx: FileContext, depth: number): ClassRef[] {
  let current = resolveClass(superClass, ctx);
  for (let level = 0; current && level < MAX_BASE_LEVELS; level++) {
    const sources = fieldSources(current.node.body, name);
    for (const source of sources) {
      const typed = source.type ? typeClasses(source.type, current.ctx, depth + 1) : [];
      if (typed.length > 0) return typed;
      const made = source.value ? receiverClasses(source.value, current.ctx, depth + 1) : [];
      if (made.length > 0) return made;
    }
    if (sources.length > 0) return [];
    current = current.node.superClass ? resolveClass(current.node.superClass, current.ctx) : undefined;
  }
  return [];
}

/** The classes of what the enclosing class assigns to the same `this.a` or `this.a.b` path. */
function assignedPathClasses(node: TSESTree.MemberExpression, ctx: FileContext, depth: number): ClassRef[] {
  const path = thisMembers(node);
  const classNode = enclosingClass(node);
  if (path === undefined || !classNode) return [];
  const out: ClassRef[] = [];
  // A few assignments per path: each one may lead to another field, and hostile code can chain them.
  for (const value of (assignedPaths(classNode.body).get(path) ?? []).slice(0, MAX_ASSIGNED)) {
    if (out.length >= MAX_CLASSES) break;
    out.push(...receiverClasses(value, ctx, depth + 1));
  }
  return dedupe(out);
}

const COMPILED_JS = /\.(m|c)?js$/;

/**
 * `this.store` in compiled JavaScript, where only the package's declaration file beside it says
 * `store: BaseFileStore`: the same class there, its field's type read in that file's scope.
 */
function declaredFieldClasses(
  classNode: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  name: string,
  ctx: FileContext,
  depth: number,
): ClassRef[] {
  const twin = classNode.id ? declarationTwin(ctx, classNode.id.name) : undefined;
  if (!twin) return [];
  for (const source of fieldSources(twin.node.body, name))
    if (source.type) return typeClasses(source.type, twin.ctx, depth + 1);
  return [];
}

/** The declaration (`.d.ts`, `.d.mts`, `.d.cts`) of a compiled JavaScript file's class, beside the file. */
function declarationTwin(ctx: FileContext, className: string): ClassRef | undefined {
  if (!COMPILED_JS.test(ctx.file)) return undefined;
  const flavour = ctx.file.endsWith('.mjs') ? 'm' : ctx.file.endsWith('.cjs') ? 'c' : '';
  const base = ctx.file.replace(/^.*[\\/]/, '').replace(COMPILED_JS, '');
  const declarations = ctx.modules.resolveImport(ctx, `./${base}.d.${flavour}ts`);
  for (const statement of declarations?.ast.body ?? []) {
    const declared = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declared?.type === 'ClassDeclaration' && declared.id?.name === className && declarations)
      return { node: declared, ctx: declarations };
  }
  return undefined;
}

/** `getClient().get(url)` where `getClient(): HttpClient` or its body returns `new HttpClient()`. */
function returnClasses(node: TSESTree.CallExpression, ctx: FileContext, depth: number): ClassRef[] {
  const resolved = resolveFunction(node.callee, ctx, depth + 1);
  if (!resolved) {
    // A framework's locator: `runtime.getService<GitHubService>('github')`, typed or keyed by the class.
    const [typeArgument] = node.typeArguments?.params ?? [];
    const typed = typeArgument ? typeClasses(typeArgument, ctx, depth + 1) : [];
    if (typed.length > 0) return typed;
    return list(keyedServiceClass(node, ctx) ?? locatedClass(node, ctx, depth));
  }
  const annotation = resolved.fn.returnType?.typeAnnotation;
  if (annotation) return typeClasses(annotation, resolved.ctx, depth + 1);
  const body = resolved.fn.body;
  if (body && body.type !== 'BlockStatement') return receiverClasses(body, resolved.ctx, depth + 1);
  // `function serviceFrom(context) { …; return new ApiService({ host }); }`: what its returns build.
  const out: ClassRef[] = [];
  for (const value of returnValues(resolved.fn))
    for (const found of receiverClasses(value, resolved.ctx, depth + 1))
      if (out.length < MAX_CLASSES && !out.some((seen) => seen.node === found.node)) out.push(found);
  return out;
}

/** The classes a type names: a class, an abstract class and its subclasses, an interface's implementers. */
export function typeClasses(type: TSESTree.TypeNode, ctx: FileContext, depth: number): ClassRef[] {
  if (depth > MAX_DEPTH) return [];
  if (type.type === 'TSUnionType' || type.type === 'TSIntersectionType')
    return dedupe(type.types.flatMap((member) => typeClasses(member, ctx, depth + 1)));
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier') return [];
  const first = type.typeArguments?.params[0];
  if (TRANSPARENT_TYPES.has(type.typeName.name) && first) return typeClasses(first, ctx, depth + 1);
  return namedClasses(type.typeName, ctx, depth);
}

/** The classes a class, interface or imported name stands for (a type's name, or `instanceof`'s right side). */
function namedClasses(name: TSESTree.Identifier, ctx: FileContext, depth: number): ClassRef[] {
  const binding = ctx.scopes.resolve(name);
  if (binding?.kind === 'class') {
    const resolved = resolveClass(name, ctx, depth + 1);
    return resolved ? withSubclasses(resolved, ctx) : [];
  }
  if (binding?.kind === 'import' && binding.importSource && binding.importName !== '*') {
    const target = ctx.modules.resolveImport(ctx, binding.importSource);
    const exported = target ? ctx.modules.exportedNode(target, binding.importName ?? binding.name) : undefined;
    return exported ? declaredClasses(exported.node, exported.ctx, ctx, depth) : [];
  }
  if (binding) return [];
  return declaresInterface(ctx, name.name) ? ctx.modules.implementers(ctx, name.name, ctx) : [];
}

function declaredClasses(node: Node, declaring: FileContext, from: FileContext, depth: number): ClassRef[] {
  if (node.type === 'ClassDeclaration' || node.type === 'ClassExpression')
    return withSubclasses({ node, ctx: declaring }, from);
  if (node.type === 'TSInterfaceDeclaration') return from.modules.implementers(declaring, node.id.name, from);
  if (node.type === 'Identifier') {
    // `export { Store }` or `export default Store`: what the name is in the declaring file.
    const binding = declaring.scopes.resolve(node);
    if (binding?.kind === 'class' && binding.declaration)
      return declaredClasses(binding.declaration, declaring, from, depth + 1);
    return declaresInterface(declaring, node.name) ? from.modules.implementers(declaring, node.name, from) : [];
  }
  return [];
}

/** A call on an abstract class may run any subclass's override: the class and the project's subclasses. */
function withSubclasses(resolved: ClassRef, from: FileContext): ClassRef[] {
  if (!resolved.node.id) return [resolved];
  // Compiled JavaScript drops `abstract`; the declaration file beside it keeps it.
  const isAbstract = resolved.node.abstract || declarationTwin(resolved.ctx, resolved.node.id.name)?.node.abstract;
  if (!isAbstract) return [resolved];
  return dedupe([resolved, ...from.modules.implementers(resolved.ctx, resolved.node.id.name, from)]);
}

/** Interfaces have no binding in the scope index: a top-level (or exported) declaration of the name. */
function declaresInterface(ctx: FileContext, name: string): boolean {
  return ctx.ast.body.some((statement) => {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    return declaration?.type === 'TSInterfaceDeclaration' && declaration.id.name === name;
  });
}

function dedupe(classes: ClassRef[]): ClassRef[] {
  const out: ClassRef[] = [];
  for (const entry of classes) if (!out.some((seen) => seen.node === entry.node)) out.push(entry);
  return out.slice(0, MAX_CLASSES);
}

function list(resolved: ClassRef | undefined): ClassRef[] {
  return resolved ? [resolved] : [];
}

/**
 * A locator handed the class itself (`agent.require(BrowserConnector)`, `container.get(Mailer)`, `inject(Store)`):
 * a call of no project function whose one argument is a project class answers its instance.
 */
function locatedClass(node: TSESTree.CallExpression, ctx: FileContext, depth: number): ClassRef | undefined {
  const [argument] = node.arguments;
  if (node.arguments.length !== 1 || argument?.type !== 'Identifier') return undefined;
  return resolveClass(argument, ctx, depth + 1);
}

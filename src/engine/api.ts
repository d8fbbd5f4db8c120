// Resolves an expression to the module API it comes from (`axios` → module axios; `client.get` after
// `const client = axios.create()` → axios Member[create].ReturnValue.Member[get]).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isNullish, propertyName, stringValue, unwrapExpression, type FunctionNode, type Node } from './ast';
import type { PathToken } from './catalog/access-path';
import type { Binding, ScopeIndex } from './scope';
import { inlinedPackage } from './inlined-packages';
import { vendoredPackageAt, type Ranges } from './tools/vendored-regions';
import { interopGetterArgument } from './interop-getter';
import { requiredModule } from './required-module';
import { enclosingClassBody, fieldSources, methodAssignments } from './class-fields';

interface ModulePathLike {
  modules: string[];
  path: PathToken[];
}

export type ApiToken = { kind: 'Member'; name: string } | { kind: 'ReturnValue' } | { kind: 'Instance' };

export interface ApiRef {
  /** A module specifier, `<global>`, or `<local>` for functions the project defines itself. */
  module: string;
  tokens: ApiToken[];
  /** For `<local>` refs: the package the file belongs to, whose rows its own relative imports match. */
  pkg?: string;
  /**
   * A package a bundler inlined: the bundle no longer says through which of its entry points (`viem/actions`)
   * the name was imported, so rows keyed on any of them match.
   */
  bundled?: true;
}

export const GLOBAL = '<global>';
export const LOCAL = '<local>';
export const UNTYPED = '<untyped>';

const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'global', 'self']);
const MAX_DEPTH = 12;

export class ApiResolver {
  private readonly cache = new WeakMap<Node, ApiRef | null>();

  constructor(
    private readonly scopes: ScopeIndex,
    private readonly wrappers: ReadonlyArray<ModulePathLike> = [],
    private readonly namespaces: ReadonlyArray<ModulePathLike> = [],
    /** The `name` of the file's nearest package.json. */
    private readonly ownPackage?: string,
    /** Parameter types that compiled decorators record for untyped methods (`design:paramtypes`), built on first use. */
    private readonly recordedParamTypes?: () => ReadonlyMap<FunctionNode, ReadonlyArray<Node | undefined>>,
    /** The package value an untyped parameter's callers pass for it (`addTools(server, new Client())`). */
    private readonly callerPassed?: (binding: Binding) => ApiRef | undefined,
    /** Where a bundler inlined dependencies in this file, computed on first use. */
    private readonly vendored?: () => Ranges,
    /** Groups of modules that offer one API under several names (`http` and `https`). */
    private readonly interchangeable: ReadonlyArray<ReadonlyArray<string>> = [],
  ) {}

  /**
   * A function, class or variable a bundler inlined from package P (declared in a region whose path names P)
   * is P's export of that name, so rows keyed on P match calls of the bundled copy. A binding named after the
   * package (`axios` in axios, `Stripe` in stripe) is its default export: the module itself.
   */
  private vendoredExport(binding: Binding): ApiRef | undefined {
    const ranges = this.vendored?.();
    if (!ranges || ranges.length === 0 || binding.patternPath.length > 0) return undefined;
    const pkg = vendoredPackageAt(ranges, binding.id.range[0]);
    if (!pkg) return undefined;
    // Rolldown renames a clash with a `$1` suffix; esbuild with digits, which real names also end in.
    const name = binding.name.replace(/\$\d+$/, '');
    if (defaultName(name) === defaultName(pkg.slice(pkg.lastIndexOf('/') + 1)))
      return { module: pkg, tokens: [], bundled: true };
    return { module: pkg, tokens: [{ kind: 'Member', name }], bundled: true };
  }

  /**
   * A bundled package's own value (`var got = create(defaults)` in got, also `var ky;` assigned in esbuild's
   * lazy module initialiser) is its export; one it takes from another package (`var client = axios.create()`)
   * stays what that package says it is.
   */
  private bundledOr(binding: Binding, value: ApiRef | undefined, init?: Node): ApiRef | undefined {
    const exported = this.vendoredExport(binding);
    if (!exported) return value;
    if (!value || value.module === LOCAL || value.module === exported.module) return exported;
    // Built from another of the package's own values (`var CallToolRequestSchema = RequestSchema.extend({…})`,
    // where `RequestSchema` is the package's `z.object(…)`): the package's own export, though its root is a schema
    // builder of another package.
    return init && this.isBuiltFromOwnValue(init, exported.module) ? exported : value;
  }

  /** Whether the chain `init` starts from (`a.b(…).c`) is a variable the same bundled package declares. */
  private isBuiltFromOwnValue(init: Node, pkg: string): boolean {
    let root: Node = init;
    for (let steps = 0; steps < 16; steps++) {
      if (root.type === 'MemberExpression') root = root.object;
      else if (root.type === 'CallExpression') root = root.callee;
      else if (root.type === 'ChainExpression') root = root.expression;
      else break;
    }
    if (root === init || root.type !== 'Identifier') return false;
    const rootBinding = this.scopes.resolve(root);
    const ranges = this.vendored?.();
    return (
      rootBinding?.kind === 'var' && ranges !== undefined && vendoredPackageAt(ranges, rootBinding.id.range[0]) === pkg
    );
  }

  /** `ethers.Contract` from `import { ethers } from 'ethers'` is the module's own `Contract`. */
  private member(ref: ApiRef, name: string): ApiRef {
    // `require('x').default` after an interop helper is the default import: the module itself.
    if (name === 'default' && ref.tokens.length === 0 && ref.module !== GLOBAL && ref.module !== LOCAL) return ref;
    const next = extend(ref, { kind: 'Member', name });
    if (next.tokens.length === 1 && this.namespaces.some((entry) => matchesPath(next, entry.modules, entry.path)))
      return { module: ref.module, tokens: [] };
    return next;
  }

  resolve(node: Node, depth = 0): ApiRef | undefined {
    const cached = this.cache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    if (depth > MAX_DEPTH) return undefined;
    // Mark before recursing so that cycles (`let a = b; b = a`) end.
    this.cache.set(node, null);
    const result = this.assertedType(node, depth + 1) ?? this.compute(unwrapExpression(node), depth + 1);
    this.cache.set(node, result ?? null);
    return result;
  }

  /**
   * `network.state.data.sandbox as Sandbox`: a value asserted to be an installed package's type is an
   * instance of it, whatever the expression it was read from says (a framework's untyped state bag).
   */
  private assertedType(node: Node, depth: number): ApiRef | undefined {
    let current = node;
    while (current.type === 'ChainExpression' || current.type === 'TSNonNullExpression') current = current.expression;
    if (current.type !== 'TSAsExpression' && current.type !== 'TSTypeAssertion') return undefined;
    const typed = this.fromType(current.typeAnnotation, depth);
    return typed && ![GLOBAL, LOCAL, UNTYPED].includes(typed.module) && !isProjectModule(typed.module)
      ? typed
      : undefined;
  }

  private compute(node: Node, depth: number): ApiRef | undefined {
    switch (node.type) {
      case 'Identifier':
        return this.fromIdentifier(node, depth);
      case 'MemberExpression': {
        const name = propertyName(node);
        // `new ccxt[exchangeId](…)`: a class of a package's namespace chosen at run time is one of its
        // members, which only rows written `Member[*]` match.
        if (name === undefined) return node.computed ? this.anyMemberOfModule(node.object, depth) : undefined;
        if (
          node.object.type === 'Identifier' &&
          GLOBAL_OBJECTS.has(node.object.name) &&
          !this.scopes.resolve(node.object)
        ) {
          return { module: GLOBAL, tokens: [{ kind: 'Member', name }] };
        }
        if (node.object.type === 'ThisExpression') return this.fromThisMember(node, name, depth);
        const base = this.resolve(node.object, depth);
        return base ? this.member(base, name) : this.literalMember(node.object, name, depth);
      }
      case 'CallExpression': {
        // A frozen object literal is no module's value; its members are read as the literal's (literalMember).
        if (isFrozenLiteral(node)) return undefined;
        const required = requiredModule(node, this.scopes);
        if (required !== undefined) return { module: isRelative(required) ? LOCAL : required, tokens: [] };
        const held = interopGetterArgument(node, this.scopes);
        const module = held ? this.resolve(held, depth) : undefined;
        if (module && module.tokens.length === 0 && module.module !== GLOBAL && module.module !== LOCAL) return module;
        const base = this.resolve(node.callee, depth);
        if (
          base &&
          node.arguments[0] &&
          this.wrappers.some((wrapper) => matchesPath(base, wrapper.modules, wrapper.path))
        ) {
          return this.resolve(node.arguments[0], depth);
        }
        return base ? extend(base, { kind: 'ReturnValue' }) : undefined;
      }
      case 'NewExpression': {
        const base = this.resolve(node.callee, depth);
        return base ? extend(base, { kind: 'Instance' }) : undefined;
      }
      case 'AwaitExpression':
        return this.resolve(node.argument, depth);
      case 'LogicalExpression':
        // An injected dependency with a default (`this.client = client ?? new Client()`, `fetch` as the
        // default fetcher): what is passed in is unknown, so the default says what the value is.
        return node.operator === '&&' ? undefined : (this.resolve(node.left, depth) ?? this.resolve(node.right, depth));
      case 'ConditionalExpression': {
        // `'default' in mod ? mod.default : mod` (an interop fallback compilers and authors write): a choice
        // between two spellings of one API is that API, as is one between modules that offer one API
        // (`url.startsWith('https') ? https : http`); branches naming different APIs say nothing.
        const consequent = this.resolve(node.consequent, depth);
        const alternate = consequent && this.resolve(node.alternate, depth);
        if (!consequent || !alternate) return undefined;
        return sameRef(consequent, alternate) || this.sameApiElsewhere(consequent, alternate) ? consequent : undefined;
      }
      case 'SequenceExpression': {
        // Compiled CommonJS calls imports as `(0, module_1.name)(...)`.
        const last = node.expressions[node.expressions.length - 1];
        return last ? this.resolve(last, depth) : undefined;
      }
      case 'ImportExpression': {
        const source = stringValue(node.source);
        // A lazily loaded project module is the project's code, as `require('./m')` is.
        return source === undefined ? undefined : { module: isRelative(source) ? LOCAL : source, tokens: [] };
      }
      default:
        return undefined;
    }
  }

  /** The same members of two modules that offer one API under different names. */
  private sameApiElsewhere(a: ApiRef, b: ApiRef): boolean {
    if (a.module === b.module) return false;
    const group = this.interchangeable.find((modules) => modules.includes(a.module));
    return (
      group?.includes(b.module) === true &&
      sameRef({ module: a.module, tokens: a.tokens }, { module: a.module, tokens: b.tokens })
    );
  }

  private fromIdentifier(node: TSESTree.Identifier, depth: number): ApiRef | undefined {
    const binding = this.scopes.resolve(node);
    if (!binding) return { module: GLOBAL, tokens: [{ kind: 'Member', name: node.name }] };
    return this.fromBinding(binding, depth);
  }

  /**
   * `let client = null; function getClient() { client ??= new Sdk(); return client }`: a variable declared
   * empty is what every non-empty value assigned to it is, when all of them are the same module's.
   */
  private fromAssignments(binding: Binding, depth: number): ApiRef | undefined {
    if (binding.declarationKind !== 'let' && binding.declarationKind !== 'var') return undefined;
    let found: ApiRef | undefined;
    for (const value of this.scopes.assignedValues(binding) ?? []) {
      if (isNullish(value)) continue;
      const ref = this.resolve(value, depth);
      if (!ref || (found && found.module !== ref.module)) return undefined;
      found ??= ref;
    }
    return found;
  }

  fromBinding(binding: Binding, depth = 0): ApiRef | undefined {
    switch (binding.kind) {
      case 'import': {
        const source = binding.importSource ?? '';
        if (isRelative(source)) {
          const name =
            binding.importName && binding.importName !== '*' && binding.importName !== 'default'
              ? binding.importName
              : binding.name;
          return this.local(name);
        }
        if (binding.importName === 'default' || binding.importName === '*') return { module: source, tokens: [] };
        return this.member({ module: source, tokens: [] }, binding.importName ?? binding.name);
      }
      case 'var': {
        // `const wallet: Wallet = await Wallet.fetch(id)`: the declared type says what the value is.
        const annotation = (binding.id.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation;
        const typed = annotation && binding.patternPath.length === 0 ? this.fromType(annotation, depth) : undefined;
        if (typed) return typed;
        if (binding.isLoopElement) return undefined;
        if (!binding.init || isNullish(binding.init))
          return this.bundledOr(binding, this.fromAssignments(binding, depth));
        const inlined = inlinedPackage(binding);
        if (inlined !== undefined) return { module: inlined, tokens: [] };
        const wrapped = this.wrappedLibraryFunction(binding.init, depth);
        if (wrapped) return wrapped;
        const base = this.bundledOr(binding, this.resolve(binding.init, depth), binding.init);
        return base && binding.patternPath.reduce<ApiRef>((ref, name) => this.member(ref, name), base);
      }
      case 'param': {
        // `constructor({ ky = defaultKy } = {})`: an option the caller may leave out is, by its default,
        // the package's client (the caller's own value is unknown either way).
        if (binding.patternPath.length > 0) return this.destructuredDefault(binding.id, depth);
        const annotation = (binding.id.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation;
        if (annotation) return this.fromType(annotation, depth);
        // Compiled code keeps the annotation only as decorator metadata: `[typeof a > "u" ? Object : a]`.
        const recorded =
          binding.fn && binding.paramIndex !== undefined
            ? this.recordedParamTypes?.().get(binding.fn)?.[binding.paramIndex]
            : undefined;
        const base = recorded && this.resolve(recorded, depth);
        if (base && base.module !== GLOBAL) return extend(base, { kind: 'Instance' });
        // An injected dependency with a default (`constructor(fetchFn = fetch)`, `client = new Client()`):
        // what a caller passes is unknown, so the default says what the value is.
        const param =
          binding.fn && binding.paramIndex !== undefined ? binding.fn.params[binding.paramIndex] : undefined;
        if (param?.type === 'AssignmentPattern' && param.left === binding.id) return this.resolve(param.right, depth);
        return this.callerPassed?.(binding);
      }
      case 'function':
      case 'class':
        return this.vendoredExport(binding) ?? this.local(binding.name);
      default:
        return undefined;
    }
  }

  /** The default of a destructured parameter's own property, when it names a package's value. */
  private destructuredDefault(id: TSESTree.Identifier, depth: number): ApiRef | undefined {
    const pattern = id.parent;
    if (pattern?.type !== 'AssignmentPattern' || pattern.left !== id) return undefined;
    const ref = this.resolve(pattern.right, depth);
    // Only a package's value: a local default (`retries = DEFAULT_RETRIES`) says nothing about a client.
    return ref && ref.module !== LOCAL && ref.module !== UNTYPED && !isRelative(ref.module) ? ref : undefined;
  }

  private anyMemberOfModule(object: Node, depth: number): ApiRef | undefined {
    const base = this.resolve(object, depth);
    if (!base || base.tokens.length > 0 || [GLOBAL, LOCAL, UNTYPED].includes(base.module)) return undefined;
    return this.member(base, '*');
  }

  /**
   * `let fetch = wrapWithAuthRetry(undiciFetch, config)`: the project's own wrapper around a library function
   * (retries, cookies, logging) is called as that function is, so it stands for it.
   */
  private wrappedLibraryFunction(init: TSESTree.Expression, depth: number): ApiRef | undefined {
    const call = unwrapExpression(init);
    if (call.type !== 'CallExpression' || call.arguments.length === 0) return undefined;
    const [first] = call.arguments;
    if (!first || first.type === 'SpreadElement') return undefined;
    const wrapper = this.resolve(call.callee, depth + 1);
    if (wrapper?.module !== LOCAL) return undefined;
    const library = this.resolve(first, depth + 1);
    if (!library || library.module === LOCAL || library.module === UNTYPED) return undefined;
    const last = library.tokens[library.tokens.length - 1];
    return last?.kind === 'Member' ? library : undefined;
  }

  /** Something the project defines: `<local>`, and inside a named package also that package's own export. */
  private local(name: string): ApiRef {
    const ref: ApiRef = { module: LOCAL, tokens: [{ kind: 'Member', name }] };
    if (this.ownPackage !== undefined) ref.pkg = this.ownPackage;
    return ref;
  }

  /** A parameter or field typed `Stripe` or `EvmWalletProvider` is an instance of what that type names. */
  fromType(type: TSESTree.TypeNode, depth: number): ApiRef | undefined {
    if (type.type !== 'TSTypeReference') return undefined;
    const base = this.fromTypeName(type.typeName, depth);
    return base ? extend(base, { kind: 'Instance' }) : undefined;
  }

  private fromTypeName(name: TSESTree.EntityName, depth: number): ApiRef | undefined {
    if (name.type === 'Identifier') {
      const binding = this.scopes.resolve(name);
      return binding?.kind === 'import' ? this.fromBinding(binding, depth) : undefined;
    }
    if (name.type === 'TSQualifiedName') {
      const base = this.fromTypeName(name.left, depth);
      return base ? extend(base, { kind: 'Member', name: name.right.name }) : undefined;
    }
    return undefined;
  }

  /** `this.client` in a class: the field's initialiser, its type, or the constructor's assignment. */
  /**
   * `const defaults = { readdir: readdirSync }; (options?.ops ?? defaults).readdir(p)`: a member of an object
   * literal of this file (through variables and the package's default of a `??` / `||`) is what it holds.
   */
  private literalMember(object: Node, name: string, depth: number): ApiRef | undefined {
    let current = unwrapExpression(object);
    for (let step = 0; step < 4; step++) {
      if (current.type === 'LogicalExpression' && current.operator !== '&&') current = unwrapExpression(current.right);
      else if (current.type === 'CallExpression' && isFrozenLiteral(current))
        current = unwrapExpression(current.arguments[0] as Node);
      else if (current.type === 'Identifier') {
        const binding = this.scopes.resolve(current);
        if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0) break;
        current = unwrapExpression(binding.init);
      } else break;
    }
    if (current.type !== 'ObjectExpression') return undefined;
    const property = current.properties.find(
      (candidate) => candidate.type === 'Property' && !candidate.computed && propertyName(candidate) === name,
    );
    return property?.type === 'Property' ? this.resolve(property.value as Node, depth) : undefined;
  }

  private fromThisMember(node: TSESTree.MemberExpression, name: string, depth: number): ApiRef | undefined {
    const classBody = enclosingClassBody(node);
    const sources = classBody ? fieldSources(classBody, name) : [];
    // What the constructor stores decides over a declared type: `client: AxiosInstance` assigned
    // `axios.create({ baseURL })` is that instance, with its base URL.
    // A placeholder (`client = null`) says nothing of what the field will hold.
    const values = sources.filter((source) => source.value && !isNullish(source.value));
    for (const source of values) return this.resolve(source.value as Node, depth);
    for (const source of sources) if (source.type) return this.fromType(source.type, depth);
    // `client = null; async initialize() { this.client = new Client(…) }`: a field set up lazily in a method.
    for (const value of classBody ? methodAssignments(classBody, name) : []) {
      const assigned = this.resolve(value, depth);
      if (assigned) return assigned;
    }
    return undefined;
  }
}

/** `Object.freeze({ … })`: the same object literal, its members unchanged (a frozen table of defaults). */
export function isFrozenLiteral(node: Node): boolean {
  if (node.type !== 'CallExpression' || node.arguments.length !== 1) return false;
  const callee = unwrapExpression(node.callee);
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === 'Object' &&
    propertyName(callee) === 'freeze' &&
    unwrapExpression(node.arguments[0] as Node).type === 'ObjectExpression'
  );
}

/** `ref` followed by one more step (a member, a call's result, an instance). */
export function extend(ref: ApiRef, token: ApiToken): ApiRef {
  const next: ApiRef = { module: ref.module, tokens: [...ref.tokens, token] };
  if (ref.pkg !== undefined) next.pkg = ref.pkg;
  if (ref.bundled) next.bundled = true;
  return next;
}

/**
 * Whether a ref comes from one of `modules`: its module, for the project's own code its package, and for a
 * bundled package's code any entry point of that package.
 */
export function moduleIn(ref: ApiRef, modules: readonly string[]): boolean {
  return (
    modules.includes(ref.module) ||
    (ref.pkg !== undefined && modules.includes(ref.pkg)) ||
    (ref.bundled === true && modules.some((module) => packageRoot(module) === ref.module))
  );
}

/** The package a module specifier names: `viem/actions` → `viem`, `@scope/name/sub` → `@scope/name`. */
export function packageRoot(module: string): string {
  const parts = module.split('/');
  return parts.slice(0, module.startsWith('@') ? 2 : 1).join('/');
}

/**
 * A project file's module: relative, or the conventional source aliases (`@/types`, `~/lib`), which no npm
 * package name can start with (project-model/source-alias.ts).
 */
export function isProjectModule(source: string): boolean {
  return isRelative(source) || source.startsWith('@/') || source.startsWith('~/');
}

export function isRelative(source: string): boolean {
  return (
    source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..' || source.startsWith('/')
  );
}

export { requiredModule };

/** Does a resolved reference match a catalog path prefix (modules plus tokens)? */
export function matchesPath(ref: ApiRef, modules: string[], tokens: PathToken[]): boolean {
  if (!moduleIn(ref, modules)) return false;
  return tokensMatch(ref.tokens, tokens);
}

export function tokensMatch(actual: ApiToken[], expected: PathToken[]): boolean {
  const filtered = expected.filter((token) => token.kind !== 'Awaited');
  if (actual.length !== filtered.length) return false;
  return filtered.every((token, index) => {
    const real = actual[index] as ApiToken;
    // `Member[*]`: any member (a contract's methods, an exchange class), for rows that select by argument.
    if (token.kind === 'Member')
      return (
        real.kind === 'Member' &&
        (token.names.includes(real.name) ||
          token.names.includes('*') ||
          (token.prefixes?.some((prefix) => real.name.startsWith(prefix)) ?? false))
      );
    return token.kind === real.kind;
  });
}

/** `Stripe`, `node-fetch`, `@scope/ky` compared by their letters and digits, ignoring case and a clash suffix. */
function defaultName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .replace(/\d+$/, '');
}

function sameRef(a: ApiRef, b: ApiRef): boolean {
  if (a.module !== b.module || a.pkg !== b.pkg || a.tokens.length !== b.tokens.length) return false;
  return a.tokens.every((token, index) => {
    const other = b.tokens[index];
    return (
      other?.kind === token.kind && (token.kind !== 'Member' || (other.kind === 'Member' && other.name === token.name))
    );
  });
}

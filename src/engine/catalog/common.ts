// The common catalog (rules/common.catalog.yml): words and access paths every rule shares (path functions,
// approvals, audit hooks, remote-write names), and the small readers of YAML values the loaders use.
import { parseAccessPath, type PathToken } from './access-path';
import { CatalogError } from './rules-dir';

export interface ModulePath {
  modules: string[];
  path: PathToken[];
}

export interface CommonCatalog {
  urlConstructors: ModulePath[];
  /** `new Request(url, init)`: a request object, judged by its URL and its init's method. */
  requestConstructors: ModulePath[];
  transparentWrappers: ModulePath[];
  /** Groups of modules that offer one API under several names (`http`, `https`). */
  interchangeableModules: string[][];
  /** Framework calls that take a tool-shaped object that is no tool (a workflow step): never a generic tool. */
  notToolCalls: ModulePath[];
  namespaceMembers: ModulePath[];
  pathModules: string[];
  pathResolve: string[];
  pathJoin: string[];
  realpathFunctions: ModulePath[];
  /** Calls that list a folder: the names they return are read from disk, one entry of the folder each. */
  directoryListings: ModulePath[];
  /** Folder creations (by name) that only make sure a folder exists when `recursive: true` is written. */
  directoryCreations: string[];
  /** Folder creations (by name) that always only make sure a folder exists. */
  directoryEnsures: string[];
  /** Calls (by name) whose result names a folder afresh on each call: a folder so named is made, not made sure of. */
  freshNames: string[];
  approvalNames: string[];
  /** Callees (as written) that throw unless their first argument holds. */
  assertionNames: string[];
  /** Functions or methods (by their own name) whose result a language model writes. */
  modelOutputMethods: string[];
  /** Names that, extended by further camelCase words, still ask a model (`generateObjectDeprecated`). */
  modelOutputPrefixes: string[];
  /** Option keys that mark such a variant's argument as a prompt (`context`, `messages`). */
  modelPromptKeys: string[];
  /** Callees (as written) that throw unless their first two arguments are equal. */
  equalityAssertionNames: string[];
  approvalImports: ModulePath[];
  approvalProperties: string[];
  approvalRegistrationProperties: string[];
  approvalRegistrationPaths: ModulePath[];
  auditNamePattern: RegExp;
  /** Names of project functions that record tool calls: audit calls when their body writes. */
  toolCallLogPattern?: RegExp;
  notAuditCallees: string[];
  hookEventNames: string[];
  hookEventMethods: string[];
  hookCallbackProperties: string[];
  amountNames: string[];
  remoteWrites: RemoteWriteNames;
  /** A method name that writes a file whatever object it is called on (`saveFile`), for untyped parameters. */
  untypedFileWriteMethod?: RegExp;
  /** File operations of a pluggable file-system backend no file of the package implements (`afs.write(path)`). */
  backendFileWrites?: BackendFileWrites;
}

export interface BackendFileWrites {
  methods: RegExp;
  /** Words of an argument's own name that say it is a path (`file_path`, `input.path`, `oldPath`). */
  pathWords: string[];
  /** Receivers whose writes change only a disposable machine (`sandbox.files.write`). */
  excludedReceiverWords: string[];
}

/** Names that mark a package client's method call as a remote write (see common.catalog.yml). */
export interface RemoteWriteNames {
  verbs: string[];
  /** Verbs that write only as the first word of a longer name on an SDK client (`addTagForTask`). */
  compoundVerbs: string[];
  /** Verbs that write only before their object (`applyCouponCode`, `clearCart`), never bare, even on a resource. */
  prefixOnlyVerbs: string[];
  /** Verbs that write before their object on a resource of an untyped parameter (`client.commerce.addToCart`). */
  untypedCompoundVerbs: string[];
  /** Endings after a compound verb that configure the local client instead (`setViewport`). */
  compoundLocalSuffixes: string[];
  /** The verbs that count on a client parameter with no type (`stripe.customers.create`). */
  untypedReceiverVerbs: string[];
  factorySuffixes: string[];
  readCommandPrefixes: string[];
  /** Words of an endpoint's last path segment that name a read sent by POST (`/query`, `/search`). */
  readEndpointWords: string[];
  /** Words that may scope a write verb after them (`adminCreate`, `bulkUpdate`): the verb still decides. */
  scopeWords: string[];
  /** Module names; one ending in `/` is a scope or prefix. */
  excludedModules: string[];
  /** Remote services' clients inside an excluded scope: packages all the same. */
  remoteClientModules: string[];
  /** Verbs that count only on a package's client (`exchange.setLeverage`), not in endpoints or untyped calls. */
  clientOnlyVerbs: string[];
  /** Methods that hand a command line to a program the tool drives (`session.executeCommand(line)`). */
  commandMethods: string[];
  /** Words of a command line's subcommand that change state (`apps:create`, `ps:scale`). */
  commandVerbs: string[];
  /** A request body holding one of each (`{ model, messages }`) asks a model: inference, no write. */
  inferenceModelKeys: string[];
  inferencePromptKeys: string[];
  /** Resources whose `create` asks a model (`embeddings`, `chat.completions`), whatever client carries them. */
  inferenceResources: string[];
  /** Body keys naming the operation an RPC-style route performs (`{ action: 'list' }`). */
  actionKeys: string[];
  /** First words of a GET endpoint's last segment that make it a write (`/cart/EmptyCart`). */
  getWriteVerbs: string[];
  /** Keys of a client call's argument that type its operation (`{ actionType: 'sanity.action.release.archive' }`). */
  operationKeys: string[];
  /** Verbs that name a write as an operation's type only (`…document.version.discard`), beside the lists above. */
  operationVerbs: string[];
  /** First words of a client method that asks about an operation rather than performing it (`checkPermission`). */
  operationReadWords: string[];
  /** Bare methods that write on a resource of a package's client when handed a request object (`values.clear({ … })`). */
  requestObjectVerbs: string[];
}

export function compileModulePaths(value: unknown): ModulePath[] {
  return asArray(value).map((raw) => {
    const row = raw as Record<string, unknown>;
    return {
      modules: asStrings(row['module']),
      path: parseAccessPath(requireString(row, 'path', 'common.catalog.yml')),
    };
  });
}

export function compileCommon(data: Record<string, unknown>): CommonCatalog {
  const pathFunctions = (data['pathFunctions'] ?? {}) as Record<string, unknown>;
  const approvals = (data['approvalFunctions'] ?? {}) as Record<string, unknown>;
  const hooks = (data['frameworkHooks'] ?? {}) as Record<string, unknown>;
  const registrations = asArray(data['approvalRegistrations']) as Array<Record<string, unknown>>;
  const remote = (data['remoteWrites'] ?? {}) as Record<string, unknown>;
  const ensures = (data['directoryEnsures'] ?? {}) as Record<string, unknown>;
  return {
    urlConstructors: compileModulePaths(data['urlConstructors']),
    requestConstructors: compileModulePaths(data['requestConstructors']),
    transparentWrappers: compileModulePaths(data['transparentWrappers']),
    interchangeableModules: asArray(data['interchangeableModules']).map(asStrings),
    notToolCalls: compileModulePaths(data['notToolCalls']),
    namespaceMembers: compileModulePaths(data['namespaceMembers']),
    pathModules: asStrings(pathFunctions['module']),
    pathResolve: asStrings(pathFunctions['resolve']),
    pathJoin: asStrings(pathFunctions['join']),
    realpathFunctions: compileModulePaths(data['realpathFunctions']),
    directoryListings: compileModulePaths(data['directoryListings']),
    directoryCreations: asStrings(ensures['recursiveOption']),
    directoryEnsures: asStrings(ensures['always']),
    freshNames: asStrings(ensures['freshNames']),
    approvalNames: asStrings(approvals['names']),
    assertionNames: asStrings(data['assertionFunctions']),
    modelOutputMethods: asStrings(data['modelOutputMethods']),
    modelOutputPrefixes: asStrings(data['modelOutputPrefixes']),
    modelPromptKeys: asStrings(data['modelPromptKeys']),
    equalityAssertionNames: asStrings(data['equalityAssertionFunctions']),
    approvalImports: compileModulePaths(approvals['imports']),
    approvalProperties: asStrings(data['approvalProperties']),
    approvalRegistrationProperties: registrations.flatMap((row) =>
      typeof row['property'] === 'string' ? [row['property']] : [],
    ),
    approvalRegistrationPaths: compileModulePaths(registrations.filter((row) => typeof row['path'] === 'string')),
    auditNamePattern: new RegExp(
      typeof data['auditNamePattern'] === 'string' ? data['auditNamePattern'] : 'audit',
      'i',
    ),
    notAuditCallees: asStrings(data['notAuditCallees']),
    ...(typeof data['toolCallLogPattern'] === 'string'
      ? { toolCallLogPattern: new RegExp(data['toolCallLogPattern'], 'i') }
      : {}),
    hookEventNames: asStrings(hooks['eventNames']),
    hookEventMethods: asStrings(hooks['eventMethods']),
    hookCallbackProperties: asStrings(hooks['callbackProperties']),
    amountNames: asStrings(data['amountNames']),
    ...(typeof data['untypedFileWriteMethod'] === 'string'
      ? { untypedFileWriteMethod: new RegExp(data['untypedFileWriteMethod']) }
      : {}),
    ...backendFileWrites(data['backendFileWrites']),
    remoteWrites: {
      verbs: asStrings(remote['verbs']),
      compoundVerbs: asStrings(remote['compoundVerbs']),
      prefixOnlyVerbs: asStrings(remote['prefixOnlyVerbs']),
      untypedCompoundVerbs: asStrings(remote['untypedCompoundVerbs']),
      compoundLocalSuffixes: asStrings(remote['compoundLocalSuffixes']),
      untypedReceiverVerbs: asStrings(remote['untypedReceiverVerbs']),
      factorySuffixes: asStrings(remote['factorySuffixes']),
      readCommandPrefixes: asStrings(remote['readCommandPrefixes']),
      readEndpointWords: asStrings(remote['readEndpointWords']),
      scopeWords: asStrings(remote['scopeWords']),
      // Database drivers are excluded with the rest; the catalog keeps them apart for their reason.
      excludedModules: [...asStrings(remote['excludedModules']), ...asStrings(remote['excludedDatabaseModules'])],
      remoteClientModules: asStrings(remote['remoteClientModules']),
      clientOnlyVerbs: asStrings(remote['clientOnlyVerbs']),
      commandMethods: asStrings(remote['commandMethods']),
      commandVerbs: asStrings(remote['commandVerbs']),
      inferenceModelKeys: asStrings(remote['inferenceModelKeys']),
      inferencePromptKeys: asStrings(remote['inferencePromptKeys']),
      inferenceResources: asStrings(remote['inferenceResources']),
      actionKeys: asStrings(remote['actionKeys']),
      getWriteVerbs: asStrings(remote['getWriteVerbs']),
      operationKeys: asStrings(remote['operationKeys']),
      operationVerbs: asStrings(remote['operationVerbs']),
      operationReadWords: asStrings(remote['operationReadWords']),
      requestObjectVerbs: asStrings(remote['requestObjectVerbs']),
    },
  };
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

export function requireString(row: Record<string, unknown>, key: string, file: string): string {
  const value = row[key];
  if (typeof value !== 'string' || value.length === 0) {
    throw new CatalogError(`${file}: ${String(row['id'] ?? '(row)')}: \`${key}\` must be a non-empty string.`);
  }
  return value;
}

function backendFileWrites(data: unknown): { backendFileWrites?: BackendFileWrites } {
  if (typeof data !== 'object' || data === null) return {};
  const row = data as Record<string, unknown>;
  if (typeof row['methods'] !== 'string') return {};
  return {
    backendFileWrites: {
      methods: new RegExp(row['methods']),
      pathWords: asStrings(row['pathWords']).map((word) => word.toLowerCase()),
      excludedReceiverWords: asStrings(row['excludedReceiverWords']).map((word) => word.toLowerCase()),
    },
  };
}

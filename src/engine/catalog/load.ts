// Loads the YAML catalogs under rules/ once, validates their shape and compiles access paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseAccessPath, type IndexSpec, type PathToken } from './access-path';
import { activeRules, SINK_CHECKS, type RuleTable, type SinkCheck } from '../../rules/index';
import type { ConfigSink } from '../types';
import { CatalogError, rulesDirectory } from './rules-dir';
import { asArray, asStrings, compileCommon, requireString, type CommonCatalog } from './common';

export { CatalogError, rulesDirectory } from './rules-dir';

export type { SinkCheck } from '../../rules/index';
export type { CommonCatalog, ModulePath, RemoteWriteNames } from './common';

export interface SinkRow {
  id: string;
  rule: string;
  modules: string[];
  requiresImport: string[];
  /** For `<untyped>` rows: a receiver spelled like this matches even without the import. */
  receiverPattern?: RegExp;
  /** Tokens from the module to the called function. */
  callee: PathToken[];
  /** Which argument (and which members of it) the rule checks; absent: the call itself is the sink. */
  argument?: { indexes: IndexSpec[]; members: string[][] };
  /** zx-style tagged templates: the template's expressions are the checked value. */
  template: boolean;
  check: SinkCheck;
  isWrite: boolean;
  method?: string;
  methodAt?: PathToken[];
  operation?: string;
  /** For transfer rows: the selected argument's constant text must match (the operation is an argument). */
  argumentPattern?: RegExp;
  /** Builds a transfer that another call sends (an instruction): reported only when the tool reaches no sending row. */
  prepares?: boolean;
  /** A finding of this rule on the same call carries this row's effect too (a shell's `cwd` beside its command). */
  yieldsTo?: string;
  /** Text written to a child process's stdin: the program the child runs decides whether it is run (`child-stdin.ts`). */
  childStdin?: boolean;
}

export interface PaymentRequestRow {
  id: string;
  rule: string;
  urlPattern: RegExp;
  /** JSON-RPC methods (`eth_sendRawTransaction`) that commit value whatever the URL; empty for a URL row. */
  rpcMethods?: ReadonlySet<string>;
  methods: string[];
  operation: string;
}

/** Words by which a call no row models is inferred to move value (`inference` in a rule catalog). */
export interface InferenceWords {
  rule: string;
  moneyVerbs: ReadonlySet<string>;
  moneyNouns: ReadonlySet<string>;
  commitVerbs: ReadonlySet<string>;
  /** Generic commits that move value when the tool's own name names a money operation. */
  toolCommitVerbs: ReadonlySet<string>;
  /** Methods that run another tool (`_call`, `invoke`), a generic commit on a receiver named by `toolNouns`. */
  toolRunMethods: ReadonlySet<string>;
  toolNouns: ReadonlySet<string>;
  draftNouns: ReadonlySet<string>;
  draftCommitVerbs: ReadonlySet<string>;
  /** A request for these (`request_payment`, `payment_request`) is the payer's to complete. */
  requestedPayments: ReadonlySet<string>;
  paymentRequestWords: ReadonlySet<string>;
  readWords: ReadonlySet<string>;
  unrelatedWords: ReadonlySet<string>;
  /** Nouns that, right after a money verb, make it act on something other than value (`depositAddress`). */
  nonValueObjects: ReadonlySet<string>;
  /** Words that, right before one of `sortedNouns`, make it a position in a list (`manualOrder`, `sort_order`). */
  sortQualifiers: ReadonlySet<string>;
  sortedNouns: ReadonlySet<string>;
  /** Words of any callee segment that make the call a storage write (`prisma`, `db`). */
  storageWords: ReadonlySet<string>;
  /** Money nouns that name only a transaction (`sendTransaction`): what it commits depends on the tool. */
  transactionNouns: ReadonlySet<string>;
  /** Nouns of a generic contract call (`writeContract`): it runs whatever function its caller names. */
  contractCallNouns: ReadonlySet<string>;
  /** Nouns of what holds value (`account`): a money noun right before one names its kind (`createPaymentAccount`). */
  holderNouns: ReadonlySet<string>;
  /** Tool verbs that undo a commitment (`cancel_orders`, `close_accounts`): a transaction they send moves nothing by name. */
  undoVerbs: ReadonlySet<string>;
  /** Leading method verbs that remove or void the money record named after them (`deleteCharge`): no transfer. */
  recordVoidVerbs: ReadonlySet<string>;
  creationVerbs: ReadonlySet<string>;
  claimVerbs: ReadonlySet<string>;
  creationSpendWords: ReadonlySet<string>;
  /** Tool verbs that change a setting (`update_token`, `associate_token`): a transaction they send is a signed write. */
  settingVerbs: ReadonlySet<string>;
  /** Nouns of what a tool signs that carries no value (a message, a vote, a proposal). */
  signedWriteNouns: ReadonlySet<string>;
  /** Money nouns naming what is held (`token`, `coin`): an endpoint named only by one is a lookup. */
  assetNouns: ReadonlySet<string>;
  /** Money nouns that a qualifier just before them makes a credential (`token` after `client`, `session`). */
  credentialNouns: ReadonlySet<string>;
  credentialQualifiers: ReadonlySet<string>;
  /** Modules whose calls are never inferred (ORMs, queues, mailers). */
  notValueModules: ReadonlySet<string>;
  valueKeys: ReadonlySet<string>;
  /** Payment protocols (`x402`) that make a request call pay for what it fetches. */
  paidRequestWords: ReadonlySet<string>;
  /** Request words (`fetch`, `get`) a paid request may carry without being a read. */
  requestWords: ReadonlySet<string>;
  /** Method words that sign (`signTypedData`): over a transfer authorization's struct, the signature pays. */
  signVerbs: ReadonlySet<string>;
  /** Words of a typed-data struct name that make it a transfer authorization (`TransferWithAuthorization`). */
  authorizationTypeWords: ReadonlySet<string>;
  /** Callee words of a generic contract call (`invokeContract`), whose options name the function it runs. */
  contractCallWords: ReadonlySet<string>;
  /** Tool verbs that either enumerate or offer for sale (`list`): with a sale word, an offer. */
  listingVerbs: ReadonlySet<string>;
  saleWords: ReadonlySet<string>;
  /** Call verbs that issue new supply (`mint`): inside a creation tool, the new asset's first supply. */
  issueVerbs: ReadonlySet<string>;
  /** Option keys (lower case) that name that function (`method`, `functionName`, `entrypoint`). */
  operationKeys: ReadonlySet<string>;
  /** Option keys (lower case) of a contract call that attach native value to it (`amount`, `value`). */
  attachedValueKeys: ReadonlySet<string>;
  /** Leading method words of an SDK call that signs a write moving no value (`deployContract`): audit-worthy only. */
  chainWriteVerbs: ReadonlySet<string>;
}

export interface ToolForm {
  id: string;
  framework: string;
  kind: 'call' | 'method' | 'class' | 'decorator' | 'dispatch' | 'provider';
  modules: string[];
  callee: PathToken[];
  receiver: PathToken[];
  methods: string[];
  extends: PathToken[];
  decorator: PathToken[];
  schema: PathToken[];
  handler: PathToken[];
  input: PathToken[];
  inputNeedsSchema: boolean;
  selector: PathToken[];
  names: PathToken[][];
  defaultName?: string;
  /** How a decorator without a name derives the tool's name from the method's (`snake_case`: `transferFrom` → `transfer_from`). */
  nameFromMethod?: 'snake_case';
  approval: PathToken[];
  /** Members of the input parameter that hold the validated input again (Mastra's legacy `execute({ context })`). */
  inputAliases?: string[];
  /**
   * For a method form: how a receiver the engine cannot type is spelled when it is the framework's object
   * (compiled code drops `server: McpServer`); such a call must also have the form's shape.
   */
  untypedReceiver?: RegExp;
  /** For a dispatch form: the protocol method a handler may be registered by instead of the schema (`'tools/call'`). */
  requestMethod?: string;
  /** For a call form: the handler path reaches a name → function object, each of whose entries is one tool. */
  handlerMap?: boolean;
  /**
   * For a class form: the handler builds an invocation object from the input, and this method of it runs the
   * effect (`createInvocation(params)` → `new ReadInvocation(config, params).execute()`).
   */
  invocation?: string;
  /** The field the framework's own invocation base class stores the arguments in (`this.params`). */
  invocationField?: string;
  /** For a class form with an invocation: the method that checks the arguments first and returns an error message to reject them. */
  validate?: string;
  /** For a class form: the position of the name among the base constructor's arguments (`super(Tool.Name, …)`). */
  superNameArgument?: number;
}

export interface GenericObjectForm {
  framework: string;
  nameKeys: string[];
  descriptionKeys: string[];
  schemaKeys: string[];
  handlerKeys: string[];
  /** A tool class's camelCase member ending in one of these words (`argsShape`, `paramsSchema`) is its schema. */
  classSchemaSuffixes: string[];
  /**
   * Keys that mark an agent-runtime action (`similes`): with a name, a description and a handler they
   * make a tool even without an input schema, and the action's input is `actionInput`.
   */
  actionMarkKeys: string[];
  actionInput: PathToken[];
  /**
   * An unnamed declaration that is a value of a name → tool map (`{ refund_payment: { description,
   * inputSchema, handler } }`) is named by its key when it has one of these (stricter than schemaKeys).
   */
  keyedSchemaKeys: string[];
  /**
   * A framework-neutral definition with no description of its own (`{ name: 'dashboard-create', schema,
   * handler }`, described elsewhere by name) is a tool with a literal name, one of these schema keys and one
   * of these handler keys.
   */
  undescribedSchemaKeys: string[];
  undescribedHandlerKeys: string[];
  /** Keys that name a tool by its kind (`type: "goToUrl"`) when no name key does; a constant string only. */
  kindNameKeys: string[];
  /** Kind values that are a declaration's format, never a tool's name (`type: "function"`). */
  kindNameIgnored: string[];
  /** Schema methods that carry the tool's description on its schema (`z.object({…}).describe("…")`). */
  schemaDescriptionMethods: string[];
  /** Fluent builder steps that give the input schema beyond schemaKeys (`tool().input(schema)`). */
  builderSchemaMethods: string[];
  /** Handler keys whose function names an unnamed declaration held under the same key of a format wrapper. */
  functionNamedKeys: string[];
  /** Keys holding the identifier a model calls a tool by when its name key holds a display title (`method`). */
  identifierKeys: string[];
  /** Schema keys of a curried registration's options beyond schemaKeys (`registry.action(d, { param_model })(fn)`). */
  curriedSchemaKeys: string[];
  /** Name keys of a curried registration's options beyond nameKeys (`action_name`). */
  curriedNameKeys: string[];
}

export interface Catalogs {
  sinks: SinkRow[];
  paymentRequests: PaymentRequestRow[];
  /** At most one rule, judged by authorization, infers value transfers through unmodelled calls. */
  inference?: InferenceWords;
  forms: ToolForm[];
  genericObject: GenericObjectForm;
  inputParamNames: string[];
  contextParamNames: string[];
  /** A leading parameter named like the id of the model's call (`toolCallId`): the input is the one after it. */
  callIdParamNames: string[];
  /** A request-shaped input parameter (`request`) whose members in `requestInputMembers` are the model's input. */
  requestParamNames: string[];
  requestInputMembers: string[];
  common: CommonCatalog;
  /** Every rule id that has a sink catalog. */
  sinkRules: string[];
}

/** Catalogs of the rule table they were loaded for; registering rules loads them again. */
let cached: { table: RuleTable; catalogs: Catalogs } | undefined;

export function loadCatalogs(): Catalogs {
  const table = activeRules();
  if (cached?.table === table) return cached.catalogs;
  const dir = rulesDirectory();
  const sinks: SinkRow[] = [];
  const paymentRequests: PaymentRequestRow[] = [];
  const sinkRules: string[] = [];
  let inference: InferenceWords | undefined;
  const files = fs
    .readdirSync(dir)
    .sort()
    .filter((file) => file.endsWith('.catalog.yml') && file !== 'tools.catalog.yml' && file !== 'common.catalog.yml')
    .map((file) => ({ file, full: path.join(dir, file) }));
  for (const extra of table.extraCatalogFiles) files.push({ file: path.basename(extra.file), full: extra.file });
  for (const { file, full } of files) {
    const data = readYaml(full);
    const rule = requireString(data, 'rule', file);
    if (table.find(rule)?.catalog !== true)
      throw new CatalogError(`${file}: \`rule: ${rule}\` names no rule with a catalog.`);
    if (sinkRules.includes(rule)) throw new CatalogError(`${file}: rule ${rule} has a second catalog.`);
    sinkRules.push(rule);
    for (const raw of asArray(data['sinks'])) sinks.push(compileSink(raw as Record<string, unknown>, rule, file));
    const payments = asArray(data['paymentRequests']);
    if (payments.length > 0 && table.sinkFacts(rule).judgedBy !== 'authorization') {
      throw new CatalogError(`${file}: paymentRequests belong to a rule judged by authorization, not ${rule}.`);
    }
    if (data['inference'] !== undefined) {
      if (table.sinkFacts(rule).judgedBy !== 'authorization' || inference)
        throw new CatalogError(`${file}: inference belongs to one rule judged by authorization.`);
      inference = compileInference(data['inference'] as Record<string, unknown>, rule);
    }
    for (const raw of payments) {
      const row = raw as Record<string, unknown>;
      paymentRequests.push({
        id: requireString(row, 'id', file),
        rule,
        // A JSON-RPC row is matched by the method in the body, never by the URL.
        urlPattern: row['rpcMethods'] === undefined ? new RegExp(requireString(row, 'urlPattern', file), 'i') : /$^/,
        rpcMethods: new Set(asStrings(row['rpcMethods'])),
        methods: asStrings(row['methods']).map((method) => method.toUpperCase()),
        operation: typeof row['operation'] === 'string' ? row['operation'] : 'payment request',
      });
    }
  }
  const tools = readYaml(path.join(dir, 'tools.catalog.yml'));
  const forms = asArray(tools['forms']).map((raw) => compileForm(raw as Record<string, unknown>));
  const generic = (tools['genericObject'] ?? {}) as Record<string, unknown>;
  const common = compileCommon(readYaml(path.join(dir, 'common.catalog.yml')));
  const missing = table.rules.filter((rule) => rule.catalog && !sinkRules.includes(rule.id)).map((rule) => rule.id);
  if (missing.length > 0) throw new CatalogError(`No catalog for ${missing.join(', ')}: add rules/<id>.catalog.yml.`);
  const catalogs: Catalogs = {
    sinks,
    paymentRequests,
    ...(inference ? { inference } : {}),
    forms,
    genericObject: {
      framework: typeof generic['framework'] === 'string' ? generic['framework'] : 'generic',
      nameKeys: asStrings(generic['nameKeys']),
      descriptionKeys: asStrings(generic['descriptionKeys']),
      schemaKeys: asStrings(generic['schemaKeys']),
      handlerKeys: asStrings(generic['handlerKeys']),
      classSchemaSuffixes: asStrings(generic['classSchemaSuffixes']),
      actionMarkKeys: asStrings(generic['actionMarkKeys']),
      actionInput: typeof generic['actionInput'] === 'string' ? parseAccessPath(generic['actionInput']) : [],
      keyedSchemaKeys: asStrings(generic['keyedSchemaKeys']),
      undescribedSchemaKeys: asStrings(generic['undescribedSchemaKeys']),
      undescribedHandlerKeys: asStrings(generic['undescribedHandlerKeys']),
      kindNameKeys: asStrings(generic['kindNameKeys']),
      kindNameIgnored: asStrings(generic['kindNameIgnored']),
      schemaDescriptionMethods: asStrings(generic['schemaDescriptionMethods']),
      builderSchemaMethods: asStrings(generic['builderSchemaMethods']),
      functionNamedKeys: asStrings(generic['functionNamedKeys']),
      identifierKeys: asStrings(generic['identifierKeys']),
      curriedSchemaKeys: asStrings(generic['curriedSchemaKeys']),
      curriedNameKeys: asStrings(generic['curriedNameKeys']),
    },
    inputParamNames: asStrings(tools['inputParamNames']),
    contextParamNames: asStrings(tools['contextParamNames']),
    callIdParamNames: asStrings(tools['callIdParamNames']),
    requestParamNames: asStrings(tools['requestParamNames']),
    requestInputMembers: asStrings(tools['requestInputMembers']),
    common,
    sinkRules,
  };
  cached = { table, catalogs };
  return catalogs;
}

/** Rows a configuration adds, compiled like catalog rows; errors name the row. */
export function compileConfigSinks(sinks: ConfigSink[]): SinkRow[] {
  const rows: SinkRow[] = [];
  for (const sink of sinks) {
    try {
      // A project module (`./jobs`) is what the resolver calls <local>.
      const modules = (Array.isArray(sink.module) ? sink.module : [sink.module]).map((module) =>
        module.startsWith('.') ? '<local>' : module,
      );
      rows.push(
        compileSink(
          { ...sink, module: modules, check: checkForPart(sink.part, sink.rule), write: sink.isWrite ?? false },
          sink.rule,
          'configuration',
        ),
      );
    } catch {
      // The configuration loader reports bad rows with their position; a row it let through that still
      // does not compile is skipped rather than failing every file.
    }
  }
  return rows;
}

/**
 * What a configured sink's `part` means for the check, read from the rule's own part words
 * (`destination` → url); no `part`, or a word the rule does not declare, is the rule's default check.
 * A rule that is unknown or has no sinks is an error.
 */
export function checkForPart(part: string | undefined, rule: string): SinkCheck {
  const facts = activeRules().sinkFacts(rule);
  const word = part?.toLowerCase();
  const named = (Object.keys(facts.checks) as SinkCheck[]).find(
    (check) => word !== undefined && facts.checks[check]?.partWords.includes(word),
  );
  return named ?? facts.defaultCheck;
}

function compileSink(row: Record<string, unknown>, rule: string, file: string): SinkRow {
  const id = requireString(row, 'id', file);
  const check = requireString(row, 'check', file) as SinkCheck;
  if (!SINK_CHECKS.includes(check)) throw new CatalogError(`${file}: row ${id}: unknown check \`${check}\`.`);
  if (activeRules().sinkFacts(rule).checks[check] === undefined)
    throw new CatalogError(`${file}: row ${id}: rule ${rule} declares no check \`${check}\`.`);
  const text = requireString(row, 'path', file);
  const template = text.endsWith('.TemplateArgument');
  const tokens = parseAccessPath(template ? text.slice(0, -'.TemplateArgument'.length) : text);
  const argumentAt = tokens.findIndex((token) => token.kind === 'Argument');
  const callee = argumentAt < 0 ? tokens : tokens.slice(0, argumentAt);
  let argument: SinkRow['argument'];
  if (argumentAt >= 0) {
    const token = tokens[argumentAt] as Extract<PathToken, { kind: 'Argument' }>;
    const members = tokens.slice(argumentAt + 1).map((member) => {
      if (member.kind !== 'Member')
        throw new CatalogError(`${file}: row ${id}: only Member tokens may follow Argument.`);
      return member.names;
    });
    argument = { indexes: token.indexes, members };
  }
  const compiled: SinkRow = {
    id,
    rule,
    modules: asStrings(row['module']),
    requiresImport: asStrings(row['requiresImport']),
    callee,
    template,
    check,
    isWrite: row['write'] === true || check === 'transfer',
  };
  if (argument) compiled.argument = argument;
  if (typeof row['receiverPattern'] === 'string') compiled.receiverPattern = new RegExp(row['receiverPattern']);
  if (typeof row['method'] === 'string') compiled.method = row['method'].toUpperCase();
  if (typeof row['methodAt'] === 'string') compiled.methodAt = parseAccessPath(row['methodAt']);
  if (typeof row['operation'] === 'string') compiled.operation = row['operation'];
  if (row['prepares'] === true) compiled.prepares = true;
  if (typeof row['yieldsTo'] === 'string') compiled.yieldsTo = row['yieldsTo'];
  if (row['childStdin'] === true) compiled.childStdin = true;
  if (typeof row['argumentPattern'] === 'string') compiled.argumentPattern = new RegExp(row['argumentPattern']);
  return compiled;
}

function compileInference(data: Record<string, unknown>, rule: string): InferenceWords {
  const words = (key: string): ReadonlySet<string> => new Set(asStrings(data[key]).map((word) => word.toLowerCase()));
  return {
    rule,
    moneyVerbs: words('moneyVerbs'),
    moneyNouns: words('moneyNouns'),
    commitVerbs: words('commitVerbs'),
    toolCommitVerbs: words('toolCommitVerbs'),
    toolRunMethods: words('toolRunMethods'),
    toolNouns: words('toolNouns'),
    draftNouns: words('draftNouns'),
    draftCommitVerbs: words('draftCommitVerbs'),
    requestedPayments: words('requestedPayments'),
    paymentRequestWords: words('paymentRequestWords'),
    readWords: words('readWords'),
    unrelatedWords: words('unrelatedWords'),
    nonValueObjects: words('nonValueObjects'),
    sortQualifiers: words('sortQualifiers'),
    sortedNouns: words('sortedNouns'),
    storageWords: words('storageWords'),
    transactionNouns: words('transactionNouns'),
    contractCallNouns: words('contractCallNouns'),
    holderNouns: words('holderNouns'),
    undoVerbs: words('undoVerbs'),
    recordVoidVerbs: words('recordVoidVerbs'),
    creationVerbs: words('creationVerbs'),
    claimVerbs: words('claimVerbs'),
    creationSpendWords: words('creationSpendWords'),
    settingVerbs: words('settingVerbs'),
    signedWriteNouns: words('signedWriteNouns'),
    assetNouns: words('assetNouns'),
    credentialNouns: words('credentialNouns'),
    credentialQualifiers: words('credentialQualifiers'),
    notValueModules: new Set(asStrings(data['notValueModules'])),
    valueKeys: words('valueKeys'),
    paidRequestWords: words('paidRequestWords'),
    requestWords: words('requestWords'),
    signVerbs: words('signVerbs'),
    authorizationTypeWords: words('authorizationTypeWords'),
    contractCallWords: words('contractCallWords'),
    listingVerbs: words('listingVerbs'),
    saleWords: words('saleWords'),
    issueVerbs: words('issueVerbs'),
    operationKeys: words('operationKeys'),
    attachedValueKeys: words('attachedValueKeys'),
    chainWriteVerbs: words('chainWriteVerbs'),
  };
}

function compileForm(row: Record<string, unknown>): ToolForm {
  const id = requireString(row, 'id', 'tools.catalog.yml');
  const optionalPath = (key: string): PathToken[] => (typeof row[key] === 'string' ? parseAccessPath(row[key]) : []);
  const form: ToolForm = {
    id,
    framework: requireString(row, 'framework', 'tools.catalog.yml'),
    kind: requireString(row, 'kind', 'tools.catalog.yml') as ToolForm['kind'],
    modules: asStrings(row['module']),
    callee: optionalPath('callee'),
    receiver: optionalPath('receiver'),
    methods: asStrings(row['methods']),
    extends: optionalPath('extends'),
    decorator: optionalPath('decorator'),
    schema: optionalPath('schema'),
    handler: optionalPath('handler'),
    input: optionalPath('input'),
    inputNeedsSchema: row['inputNeedsSchema'] === true,
    selector: optionalPath('selector'),
    names: asStrings(row['name']).map((text) => parseAccessPath(text)),
    approval: optionalPath('approval'),
  };
  if (typeof row['defaultName'] === 'string') form.defaultName = row['defaultName'];
  if (typeof row['untypedReceiver'] === 'string') form.untypedReceiver = new RegExp(row['untypedReceiver']);
  if (row['nameFromMethod'] === 'snake_case') form.nameFromMethod = 'snake_case';
  if (typeof row['requestMethod'] === 'string') form.requestMethod = row['requestMethod'];
  if (row['handlerMap'] === true) form.handlerMap = true;
  if (typeof row['invocation'] === 'string') form.invocation = row['invocation'];
  if (typeof row['invocationField'] === 'string') form.invocationField = row['invocationField'];
  if (typeof row['validate'] === 'string') form.validate = row['validate'];
  if (typeof row['superNameArgument'] === 'number') form.superNameArgument = row['superNameArgument'];
  if (Array.isArray(row['inputAliases'])) form.inputAliases = asStrings(row['inputAliases']);
  return form;
}

function readYaml(file: string): Record<string, unknown> {
  const data: unknown = parseYaml(fs.readFileSync(file, 'utf8'));
  if (typeof data !== 'object' || data === null) throw new CatalogError(`${file}: not a YAML mapping.`);
  return data as Record<string, unknown>;
}

// The generic tool object: an object literal with a name, a description, a handler and an input schema (or the marks of an agent-runtime action), whatever framework reads it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { matchesPath } from '../../api';
import { findProperty, isFunction, propertyName, stringValue, unwrapExpression, type Node } from '../../ast';
import { resolveFunction } from '../../analysis/resolve';
import type { FileContext } from '../../analysis/context';
import { collectCaps } from '../caps';
import { describedName, factoryName } from '../described-name';
import { schemaCarriesDescription } from './described-schema';
import { objectLiteralOf } from '../navigate';
import { pairedHandler } from './paired-declaration';
import { nameNodeFromContext } from '../tool-name';
import { identifierName } from './identifier-name';
import { isFactoryTemplate } from './inferred-factory';
import { listWrapperAudit } from './list-audit-wrapper';
import { configMember } from './config-member';
import { shapedHandler } from './shaped-handler';
import { attachHandlers, baseTool, isLiteralFalse } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';
import type { GenericObjectForm } from '../../catalog/load';

/** Values that are data, never a handler function. */
const DATA_NODES = new Set(['ObjectExpression', 'ArrayExpression', 'Literal', 'TemplateLiteral']);

export function fromGenericObject(node: TSESTree.ObjectExpression, ctx: FileContext): RecognisedTool | undefined {
  if (argumentOfNotToolCall(node, ctx)) return undefined;
  const generic = ctx.catalogs.genericObject;
  // `tool({ ...DEFINITIONS.list_tables, execute })`: members spread in from constant objects count as written.
  const spreads = spreadObjects(node, ctx);
  const has = (keys: string[], object = node): TSESTree.Property | undefined => {
    for (const key of keys) {
      const property = findProperty(object, key);
      if (property) return property;
    }
    if (object !== node) return undefined;
    for (const spread of spreads) {
      const property = has(keys, spread);
      if (property) return property;
    }
    return undefined;
  };
  // A schema is a value: `input: 'src/index.ts'` in a task table is an operand, not the tool's input schema;
  // nor is `schema: undefined`, the slot a prompt module beside the tool modules leaves empty.
  const schemaFound = has(generic.schemaKeys);
  const schemaProperty =
    schemaFound && !isTextLiteral(schemaFound.value as Node) && !isNothing(schemaFound.value as Node)
      ? schemaFound
      : undefined;
  // The handler must be the object's own: `{ ...scrapeTool, _meta }` re-registers a tool declared elsewhere.
  // A key that holds data (`function: { name, … }` in a JSON declaration, `args: { function: { … } }`) is no handler.
  const listedHandler = generic.handlerKeys
    .map((key) => findProperty(node, key))
    .find((found) => found && !DATA_NODES.has(unwrapExpression(found.value as Node).type));
  // `createAction({ name, description, schema: z.object(…), resolver: async ({ input }) => … })`: a handler
  // key no list names, found by its shape (./shaped-handler.ts).
  const shaped = listedHandler ? undefined : shapedHandler(node, schemaProperty, ctx);
  const handlerProperty = listedHandler ?? shaped?.property;
  // `defineTool({ name, description, schema }, async (input) => …)`: a declaration handed to a call beside its handler,
  // also from the constant that holds it (`createToolPlugin(runTool, handleRun)`, ./paired-declaration.ts).
  const handlerNode = handlerProperty
    ? (handlerProperty.value as Node)
    : schemaProperty
      ? (siblingHandler(node, ctx) ?? pairedHandler(node, ctx))
      : undefined;
  if (!handlerNode) return undefined;
  // The template inside a project tool factory: each call of the factory is the tool (./inferred-factory.ts).
  if (isFactoryTemplate(node, ctx)) return undefined;
  // `{ schema: { name, description, inputSchema }, handle }`: the declaration may sit one level down,
  // also under a key of its own (`{ definition, handler }`, a generated server's `{ metadata, tool, handler }`).
  const member = schemaProperty || has(generic.nameKeys) ? undefined : declarationMember(node, handlerProperty, ctx);
  const nested = schemaProperty ? objectLiteralOf(schemaProperty.value as Node, ctx) : member;
  // A nested object without a name and a description of its own is the input schema (`inputSchema: { id:
  // z.string() }`, `{ type: 'object' }`), not the declaration.
  const declares = nested !== undefined && has(generic.nameKeys, nested) && has(generic.descriptionKeys, nested);
  const declaration = has(generic.nameKeys) || !declares ? node : nested;
  const nameProperty = has(generic.nameKeys, declaration) ?? (schemaProperty && kindName(declaration, generic));
  // `{ name, config: { description, inputSchema }, handler }`: registerTool's arguments packed in one object.
  const config =
    nameProperty &&
    handlerProperty &&
    !schemaProperty &&
    !member &&
    declaration === node &&
    !has(generic.descriptionKeys)
      ? configMember(node, new Set([nameProperty, handlerProperty]), packedKeys(generic), ctx)
      : undefined;
  // `{ list_tables: tool({ description, parameters, execute }) }`: a toolset names each tool by its key.
  const runner = nameProperty ? undefined : runnerSlot(node, handlerProperty, generic);
  const slot = nameProperty ? undefined : (runner ?? toolsetSlot(node) ?? mapSlot(node, ctx));
  // `function webFetchTool(options) { return { description, inputSchema, execute } }`: an AI SDK tool object
  // with no name of its own (the caller's toolset key gives it one), made by a factory named for a tool.
  const factory = nameProperty || slot || !schemaProperty ? undefined : toolFactoryName(node);
  const isDescribed =
    runner !== undefined ||
    undescribedDefinition(node, declaration, nameProperty, schemaProperty, handlerProperty, generic) ||
    has(generic.descriptionKeys, declaration) !== undefined ||
    config !== undefined ||
    (schemaProperty !== undefined &&
      schemaCarriesDescription(schemaProperty.value as Node, generic.schemaDescriptionMethods, ctx));
  if ((!nameProperty && !slot && !factory) || !isDescribed) return undefined;
  const hasSchema = schemaProperty !== undefined || member !== undefined || config !== undefined;
  const isAction = has(generic.actionMarkKeys) !== undefined;
  if (!hasSchema && !isAction) return undefined;
  // `name: TOOL_NAME` (a constant, in this file or imported) names the tool as well as a literal does.
  const written = nameProperty ? describedName(nameProperty.value as Node, ctx) : slot?.name;
  // `name: 'Transfer HBAR'` beside `method: 'transfer_hbar_tool'`: the model calls the identifier.
  const identifier = nameProperty ? identifierName(declaration, written, generic.identifierKeys, ctx) : undefined;
  const nameValue = identifier?.name ?? written;
  const form: FormLike = {
    id: 'generic-tool-object',
    framework: generic.framework,
    handler: [],
    // An agent-runtime action that also lists its `parameters` is still called `handler(runtime, message, …)`.
    input: shaped ? shaped.input : hasSchema && !isAction ? [] : generic.actionInput,
    names: [],
    approval: [],
  };
  const tool = baseTool(
    {
      name: nameValue ?? nameNodeFromContext(node)?.name ?? factoryName(node) ?? '(dynamic name)',
      // Findings stay anchored on the declaration's name, the title people read.
      node: !nameProperty
        ? (slot?.node ?? node)
        : nameValue !== undefined
          ? (nameProperty.value as Node)
          : nameProperty.key,
    },
    form,
    node,
  );
  attachHandlers(tool, [handlerNode], form, ctx, node);
  for (const key of ctx.catalogs.common.approvalProperties) {
    const property = findProperty(node, key);
    if (property && !isLiteralFalse(property.value as Node)) tool.approval = key;
  }
  // `for (const t of allTools) server.tool(t.name, …, withAuditLog(t))`: the registration records every call.
  const registered = tool.audit ? undefined : listWrapperAudit(node, ctx);
  if (registered) tool.audit = registered;
  collectCaps(node, tool, ctx);
  return tool;
}

/** Members read to find a declaration under a key of its own: a tool object has a handful. */
const MAX_DECLARATION_MEMBERS = 6;

/**
 * The one member of `node` (not its handler) that holds a whole declaration (a name, a description and
 * an input schema), written in place or a constant of this file; any key, since each server names it.
 */
function declarationMember(
  node: TSESTree.ObjectExpression,
  handler: TSESTree.Property | undefined,
  ctx: FileContext,
): TSESTree.ObjectExpression | undefined {
  const generic = ctx.catalogs.genericObject;
  const holds = (object: TSESTree.ObjectExpression, keys: string[]) => keys.some((key) => findProperty(object, key));
  const properties = node.properties.flatMap((property) =>
    property.type === 'Property' && property !== handler ? [property] : [],
  );
  if (properties.length > MAX_DECLARATION_MEMBERS) return undefined;
  const found = properties
    .map((property) => functionDeclarationOf(objectLiteralOf(property.value as Node, ctx), generic, ctx))
    .filter(
      (object): object is TSESTree.ObjectExpression =>
        object !== undefined &&
        object !== node &&
        holds(object, generic.nameKeys) &&
        holds(object, generic.descriptionKeys) &&
        holds(object, generic.schemaKeys),
    );
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The OpenAI function-calling wrapper `{ type: 'function', function: { name, description, parameters } }` held
 * as a member (`{ definition: { type: 'function', function: SCHEMAS.search }, execute }`): the declaration is its
 * `function` member; any other object is its own.
 */
function functionDeclarationOf(
  object: TSESTree.ObjectExpression | undefined,
  generic: GenericObjectForm,
  ctx: FileContext,
): TSESTree.ObjectExpression | undefined {
  if (object === undefined || generic.nameKeys.some((key) => findProperty(object, key))) return object;
  for (const key of generic.functionNamedKeys) {
    const inner = findProperty(object, key);
    const declaration = inner ? memberObjectLiteral(inner.value as Node, ctx) : undefined;
    if (declaration) return declaration;
  }
  return object;
}

/** An object literal, also one held under a key of a constant object of this file (`SCHEMAS.search`). */
function memberObjectLiteral(node: Node, ctx: FileContext): TSESTree.ObjectExpression | undefined {
  const inner = unwrapExpression(node);
  if (inner.type !== 'MemberExpression' || inner.computed) return objectLiteralOf(inner, ctx);
  const key = propertyName(inner);
  const holder = objectLiteralOf(inner.object, ctx);
  const property = holder && key !== undefined ? findProperty(holder, key) : undefined;
  return property ? objectLiteralOf(property.value as Node, ctx) : undefined;
}

/** The function argument beside a declaration object in the same call, when there is exactly one. */
function siblingHandler(node: TSESTree.ObjectExpression, ctx: FileContext): Node | undefined {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(node)) return undefined;
  const functions = call.arguments.filter(
    (argument) => argument !== node && (isFunction(unwrapExpression(argument)) || resolveFunction(argument, ctx)),
  );
  return functions.length === 1 ? functions[0] : undefined;
}

/** Spreads worth reading are few: a definition or two; more is not a tool declaration. */
const MAX_SPREADS = 4;

/** The constant object literals spread into `node` (`...DEFS`, `...DEFS.key`), in this file. */
function spreadObjects(node: TSESTree.ObjectExpression, ctx: FileContext): TSESTree.ObjectExpression[] {
  const out: TSESTree.ObjectExpression[] = [];
  for (const property of node.properties) {
    if (property.type !== 'SpreadElement' || out.length >= MAX_SPREADS) continue;
    const argument = unwrapExpression(property.argument);
    const object =
      argument.type === 'MemberExpression' && !argument.computed
        ? memberObject(argument, ctx)
        : objectLiteralOf(argument, ctx);
    if (object && object !== node) out.push(object);
  }
  return out;
}

function memberObject(member: TSESTree.MemberExpression, ctx: FileContext): TSESTree.ObjectExpression | undefined {
  const owner = objectLiteralOf(member.object, ctx);
  const key = propertyName(member);
  const property = owner && key !== undefined ? findProperty(owner, key) : undefined;
  return property ? objectLiteralOf(property.value as Node, ctx) : undefined;
}

/** The key of a toolset entry whose value is a call wrapping `node` as its one argument. */
function toolsetSlot(node: TSESTree.ObjectExpression): { name: string; node: Node } | undefined {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || call.arguments.length !== 1 || call.arguments[0] !== node) return undefined;
  const entry = call.parent;
  if (entry?.type !== 'Property' || entry.value !== call) return undefined;
  const name = propertyName(entry);
  return name === undefined ? undefined : { name, node: entry.key };
}

/** The key of a name -> tool map entry whose value is `node` itself, when `node` declares a strict schema key. */
function mapSlot(node: TSESTree.ObjectExpression, ctx: FileContext): { name: string; node: Node } | undefined {
  const entry = node.parent;
  if (entry?.type !== 'Property' || entry.value !== node || entry.parent?.type !== 'ObjectExpression') return undefined;
  if (!ctx.catalogs.genericObject.keyedSchemaKeys.some((key) => findProperty(node, key))) return undefined;
  const name = entry.computed ? undefined : propertyName(entry);
  return name === undefined ? undefined : { name, node: entry.key };
}

/**
 * `{ type: 'function', function: { function: readNote, parse: JSON.parse, parameters } }`: a runner helper
 * calls the handler itself and names the tool after the function when the declaration writes no name.
 */
function runnerSlot(
  node: TSESTree.ObjectExpression,
  handler: TSESTree.Property | undefined,
  generic: GenericObjectForm,
): { name: string; node: Node } | undefined {
  const key = handler ? propertyName(handler) : undefined;
  const entry = node.parent;
  const wrapper = entry?.parent;
  if (!handler || key === undefined || !generic.functionNamedKeys.includes(key)) return undefined;
  if (entry?.type !== 'Property' || entry.value !== node || propertyName(entry) !== key) return undefined;
  if (wrapper?.type !== 'ObjectExpression' || !kindIsFormat(wrapper, generic)) return undefined;
  const value = unwrapExpression(handler.value as Node);
  const id = value.type === 'Identifier' ? value : value.type === 'FunctionExpression' ? value.id : undefined;
  return id ? { name: id.name, node: id } : undefined;
}

/** The wrapper's kind is a format word (`type: 'function'`), as the API's tool list spells it. */
function kindIsFormat(node: TSESTree.ObjectExpression, generic: GenericObjectForm): boolean {
  return generic.kindNameKeys.some((key) => {
    const property = findProperty(node, key);
    const value = property ? stringValue(property.value as Node) : undefined;
    return value !== undefined && generic.kindNameIgnored.includes(value.toLowerCase());
  });
}

/** `createStep({ id, description, inputSchema, execute })`: a framework call that makes no tool (`notToolCalls`). */
function argumentOfNotToolCall(node: TSESTree.ObjectExpression, ctx: FileContext): boolean {
  const call = node.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(node)) return false;
  const ref = ctx.api.resolve(call.callee);
  return (
    ref !== undefined && ctx.catalogs.common.notToolCalls.some((entry) => matchesPath(ref, entry.modules, entry.path))
  );
}

/** `type: "goToUrl"`: a constant kind names the tool when no name key does, unless it is a format word. */
function kindName(node: TSESTree.ObjectExpression, generic: GenericObjectForm): TSESTree.Property | undefined {
  for (const key of generic.kindNameKeys) {
    const property = findProperty(node, key);
    const value = property ? stringValue(property.value as Node) : undefined;
    if (property && value && !generic.kindNameIgnored.includes(value.toLowerCase())) return property;
  }
  return undefined;
}

/** The name of the function that returns `node`, when it names a tool (`webFetchTool`, `createSearchTool`). */
function toolFactoryName(node: Node): string | undefined {
  const name = factoryName(node);
  return name !== undefined && /[a-z]Tool$/.test(name) ? name : undefined;
}

function isTextLiteral(node: Node): boolean {
  const inner = unwrapExpression(node);
  return (inner.type === 'Literal' && typeof inner.value === 'string') || inner.type === 'TemplateLiteral';
}

/**
 * `{ name: 'dashboard-create', schema: DashboardCreateSchema, handler: createHandler }`: a toolkit's neutral
 * definition, described by name elsewhere. Its own literal name, schema and handler keys are what make it one.
 */
function undescribedDefinition(
  node: TSESTree.ObjectExpression,
  declaration: TSESTree.ObjectExpression,
  nameProperty: TSESTree.Property | undefined,
  schemaProperty: TSESTree.Property | undefined,
  handlerProperty: TSESTree.Property | undefined,
  generic: GenericObjectForm,
): boolean {
  return (
    declaration === node &&
    nameProperty?.parent === node &&
    stringValue(nameProperty.value as Node) !== undefined &&
    schemaProperty?.parent === node &&
    generic.undescribedSchemaKeys.includes(propertyName(schemaProperty) ?? '') &&
    handlerProperty !== undefined &&
    generic.undescribedHandlerKeys.includes(propertyName(handlerProperty) ?? '')
  );
}

/** A packed registration's config names its input schema with a strict key only (CLI tables say `args`). */
function packedKeys(generic: GenericObjectForm) {
  return { nameKeys: generic.nameKeys, descriptionKeys: generic.descriptionKeys, schemaKeys: generic.keyedSchemaKeys };
}

/** `undefined` or `null` written as a value: a slot left empty. */
function isNothing(value: Node): boolean {
  const inner = unwrapExpression(value);
  return (
    (inner.type === 'Identifier' && inner.name === 'undefined') || (inner.type === 'Literal' && inner.value === null)
  );
}

// The generic tool object: an object literal with a name, a description, a handler and an input schema (or the marks of an agent-runtime action), whatever framework reads it.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, isFunction, unwrapExpression, type Node } from '../../ast';
import { resolveFunction } from '../../analysis/resolve';
import type { FileContext } from '../../analysis/context';
import { collectCaps } from '../caps';
import { constantString } from '../constant-name';
import { objectLiteralOf } from '../navigate';
import { nameNodeFromContext } from '../tool-name';
import { attachHandlers, baseTool, isLiteralFalse } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

export function fromGenericObject(node: TSESTree.ObjectExpression, ctx: FileContext): RecognisedTool | undefined {
  const generic = ctx.catalogs.genericObject;
  const has = (keys: string[], object = node): TSESTree.Property | undefined => {
    for (const key of keys) {
      const property = findProperty(object, key);
      if (property) return property;
    }
    return undefined;
  };
  const schemaProperty = has(generic.schemaKeys);
  const handlerProperty = has(generic.handlerKeys);
  // `defineTool({ name, description, schema }, async (input) => …)`: a declaration handed to a call beside its handler.
  const handlerNode = handlerProperty
    ? (handlerProperty.value as Node)
    : schemaProperty
      ? siblingHandler(node, ctx)
      : undefined;
  if (!handlerNode) return undefined;
  // `{ schema: { name, description, inputSchema }, handle }`: the declaration may sit one level down.
  const nested = schemaProperty ? objectLiteralOf(schemaProperty.value as Node, ctx) : undefined;
  const declaration = has(generic.nameKeys) || !nested ? node : nested;
  const nameProperty = has(generic.nameKeys, declaration);
  if (!nameProperty || !has(generic.descriptionKeys, declaration)) return undefined;
  const hasSchema = schemaProperty !== undefined;
  if (!hasSchema && !has(generic.actionMarkKeys)) return undefined;
  // `name: TOOL_NAME` (a constant, in this file or imported) names the tool as well as a literal does.
  const nameValue = constantString(nameProperty.value as Node, ctx);
  const form: FormLike = {
    id: 'generic-tool-object',
    framework: generic.framework,
    handler: [],
    input: hasSchema ? [] : generic.actionInput,
    names: [],
    approval: [],
  };
  const tool = baseTool(
    {
      name: nameValue ?? nameNodeFromContext(node)?.name ?? '(dynamic name)',
      node: nameValue !== undefined ? (nameProperty.value as Node) : nameProperty.key,
    },
    form,
    node,
  );
  attachHandlers(tool, [handlerNode], form, ctx, node);
  for (const key of ctx.catalogs.common.approvalProperties) {
    const property = findProperty(node, key);
    if (property && !isLiteralFalse(property.value as Node)) tool.approval = key;
  }
  collectCaps(node, tool);
  return tool;
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

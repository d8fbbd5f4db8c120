// Class forms: a class that extends a framework's tool base class, its handler a method or property of the class.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue } from '../../ast';
import { tokensMatch } from '../../api';
import type { ToolForm } from '../../catalog/load';
import type { FileContext } from '../../analysis/context';
import { collectCaps } from '../caps';
import { navigate } from '../navigate';
import { attachHandlers, baseTool, modulesMatch } from '../tool-parts';
import type { RecognisedTool } from '../types';

/** The class form whose base class this class extends, if any. */
export function classForm(
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  ctx: FileContext,
): ToolForm | undefined {
  if (!node.superClass) return undefined;
  const ref = ctx.api.resolve(node.superClass);
  return ref
    ? ctx.catalogs.forms.find(
        (candidate) =>
          candidate.kind === 'class' && modulesMatch(ref, candidate) && tokensMatch(ref.tokens, candidate.extends),
      )
    : undefined;
}

export function fromClass(
  node: TSESTree.ClassDeclaration | TSESTree.ClassExpression,
  form: ToolForm,
  ctx: FileContext,
): RecognisedTool {
  const nameNodes = form.names.flatMap((path) => navigate([node], path, ctx));
  const nameNode = nameNodes.find((candidate) => stringValue(candidate) !== undefined);
  const name = nameNode ? (stringValue(nameNode) as string) : (node.id?.name ?? '(anonymous class)');
  const tool = baseTool({ name, node: nameNode ?? node.id ?? node }, form, node);
  attachHandlers(tool, navigate([node], form.handler, ctx), form, ctx, node);
  collectCaps(node, tool);
  return tool;
}

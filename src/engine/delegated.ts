// Where a delegated tool is reported: a tool declared in one file (a dispatcher's case, a name → handler map, a
// tool list) whose handler lives in another file has its findings in the handler's file, with the dispatch as
// related information, so that a central dispatcher does not collect every tool's findings on one line.
import { rangeOf, type FunctionNode, type Node } from './ast';
import type { FileContext } from './analysis/context';
import type { ToolHandler } from './tools/types';
import type { RelatedLocation } from './types';

/** The handler when it runs in another file than the one that declares the tool; else undefined. */
export function delegatedHandler(handler: ToolHandler | undefined, ctx: FileContext): ToolHandler | undefined {
  return handler !== undefined && handler.ctx.file !== ctx.file ? handler : undefined;
}

/**
 * Where a delegated tool's own finding (the audit rule's, reported at the tool's name) goes: the tool's case
 * label or map key when the handler's file spells it, else the handler's name.
 */
export function delegatedHome(handler: ToolHandler): Node {
  return handler.caseNode ?? functionName(handler.fn) ?? handler.fn;
}

function functionName(fn: FunctionNode): Node | undefined {
  if (fn.type !== 'ArrowFunctionExpression' && fn.id) return fn.id;
  const parent = fn.parent;
  if (parent?.type === 'VariableDeclarator') return parent.id;
  if (parent?.type === 'Property' || parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition')
    return parent.key;
  return undefined;
}

/** The dispatch in the declaring file, as related information (kind `call`: the input passes through it). */
export function dispatchRelated(toolName: string, handler: ToolHandler, ctx: FileContext): RelatedLocation[] {
  if (!handler.reference) return [];
  return [
    {
      file: ctx.file,
      range: rangeOf(handler.reference),
      kind: 'call',
      message: `Tool \`${toolName}\` is dispatched to its handler here.`,
    },
  ];
}

/** The line of a moved finding's dispatch in the declaring file, where a suppression directive also applies. */
export function dispatchLine(related: readonly RelatedLocation[], declaringFile: string): number | undefined {
  return related.find((entry) => entry.kind === 'call' && entry.file === declaringFile)?.range.start.line;
}

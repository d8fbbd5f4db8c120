// Where a delegated tool is reported: a tool declared in one file (a dispatcher's case, a name → handler map, a
// tool list) whose handler lives in another file has its findings in the handler's file, with the dispatch as
// related information, so that a central dispatcher does not collect every tool's findings on one line.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { rangeOf, unwrapExpression, type FunctionNode, type Node } from './ast';
import type { FileContext } from './analysis/context';
import { resolveFunction } from './analysis/resolve';
import type { RecognisedTool } from './tools/types';
import type { RelatedLocation } from './types';

/** A delegated tool's handler in another file, and how the declaring file reaches it. */
export interface Delegate {
  fn: FunctionNode;
  ctx: FileContext;
  /** The tool's case label or map key, when the handler's file spells it. */
  caseNode?: Node;
  /** The dispatch in the declaring file: the handler reference, or the call a case forwards to. */
  dispatch?: Node;
  /** Set when the tool's case in the declaring file forwards to the handler: hits through this call are the handler's. */
  forward?: Node;
}

/**
 * The handler of a tool declared in `ctx` that runs in another file: the tool's own handler when it is there
 * (a name → handler map, a tool list, a dispatcher handed the request), or the function a dispatcher's case
 * only forwards to (`case 'x': return handleX(args)`). A case that does more than forward keeps its findings.
 */
export function delegateOf(tool: RecognisedTool, ctx: FileContext): Delegate | undefined {
  const handler = tool.handlers[0];
  if (handler === undefined || handler.isSharedClosure) return undefined;
  if (handler.ctx.file !== ctx.file) {
    const delegate: Delegate = { fn: handler.fn, ctx: handler.ctx };
    if (handler.caseNode) delegate.caseNode = handler.caseNode;
    if (handler.reference) delegate.dispatch = handler.reference;
    return delegate;
  }
  if (!tool.selector) return undefined;
  const call = forwardingCall(tool.nameNode);
  const target = call ? resolveFunction(call.callee, ctx) : undefined;
  if (!call || !target || target.ctx.file === ctx.file) return undefined;
  return { fn: target.fn, ctx: target.ctx, dispatch: call, forward: call };
}

/** The call a switch case's body is made of (`return f(args)`, `return await f(args)`, `await f(args); break`). */
function forwardingCall(label: Node): TSESTree.CallExpression | undefined {
  const clause = label.parent;
  if (clause?.type !== 'SwitchCase' || clause.test !== label || clause.parent.type !== 'SwitchStatement')
    return undefined;
  // Labels that fall through share the next body.
  const cases = clause.parent.cases;
  let body: TSESTree.Statement[] = [];
  for (let i = cases.indexOf(clause); i < cases.length && body.length === 0; i++) body = cases[i]?.consequent ?? [];
  const first = body.length === 1 && body[0]?.type === 'BlockStatement' ? body[0].body[0] : body[0];
  const value =
    first?.type === 'ReturnStatement'
      ? first.argument
      : first?.type === 'ExpressionStatement'
        ? first.expression
        : null;
  if (!value) return undefined;
  let inner = unwrapExpression(value);
  if (inner.type === 'AwaitExpression') inner = unwrapExpression(inner.argument);
  return inner.type === 'CallExpression' ? inner : undefined;
}

/**
 * Where a delegated tool's own finding (the audit rule's, reported at the tool's name) goes: the tool's case
 * label or map key when the handler's file spells it, else the handler's name.
 */
export function delegatedHome(delegate: Delegate): Node {
  return delegate.caseNode ?? functionName(delegate.fn) ?? delegate.fn;
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
export function dispatchRelated(toolName: string, delegate: Delegate, ctx: FileContext): RelatedLocation[] {
  if (!delegate.dispatch) return [];
  return [
    {
      file: ctx.file,
      range: rangeOf(delegate.dispatch),
      kind: 'call',
      message: `Tool \`${toolName}\` is dispatched to its handler here.`,
    },
  ];
}

/** The line of a moved finding's dispatch in the declaring file, where a suppression directive also applies. */
export function dispatchLine(related: readonly RelatedLocation[], declaringFile: string): number | undefined {
  return related.find((entry) => entry.kind === 'call' && entry.file === declaringFile)?.range.start.line;
}

// How an approval call is used. Its answer gates the tool only where the answer is checked
// (`if (result.action !== 'accept') return`, `if (!(await confirm(...))) throw`); a call whose answer is
// dropped is a gate only when the call itself throws on refusal: a configured approval function, one declared
// to return nothing (`Promise<void>`), or a project function that throws and returns no answer.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, isFunction, unwrapExpression, walk, type Node } from '../../ast';
import { resolveFunction } from '../resolve';
import type { Evaluator } from '../evaluator';

export type ApprovalUse = 'gate' | 'answer' | 'ignored';

const VOID_RETURN = /^:\s*(void|Promise\s*<\s*void\s*>|undefined|Promise\s*<\s*undefined\s*>)$/;
const MAX_TOP_LEVEL = 2000;

export function approvalUse(node: TSESTree.CallExpression, interpreter: Evaluator): ApprovalUse {
  if (!isDiscarded(node)) return 'answer';
  const { ctx } = interpreter;
  const callee = unwrapExpression(node.callee);
  const text = describe(callee, ctx.text);
  const last = text.split('.').pop() ?? text;
  if (ctx.config.approvalFunctions.includes(text) || ctx.config.approvalFunctions.includes(last)) return 'gate';
  const resolved = resolveFunction(callee, ctx);
  if (resolved) return throwsWithoutAnswer(resolved.fn, resolved.ctx.text) ? 'gate' : 'ignored';
  if (callee.type === 'Identifier') {
    const declared = declaredFunction(ctx.ast.body, callee.name);
    if (declared?.returnType && VOID_RETURN.test(returnTypeText(declared.returnType, ctx.text))) return 'gate';
  }
  return 'ignored';
}

/** `await ask(...)` or `ask(...)` as a statement of its own: nothing reads the answer. */
function isDiscarded(node: Node): boolean {
  let current: Node = node;
  for (let i = 0; i < 4; i++) {
    const parent = current.parent;
    if (!parent) return false;
    if (parent.type === 'ExpressionStatement') return true;
    if (parent.type === 'UnaryExpression' && parent.operator === 'void') return true;
    if (parent.type !== 'AwaitExpression' && parent.type !== 'ChainExpression' && parent.type !== 'TSAsExpression')
      return false;
    current = parent;
  }
  return false;
}

function throwsWithoutAnswer(fn: Node, text: string): boolean {
  if ('returnType' in fn && fn.returnType && VOID_RETURN.test(returnTypeText(fn.returnType, text))) return true;
  let throws = false;
  let answers = false;
  walk(fn, (inner) => {
    if (inner !== fn && isFunction(inner)) return false;
    if (inner.type === 'ThrowStatement') throws = true;
    if (inner.type === 'ReturnStatement' && inner.argument) answers = true;
    return true;
  });
  return throws && !answers;
}

function returnTypeText(annotation: TSESTree.TSTypeAnnotation, text: string): string {
  return text.slice(annotation.range[0], annotation.range[1]).replace(/\s+/g, ' ');
}

function declaredFunction(
  body: readonly TSESTree.ProgramStatement[],
  name: string,
): TSESTree.TSDeclareFunction | undefined {
  for (const statement of body.slice(0, MAX_TOP_LEVEL)) {
    const inner =
      statement.type === 'ExportNamedDeclaration' && statement.declaration ? statement.declaration : statement;
    if (inner.type === 'TSDeclareFunction' && inner.id?.name === name) return inner;
  }
  return undefined;
}

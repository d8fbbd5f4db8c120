// How an approval call is used. Its answer gates the tool only where the answer is checked
// (`if (result.action !== 'accept') return`, `if (!(await confirm(...))) throw`); a call whose answer is
// dropped is a gate only when the call itself throws on refusal: a configured approval function, one declared
// to return nothing (`Promise<void>`), or a project function that throws and returns no answer.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { describe, isFunction, unwrapExpression, walk, type Node } from '../../ast';
import { resolveFunction } from '../resolve';
import type { Evaluator } from '../evaluator';

export type ApprovalUse = 'gate' | 'answer' | 'ignored';

const MAX_TOP_LEVEL = 2000;

export function approvalUse(node: TSESTree.CallExpression, interpreter: Evaluator): ApprovalUse {
  if (!isDiscarded(node)) return 'answer';
  const { ctx } = interpreter;
  const callee = unwrapExpression(node.callee);
  const text = describe(callee, ctx.text);
  const last = text.split('.').pop() ?? text;
  if (ctx.config.approvalFunctions.includes(text) || ctx.config.approvalFunctions.includes(last)) return 'gate';
  const resolved = resolveFunction(callee, ctx);
  if (resolved) return throwsWithoutAnswer(resolved.fn) ? 'gate' : 'ignored';
  if (callee.type === 'Identifier') {
    const declared = declaredFunction(ctx.ast.body, callee.name);
    if (declared?.returnType && returnsNothing(declared.returnType)) return 'gate';
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

function throwsWithoutAnswer(fn: Node): boolean {
  if ('returnType' in fn && fn.returnType && returnsNothing(fn.returnType)) return true;
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

/**
 * `: void`, `: Promise<void>`, `: undefined`, `: Promise<undefined>`, read from the tree: the annotation's
 * text may carry a comment written after it, and a comment changes nothing.
 */
function returnsNothing(annotation: TSESTree.TSTypeAnnotation): boolean {
  const isNothing = (type: TSESTree.TypeNode) => type.type === 'TSVoidKeyword' || type.type === 'TSUndefinedKeyword';
  const type = annotation.typeAnnotation;
  if (isNothing(type)) return true;
  if (type.type !== 'TSTypeReference' || type.typeName.type !== 'Identifier' || type.typeName.name !== 'Promise')
    return false;
  const [argument] = type.typeArguments?.params ?? [];
  return argument !== undefined && type.typeArguments?.params.length === 1 && isNothing(argument);
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

// Follows a form's access paths (`Argument[0].Member[execute]`) from a declaration to the nodes they reach, through constants.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, unwrapExpression, walk, type Node } from '../ast';
import { selectIndexes, type PathToken } from '../catalog/access-path';
import type { FileContext } from '../analysis/context';
import { fieldSources } from '../class-fields';

/** Follows `Argument[0].Member[execute]`-style paths from a call to the nodes they reach. */
export function navigate(
  start: Node[],
  tokens: PathToken[],
  ctx: FileContext,
  call?: TSESTree.CallExpression | TSESTree.NewExpression,
): Node[] {
  let current: Node[] = start;
  // Calls reached by `Receiver`: their own arguments are the next `Argument`'s, not the declaration's.
  const receivers = new Set<Node>();
  for (const token of tokens) {
    const next: Node[] = [];
    for (const node of current) {
      switch (token.kind) {
        case 'Argument': {
          const source = receivers.has(node) ? (node as TSESTree.CallExpression) : call;
          const args = source ? source.arguments : [];
          for (const index of selectIndexes(token.indexes, args.length)) next.push(args[index] as Node);
          break;
        }
        case 'Receiver': {
          const receiver = receiverCall(node, ctx);
          if (receiver) {
            receivers.add(receiver);
            next.push(receiver);
          }
          break;
        }
        case 'Member': {
          const object = objectLiteralOf(node, ctx);
          if (!object) break;
          for (const name of token.names) {
            const property = findProperty(object, name);
            if (property) next.push(property.value as Node);
          }
          break;
        }
        case 'Method': {
          const classBody = classBodyOf(node, ctx);
          if (classBody) {
            for (const member of classBody.body) {
              if (member.type === 'MethodDefinition' && token.names.includes(propertyName(member) ?? ''))
                next.push(member.value);
            }
            break;
          }
          const object = objectLiteralOf(node, ctx);
          if (object)
            for (const name of token.names) {
              const property = findProperty(object, name);
              if (property) next.push(property.value as Node);
            }
          break;
        }
        case 'Property': {
          const classBody = classBodyOf(node, ctx);
          if (!classBody) break;
          for (const member of classBody.body) {
            if (
              member.type === 'PropertyDefinition' &&
              token.names.includes(propertyName(member) ?? '') &&
              member.value
            )
              next.push(member.value);
            if (
              member.type === 'MethodDefinition' &&
              member.kind === 'get' &&
              token.names.includes(propertyName(member) ?? '')
            ) {
              const body = member.value.body;
              const returned = body?.body.find(
                (statement): statement is TSESTree.ReturnStatement => statement.type === 'ReturnStatement',
              );
              if (returned?.argument) next.push(returned.argument);
            }
          }
          // `constructor() { super(); this.name = 'google_routes'; }`: set in the constructor instead.
          for (const name of token.names)
            for (const source of fieldSources(classBody, name))
              if (source.value && !next.includes(source.value)) next.push(source.value);
          break;
        }
        default:
          break;
      }
    }
    current = next;
  }
  return current;
}

/**
 * `toolDefinition({ name }).server(fn)`, or `const def = toolDefinition({ name }); def.server(fn)`: the call
 * whose result the method is called on.
 */
function receiverCall(node: Node, ctx: FileContext): TSESTree.CallExpression | undefined {
  const inner = unwrapExpression(node);
  if (inner.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(inner.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  let object = unwrapExpression(callee.object);
  if (object.type === 'Identifier') {
    const binding = ctx.scopes.resolve(object);
    if (binding?.kind !== 'var' || !binding.init || binding.isLoopElement || binding.patternPath.length > 0)
      return undefined;
    object = unwrapExpression(binding.init);
  }
  return object.type === 'CallExpression' ? object : undefined;
}

/** An object literal, directly or through a `const` that holds one. */
export function objectLiteralOf(node: Node, ctx: FileContext, depth = 0): TSESTree.ObjectExpression | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'ObjectExpression') return inner;
  if (inner.type === 'Identifier' && depth < 4) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement && binding.patternPath.length === 0)
      return objectLiteralOf(binding.init, ctx, depth + 1);
  }
  return undefined;
}

/** The class an expression instantiates or names (`new LocalShell()`, `LocalShell`, a class expression). */
export function classBodyOf(node: Node, ctx: FileContext, depth = 0): TSESTree.ClassBody | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'ClassDeclaration' || inner.type === 'ClassExpression') return inner.body;
  if (inner.type === 'NewExpression') return classBodyOf(inner.callee, ctx, depth + 1);
  if (inner.type === 'Identifier' && depth < 4) {
    const binding = ctx.scopes.resolve(inner);
    if (binding?.kind === 'class' && binding.declaration?.type === 'ClassDeclaration') return binding.declaration.body;
    if (binding?.kind === 'var' && binding.init && !binding.isLoopElement)
      return classBodyOf(binding.init, ctx, depth + 1);
  }
  return undefined;
}

/** Elements of an array literal, directly or through a variable assigned one (`_m_dec = [aiFunction(...)]`). */
export function arrayElements(node: Node, ctx: FileContext): Node[] {
  const inner = unwrapExpression(node);
  if (inner.type === 'ArrayExpression')
    return inner.elements.filter(
      (element): element is TSESTree.Expression => element !== null && element.type !== 'SpreadElement',
    );
  if (inner.type !== 'Identifier') return [];
  const binding = ctx.scopes.resolve(inner);
  if (!binding) return [];
  if (binding.kind === 'var' && binding.init) return arrayElements(binding.init, ctx);
  let found: Node[] = [];
  walk(ctx.ast, (candidate) => {
    if (found.length > 0) return false;
    if (
      candidate.type === 'AssignmentExpression' &&
      candidate.left.type === 'Identifier' &&
      candidate.left.name === inner.name &&
      candidate.right.type === 'ArrayExpression'
    ) {
      found = arrayElements(candidate.right, ctx);
      return false;
    }
    return true;
  });
  return found;
}

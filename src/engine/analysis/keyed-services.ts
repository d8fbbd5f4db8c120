// Service locators: `runtime.getService('github')` is the instance of the class in the file that declares itself under that key (`static serviceType = 'github'`), so calls on it run that class's methods.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression, type Node } from '../ast';
import { forEachOfTypes } from '../typed-nodes';
import type { ClassRef, FileContext } from './context';

/** A key names a service in a static property spelled like one (`serviceType`, `serviceName`, `id`, `key`). */
const KEY_PROPERTY = /(?:type|name|id|key)$/i;
/** A bundle declares a few dozen services at most; more is hostile input. */
const MAX_KEYED_CLASSES = 200;

const indexByFile = new WeakMap<FileContext, Map<string, ClassRef | null>>();

/**
 * `x.getService('github')` / `container.get<T>('github')` with one constant key: the one class of the file
 * keyed by it. Two classes under one key say nothing (null in the index).
 */
export function keyedServiceClass(call: TSESTree.CallExpression, ctx: FileContext): ClassRef | undefined {
  const callee = unwrapExpression(call.callee);
  const method = callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  const [argument] = call.arguments;
  if (method === undefined || !/^get/i.test(method) || call.arguments.length !== 1 || !argument) return undefined;
  const key = keyText(argument, ctx);
  return key === undefined ? undefined : (keyedClasses(ctx).get(key) ?? undefined);
}

function keyedClasses(ctx: FileContext): Map<string, ClassRef | null> {
  let index = indexByFile.get(ctx);
  if (index) return index;
  const found = new Map<string, ClassRef | null>();
  index = found;
  const add = (key: string | undefined, node: Node | undefined): void => {
    if (key === undefined || !node || found.size >= MAX_KEYED_CLASSES) return;
    if (node.type !== 'ClassDeclaration' && node.type !== 'ClassExpression') return;
    const known = found.get(key);
    found.set(key, known === undefined || known?.node === node ? { node, ctx } : null);
  };
  const types = ['ClassDeclaration', 'ClassExpression', 'CallExpression', 'AssignmentExpression'] as const;
  forEachOfTypes<Node>(ctx.ast, types, (node) => {
    // `class S { static serviceType = 'github' }`
    if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.body) {
      for (const member of node.body.body) {
        if (member.type !== 'PropertyDefinition' || !member.static || !member.value) continue;
        const name = propertyName(member);
        if (name !== undefined && KEY_PROPERTY.test(name)) add(keyText(member.value, ctx), node);
      }
    }
    // Compiled static fields: `__publicField(S, 'serviceType', 'github')` or `S.serviceType = 'github'`.
    if (node.type === 'CallExpression' && node.arguments.length === 3) {
      const [target, name, value] = node.arguments;
      const field = name && stringValue(name);
      if (target && value && field !== undefined && KEY_PROPERTY.test(field))
        add(keyText(value, ctx), classOf(target, ctx));
    }
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
      const field = propertyName(node.left);
      if (field !== undefined && KEY_PROPERTY.test(field))
        add(keyText(node.right, ctx), classOf(node.left.object, ctx));
    }
  });
  indexByFile.set(ctx, found);
  return found;
}

/** A literal, or a `const` of the file holding one. */
function keyText(node: Node, ctx: FileContext): string | undefined {
  const inner = unwrapExpression(node);
  const literal = stringValue(inner);
  if (literal !== undefined || inner.type !== 'Identifier') return literal;
  const binding = ctx.scopes.resolve(inner);
  return binding?.kind === 'var' && binding.init && binding.patternPath.length === 0
    ? stringValue(unwrapExpression(binding.init))
    : undefined;
}

/** The class an identifier names: a class declaration, or a `var` holding a class expression (bundlers). */
function classOf(node: Node, ctx: FileContext): Node | undefined {
  const inner = unwrapExpression(node);
  if (inner.type !== 'Identifier') return undefined;
  const binding = ctx.scopes.resolve(inner);
  if (binding?.kind === 'class') return binding.declaration;
  const init = binding?.kind === 'var' && binding.init ? unwrapExpression(binding.init) : undefined;
  return init?.type === 'ClassExpression' ? init : undefined;
}

// Which receivers stand for an installed package's client when nothing types them: an untyped parameter
// reached through resource members, a field its constructor filled from one, a resource a client fetched.
import { builtinModules } from 'node:module';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type Node } from '../ast';
import { GLOBAL, isRelative, LOCAL, UNTYPED } from '../api';
import type { RemoteWriteNames } from '../catalog/load';
import type { FileContext } from '../analysis/context';
import type { Binding } from '../scope';
import { unpackedParam } from './unpacked-param';
import { isReadCommand, sdkCommand } from './sdk-command';
import { isInjectedField } from './injected-field';
import { builderSteps, isClientFactoryParameter } from './request-builder';
import type { IsInput } from './input-carry';

/** Members between a client parameter and the write (`stripe.customers.create` has one). */
const MAX_RESOURCE_DEPTH = 4;

const BUILTINS = new Set(builtinModules);

/**
 * Whether the call's receiver is a parameter with no type, reached through at least `resources`
 * members (`client.resource.verb` has one: a bare `x.delete(key)` on an unknown object is as likely
 * a Map or a Set); never the model's input itself.
 */
export function isUntypedParameter(
  callee: TSESTree.MemberExpression,
  ctx: FileContext,
  isInput: IsInput,
  resources: number,
  hops = 0,
): boolean {
  let root: Node = unwrapExpression(callee.object);
  let field: TSESTree.MemberExpression | undefined;
  let depth = 0;
  // `apiRoot.withProjectKey({ projectKey }).carts().post({ body })`: a request builder's steps name the resource.
  const builder = builderSteps(root, callee);
  if (builder === null) return false;
  if (builder) {
    root = builder.root;
    depth = builder.steps;
  }
  while (root.type === 'MemberExpression' && depth < MAX_RESOURCE_DEPTH + (builder?.steps ?? 0)) {
    if (isInput(root)) return false;
    field = root;
    root = unwrapExpression(root.object);
    depth++;
  }
  // `this.drive.files.create(…)`: a field the constructor filled from its untyped parameter stands for it.
  if (root.type === 'ThisExpression')
    return field !== undefined && depth - 1 >= resources && isInjectedField(field, ctx);
  if (root.type !== 'Identifier' || isInput(root)) return false;
  let binding = ctx.scopes.resolve(root);
  // `const { modules } = context; modules.filters.create(…)`: a member destructured from the parameter.
  const unpacked = binding && unpackedParam(binding, ctx, isInput);
  if (unpacked) {
    binding = unpacked.param;
    depth += unpacked.members;
  }
  // `const channel = await client.channels.fetch(id); channel.send(text)`: a resource the client fetched,
  // and its own resources (`guild.channels.create(options)`, a message the fetched channel fetched).
  if (binding?.kind === 'var' && resources > 0)
    return hops < MAX_FETCH_HOPS && isFetchedResource(binding, ctx, isInput, hops + 1);
  if (depth < resources || binding?.kind !== 'param') return false;
  // `execute(args, { client })`: a member of the context parameter, destructured.
  const annotation = (binding.id.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation;
  return annotation === undefined || annotation.type === 'TSAnyKeyword';
}

/** Resources fetched from resources (`guild → channel → message`); also ends a cycle of initialisers. */
const MAX_FETCH_HOPS = 3;

function isFetchedResource(binding: Binding, ctx: FileContext, isInput: IsInput, hops: number): boolean {
  if (!binding.init || binding.isLoopElement || binding.patternPath.length > 0) return false;
  let init = unwrapExpression(binding.init);
  if (init.type === 'AwaitExpression') init = unwrapExpression(init.argument);
  // `const forumChannel = channel;` after a type check: a plain copy of a fetched resource is that resource.
  if (init.type === 'Identifier') {
    const copied = ctx.scopes.resolve(init);
    return copied?.kind === 'var' && hops < MAX_FETCH_HOPS && isFetchedResource(copied, ctx, isInput, hops + 1);
  }
  if (init.type !== 'CallExpression') return false;
  const callee = unwrapExpression(init.callee);
  if (callee.type === 'Identifier')
    return isClientFactoryParameter(callee, init, ctx, (module) => isPackage(module, ctx.catalogs.common.remoteWrites));
  return callee.type === 'MemberExpression' && isUntypedParameter(callee, ctx, isInput, 1, hops);
}

export function isPackage(module: string, names: RemoteWriteNames): boolean {
  if ([GLOBAL, LOCAL, UNTYPED].includes(module) || isRelative(module)) return false;
  if (module.startsWith('node:') || BUILTINS.has(module) || BUILTINS.has(module.split('/')[0] ?? '')) return false;
  const isIn = (listed: string) =>
    listed.endsWith('/') ? module.startsWith(listed) : module === listed || module.startsWith(`${listed}/`);
  return names.remoteClientModules.some(isIn) || !names.excludedModules.some(isIn);
}

/** A command object of an installed package (`new PutItemCommand(…)` from an SDK) whose class names no read. */
export function isPackageWriteCommand(argument: Node | undefined, names: RemoteWriteNames, ctx: FileContext): boolean {
  const command = sdkCommand(argument, ctx);
  return (
    command?.ref !== undefined &&
    command.className.endsWith('Command') &&
    isPackage(command.ref.module, names) &&
    !isReadCommand(command, names)
  );
}

/** A module of the runtime itself (`node:fs`, `fs/promises`), not an installed package. */
export function isRuntimeModule(module: string): boolean {
  return module.startsWith('node:') || BUILTINS.has(module) || BUILTINS.has(module.split('/')[0] ?? '');
}

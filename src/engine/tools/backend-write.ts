// File writes through a pluggable file-system backend whose class ships elsewhere: a file-operation method
// (`write`, `rename`, `mkdir`, `delete`…) of an untyped or interface-typed receiver, handed the model's path.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, type Node } from '../ast';
import { isRelative, LOCAL, UNTYPED } from '../api';
import { enclosingClassBody, fieldSources } from '../class-fields';
import type { FileContext } from '../analysis/context';
import type { Binding } from '../scope';
import { calledFunctions } from './called-functions';
import { carriesInput, type IsInput } from './input-carry';
import { wordsOf } from '../analysis/words';

/** Members between the backend's root and the call (`context.fs.write`, `this.deps.afs.write`). */
const MAX_RECEIVER_DEPTH = 4;
/** Variables and getters followed back to the value they hold (`const fs = this.fs`). */
const MAX_HOPS = 5;

/** What the runtime builds as a local collection, buffer or form: never a file-system backend. */
const LOCAL_VALUES = new Set([
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'Array',
  'Object',
  'FormData',
  'URLSearchParams',
  'Headers',
  'Blob',
  'File',
]);

/**
 * `this.afs.write(input.path, { content })`, `backend.rename(oldPath, newPath)`, `fs.mkdir(dirPath)` on a
 * value the tool was handed (a constructor's or function's parameter, a field filled from one, a member of a
 * context object) whose class no file of the package declares: the method's name and a path-named argument
 * that carries the model's input say a reviewer's conclusion, a file write, whatever backend is plugged in.
 * Silent where the value is a local Map, Set or form (`this.cache.delete(key)`), the key names no path, a
 * handler is registered (`router.delete(path, fn)`), an implementation is found (the scan follows it), or
 * the receiver is a code sandbox (a disposable machine, as the catalog's excluded modules say).
 */
export function isBackendFileWrite(node: TSESTree.CallExpression, ctx: FileContext, isInput: IsInput): boolean {
  const names = ctx.catalogs.common.backendFileWrites;
  if (!names) return false;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression' || callee.computed) return false;
  const name = propertyName(callee);
  if (name === undefined || !names.methods.test(name)) return false;
  const args = node.arguments.slice(0, 2);
  if (node.arguments.some((argument) => isFunction(unwrapExpression(argument)))) return false;
  if (!args.some((argument) => namesPath(argument, names.pathWords) && carriesInput(argument, isInput, ctx)))
    return false;
  if (!isBackend(callee.object, ctx, isInput, names.excludedReceiverWords, 0, 0)) return false;
  // An implementation in the file set is followed by the scan itself; only an unseen one is concluded here.
  return calledFunctions(callee, ctx).length === 0;
}

/** `input.path`, `file_path`, `{ path: p }`: an argument whose own name says it is a path. */
function namesPath(argument: Node, words: readonly string[]): boolean {
  const value = unwrapExpression(argument);
  const says = (name: string | undefined) =>
    name !== undefined && wordsOf(name).some((word) => words.includes(word.toLowerCase()));
  if (value.type === 'Identifier') return says(value.name);
  if (value.type === 'MemberExpression') return says(propertyName(value));
  if (value.type === 'ObjectExpression')
    return value.properties.some((p) => p.type === 'Property' && says(propertyName(p)));
  return false;
}

/** Whether `object` is a value handed to the tool's code from outside it, with no class of the file set. */
function isBackend(
  object: Node,
  ctx: FileContext,
  isInput: IsInput,
  excluded: readonly string[],
  depth: number,
  hops: number,
): boolean {
  let node = unwrapExpression(object);
  if (node.type === 'AwaitExpression') node = unwrapExpression(node.argument);
  if (isInput(node)) return false;
  // A package's API (`fs`, an SDK client) is the catalog's to judge; a global is the runtime's own object.
  const resolved = ctx.api.resolve(node);
  if (resolved && resolved.module !== LOCAL && resolved.module !== UNTYPED && !isRelative(resolved.module))
    return false;
  if (node.type === 'MemberExpression') {
    const member = propertyName(node);
    if (node.computed || member === undefined || depth >= MAX_RECEIVER_DEPTH) return false;
    if (excluded.some((word) => member.toLowerCase().includes(word))) return false;
    if (node.object.type === 'ThisExpression') return isOutsideField(node, ctx, isInput, excluded, hops);
    return isBackend(node.object, ctx, isInput, excluded, depth + 1, hops);
  }
  if (node.type !== 'Identifier') return false;
  if (excluded.some((word) => node.name.toLowerCase().includes(word))) return false;
  const binding = ctx.scopes.resolve(node);
  if (!binding) return false;
  if (binding.kind === 'param') return isOpenParameter(binding);
  if (binding.kind !== 'var' || hops >= MAX_HOPS || !binding.init || binding.isLoopElement) return false;
  return isHeldValue(binding.init, ctx, isInput, excluded, hops + 1);
}

/** A variable's value: a backend when it is one (`const fs = this.fs`), not when the code built it (`new Map()`). */
function isHeldValue(
  init: Node,
  ctx: FileContext,
  isInput: IsInput,
  excluded: readonly string[],
  hops: number,
): boolean {
  let value = unwrapExpression(init);
  if (value.type === 'AwaitExpression') value = unwrapExpression(value.argument);
  if (value.type === 'MemberExpression' || value.type === 'Identifier')
    return isBackend(value, ctx, isInput, excluded, 0, hops);
  if (value.type !== 'CallExpression' || hops >= MAX_HOPS) return false;
  const callee = unwrapExpression(value.callee);
  // `context.getFileSystem()`, `this.config.getVolume()`: what a backend's getter hands back is part of it.
  if (callee.type === 'MemberExpression') return isBackend(callee.object, ctx, isInput, excluded, 0, hops + 1);
  // `resolveBackend(backend, { agent })`: a function handed the backend resolves which one runs.
  const first = value.arguments[0];
  return (
    callee.type === 'Identifier' &&
    first !== undefined &&
    first.type !== 'SpreadElement' &&
    isBackend(first, ctx, isInput, excluded, 0, hops + 1)
  );
}

/** A parameter with no type, `any`, or a type the project names (an interface whose implementation ships elsewhere). */
function isOpenParameter(binding: Binding): boolean {
  const annotation = (binding.id.typeAnnotation as TSESTree.TSTypeAnnotation | undefined)?.typeAnnotation;
  if (annotation === undefined || annotation.type === 'TSAnyKeyword') return true;
  if (annotation.type !== 'TSTypeReference' || annotation.typeName.type !== 'Identifier') return false;
  return !LOCAL_VALUES.has(annotation.typeName.name);
}

/** `this.afs`: a field every source of which is handed in (a parameter), none a value the class builds itself. */
function isOutsideField(
  member: TSESTree.MemberExpression,
  ctx: FileContext,
  isInput: IsInput,
  excluded: readonly string[],
  hops: number,
): boolean {
  const name = propertyName(member);
  let body = enclosingClassBody(member);
  if (!body || name === undefined) return false;
  let sources = fieldSources(body, name);
  // A field the class neither declares nor fills is its base's (`this.afs` of an agent the framework
  // configures); a base of this file says what it holds, one of another package is what the caller configured.
  for (let level = 0; sources.length === 0 && level < MAX_HOPS; level++) {
    const base = baseOf(body, ctx);
    if (base === null) return false;
    if (base === undefined) return true;
    body = base;
    sources = fieldSources(body, name);
  }
  return sources.every((source) => {
    if (source.type !== undefined) {
      if (source.type.type === 'TSAnyKeyword') return true;
      return (
        source.type.type === 'TSTypeReference' &&
        source.type.typeName.type === 'Identifier' &&
        !LOCAL_VALUES.has(source.type.typeName.name)
      );
    }
    const value = source.value && unwrapExpression(source.value);
    if (!value) return false;
    if (value.type === 'Identifier' || value.type === 'MemberExpression')
      return hops < MAX_HOPS && isBackend(value, ctx, isInput, excluded, 0, hops + 1);
    // `this.fs = options.fs ?? createDefault()`: the injected side decides.
    if (value.type === 'LogicalExpression') return isHeldValue(value.left, ctx, isInput, excluded, hops + 1);
    return false;
  });
}

/** The body of the class's base when this file declares it; undefined for a base from elsewhere; null for none. */
function baseOf(body: TSESTree.ClassBody, ctx: FileContext): TSESTree.ClassBody | undefined | null {
  const owner = body.parent;
  if ((owner?.type !== 'ClassDeclaration' && owner?.type !== 'ClassExpression') || !owner.superClass) return null;
  const base = unwrapExpression(owner.superClass);
  const declaration = base.type === 'Identifier' ? ctx.scopes.resolve(base)?.declaration : undefined;
  return declaration?.type === 'ClassDeclaration' ? declaration.body : undefined;
}

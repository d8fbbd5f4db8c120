// What a class's constructions pass for a constructor parameter: `new ShellTools(processManager)` in the
// package's wiring module gives the field the constructor stores (`this.processManager = processManager`)
// the class of what is passed, so a method called on it runs (injected services in compiled code carry no
// type annotation).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Binding } from '../scope';
import type { FileContext } from './context';
import type { PassedArgument } from './caller-arguments';
import { nodesByName, spelledName } from './node-index';
import { resolveClass } from './resolve';

/** Constructions read per parameter: a hostile package cannot make this long. */
const MAX_CONSTRUCTIONS = 8;

const newsByFile = new WeakMap<FileContext, ReadonlyMap<string, TSESTree.NewExpression[]>>();

/**
 * The arguments passed at constructor parameter `binding` by `new C(…)` expressions of its class, in the
 * class's file and in the package's files that spell the class's name. Empty for any other parameter.
 */
export function constructorArguments(binding: Binding, ctx: FileContext): PassedArgument[] {
  const fn = binding.fn;
  const index = binding.paramIndex;
  if (binding.kind !== 'param' || !fn || index === undefined || binding.patternPath.length > 0) return [];
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition' || method.kind !== 'constructor') return [];
  const classNode = method.parent?.parent;
  if (classNode?.type !== 'ClassDeclaration' && classNode?.type !== 'ClassExpression') return [];
  const name = classNode.id?.name;
  if (name === undefined) return [];
  const out: PassedArgument[] = [];
  for (const file of [ctx, ...ctx.modules.filesMentioning(ctx, name)]) {
    for (const made of newsByName(file).get(name) ?? []) {
      if (out.length >= MAX_CONSTRUCTIONS) return out;
      const argument = made.arguments[index];
      if (!argument || argument.type === 'SpreadElement') continue;
      // The caller's file may hold its own parse of the class's module: compared by place.
      const resolved = resolveClass(made.callee, file);
      if (resolved?.ctx.file === ctx.file && resolved.node.range[0] === classNode.range[0])
        out.push({ node: argument, ctx: file });
    }
  }
  return out;
}

/** A file's `new` expressions by the name their callee ends in: one walk per file, however many ask. */
function newsByName(ctx: FileContext): ReadonlyMap<string, TSESTree.NewExpression[]> {
  return nodesByName<TSESTree.NewExpression>(ctx, newsByFile, 'NewExpression', (node) => {
    const name = spelledName(node.callee);
    return name === undefined ? undefined : [name];
  });
}

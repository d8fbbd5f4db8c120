// A tool's schema is often declared apart from the tool (`const Input = z.object({ host: Host })`,
// `inputSchema: Input`): the definition and the same-file constants it names, so enums and caps declared
// there count as the tool's own.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, walk, type Node } from '../ast';
import type { FileContext } from '../analysis/context';

/** Constants followed from one definition (a schema names a few). */
const MAX_PARTS = 16;
/** Names of names followed this deep (`Input` → `Host`). */
const MAX_DEPTH = 3;
/** A constant longer than this (generated data) is no schema worth reading again per tool. */
const MAX_PART_CHARS = 20_000;

/** The definition and the initialisers of the constants it names, in this file, transitively (bounded). */
export function schemaParts(definition: Node, ctx: FileContext): Node[] {
  const parts: Node[] = [definition];
  const seen = new Set<Node>([definition]);
  let frontier: Node[] = [definition];
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const next: Node[] = [];
    for (const root of frontier) {
      walk(root, (node) => {
        if (parts.length >= MAX_PARTS) return false;
        if (isFunction(node)) return false;
        if (node.type !== 'Identifier' || isPropertyKey(node)) return true;
        const init = constantInit(node, ctx);
        if (!init || isFunction(init) || seen.has(init) || init.range[1] - init.range[0] > MAX_PART_CHARS) return true;
        seen.add(init);
        parts.push(init);
        next.push(init);
        return true;
      });
    }
    frontier = next;
  }
  return parts;
}

/** The initialiser of a `const` this identifier names (not a destructured or loop variable). */
export function constantInit(node: TSESTree.Identifier, ctx: FileContext): Node | undefined {
  const binding = ctx.scopes.resolve(node);
  if (binding?.declarationKind !== 'const' || binding.isLoopElement || binding.patternPath.length > 0) return undefined;
  return binding.init;
}

/** `a.b`'s `b` and `{ b: … }`'s key: a member's name, no variable of the scope (a shorthand's is both). */
export function isPropertyKey(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (parent?.type === 'Property') return parent.key === node && !parent.computed && !parent.shorthand;
  if (parent?.type === 'MemberExpression') return parent.property === node && !parent.computed;
  return false;
}

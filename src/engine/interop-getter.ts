// Bundler interop getters: `var fs_default = __webpack_require__.n(fs_ns)` hands back a function that returns the
// required module, so `fs_default().writeFile(…)` is the module's own call.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression, type Node } from './ast';
import type { ScopeIndex } from './scope';

/**
 * For a call with no arguments of a variable initialised by a local helper given one variable
 * (`x_default()` after `var x_default = runtime.n(x_ns)`), that variable; else undefined. Known by this
 * shape, never by the helper's name; the caller still requires the variable to hold a package.
 */
export function interopGetterArgument(node: TSESTree.CallExpression, scopes: ScopeIndex): Node | undefined {
  if (node.arguments.length > 0) return undefined;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'Identifier') return undefined;
  const binding = scopes.resolve(callee);
  const init = binding?.kind === 'var' && binding.patternPath.length === 0 ? binding.init : undefined;
  const call = init ? unwrapExpression(init) : undefined;
  if (call?.type !== 'CallExpression' || call.arguments.length !== 1) return undefined;
  const argument = unwrapExpression(call.arguments[0] as Node);
  if (argument.type !== 'Identifier') return undefined;
  // The helper is the bundle's own runtime: declared in the file, not imported from a package.
  let helper = unwrapExpression(call.callee);
  while (helper.type === 'MemberExpression') helper = unwrapExpression(helper.object);
  const owner = helper.type === 'Identifier' ? scopes.resolve(helper) : undefined;
  return owner && owner.kind !== 'import' ? argument : undefined;
}

// Which module a `require` call loads, also through the interop helpers compilers wrap it in.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, unwrapExpression } from './ast';
import type { ScopeIndex } from './scope';

/** `require('x')` with `require` not shadowed, also inside a compiler's interop helper (see below). */
export function requiredModule(node: TSESTree.CallExpression, scopes: ScopeIndex): string | undefined {
  const inner = interopArgument(node) ?? interopOfRequiredName(node, scopes);
  if (inner) return requiredModule(inner, scopes);
  if (node.callee.type !== 'Identifier' || node.callee.name !== 'require' || scopes.resolve(node.callee))
    return undefined;
  return stringValue(node.arguments[0]);
}

/**
 * Compilers wrap a CommonJS `require` in a helper whose name starts with an underscore: esbuild's
 * `__toESM(require('x'), 1)`, rolldown's `runtime.__toESM(require('x'))`, tsc's `__importStar(require('x'))`,
 * Babel's `_interopRequireDefault(require('x'))`. Known by that shape, never by the helper's exact name.
 */
function interopArgument(node: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const callee = unwrapExpression(node.callee);
  const name =
    callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : undefined;
  const [first] = node.arguments;
  if (name === undefined || !name.startsWith('_') || node.arguments.length > 2 || first?.type !== 'CallExpression')
    return undefined;
  const inner = unwrapExpression(first);
  return inner.type === 'CallExpression' && inner.callee.type === 'Identifier' && inner.callee.name === 'require'
    ? inner
    : undefined;
}

/**
 * Sucrase keeps the `require` in a variable of its own and wraps the variable
 * (`var _promises = require('fs/promises'); var fs2 = _interopRequireWildcard(_promises);`): the variable's
 * `require`, under the same underscore-helper shape as above.
 */
function interopOfRequiredName(node: TSESTree.CallExpression, scopes: ScopeIndex): TSESTree.CallExpression | undefined {
  const callee = unwrapExpression(node.callee);
  const [first] = node.arguments;
  if (callee.type !== 'Identifier' || !callee.name.startsWith('_') || node.arguments.length > 2) return undefined;
  if (first?.type !== 'Identifier') return undefined;
  const binding = scopes.resolve(first);
  const init = binding?.kind === 'var' && binding.init ? unwrapExpression(binding.init) : undefined;
  return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require'
    ? init
    : undefined;
}

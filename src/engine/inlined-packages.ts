// Packages a bundler inlined instead of importing: esbuild names the binding of a package it copied into the bundle
// after the package (`var axios_default = axios;`, `var import_got = __toESM(require_got(), 1);`), and that name is the
// only trace left of where the code came from. Both shapes are the bundler's own; hand-written code does not use them.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression } from './ast';
import type { Binding } from './scope';

const DEFAULT_ALIAS = /^([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)_default\d*$/;
const NAMESPACE = /^import_([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*?)\d*$/;

/** The package an inlined binding stands for (`axios`, `node-fetch`), or undefined for any other variable. */
export function inlinedPackage(binding: Binding): string | undefined {
  const init = binding.init ? unwrapExpression(binding.init) : undefined;
  if (!init || binding.patternPath.length > 0 || binding.isLoopElement) return undefined;
  const alias = DEFAULT_ALIAS.exec(binding.name);
  // `var axios_default = axios;`: the package's default export, defined earlier in the bundle.
  if (alias?.[1] && init.type === 'Identifier') return packageName(alias[1]);
  const namespace = NAMESPACE.exec(binding.name);
  if (namespace?.[1] && init.type === 'CallExpression' && isInlinedRequire(init)) return packageName(namespace[1]);
  return undefined;
}

/** `__toESM(require_got())`: an interop helper around the bundle's local CommonJS wrapper of the package. */
function isInlinedRequire(node: TSESTree.CallExpression): boolean {
  const callee = unwrapExpression(node.callee);
  const inner = node.arguments[0] ? unwrapExpression(node.arguments[0]) : undefined;
  return (
    callee.type === 'Identifier' &&
    callee.name.startsWith('_') &&
    inner?.type === 'CallExpression' &&
    inner.arguments.length === 0 &&
    inner.callee.type === 'Identifier' &&
    inner.callee.name.startsWith('require_')
  );
}

function packageName(bundlerName: string): string {
  return bundlerName.replace(/_/g, '-');
}

// Whether a folder creation only makes sure a folder exists (`mkdir(dir, { recursive: true })`, `ensureDir(dir)`):
// set-up an audit trail need not record when the model did not choose the folder.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, isFunction, propertyName, unwrapExpression, walk, type Node } from '../ast';
import type { CommonCatalog } from '../catalog/common';
import { isPropertyKey } from './schema-parts';

/**
 * A call of one of the catalog's folder creations that creates every missing parent and succeeds when the
 * folder is already there: by name (`ensureDir`), or with `recursive: true` written in its options (`mkdir`).
 */
function ensuresDirectory(
  call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
  common: CommonCatalog,
): boolean {
  if (call.type === 'TaggedTemplateExpression') return false;
  const name = calledName(call.callee);
  if (name === undefined) return false;
  if (namedAfresh(call.arguments[0], call, common.freshNames, 0)) return false;
  if (common.directoryEnsures.includes(name)) return true;
  if (!common.directoryCreations.includes(name)) return false;
  return call.arguments.slice(1).some((argument) => {
    const options = unwrapExpression(argument);
    if (options.type !== 'ObjectExpression') return false;
    const recursive = findProperty(options, 'recursive')?.value;
    return recursive?.type === 'Literal' && recursive.value === true;
  });
}

/**
 * The one decision both the report (on a sink hit) and the audit scan (on a call it matches) take: a path row's
 * folder creation that only ensures a folder exists is set-up, not an effect, unless the folder carries the model's
 * input (the folder of a contained path the model names is the model's choice all the same). `carriesInput` is asked
 * last, since the audit scan answers it by reading the argument's data flow.
 */
export function isDirectorySetUp(
  call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
  check: string,
  common: CommonCatalog,
  carriesInput: () => boolean,
): boolean {
  return check === 'path' && ensuresDirectory(call, common) && !carriesInput();
}

/** Local variables followed back to their initialisers (`const dir = path.join(base, id)`, `const id = randomUUID()`). */
const MAX_FRESH_DEPTH = 3;
/** Nodes read to find a variable's declaration in the function around the call. */
const MAX_DECLARATION_SCAN = 2_000;

/**
 * Whether the folder's name holds a value made afresh for each call (`randomUUID()`, `Date.now()`), directly or
 * through const variables of the function around the call (found by name: no scope is at hand for a helper's
 * file). A new folder per call is the tool's own write, as `mkdtemp` would be.
 */
function namedAfresh(argument: Node | undefined, at: Node, fresh: readonly string[], depth: number): boolean {
  if (!argument || fresh.length === 0) return false;
  let found = false;
  const names: string[] = [];
  walk(argument, (node) => {
    if (found) return false;
    if (isFunction(node)) return false;
    if (node.type === 'CallExpression') {
      const name = calledName(node.callee);
      if (name !== undefined && fresh.includes(name)) found = true;
    } else if (node.type === 'Identifier' && !isPropertyKey(node)) names.push(node.name);
    return !found;
  });
  if (found || depth >= MAX_FRESH_DEPTH) return found;
  return names.some((name) => {
    const init = constInitialiser(name, at);
    return init !== undefined && namedAfresh(init, at, fresh, depth + 1);
  });
}

/** The initialiser of a `const` of this name declared in the function around `at` (or its file's top level). */
function constInitialiser(name: string, at: Node): Node | undefined {
  let scope: Node | undefined = at.parent;
  while (scope && !isFunction(scope) && scope.type !== 'Program') scope = scope.parent;
  if (!scope) return undefined;
  const body = isFunction(scope) ? scope.body : scope;
  let init: Node | undefined;
  let visited = 0;
  walk(body, (node) => {
    if (init || ++visited > MAX_DECLARATION_SCAN) return false;
    if (node !== body && isFunction(node)) return false;
    if (node.type === 'VariableDeclaration' && node.kind === 'const' && node.declarations.length > 0)
      for (const declarator of node.declarations)
        if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init)
          init = declarator.init;
    return !init;
  });
  return init;
}

function calledName(callee: Node): string | undefined {
  const target = unwrapExpression(callee);
  if (target.type === 'Identifier') return target.name;
  return target.type === 'MemberExpression' ? propertyName(target) : undefined;
}

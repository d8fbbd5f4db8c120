// A tool definition's own validator (`{ name, tool, validator: checkArgs }`, `{ validate(input) {…}, execute }`):
// the registry runs it on the model's arguments before the handler and refuses them when it rejects, so what holds
// on each argument wherever it accepts holds in the handler (validated-input.ts reads the accepting returns).
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, propertyName, unwrapExpression, walk, type FunctionNode, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { resolveFunction } from '../analysis/resolve';
import type { RecognisedTool, ToolHandler } from './types';

/** Member names frameworks and registries give an argument check that runs before the handler. */
const VALIDATOR_KEYS = new Set(['validator', 'validate', 'validateInput', 'validateArgs', 'validateParams']);
/** Nodes read to find the entry object that holds a tool definition kept in a constant. */
const MAX_WALK = 40_000;
/** How many enclosing expressions (`as const`, `satisfies`, calls wrapping the entry) are looked through. */
const MAX_UP = 3;

/** The validator of the definition `tool` belongs to, when the object that declares it (or holds it) names one. */
export function entryValidator(
  tool: RecognisedTool,
  handler: ToolHandler,
): { fn: FunctionNode; ctx: FileContext } | undefined {
  const ctx = handler.ctx;
  // Cheap gate: a file that never spells a validator member has none.
  if (!ctx.text.includes('validat')) return undefined;
  for (const object of entryObjects(tool.definition, handler, ctx)) {
    for (const property of object.properties) {
      if (property.type !== 'Property') continue;
      const key = propertyName(property);
      if (key === undefined || !VALIDATOR_KEYS.has(key)) continue;
      const value = unwrapExpression(property.value as Node);
      if (isFunction(value) && value !== handler.fn) return { fn: value, ctx };
      const found = resolveFunction(value, ctx);
      if (found?.fn && isFunction(found.fn) && found.fn !== handler.fn) return { fn: found.fn, ctx: found.ctx };
    }
  }
  return undefined;
}

/**
 * Object literals that declare the tool: the definition itself, the object whose member it is, the object whose
 * method the handler is, and objects in the file that hold the constant the definition is kept in.
 */
function entryObjects(definition: Node, handler: ToolHandler, ctx: FileContext): TSESTree.ObjectExpression[] {
  const out: TSESTree.ObjectExpression[] = [];
  const add = (node: Node | undefined): void => {
    if (node?.type === 'ObjectExpression' && !out.includes(node)) out.push(node);
  };
  add(unwrapExpression(definition));
  const holder = holdingObject(definition);
  add(holder);
  const method = handler.fn.parent;
  if (method?.type === 'Property' && method.value === handler.fn) add(method.parent as Node);
  if (handler.fn.parent?.type === 'MethodDefinition') return out;
  const declarator = enclosingDeclarator(definition);
  if (declarator?.id.type === 'Identifier' && definitionFile(definition, ctx)) {
    const binding = ctx.scopes.resolve(declarator.id);
    if (binding) {
      let visited = 0;
      walk(ctx.ast as Node, (node) => {
        if (++visited > MAX_WALK) return false;
        if (
          node.type === 'Property' &&
          node.value.type === 'Identifier' &&
          node.value !== declarator.id &&
          ctx.scopes.resolve(node.value) === binding
        )
          add(node.parent as Node);
        return true;
      });
    }
  }
  return out;
}

/** `{ tool: tool({…}) }`: the object literal the definition is a member value of. */
function holdingObject(definition: Node): Node | undefined {
  let node: Node = definition;
  for (let i = 0; i < MAX_UP && node.parent; i++) {
    const parent = node.parent as Node;
    if (parent.type === 'Property' && parent.value === node) return parent.parent as Node;
    if (parent.type !== 'TSAsExpression' && parent.type !== 'TSSatisfiesExpression') return undefined;
    node = parent;
  }
  return undefined;
}

/** `const readTool = tool({…})`: the declarator that keeps the definition in a constant. */
function enclosingDeclarator(definition: Node): TSESTree.VariableDeclarator | undefined {
  let node: Node = definition;
  for (let i = 0; i < MAX_UP && node.parent; i++) {
    const parent = node.parent as Node;
    if (parent.type === 'VariableDeclarator' && parent.init === node) return parent;
    if (parent.type !== 'TSAsExpression' && parent.type !== 'TSSatisfiesExpression') return undefined;
    node = parent;
  }
  return undefined;
}

/** The definition sits in the handler's file (the walk reads that file's tree only). */
function definitionFile(definition: Node, ctx: FileContext): boolean {
  let node: Node = definition;
  while (node.parent) node = node.parent as Node;
  return node === (ctx.ast as Node);
}

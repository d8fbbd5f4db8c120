// Names a tool: from the form's name paths, else from the variable or key that holds it, else the form's default.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, stringValue, type Node } from '../ast';
import type { FileContext } from '../analysis/context';
import { constantString } from './constant-name';
import { describedName, factoryName, factoryOf } from './described-name';
import { onlyCallInFile, onlyLocalCall } from '../analysis/local-callers';
import { navigate } from './navigate';
import { registryEntryName } from './registry-entry-name';
import { returnedDeclarationName } from './returned-declaration';
import type { FormLike } from './types';

/** A name an entry of a list gives at run time (split per entry by ./loop-names.ts when the list is constant). */
export const LOOP_NAME = '(dynamic name)';

export function toolName(
  node: Node,
  form: FormLike,
  ctx: FileContext,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
): { name: string; node: Node } {
  const candidates = form.names.flatMap((path) => navigate([node], path, ctx, call));
  for (const candidate of candidates) {
    const value = stringValue(candidate) ?? constantString(candidate, ctx);
    if (value !== undefined) return { name: value, node: candidate };
  }
  // A name built at run time keeps its fixed text (`VectorQuery {indexName} Tool`).
  for (const candidate of candidates) {
    const value = describedName(candidate, ctx);
    if (value !== undefined) return { name: value, node: candidate };
  }
  // `FunctionTool.from(fn, this.meta('GET', info))`: the name in the declaration a project function returns.
  const returned = returnedDeclarationName(node, form.names, ctx, call);
  if (returned) return returned;
  // `{ name: 'execute_bash', tool: coreTool }`: a registry entry's name is the one the model sees.
  const registered = registryEntryName(call, ctx);
  if (registered) return registered;
  const fromContext = nameNodeFromContext(node);
  if (fromContext) return fromContext;
  // `{ goto: createGotoTool(page) }`: a factory called once, as a toolset entry, makes the tool of that key.
  const entry = toolsetEntryOfFactory(call, ctx);
  if (entry) return entry;
  const factory = factoryName(call);
  if (factory !== undefined) return { name: factory, node: call.callee };
  if (form.defaultName) return { name: form.defaultName, node: call.callee };
  return { name: '(anonymous tool)', node: call.callee };
}

/** `const fetchPage = tool(...)` or `{ fetchPage: tool(...) }`: the variable or key names the tool. */
export function nameNodeFromContext(node: Node): { name: string; node: Node } | undefined {
  let current: Node = node;
  for (let i = 0; i < 4 && current.parent; i++) {
    const parent: Node = current.parent;
    if (parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier')
      return { name: parent.id.name, node: parent.id };
    if (parent.type === 'Property' && parent.value === current) {
      const name = propertyName(parent);
      if (name !== undefined) return { name, node: parent.key };
    }
    // `Object.fromEntries(SPECS.map((spec) => [spec.name, tool({ … })]))`: the entry's key names the tool.
    if (parent.type === 'ArrayExpression' && parent.elements.length === 2 && parent.elements[1] === current) {
      const key = parent.elements[0];
      if (key && key.type !== 'SpreadElement') return { name: stringValue(key) ?? LOOP_NAME, node: key };
    }
    if (parent.type === 'PropertyDefinition') {
      const name = propertyName(parent);
      if (name !== undefined) return { name, node: parent.key };
    }
    if (
      parent.type === 'CallExpression' ||
      parent.type === 'AwaitExpression' ||
      parent.type === 'TSAsExpression' ||
      parent.type === 'TSSatisfiesExpression'
    ) {
      current = parent;
      continue;
    }
    break;
  }
  return undefined;
}

/** The name an expression is spelled with: an identifier's, or a member access's last property (`t.method`). */
export function spelledName(node: Node): string | undefined {
  return node.type === 'Identifier' ? node.name : node.type === 'MemberExpression' ? propertyName(node) : undefined;
}

function toolsetEntryOfFactory(call: Node, ctx: FileContext): { name: string; node: Node } | undefined {
  const factory = factoryOf(call);
  // A minifier's one- or two-letter factory (`const m = (key, opts) => tool({…})`, exported as
  // `searchMemoriesTool`) names nothing the author wrote: its one call in the file, under the toolset's key
  // (`{ searchMemories: m(key, opts) }`), does, exported or not. Named factories keep their own name when exported.
  const minified = factory !== undefined && (factoryName(call)?.length ?? 3) <= 2;
  const use = factory ? (minified ? onlyCallInFile(factory, ctx) : onlyLocalCall(factory, ctx)) : undefined;
  const entry = use?.parent;
  if (entry?.type !== 'Property' || entry.value !== use || entry.parent?.type !== 'ObjectExpression') return undefined;
  const name = propertyName(entry);
  return name === undefined ? undefined : { name, node: entry.key };
}

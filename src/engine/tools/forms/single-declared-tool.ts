// An agent loop that declares one tool to a model API and runs every tool call it gets back, never comparing
// the call's name (`tools: [{ name: 'shell', … }]`, then `exec(JSON.parse(call.function.arguments).cmd)`):
// with one declaration there is nothing to compare, so the function that reads the call's arguments is that
// tool's handler.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { enclosingFunction, isFunction, propertyName, unwrapExpression, type FunctionNode, type Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { forEachOfTypes } from '../../typed-nodes';
import { bindingKey } from '../../analysis/guards/keys';
import { constantString } from '../constant-name';
import { baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';

/** Where the APIs put a tool call's arguments: `call.function.arguments`, `call.arguments`, `block.input`, `part.args`. */
const ARGUMENT_MEMBERS = new Set(['arguments', 'input', 'args']);
/** Declaration keys of the model APIs' tool lists (OpenAI `parameters`, Anthropic `input_schema`, others `inputSchema`). */
const DECLARATION_SCHEMA_KEYS = new Set(['parameters', 'input_schema', 'inputSchema']);
/** Nodes read per file: a bound on hostile code. */
const MAX_SCAN = 200_000;

/**
 * One tool per function of the file that reads a model tool call's arguments without comparing its name,
 * when the file declares exactly one tool to the model: named by that declaration, its input the call.
 * `isToolCall` says whether an identifier holds a model's tool call (the dispatch form's own test);
 * `taken` holds the functions another tool of the file already runs.
 */
export function singleDeclaredTools(
  ctx: FileContext,
  form: FormLike,
  isToolCall: (root: TSESTree.Identifier, members: string[]) => boolean,
  taken: ReadonlySet<FunctionNode>,
  claimed: (fn: FunctionNode) => boolean,
): RecognisedTool[] {
  const declarations: { name: string; node: Node }[] = [];
  const reads: { fn: FunctionNode; root: TSESTree.Identifier }[] = [];
  // A function that reads a call's name dispatches by it (here or where it hands the name): not this form's.
  const naming = new Set<FunctionNode>();
  const read = ['ObjectExpression', 'MemberExpression'] as const;
  forEachOfTypes<Node>(
    ctx.ast,
    read,
    (node) => {
      if (node.type === 'ObjectExpression') {
        const declared = declaredTool(node, ctx);
        if (declared && !declarations.some((seen) => seen.name === declared.name)) declarations.push(declared);
      }
      const member = node.type === 'MemberExpression' && !node.computed ? (propertyName(node) ?? '') : '';
      if (node.type === 'MemberExpression' && (ARGUMENT_MEMBERS.has(member) || member === 'name')) {
        const chain = rootOf(node.object);
        const fn = chain ? enclosingFunction(node) : undefined;
        if (chain && fn && isToolCall(chain.root, [...chain.members, member])) {
          if (member === 'name') naming.add(fn);
          else reads.push({ fn, root: chain.root });
        }
      }
    },
    MAX_SCAN,
  );
  const only = declarations.length === 1 ? declarations[0] : undefined;
  if (!only) return [];
  const tools: RecognisedTool[] = [];
  const seen = new Set<FunctionNode>();
  for (const { fn, root } of reads) {
    if (seen.has(fn) || taken.has(fn) || naming.has(fn) || claimed(fn)) continue;
    seen.add(fn);
    const binding = ctx.scopes.resolve(root);
    if (!binding) continue;
    const tool = baseTool({ name: only.name, node: only.node }, form, only.node);
    const param = binding.kind === 'param' && binding.fn === fn ? binding.paramIndex : undefined;
    tool.handlers.push({ fn, ctx, inputIndex: param, inputPath: [] });
    // A local that holds the call (`for (const call of reply.tool_calls)`) is the model's input where bound.
    if (param === undefined) tool.selector = { keys: [], name: only.name, call: bindingKey(binding) };
    tools.push(tool);
  }
  return tools;
}

/**
 * A tool declared to a model API: a constant name, a description and an input schema, and no function (an
 * object with its own handler is a tool object of another form). `{ type: 'function', function: { … } }`
 * declares through its inner object.
 */
function declaredTool(object: TSESTree.ObjectExpression, ctx: FileContext): { name: string; node: Node } | undefined {
  let name: { name: string; node: Node } | undefined;
  let described = false;
  let schema = false;
  for (const property of object.properties) {
    if (property.type !== 'Property') return undefined;
    const key = propertyName(property);
    const value = unwrapExpression(property.value as Node);
    if (isFunction(value)) return undefined;
    if (key === 'name') {
      const text = constantString(value, ctx);
      if (text !== undefined && /^[A-Za-z0-9_.-]{1,64}$/.test(text)) name = { name: text, node: value };
    }
    if (key === 'description') described = true;
    if (key !== undefined && DECLARATION_SCHEMA_KEYS.has(key)) schema = true;
  }
  return name && described && schema ? name : undefined;
}

/** `call.function` as its root identifier and the members read, or undefined for anything computed. */
function rootOf(node: Node): { root: TSESTree.Identifier; members: string[] } | undefined {
  const members: string[] = [];
  let current = unwrapExpression(node);
  while (current.type === 'MemberExpression' && members.length <= 4) {
    if (current.computed || current.property.type !== 'Identifier') return undefined;
    members.unshift(current.property.name);
    current = unwrapExpression(current.object);
  }
  return current.type === 'Identifier' ? { root: current, members } : undefined;
}

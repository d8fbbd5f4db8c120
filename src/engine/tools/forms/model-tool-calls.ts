// Raw model tool calls: an agent loop that calls a model API itself and dispatches each tool call it gets
// back by name (`switch (call.function.name)`, `if (block.name === 'bash')`, a hand-off
// `runTool(block.name, block.input)` to a function that compares its `name`, or `HANDLERS[call.name](args)`)
// declares one tool per name.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import {
  describe,
  enclosingFunction,
  isFunction,
  propertyName,
  stringValue,
  unwrapExpression,
  walk,
  type FunctionNode,
  type Node,
} from '../../ast';
import type { FileContext } from '../../analysis/context';
import { forEachOfTypes } from '../../typed-nodes';
import { bindingKey } from '../../analysis/guards/keys';
import { resolveFunction } from '../../analysis/resolve';
import { objectLiteralOf } from '../navigate';
import { attachHandlers, baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';
import { handedOffTools, type RemoteHandOff, remoteHandOff } from './handed-off-tool-calls';
import { singleDeclaredTools } from './single-declared-tool';

/** Only files that handle a model's tool calls (the APIs' own field names) are read for this form. */
export const TOOL_CALL_WORDS = [
  'tool_calls',
  'toolCalls',
  'tool_call',
  'toolCall',
  'tool_use',
  'function_call',
  'functionCall',
  'functionCalls',
  // Realtime sessions over a socket: `response.function_call_arguments.done` events.
  'function_call_arguments',
];
const TOOL_CALL_MARKERS = new RegExp(`\\b(${TOOL_CALL_WORDS.join('|')})\\b`);
/** The name of a tool call as the APIs spell it: `call.function.name`, `block.name`, `toolCall.name`. */
const CALL_NAME = /(^|\.)(function\.)?name$/;
/** How agent loops name the object of one tool call (`call`, `toolCall`, `block`, `part`, `fc`, `toolUse`; not `user`). */
const TOOL_CALL_OBJECT = /(call|tool|block|part|invocation|^fc$)/i;
const MAX_MEMBERS = 4;
const MAX_NAMES = 200;
/**
 * A type tag that says an event, output item or content block is one tool call: a realtime event or
 * Responses API item (`'response.function_call_arguments.done'`, `'function_call'`), a Messages API
 * content block (`'tool_use'`, `'server_tool_use'` excluded: the provider runs those) or a stream part
 * (`'tool-call'`). Agent loops name such a block whatever they like (`content`, `item`, `c`).
 */
const FUNCTION_CALL_TYPE = /function_call|^tool_use$|^tool-call$/;
/** Nodes read in the enclosing function when looking for such a tag. */
const MAX_TYPE_SCAN = 3000;

const FORM: FormLike = {
  id: 'model-tool-call-dispatch',
  framework: 'model-api',
  handler: [],
  input: [],
  names: [],
  approval: [],
};

interface Subject {
  fn: FunctionNode;
  key: string;
  /** The parameter that receives the call's arguments when the name arrives as a parameter. */
  inputIndex: number | undefined;
  /** The binding key of a local that holds the model's tool call (`for (const toolCall of toolCalls)`). */
  call?: string;
}

/**
 * One tool per name compared against a tool call's name. `claimed` says whether a function already
 * belongs to a recognised tool (an MCP dispatcher's switch is that form's, not this one's).
 */
export function fromModelToolCalls(ctx: FileContext, claimed: (fn: FunctionNode) => boolean): RecognisedTool[] {
  if (!TOOL_CALL_MARKERS.test(ctx.text)) return [];
  const remote: RemoteHandOff[] = [];
  const handOffs = handOffTargets(ctx, remote);
  const tools = new Map<string, RecognisedTool>();
  const add = (subjectNode: Node, literal: Node | null | undefined): void => {
    const name = literal ? stringValue(literal) : undefined;
    if (name === undefined || !literal || tools.size >= MAX_NAMES) return;
    const subject = subjectOf(subjectNode, ctx, handOffs);
    if (!subject || claimed(subject.fn)) return;
    const id = `${name}@${subject.fn.range[0]}`;
    if (tools.has(id)) return;
    const tool = baseTool({ name, node: literal }, FORM, literal);
    tool.handlers.push({ fn: subject.fn, ctx, inputIndex: subject.inputIndex, inputPath: [] });
    tool.selector = { keys: [subject.key], name, ...(subject.call ? { call: subject.call } : {}) };
    tools.set(id, tool);
  };
  const compared = ['MemberExpression', 'SwitchStatement', 'BinaryExpression'] as const;
  forEachOfTypes<Node>(ctx.ast, compared, (node) => {
    if (node.type === 'MemberExpression' && node.computed && toolCallName(node.property, ctx)) {
      for (const tool of fromHandlerMap(node, ctx)) if (tools.size < MAX_NAMES) tools.set(`${tool.name}@map`, tool);
      return;
    }
    if (node.type === 'SwitchStatement') for (const switchCase of node.cases) add(node.discriminant, switchCase.test);
    if (node.type === 'BinaryExpression' && ['===', '=='].includes(node.operator)) {
      add(node.left, node.right);
      add(node.right, node.left);
    }
  });
  for (const handOff of remote) {
    for (const tool of handedOffTools(handOff, FORM, claimed)) {
      if (tools.size < MAX_NAMES) tools.set(`${tool.name}@${handOff.call.range[0]}`, tool);
    }
  }
  // One declared tool and a loop that runs every call without comparing its name (./single-declared-tool.ts).
  const taken = new Set([...tools.values()].flatMap((tool) => tool.handlers.map((handler) => handler.fn)));
  const isToolCall = (root: TSESTree.Identifier, members: string[]): boolean => {
    const binding = ctx.scopes.resolve(root);
    const named = members[0] === 'function' || TOOL_CALL_OBJECT.test(root.name) || isTaggedFunctionCall(root, ctx);
    return binding !== undefined && named && isModelToolCall(binding, { root, members }, ctx);
  };
  for (const tool of singleDeclaredTools(ctx, FORM, isToolCall, taken, claimed))
    if (tools.size < MAX_NAMES) tools.set(`${tool.name}@single${tool.handlers[0]?.fn.range[0]}`, tool);
  return [...tools.values()];
}

/**
 * Parameters that receive a tool call's name at some call in this file: `runTool(block.name, …)`; a
 * function of another module that receives it goes to `remote`.
 */
function handOffTargets(ctx: FileContext, remote: RemoteHandOff[]): Map<FunctionNode, number> {
  const targets = new Map<FunctionNode, number>();
  forEachOfTypes<TSESTree.CallExpression>(ctx.ast, ['CallExpression'], (node) => {
    const index = node.arguments.findIndex((argument) => toolCallName(argument, ctx) !== undefined);
    if (index < 0) return;
    const target = resolveFunction(node.callee, ctx);
    if (target && target.ctx === ctx) targets.set(target.fn, index);
    else if (target) remoteHandOff(node, index, target, ctx, remote);
  });
  return targets;
}

/** `HANDLERS[call.function.name](args)`: one tool per function-valued key of the constant map. */
function fromHandlerMap(lookup: TSESTree.MemberExpression, ctx: FileContext): RecognisedTool[] {
  const map = objectLiteralOf(lookup.object, ctx);
  if (!map) return [];
  const tools: RecognisedTool[] = [];
  for (const property of map.properties) {
    if (property.type !== 'Property') continue;
    const name = propertyName(property);
    if (name === undefined) continue;
    const value = property.value as Node;
    if (!isFunction(unwrapExpression(value)) && !resolveFunction(value, ctx)) continue;
    const tool = baseTool({ name, node: property.key }, FORM, property);
    attachHandlers(tool, [value], FORM, ctx, property);
    tools.push(tool);
  }
  return tools;
}

/**
 * A tool call's name as the APIs and agent loops spell it (`call.function.name`, `block.name`), as the
 * identifier it is read from and the members read; undefined for anything else's name (`user.name`) and
 * for an MCP request's (`request.params.name`), which the CallTool form reads.
 */
function toolCallName(node: Node, ctx: FileContext): { root: TSESTree.Identifier; members: string[] } | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'Identifier') return aliasedToolCallName(inner, ctx);
  const text = describe(inner, ctx.text);
  if (inner.type !== 'MemberExpression' || !CALL_NAME.test(text) || text.includes('params.name')) return undefined;
  const members: string[] = [];
  let root: Node = inner;
  while (root.type === 'MemberExpression' && members.length <= MAX_MEMBERS) {
    const property = root.computed ? undefined : root.property.type === 'Identifier' ? root.property.name : undefined;
    if (property === undefined) return undefined;
    members.unshift(property);
    root = unwrapExpression(root.object);
  }
  if (root.type !== 'Identifier') return undefined;
  const named = members[0] === 'function' || TOOL_CALL_OBJECT.test(root.name);
  return named || isTaggedFunctionCall(root, ctx) ? { root, members } : undefined;
}

/**
 * A constant that holds a tool call's name, as agent loops read it before they compare it or hand it on:
 * `const fnName = call.function.name`, `const { name, arguments: raw } = toolCall.function`,
 * `const { name } = block`. The name is the one read from the call, so the same rules apply to it.
 */
function aliasedToolCallName(
  id: TSESTree.Identifier,
  ctx: FileContext,
): { root: TSESTree.Identifier; members: string[] } | undefined {
  const binding = ctx.scopes.resolve(id);
  if (!binding?.init || binding.isLoopElement || binding.declarationKind !== 'const' || binding.id === id)
    return undefined;
  const path = binding.patternPath;
  if (path.length === 0) {
    const init = unwrapExpression(binding.init);
    return init.type === 'MemberExpression' ? toolCallName(init, ctx) : undefined;
  }
  // Destructured: the object it came from, then the path to the name (`{ name }` of `call.function`).
  if (path[path.length - 1] !== 'name' || path.length > 2) return undefined;
  const from = unwrapExpression(binding.init);
  const base = from.type === 'Identifier' ? { root: from, members: [] as string[] } : memberChain(from);
  if (!base) return undefined;
  const members = [...base.members, ...path];
  const text = [base.root.name, ...members].join('.');
  if (!CALL_NAME.test(text) || text.includes('params.name')) return undefined;
  const named = members[0] === 'function' || TOOL_CALL_OBJECT.test(base.root.name);
  return named || isTaggedFunctionCall(base.root, ctx) ? { root: base.root, members } : undefined;
}

/** `call.function` as its root identifier and the members read, or undefined for anything computed. */
function memberChain(node: Node): { root: TSESTree.Identifier; members: string[] } | undefined {
  const members: string[] = [];
  let current: Node = node;
  while (current.type === 'MemberExpression' && members.length <= MAX_MEMBERS) {
    if (current.computed || current.property.type !== 'Identifier') return undefined;
    members.unshift(current.property.name);
    current = unwrapExpression(current.object);
  }
  return current.type === 'Identifier' ? { root: current, members } : undefined;
}

/**
 * Blocks of calls the provider or another agent runs (`server_tool_use`, `mcp_tool_use`): a case that takes
 * them with `tool_use` shows or records calls (a transcript renderer), it does not run them.
 */
const PROVIDER_RUN_TYPE = /^(server_tool_use|mcp_tool_use)$/;

/** A switch's case tests grouped by the body they fall through to (`case 'a': case 'b': …`). */
function caseGroups(node: TSESTree.SwitchStatement): Node[][] {
  const groups: Node[][] = [];
  let current: Node[] = [];
  for (const switchCase of node.cases) {
    if (switchCase.test) current.push(switchCase.test);
    if (switchCase.consequent.length > 0) {
      groups.push(current);
      current = [];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

const taggedBindings = new WeakMap<object, boolean>();

/**
 * `if (msg.type === 'response.function_call_arguments.done')`, `item.type === 'function_call'` or
 * `content.type === 'tool_use'` in the same function: whatever the object is called, its type tag says it
 * is one tool call of a realtime session, a Responses API output or a Messages API reply.
 */
function isTaggedFunctionCall(root: TSESTree.Identifier, ctx: FileContext): boolean {
  const binding = ctx.scopes.resolve(root);
  const fn = enclosingFunction(root);
  if (!binding || !fn) return false;
  const cached = taggedBindings.get(binding);
  if (cached !== undefined) return cached;
  const isTag = (node: Node | null | undefined): boolean => {
    const text = node ? stringValue(node) : undefined;
    return text !== undefined && FUNCTION_CALL_TYPE.test(text);
  };
  const isTypeOfRoot = (node: Node): boolean => {
    const inner = unwrapExpression(node);
    return (
      inner.type === 'MemberExpression' &&
      propertyName(inner) === 'type' &&
      inner.object.type === 'Identifier' &&
      ctx.scopes.resolve(inner.object) === binding
    );
  };
  let found = false;
  let visited = 0;
  walk(fn, (node) => {
    if (found || ++visited > MAX_TYPE_SCAN) return false;
    // `if (msg.type !== '…function_call…') return;` guards the same way.
    if (node.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(node.operator))
      found = (isTypeOfRoot(node.left) && isTag(node.right)) || (isTypeOfRoot(node.right) && isTag(node.left));
    else if (node.type === 'SwitchStatement' && isTypeOfRoot(node.discriminant))
      found = caseGroups(node).some(
        (group) => group.some(isTag) && !group.some((test) => PROVIDER_RUN_TYPE.test(stringValue(test) ?? '')),
      );
    return found ? false : undefined;
  });
  taggedBindings.set(binding, found);
  return found;
}

/**
 * Whether the object whose name is compared is what a model API answered, not a tool list's own entry
 * (`for (const tool of TOOLS) if (tool.name === 'x')`): the APIs' shape (`call.function.name`), a type tag
 * (`content.type === 'tool_use'`), or a binding read from the APIs' own fields (`for (const toolCall of
 * msg.tool_calls)`, `const call = output.functionCalls[0]`).
 */
function isModelToolCall(
  binding: NonNullable<ReturnType<FileContext['scopes']['resolve']>>,
  read: { root: TSESTree.Identifier; members: string[] },
  ctx: FileContext,
): boolean {
  if (read.members[0] === 'function' || isTaggedFunctionCall(read.root, ctx)) return true;
  const source = binding.init ? ctx.text.slice(binding.init.range[0], binding.init.range[1]) : '';
  return TOOL_CALL_MARKERS.test(source);
}

/** The function a compared name belongs to, the binding key the interpreter knows it by, and the input parameter. */
function subjectOf(node: Node, ctx: FileContext, handOffs: Map<FunctionNode, number>): Subject | undefined {
  const inner = unwrapExpression(node);
  const fn = enclosingFunction(inner);
  if (!fn) return undefined;
  const read = toolCallName(inner, ctx);
  if (read) {
    const binding = ctx.scopes.resolve(read.root);
    if (!binding) return undefined;
    const key = [bindingKey(binding), ...read.members].join('.');
    if (!isModelToolCall(binding, read, ctx)) return { fn, key, inputIndex: undefined };
    // The compared object is the model's tool call: a parameter of the function is its input; a local the
    // interpreter taints where it is bound.
    if (binding.kind === 'param' && binding.fn === fn) return { fn, key, inputIndex: binding.paramIndex };
    return { fn, key, inputIndex: undefined, call: bindingKey(binding) };
  }
  // A bare name: a parameter that a tool call's name is handed to; the call's arguments are another parameter.
  const binding = inner.type === 'Identifier' ? ctx.scopes.resolve(inner) : undefined;
  const index = binding?.kind === 'param' && binding.fn === fn ? binding.paramIndex : undefined;
  if (!binding || index === undefined || handOffs.get(fn) !== index) return undefined;
  const others = fn.params.map((_, at) => at).filter((at) => at !== index);
  return { fn, key: bindingKey(binding), inputIndex: others[0] };
}

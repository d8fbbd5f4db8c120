// An agent loop that hands each tool call's name and arguments to a dispatcher in another module
// (`executor.execute(call.name, call.arguments)`, whose `switch (name)` runs each tool) declares one tool per
// case of that dispatcher; the tool stays in the loop's file and its handler is the case's function.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionNode, Node } from '../../ast';
import type { FileContext } from '../../analysis/context';
import { baseTool } from '../tool-parts';
import type { FormLike, RecognisedTool } from '../types';
import { followHandOff, type InputTrack, type Selector } from './name-dispatch';

/** A call in the loop's file that hands a tool call's name to a function of another module. */
export interface RemoteHandOff {
  call: TSESTree.CallExpression;
  /** The argument that is the tool call's name. */
  index: number;
  /** The dispatcher in the other module. */
  fn: FunctionNode;
  /** The loop's file. */
  loop: FileContext;
}

/** Hand-offs read per file (a loop rarely has more than one dispatcher). */
const MAX_HAND_OFFS = 4;

/** Keeps a hand-off whose target is a function of another project module (not a dependency's). */
export function remoteHandOff(
  call: TSESTree.CallExpression,
  index: number,
  target: { fn: FunctionNode; ctx: FileContext },
  loop: FileContext,
  found: RemoteHandOff[],
): void {
  if (found.length >= MAX_HAND_OFFS || /[\\/]node_modules[\\/]/.test(target.ctx.file)) return;
  found.push({ call, index, fn: target.fn, loop });
}

/**
 * One tool per case the dispatcher selects by the name it was handed; its input is what the loop hands
 * beside the name (the call's arguments). Fewer than two cases is no dispatcher.
 */
export function handedOffTools(
  handOff: RemoteHandOff,
  form: FormLike,
  claimed: (fn: FunctionNode) => boolean,
): RecognisedTool[] {
  const { call, index, fn } = handOff;
  if (claimed(fn)) return [];
  const name = call.arguments[index] as Node;
  const handed = call.arguments.find((_argument, at) => at !== index);
  const selector: Selector = { keys: [], matches: (node) => node === name };
  const input: InputTrack = { pathOf: (node) => (node === handed ? [] : undefined) };
  const cases = followHandOff(call, handOff.loop, selector, input, 0, undefined);
  if (cases.length < 2) return [];
  return cases.map((entry) => {
    const tool = baseTool({ name: entry.name, node: name }, form, call);
    tool.handlers.push({
      fn: entry.fn,
      ctx: entry.ctx,
      inputIndex: entry.inputIndex,
      inputPath: entry.inputPath,
      reference: call,
      caseNode: entry.nameNode,
      ...(entry.paramApis ? { paramApis: entry.paramApis } : {}),
    });
    if (entry.keys) tool.selector = { keys: entry.keys, name: entry.name };
    return tool;
  });
}

// Splits a recognised tool whose handler hands a tool name to a dispatcher into one tool per case or key.
import type { FileContext } from '../../analysis/context';
import type { RecognisedTool, ToolHandler } from '../types';
import { entryInput, namedCases, namedSelector, type NamedCase } from './name-dispatch';

/**
 * A recognised tool whose handler hands a tool name it does not take from the model to a dispatcher
 * (`execute: (args) => toolkit.run(t.method, args)`) stands for one tool per case or key it reaches;
 * undefined when it reaches fewer than two.
 */
export function splitByName(tool: RecognisedTool, ctx: FileContext): RecognisedTool[] | undefined {
  const handler = tool.handlers[0];
  if (tool.selector || tool.handlers.length !== 1 || !handler) return undefined;
  const input = entryInput(handler.fn, handler.ctx, handler.inputIndex, handler.inputPath);
  const cases = namedCases(handler.fn, handler.ctx, namedSelector(input, handler.ctx), input);
  if (cases.length < 2) return undefined;
  return cases.map((entry) => {
    // The case's name locates the tool when it is in the tool's file; else the tool's own definition does.
    const spelled = entry.nameNode !== entry.via;
    const handlerOf = (chosen: NamedCase): ToolHandler => ({
      fn: chosen.fn,
      ctx: chosen.ctx,
      inputIndex: chosen.inputIndex,
      inputPath: chosen.inputPath,
      // The hand-off in the tool's file: related information of the findings reported in the handler's file.
      reference: (handler.ctx === ctx ? chosen.via : handler.reference) ?? tool.nameNode,
      ...(chosen.ctx !== ctx && chosen.nameNode !== chosen.via ? { caseNode: chosen.nameNode } : {}),
      ...(chosen.paramApis ? { paramApis: chosen.paramApis } : {}),
    });
    const split: RecognisedTool = {
      ...tool,
      name: entry.name,
      nameNode: entry.ctx === ctx && spelled ? entry.nameNode : tool.nameNode,
      // The functions the name maps to under each configuration: the tool runs whichever applies.
      handlers: [entry, ...(entry.alternatives ?? [])].map(handlerOf),
      cappedFields: new Set(tool.cappedFields),
    };
    if (entry.keys) split.selector = { keys: entry.keys, name: entry.name };
    if (entry.audit !== undefined && split.audit === undefined) split.audit = entry.audit;
    return split;
  });
}

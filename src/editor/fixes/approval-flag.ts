// The quick fix for unbounded-transaction where the framework has a first-class approval flag: set it on the tool.
import type { ToolInfo } from '../../engine/types';
import {
  eolOf,
  indentationAt,
  isObjectExpression,
  lineStartOf,
  nodeCovering,
  propertyNamed,
  type OffsetEdit,
  type Source,
} from './source';

/** The option a tool's framework reads to pause each call until a person approves it (the engine's `approvalFlag`). */
export function approvalFlagFor(tool: ToolInfo): string | undefined {
  return tool.approvalFlag;
}

/** Adds `<flag>: true` to the tool's options object (or turns an existing `false` into `true`). */
export function approvalFlagFix(source: Source, tool: ToolInfo): OffsetEdit[] | undefined {
  const flag = approvalFlagFor(tool);
  if (flag === undefined || tool.handler === undefined) return undefined;
  const { start, end } = tool.handler.range;
  // The options object is the innermost object literal with a property that holds the handler.
  const options = nodeCovering(source, start.offset, end.offset, isObjectExpression);
  if (options === undefined) return undefined;
  const handlerProperty = options.properties.find((p) => p.range[0] <= start.offset && p.range[1] >= end.offset);
  if (handlerProperty === undefined) return undefined;

  const existing = propertyNamed(options, flag);
  if (existing !== undefined) {
    if (existing.value.type === 'Literal' && existing.value.value === true) return undefined;
    return [{ start: existing.value.range[0], end: existing.value.range[1], text: 'true' }];
  }
  const { text } = source;
  const at = handlerProperty.range[0];
  const lineStart = lineStartOf(text, at);
  if (text.slice(lineStart, at).trim() === '') {
    return [{ start: lineStart, end: lineStart, text: `${indentationAt(text, at)}${flag}: true,${eolOf(text)}` }];
  }
  // A one-line options object: keep it on one line.
  return [{ start: at, end: at, text: `${flag}: true, ` }];
}

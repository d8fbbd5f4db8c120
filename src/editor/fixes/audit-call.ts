// The quick fix for missing-audit-hook: record the call first thing in the handler, with the tool's name and its input.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ToolInfo } from '../../engine/types';
import { declareModuleConstant, freshName, insertBeforeStatement } from './guard-insertion';
import {
  declaredNames,
  indentUnitOf,
  isFunction,
  nodeCovering,
  walk,
  type Node,
  type OffsetEdit,
  type Source,
} from './source';

/** Calls the fix may reuse as the file's audit function: a segment of the callee is named like one. */
const AUDIT_NAME = /audit/i;
const STUB_NAME = 'auditToolCall';

type Handler = TSESTree.FunctionLike | TSESTree.ArrowFunctionExpression;

interface AuditCallee {
  name: string;
  /** Awaited where the file already awaits it (an async audit sink); never in a handler that is not async. */
  awaited: boolean;
  /** The stub's declaration when the file has no audit function to call. */
  declaration: string[];
}

/**
 * Edits that call an audit function first in the tool's handler: a configured `auditFunctions` name the
 * file can reach, else the audit function the file already calls for other tools, else a small stub
 * declared once in the module for the team to point at their audit store.
 */
export function auditCallFix(
  source: Source,
  file: string,
  tool: ToolInfo,
  auditFunctions: readonly string[],
  typescript: boolean,
): OffsetEdit[] | undefined {
  if (tool.handler === undefined || tool.handler.file !== file) return undefined;
  const { start, end } = tool.handler.range;
  const handler = nodeCovering(source, start.offset, end.offset, isFunction);
  if (handler === undefined || handler.range[0] !== start.offset || handler.body == null) return undefined;
  const callee = chooseCallee(source, auditFunctions, typescript);
  const awaitIt = callee.awaited && handler.async === true;
  const call = `${awaitIt ? 'await ' : ''}${callee.name}(${quote(source, tool.name)}, ${inputOf(source, handler)});`;
  const body = handler.body;
  const first: Node | undefined = body.type === 'BlockStatement' ? body.body[0] : body;
  if (first === undefined) return undefined;
  const inserted = insertBeforeStatement(source, first, [call]);
  if (inserted === undefined) return undefined;
  const stub =
    callee.declaration.length === 0 ? undefined : declareModuleConstant(source, callee.name, callee.declaration);
  return stub === undefined ? inserted : [...inserted, stub];
}

function chooseCallee(source: Source, configured: readonly string[], typescript: boolean): AuditCallee {
  const moduleNames = declaredNames(source.program);
  const reachable = (path: string): boolean => moduleNames.has(path.split('.')[0] ?? path);
  const named = configured.find((name) => /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(name) && reachable(name));
  const used = existingAuditCall(source, reachable);
  if (named !== undefined) return { name: named, awaited: used?.name === named ? used.awaited : true, declaration: [] };
  if (used !== undefined) return { ...used, declaration: [] };
  const name = freshName(STUB_NAME, moduleNames);
  const signature = typescript ? `(tool: string, args: unknown): void` : '(tool, args)';
  return {
    name,
    awaited: false,
    declaration: [
      '// Records each tool call; send the records to storage the agent cannot change.',
      `function ${name}${signature} {`,
      "\tconsole.info(JSON.stringify({ event: 'tool-call', tool, args, at: new Date().toISOString() }));",
      '}',
    ].map((line) => line.replace(/^\t/, indentUnitOf(source.text))),
  };
}

/** The first call in the file to a module-level function or object named like an audit function. */
function existingAuditCall(source: Source, reachable: (path: string) => boolean): AuditCallee | undefined {
  for (const node of walk(source.program)) {
    if (node.type !== 'CallExpression') continue;
    const path = calleePath(node.callee);
    if (path === undefined || !reachable(path) || !path.split('.').some((part) => AUDIT_NAME.test(part))) continue;
    return { name: path, awaited: source.parentOf.get(node)?.type === 'AwaitExpression', declaration: [] };
  }
  return undefined;
}

function calleePath(node: Node): string | undefined {
  if (node.type === 'Identifier') return node.name;
  if (node.type !== 'MemberExpression' || node.computed || node.property.type !== 'Identifier') return undefined;
  const object = calleePath(node.object);
  return object === undefined ? undefined : `${object}.${node.property.name}`;
}

/** The handler's input as an expression: its parameter, or an object of the names it destructures. */
function inputOf(source: Source, handler: Handler): string {
  const parameter = handler.params[0];
  if (parameter === undefined) return '{}';
  const pattern = parameter.type === 'AssignmentPattern' ? parameter.left : parameter;
  if (pattern.type === 'Identifier') return pattern.name;
  if (pattern.type !== 'ObjectPattern') return '{}';
  const parts = pattern.properties.flatMap((property): string[] => {
    if (property.type === 'RestElement')
      return property.argument.type === 'Identifier' ? [`...${property.argument.name}`] : [];
    const value = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
    if (value.type !== 'Identifier' || property.computed) return [];
    const key = source.text.slice(property.key.range[0], property.key.range[1]);
    return [key === value.name ? key : `${key}: ${value.name}`];
  });
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/** A string literal in the quote style the file uses most. */
function quote(source: Source, text: string): string {
  const single = (source.text.match(/'/g) ?? []).length >= (source.text.match(/"/g) ?? []).length;
  const escaped = JSON.stringify(text);
  return single ? `'${escaped.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'` : escaped;
}

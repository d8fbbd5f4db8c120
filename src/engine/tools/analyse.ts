// Runs the interpreter over each handler of a recognised tool with the model's input tainted.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FunctionNode } from '../ast';
import type { FunctionInterpreter as Interpreter, FunctionSummary } from '../analysis/interpret';
import { FunctionInterpreter, summarise } from '../analysis/interpret';
import { handlerFields } from '../analysis/interpret/constructed-fields';
import { capsAmount } from '../analysis/amount-fields';
import { isWriteMethod } from '../analysis/request-method';
import type { SinkHit } from '../analysis/sinks';
import { childOrigin, CLEAN, memberOf, withBounds, type Bound, type Value } from '../analysis/value';
import { enumFieldsOf, numberFieldsOf } from './enums';
import { boundsHandedOn, entryWrappersOf } from './guard-wrapper';
import { refinedBounds } from './refinements';
import { validatedBounds } from './validated-input';
import { entryValidator } from './entry-validator';
import type { RecognisedTool, ToolHandler } from './recognise';
import { isRemoteWriteRequest } from './audit-worthy';
import type { FileContext } from '../analysis/context';

export interface ToolAnalysis {
  tool: RecognisedTool;
  hits: SinkHit[];
  audits: string[];
  approvals: string[];
  guards: string[];
  /** For each hit, the handler it came from (its reference locates cross-file handlers). */
  handlerOf: Map<SinkHit, ToolHandler>;
  /** The input parameter as written, per handler. */
  inputs: string[];
}

export function analyseTool(tool: RecognisedTool, summaries: WeakMap<FunctionNode, FunctionSummary>): ToolAnalysis {
  const analysis: ToolAnalysis = {
    tool,
    hits: [],
    audits: [],
    approvals: [],
    guards: [],
    handlerOf: new Map(),
    inputs: [],
  };
  for (const handler of tool.handlers) {
    const params = new Map<number, Value>();
    // A package client the dispatcher hands in beside the input: its API types the parameter.
    for (const [index, api] of handler.paramApis ?? []) params.set(index, { ...CLEAN, api });
    if (handler.inputIndex !== undefined) {
      const param = handler.fn.params[handler.inputIndex];
      if (param) {
        analysis.inputs.push(
          handler.ctx.text.slice(param.range[0], param.range[1]).replace(/\s+/g, ' ').replace(/:.*$/s, '').slice(0, 80),
        );
        params.set(handler.inputIndex, checkedInput(inputValue(param, handler, tool), handler, tool, summaries));
      }
    }
    // A tool class built with a package's client (`new RefundTool(stripe)`): `this.client` in its handler is it.
    let thisFields = handlerFields(handler.fn, handler.ctx);
    // An invocation object's method reads the model's input from the field its constructor stored it in.
    if (handler.input) {
      const { field, param } = handler.input;
      analysis.inputs.push(`this.${field}`);
      let input = checkedInput(inputValue(param, handler, tool), handler, tool, summaries);
      if (handler.input.validate)
        for (const [member, bounds] of validatedBounds(handler.input.validate, input, summaries))
          input = withFieldBounds(input, member, bounds);
      thisFields = new Map([...(thisFields ?? []), [field, input]]);
    }
    const interpreter: Interpreter = new FunctionInterpreter(handler.ctx, handler.fn, {
      params,
      inProgress: new Set(),
      depth: 0,
      summaries,
      ...(thisFields ? { thisFields } : {}),
      ...(handler.closure ? { closure: handler.closure } : {}),
      ...(tool.selector ? { selector: tool.selector } : {}),
    });
    interpreter.run();
    for (const hit of dedupe(interpreter.hits, handler.ctx)) {
      analysis.hits.push(hit);
      analysis.handlerOf.set(hit, handler);
    }
    analysis.audits.push(...interpreter.audits);
    analysis.approvals.push(...interpreter.approvals);
    analysis.guards.push(...interpreter.guards);
  }
  analysis.guards = [...new Set(analysis.guards)];
  return analysis;
}

/** The model's input: tainted, with schema-capped fields already amount-bounded. */
function inputValue(param: TSESTree.Parameter, handler: ToolHandler, tool: RecognisedTool): Value {
  const pattern = param.type === 'TSParameterProperty' ? param.parameter : param;
  const name =
    pattern.type === 'Identifier'
      ? pattern.name
      : pattern.type === 'AssignmentPattern' && pattern.left.type === 'Identifier'
        ? pattern.left.name
        : '';
  const display = [name, ...handler.inputPath].filter((part) => part.length > 0).join('.');
  const numberFields = handler.inputPath.length === 0 ? numberFieldsOf(tool) : undefined;
  const origin = {
    kind: 'input' as const,
    display,
    node: param as TSESTree.Node,
    file: handler.ctx.file,
    ...(numberFields ? { numberFields } : {}),
  };
  let tainted: Value = { origins: [origin], bounds: new Set() };
  // Schema-capped fields are amount-bounded; fields limited to listed values (enums, literals) are allowlisted.
  const enums = enumFieldsOf(tool);
  if (tool.cappedFields.size > 0 || enums.size > 0) {
    const props = new Map<string, Value>();
    for (const field of new Set([...tool.cappedFields, ...enums])) {
      const bounds: Bound[] = [];
      if (tool.cappedFields.has(field) && capsAmount(field)) bounds.push('amount');
      if (enums.has(field)) bounds.push('allowlist');
      props.set(field, withBounds({ origins: [childOrigin(origin, field)], bounds: new Set() }, bounds));
    }
    tainted = { ...tainted, props };
  }
  // MCP dispatchers: only request.params.arguments is the model's; the rest of the request is not.
  for (const member of [...handler.inputPath].reverse()) {
    tainted = { origins: [], bounds: new Set(), props: new Map([[member, tainted]]) };
  }
  return tainted;
}

/**
 * The input as the handler receives it: with what the schema's refine and transform callbacks establish on its
 * fields (refinements.ts), and what middleware around the handler checked before handing it on (guard-wrapper.ts).
 */
function checkedInput(
  input: Value,
  handler: ToolHandler,
  tool: RecognisedTool,
  summaries: WeakMap<FunctionNode, FunctionSummary>,
): Value {
  if (handler.inputPath.length > 0) return input;
  const options = { params: new Map<number, Value>(), inProgress: new Set<FunctionNode>(), depth: 0, summaries };
  let out = input;
  for (const [field, bounds] of refinedBounds(tool, (fn, ctx) => summarise(fn, ctx, options)))
    out = withFieldBounds(out, field, bounds);
  const refined = out;
  for (const wrapper of entryWrappersOf(tool)) {
    const run = new FunctionInterpreter(wrapper.ctx, wrapper.closure, { ...options, params: new Map([[0, refined]]) });
    run.run();
    for (const [field, bounds] of boundsHandedOn(wrapper, run.returns) ?? [])
      out = withFieldBounds(out, field, [...bounds]);
  }
  // The definition's own validator, run by the registry before the handler (entry-validator.ts).
  const validator = entryValidator(tool, handler);
  if (validator)
    for (const [field, bounds] of validatedBounds(validator, refined, summaries))
      out = withFieldBounds(out, field, bounds);
  return withAliases(out, handler.inputAliases ?? []);
}

/** `execute({ context })` where `context` is the validated input again: its fields carry the same bounds. */
function withAliases(input: Value, aliases: readonly string[]): Value {
  if (aliases.length === 0 || !input.props) return input;
  const props = new Map(input.props);
  for (const alias of aliases) {
    if (props.has(alias)) continue;
    let member = memberOf(input, alias);
    for (const [field, value] of input.props)
      if (value.bounds.size > 0) member = withFieldBounds(member, field, [...value.bounds]);
    props.set(alias, member);
  }
  return { ...input, props };
}

/** `value` with bounds added on one member (or on itself, for the empty field). */
function withFieldBounds(value: Value, field: string, bounds: Bound[]): Value {
  if (field === '') return withBounds(value, bounds);
  const props = new Map(value.props ?? []);
  props.set(field, withBounds(props.get(field) ?? memberOf(value, field), bounds));
  return { ...value, props };
}

function dedupe(hits: SinkHit[], ctx: FileContext): SinkHit[] {
  const seen = new Map<string, SinkHit>();
  for (const hit of hits) {
    const location = hit.via ? hit.via.node.range[0] : hit.node.range[0];
    const key = `${hit.row.id}:${hit.file}:${location}:${hit.sinkFile}:${hit.node.range[0]}`;
    const existing = seen.get(key);
    // The same sink evaluated twice (a guard's operand re-read, or reached on two paths through one helper
    // call): keep the model-controlled reading, and of two such readings the unbounded one; of two
    // otherwise equal readings of a shared request helper, the one whose caller wrote a write method.
    const same = existing !== undefined && hit.modelControlled === existing.modelControlled;
    if (
      !existing ||
      (hit.modelControlled && !existing.modelControlled) ||
      (same && existing.bounded && !hit.bounded) ||
      (same && existing.bounded === hit.bounded && isWriteMethod(hit.method) && !isWriteMethod(existing.method)) ||
      (same && existing.bounded === hit.bounded && auditsBetter(hit, existing, ctx))
    )
      seen.set(key, hit);
  }
  return [...seen.values()];
}

/**
 * Of two write readings of one shared request helper (`apiFetch(path, { method: 'POST' })` called first by
 * `getState()`, then by `submitProof(proof)`), the one the audit rule reads as a remote write: a caller named
 * as a read (or posting a read body) must not hide a later caller's write through the same sink. Both are
 * writes by method first, so the full check runs only on such a collision.
 */
function auditsBetter(hit: SinkHit, existing: SinkHit, ctx: FileContext): boolean {
  if (!isWriteMethod(hit.method) || !isWriteMethod(existing.method)) return false;
  return !isRemoteWriteRequest(existing, ctx) && isRemoteWriteRequest(hit, ctx);
}

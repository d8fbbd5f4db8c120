// Turns tool analyses into findings and inventory entries: the one place where rule ids, messages,
// severities and locations are decided.
import { rangeOf, type Node } from './ast';
import type { FileContext } from './analysis/context';
import type { SinkHit } from './analysis/sinks';
import {
  chooseInferred,
  isReadTool,
  isUnreportedMoneyCall,
  namesPaymentRequest,
  sendsThroughCatalog,
  toolNamesMoney,
} from './analysis/value-transfer-inference';
import { sendsGivenTransaction, sendsOnlySignedWrite } from './analysis/sent-transaction';
import { delegatedHome, delegateOf, dispatchRelated, type Delegate } from './delegated';
import { auditFinding, inferredFinding, type Location, sinkData, sinkFinding, transferData } from './report-findings';
import { applyDirectives } from './directive-findings';
import { dedupeFindings, findingTools, mergeSharedFindings, sortFindings } from './findings';
import { activeRules, type RuleTable, type SinkRole } from '../rules/index';
import type { CheckFacts } from '../rules/define-rule';
import type { ToolAnalysis } from './tools/analyse';
import { isRemoteWriteRequest, REMOTE_WRITES, unseenWrite, type WriteEffect } from './tools/audit-worthy';
import { dispatcherAudit } from './tools/dispatch-audit';
import { isDirectorySetUp } from './tools/ensured-directory';
import { approvalFor, type FileFacts } from './tools/file-facts';
import type { Capability, CapabilityKind, Finding, ToolInfo, ToolRef } from './types';

export interface FileReport {
  findings: Finding[];
  suppressed: Finding[];
  tools: ToolInfo[];
}

export function buildReport(ctx: FileContext, analyses: ToolAnalysis[], facts: FileFacts): FileReport {
  const table = activeRules();
  const raw: Finding[] = [];
  const tools: ToolInfo[] = [];
  // Delegated tools' findings sit in their handlers' files, whose own directives suppress them.
  const handlerFiles = new Map<string, FileContext>();
  for (const analysis of analyses) {
    const { tool } = analysis;
    const toolRef: ToolRef = { name: tool.name, file: ctx.file, range: rangeOf(tool.nameNode) };
    const delegate = delegateOf(tool, ctx);
    if (delegate) handlerFiles.set(delegate.ctx.file, delegate.ctx);
    const registration = approvalFor(facts, [tool.name, ...variableNames(tool.definition)]);
    const registered = registration !== undefined;
    const approval = tool.approval ?? registration?.source ?? analysis.approvals[0];
    const capabilities: Capability[] = [];
    const toolFindings: Finding[] = [];
    let hasUnscoped = false;
    let hasWrite = false;
    const effects = new Set<string>();
    const sends = sendsThroughCatalog(analysis.hits);
    const inferred = chooseInferred(analysis.hits, tool, ctx);
    for (const hit of analysis.hits) {
      const location = locate(hit, analysis, ctx, delegate);
      const rule = table.sinkFacts(hit.row.rule);
      const check = checkFacts(rule, hit.row.rule, hit.row.check);
      const kind: CapabilityKind = rule.capability.kind;
      if (rule.judgedBy === 'authorization') {
        // Guesses in one tool (build a call, then submit it) are one movement: one stands for all.
        if (hit.inferred && hit !== inferred) {
          // A money call not reported as a transfer (no model input, an undoing tool) is still audit-worthy.
          if (!inferred && !sends && !effects.has(rule.effect.write) && isUnreportedMoneyCall(hit, tool, ctx)) {
            capabilities.push(capability(kind, hit.row.id, hit, false, true, true, location));
            hasWrite = true;
            // A deployment or other signed write moves no value: it is worded as the write it is.
            effects.add(hit.inferred.writesOnly ? REMOTE_WRITES : rule.effect.write);
          }
          continue;
        }
        // The cataloged send is the transfer; an instruction built for it, or a guess, would repeat it.
        if ((hit.inferred || hit.row.prepares) && sends) continue;
        // A transaction sent as handed (`signAndSubmitTransaction(tx)`) by a tool that undoes, configures or
        // creates something is a signed write: audit-worthy, no transfer.
        if (sendsSignedWrite(hit, tool, ctx)) {
          capabilities.push(capability(kind, hit.row.id, hit, false, true, true, location));
          hasWrite = true;
          effects.add(REMOTE_WRITES);
          continue;
        }
        const unbounded = !hit.bounded && !tool.approval && !registered;
        capabilities.push(capability(kind, hit.row.id, hit, hit.modelControlled, !unbounded, true, location));
        hasWrite = true;
        effects.add(rule.effect.write);
        if (unbounded && hit.inferred)
          toolFindings.push(inferredFinding(table, hit.row.rule, check, hit, location, toolRef, tool.name));
        else if (unbounded)
          toolFindings.push(sinkFinding(table, hit.row.rule, check, false, hit, location, toolRef, transferData(hit)));
        continue;
      }
      const unscoped = hit.modelControlled && !hit.bounded;
      capabilities.push(capability(kind, hit.row.id, hit, hit.modelControlled, !unscoped, hit.row.isWrite, location));
      // Making sure a folder the model did not choose exists (`mkdir(DATA_DIR, { recursive: true })`) is set-up;
      // the folder of a contained path the model names is the model's choice all the same.
      const setUp = isDirectorySetUp(hit.node, hit.row.check, ctx.catalogs.common, () => hit.carriesInput === true);
      if (hit.row.isWrite && !setUp && (unscoped || rule.scopedWritesNeedAudit !== false)) {
        hasWrite = true;
        effects.add(rule.effect.write);
      } else if (isRemoteWriteRequest(hit, ctx)) {
        hasWrite = true;
        effects.add(REMOTE_WRITES);
      }
      if (unscoped) {
        hasUnscoped = true;
        effects.add(`unscoped ${hit.row.isWrite ? rule.effect.write : rule.effect.read}`);
        toolFindings.push(
          sinkFinding(
            table,
            hit.row.rule,
            check,
            location.sink !== undefined,
            hit,
            location,
            toolRef,
            sinkData(check, hit, location),
          ),
        );
      }
      if (hit.payment) {
        // A network write to a payment endpoint is a reach of the payment row's own rule, judged by authorization.
        const payment = table.sinkFacts(hit.payment.rule);
        // An endpoint only guessed to move value counts as a transfer when the model's input is in the request.
        // A request guessed to commit money yields to any other transfer the tool reaches: a router's
        // `POST /swap` that returns the transaction the tool then signs prepares it, the send moves it.
        const guessed = hit.paymentInferred !== undefined;
        const reached =
          (hit.paymentOrigins ?? []).some((origin) => origin.kind === 'input') &&
          !(
            guessed &&
            (reachesOtherTransfer(analysis.hits, hit, table) || namedAsRead(tool.name, tool.definition, ctx))
          );
        // A request for payment (`request_payment` posting to `/payments`) asks the payer, who completes it: a draft.
        const unbounded =
          !hit.paymentBounded &&
          !tool.approval &&
          !registered &&
          (!guessed || reached) &&
          !namedAsPaymentRequest(tool.name, ctx);
        capabilities.push(
          capability(payment.capability.kind, hit.payment.id, hit, hit.modelControlled, !unbounded, true, location),
        );
        hasWrite = true;
        effects.add(payment.effect.write);
        if (unbounded && hit.paymentInferred) {
          const paymentCheck = checkFacts(payment, hit.payment.rule, payment.defaultCheck);
          const named: SinkHit = { ...hit, inferred: hit.paymentInferred };
          toolFindings.push(
            inferredFinding(table, hit.payment.rule, paymentCheck, named, location, toolRef, tool.name),
          );
        } else if (unbounded) {
          const paymentCheck = checkFacts(payment, hit.payment.rule, payment.defaultCheck);
          toolFindings.push(
            sinkFinding(
              table,
              hit.payment.rule,
              paymentCheck,
              location.sink !== undefined,
              hit,
              location,
              toolRef,
              transferData(hit),
            ),
          );
        }
      }
    }
    const names = [tool.name, ...variableNames(tool.definition)];
    const hook = facts.hooks.find(
      (candidate) => !candidate.toolNames || names.some((name) => candidate.toolNames?.has(name)),
    );
    let audit = tool.audit ?? analysis.audits[0] ?? hook?.description;
    const unseen =
      !hasWrite && !hasUnscoped && !audit
        ? unseenWrite(tool.handlers, tool.selector?.name, writeEffect(table), tool.name)
        : undefined;
    if (unseen) {
      hasWrite = true;
      effects.add(unseen);
    }
    // Asked only when something needs an audit: the search reads other files of the package.
    if (!audit && (hasUnscoped || hasWrite)) audit = dispatcherAudit(tool, ctx);
    if ((hasUnscoped || hasWrite) && !audit && tool.handlers.length > 0) {
      const named = [...effects].filter((effect) => !effects.has(`unscoped ${effect}`));
      toolFindings.push(auditFinding(table, ctx, toolRef, tool.nameNode, named, delegate));
    }
    raw.push(...toolFindings);
    const info: ToolInfo = {
      name: tool.name,
      framework: tool.framework,
      form: tool.formId,
      file: ctx.file,
      range: rangeOf(tool.nameNode),
      analysable: tool.notAnalysable === undefined,
      capabilities,
      guards: analysis.guards,
      findingRules: [],
    };
    const handler = tool.handlers[0];
    if (handler) info.handler = { file: handler.ctx.file, range: rangeOf(handler.fn) };
    if (analysis.inputs[0] !== undefined) info.modelInput = analysis.inputs[0];
    if (tool.notAnalysable) info.notAnalysableReason = tool.notAnalysable;
    if (approval) info.approval = approval;
    if (tool.approvalFlag) info.approvalFlag = tool.approvalFlag;
    if (audit) info.audit = audit;
    tools.push(info);
  }
  const { findings, suppressed } = applyDirectives(table, ctx, mergeSharedFindings(dedupeFindings(raw)), handlerFiles);
  const byTool = new Map<string, Set<string>>();
  for (const finding of findings) {
    for (const tool of findingTools(finding)) {
      const key = `${tool.name}@${tool.range.start.offset}`;
      const set = byTool.get(key) ?? new Set<string>();
      set.add(finding.ruleId);
      byTool.set(key, set);
    }
  }
  for (const info of tools)
    info.findingRules = [...(byTool.get(`${info.name}@${info.range.start.offset}`) ?? [])].sort();
  return { findings: sortFindings(findings), suppressed: sortFindings(suppressed), tools };
}

function variableNames(node: Node): string[] {
  const names: string[] = [];
  let current: Node | undefined = node;
  for (let i = 0; i < 4 && current; i++) {
    if (current.type === 'VariableDeclarator' && current.id.type === 'Identifier') names.push(current.id.name);
    current = current.parent;
  }
  return names;
}

/** How the rule words and reports this check; a check the rule does not declare is an error. */
function checkFacts(rule: SinkRole, ruleId: string, check: string): CheckFacts {
  const facts = (rule.checks as Partial<Record<string, CheckFacts>>)[check];
  if (!facts) throw new Error(`Rule ${ruleId} declares no check \`${check}\`.`);
  return facts;
}

/**
 * Sink in the handler's file: at the sink. Through a helper in another file: at the call in the handler's
 * file. The handler's file is the tool's own, or for a delegated tool the file its handler is in.
 */
function locate(hit: SinkHit, analysis: ToolAnalysis, ctx: FileContext, delegate: Delegate | undefined): Location {
  const sink = { file: hit.sinkFile, node: hit.node as Node, callee: hit.callee };
  const handler = analysis.handlerOf.get(hit);
  const ownHandler = delegate && !delegate.forward && handler?.ctx.file === delegate.ctx.file;
  const forwarded = delegate?.forward !== undefined && hit.via?.node === delegate.forward;
  const at =
    delegate && (ownHandler || forwarded) ? { dispatch: dispatchRelated(analysis.tool.name, delegate, ctx) } : {};
  if (forwarded && delegate) {
    // Through the handler a case forwards to: at the sink when it is in the handler's file, else at the handler.
    if (hit.sinkFile === delegate.ctx.file) return { node: hit.node, file: hit.sinkFile, ...at };
    return { node: delegatedHome(delegate), file: delegate.ctx.file, sink, ...at };
  }
  if (hit.via) return { node: hit.via.node, file: hit.via.file, sink, ...at };
  return { node: hit.node, file: hit.sinkFile, ...at };
}

/** A write row's effect wording when reaching it is audit-worthy whatever its target (not a constant process run). */
function writeEffect(table: RuleTable): WriteEffect {
  return (row) => {
    const rule = table.sinkFacts(row.rule);
    return rule.scopedWritesNeedAudit === false ? undefined : rule.effect.write;
  };
}

function capability(
  kind: CapabilityKind,
  sink: string,
  hit: SinkHit,
  modelControlled: boolean,
  bounded: boolean,
  isWrite: boolean,
  location: Location,
): Capability {
  return {
    kind,
    sink,
    callee: hit.callee,
    modelControlled,
    bounded,
    isWrite,
    file: location.file,
    range: rangeOf(location.node),
  };
}

/** A tool named as a read (`get_quote`, `token_prices_by_address`): a request it makes is not guessed to pay. */
function namedAsRead(name: string, definition: Node, ctx: FileContext): boolean {
  const lists = ctx.catalogs.inference;
  return lists !== undefined && isReadTool(name, lists, definition);
}

/** A tool named for a payee's request for payment (`request_payment`): what it posts to a payment endpoint the payer approves. */
function namedAsPaymentRequest(name: string, ctx: FileContext): boolean {
  const lists = ctx.catalogs.inference;
  return lists !== undefined && namesPaymentRequest(name, lists);
}

/** Whether a tool reaches a transfer besides this request: a transfer sink, a guess or a listed payment path. */
function reachesOtherTransfer(hits: readonly SinkHit[], request: SinkHit, table: RuleTable): boolean {
  return hits.some(
    (hit) =>
      hit !== request &&
      ((hit.payment !== undefined && !hit.paymentInferred) ||
        table.sinkFacts(hit.row.rule).judgedBy === 'authorization'),
  );
}

/** A cataloged send of a handed transaction in a tool whose name makes it a signed write (sent-transaction.ts). */
function sendsSignedWrite(hit: SinkHit, tool: ToolAnalysis['tool'], ctx: FileContext): boolean {
  const lists = ctx.catalogs.inference;
  return (
    lists !== undefined &&
    sendsGivenTransaction(hit, lists) &&
    sendsOnlySignedWrite(tool.name, toolNamesMoney(tool.name, tool.definition, lists), hit.origins, lists)
  );
}

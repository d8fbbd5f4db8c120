// Turns tool analyses into findings and inventory entries: the one place where rule ids, messages,
// severities and locations are decided.
import { matchesGlob } from './glob';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { rangeOf, type Node } from './ast';
import type { FileContext } from './analysis/context';
import type { SinkHit } from './analysis/sinks';
import { describeOrigins, type Origin } from './analysis/value';
import { chooseInferred, inferredReason, sendsThroughCatalog } from './analysis/value-transfer-inference';
import { isReported, severityFor } from './config';
import { closestRuleId, findSuppression, parseDirectives, type Directive } from './directives';
import { activeRules, formatMessage, type RuleTable, type SinkRole } from '../rules/index';
import type { CheckFacts } from '../rules/define-rule';
import type { ToolAnalysis } from './tools/analyse';
import { isRemoteWriteRequest, REMOTE_WRITES, unseenWrite, type WriteEffect } from './tools/audit-worthy';
import { approvalFor, type FileFacts } from './tools/file-facts';
import type { Capability, CapabilityKind, Finding, RelatedLocation, ResolvedConfig, ToolInfo, ToolRef } from './types';

export interface FileReport {
  findings: Finding[];
  suppressed: Finding[];
  tools: ToolInfo[];
}

export function buildReport(ctx: FileContext, analyses: ToolAnalysis[], facts: FileFacts): FileReport {
  const table = activeRules();
  const raw: Finding[] = [];
  const tools: ToolInfo[] = [];
  for (const analysis of analyses) {
    const { tool } = analysis;
    const toolRef: ToolRef = { name: tool.name, file: ctx.file, range: rangeOf(tool.nameNode) };
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
      const location = locate(hit, analysis, ctx);
      const rule = table.sinkFacts(hit.row.rule);
      const check = checkFacts(rule, hit.row.rule, hit.row.check);
      const kind: CapabilityKind = rule.capability.kind;
      if (rule.judgedBy === 'authorization') {
        // Guesses in one tool (build a call, then submit it) are one movement: one stands for all.
        if (hit.inferred && hit !== inferred) continue;
        // The cataloged send is the transfer; an instruction built for it, or a guess, would repeat it.
        if ((hit.inferred || hit.row.prepares) && sends) continue;
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
      if (hit.row.isWrite && (unscoped || rule.scopedWritesNeedAudit !== false)) {
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
            hit.via !== undefined,
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
        const unbounded = !hit.paymentBounded && !tool.approval && !registered;
        capabilities.push(
          capability(payment.capability.kind, hit.payment.id, hit, hit.modelControlled, !unbounded, true, location),
        );
        hasWrite = true;
        effects.add(payment.effect.write);
        if (unbounded) {
          const paymentCheck = checkFacts(payment, hit.payment.rule, payment.defaultCheck);
          toolFindings.push(
            sinkFinding(
              table,
              hit.payment.rule,
              paymentCheck,
              hit.via !== undefined,
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
    const audit = tool.audit ?? analysis.audits[0] ?? hook?.description;
    const unseen =
      !hasWrite && !hasUnscoped && !audit
        ? unseenWrite(tool.handlers, tool.selector?.name, writeEffect(table))
        : undefined;
    if (unseen) {
      hasWrite = true;
      effects.add(unseen);
    }
    if ((hasUnscoped || hasWrite) && !audit && tool.handlers.length > 0) {
      const named = [...effects].filter((effect) => !effects.has(`unscoped ${effect}`));
      toolFindings.push(auditFinding(table, ctx.file, toolRef, tool.nameNode, named));
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
  const { findings, suppressed } = applyDirectives(table, ctx, dedupeFindings(raw));
  const byTool = new Map<string, Set<string>>();
  for (const finding of findings) {
    if (!finding.tool) continue;
    const key = `${finding.tool.name}@${finding.tool.range.start.offset}`;
    const set = byTool.get(key) ?? new Set<string>();
    set.add(finding.ruleId);
    byTool.set(key, set);
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

interface Location {
  node: Node;
  file: string;
  /** The sink itself when the finding is reported elsewhere (a helper in another file). */
  sink?: { file: string; node: Node; callee: string };
  /** What the reported call hands the input to, when that is not the sink's own callee. */
  callee?: string;
}

/** Sink in the handler's file: at the sink. Elsewhere: at the call (or handler reference) in the tool's file. */
function locate(hit: SinkHit, analysis: ToolAnalysis, ctx: FileContext): Location {
  const handler = analysis.handlerOf.get(hit);
  const sink = { file: hit.sinkFile, node: hit.node as Node, callee: hit.callee };
  if (handler?.reference && handler.ctx.file !== ctx.file) {
    const text = ctx.text.slice(handler.reference.range[0], handler.reference.range[1]).replace(/\s+/g, ' ');
    return {
      node: handler.reference,
      file: ctx.file,
      sink,
      callee: text.length > 40 ? `${text.slice(0, 37)}...` : text,
    };
  }
  if (hit.via) return { node: hit.via.node, file: hit.via.file, sink };
  return { node: hit.node, file: hit.sinkFile };
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

function sourceText(origins: Origin[]): string {
  const text = describeOrigins({ origins, bounds: new Set() });
  return text.length > 0 ? text : 'input';
}

function sinkData(check: CheckFacts, hit: SinkHit, location: Location): Record<string, string> {
  return {
    part: check.part,
    source: sourceText(hit.origins),
    callee: location.callee ?? hit.via?.callee ?? hit.callee,
  };
}

function transferData(hit: SinkHit): Record<string, string> {
  const inputs = (hit.payment ? (hit.paymentOrigins ?? []) : hit.origins).filter((origin) => origin.kind === 'input');
  return {
    operation: hit.payment?.operation ?? hit.row.operation ?? 'transaction',
    inputNote: inputs.length > 0 ? `; its details come from the tool input \`${sourceText(inputs)}\`` : '',
    callee: hit.via?.callee ?? hit.callee,
  };
}

/** A transfer inferred from names: the rule's inferred wording, at medium confidence. */
function inferredFinding(
  table: RuleTable,
  ruleId: string,
  check: CheckFacts,
  hit: SinkHit,
  location: Location,
  tool: ToolRef,
  toolName: string,
): Finding {
  const wording = check.inferred ?? check;
  const data = { ...transferData(hit), callee: hit.callee, reason: inferredReason(hit, toolName) };
  const finding = sinkFinding(
    table,
    ruleId,
    { ...check, ...wording },
    hit.via !== undefined,
    hit,
    location,
    tool,
    data,
  );
  finding.confidence = 'medium';
  return finding;
}

/** `viaHelper`: the hit went through a helper; a sink in another file always words the helper message. */
function sinkFinding(
  table: RuleTable,
  ruleId: string,
  check: CheckFacts,
  viaHelper: boolean,
  hit: SinkHit,
  location: Location,
  tool: ToolRef,
  data: Record<string, string>,
): Finding {
  const related: RelatedLocation[] = [];
  for (const origin of hit.origins) {
    if (origin.kind !== 'input') continue;
    related.push({
      file: origin.file,
      range: rangeOf(origin.node),
      kind: 'source',
      message: `Model-controlled input \`${origin.display || 'input'}\` enters here.`,
    });
    break;
  }
  related.push({ file: tool.file, range: tool.range, kind: 'tool', message: `Tool \`${tool.name}\` is defined here.` });
  if (location.sink) {
    related.push({
      file: location.sink.file,
      range: rangeOf(location.sink.node),
      kind: 'sink',
      message: `The effect happens here, in \`${location.sink.callee}\`.`,
    });
  }
  const messageId = viaHelper || location.sink ? check.viaHelperMessageId : check.messageId;
  return makeFinding(table, ruleId, messageId, location.file, location.node, data, tool, related);
}

function auditFinding(table: RuleTable, file: string, tool: ToolRef, nameNode: Node, effects: string[]): Finding {
  const audit = table.only('audit');
  return makeFinding(
    table,
    audit.rule.id,
    audit.facts.messageId,
    file,
    nameNode,
    { tool: tool.name, effects: joinList(effects) },
    tool,
    [{ file: tool.file, range: tool.range, kind: 'tool', message: `Tool \`${tool.name}\` is defined here.` }],
  );
}

function joinList(items: string[]): string {
  const sorted = [...new Set(items)].sort();
  if (sorted.length <= 1) return sorted[0] ?? 'effects';
  return `${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}

function makeFinding(
  table: RuleTable,
  ruleId: string,
  messageId: string,
  file: string,
  node: Node | { range: [number, number]; loc: TSESTree.SourceLocation },
  data: Record<string, string>,
  tool: ToolRef | undefined,
  related: RelatedLocation[],
): Finding {
  const rule = table.get(ruleId);
  const template = rule.messages[messageId];
  if (template === undefined) throw new Error(`Rule ${ruleId} has no message \`${messageId}\`.`);
  const finding: Finding = {
    ruleId,
    messageId,
    severity: 'error',
    message: formatMessage(template, data),
    file,
    range: rangeOf(node as Node),
    related,
    docPath: rule.docPath,
    cwe: rule.cwe,
    owasp: rule.owasp,
  };
  if (tool) finding.tool = tool;
  return finding;
}

function dedupeFindings(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.ruleId}:${finding.file}:${finding.range.start.offset}:${finding.range.end.offset}:${finding.tool?.name ?? ''}:${finding.tool?.range.start.offset ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Applies severities and suppression directives; adds hygiene findings for unused or unjustified directives. */
function applyDirectives(
  table: RuleTable,
  ctx: FileContext,
  raw: Finding[],
): { findings: Finding[]; suppressed: Finding[] } {
  const config = ctx.config;
  const directives = parseDirectives(ctx.ast.comments ?? []);
  const honoured = !isVendored(ctx.file, config);
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of raw) {
    const severity = severityFor(config, finding.ruleId);
    if (!isReported(severity)) continue;
    finding.severity = severity;
    const directive =
      finding.file === ctx.file ? findSuppression(directives, finding.ruleId, finding.range.start.line) : undefined;
    if (directive) {
      finding.suppression = {
        kind: directive.kind,
        justification: directive.justification,
        range: directive.range,
        honoured,
      };
      directive.used.add(finding.ruleId);
      if (honoured) {
        suppressed.push(finding);
        continue;
      }
    }
    findings.push(finding);
  }
  if (honoured) findings.push(...hygiene(table, ctx, directives));
  return { findings, suppressed };
}

function hygiene(table: RuleTable, ctx: FileContext, directives: Directive[]): Finding[] {
  const out: Finding[] = [];
  const config = ctx.config;
  const unused = table.only('unused-directive');
  const noReason = table.only('directive-reason');
  const unusedId = unused.rule.id;
  const reasonId = noReason.rule.id;
  const known = table.ids.filter((id) => id !== unusedId && id !== reasonId);
  for (const directive of directives) {
    const at = {
      range: [directive.range.start.offset, directive.range.end.offset] as [number, number],
      loc: {
        start: { line: directive.range.start.line, column: directive.range.start.column },
        end: { line: directive.range.end.line, column: directive.range.end.column },
      },
    };
    const unusedSeverity = severityFor(config, unusedId);
    if (isReported(unusedSeverity)) {
      for (const id of directive.ruleIds) {
        if (!table.find(id)) {
          const suggestion = closestRuleId(id, known);
          const finding = makeFinding(
            table,
            unusedId,
            unused.facts.unknownRuleMessageId,
            ctx.file,
            at,
            { rule: id, suggestion: suggestion ? ` (did you mean \`${suggestion}\`?)` : '' },
            undefined,
            [],
          );
          finding.severity = unusedSeverity;
          out.push(finding);
        } else if (!directive.used.has(id) && isReported(severityFor(config, id))) {
          const finding = makeFinding(
            table,
            unusedId,
            unused.facts.unusedMessageId,
            ctx.file,
            at,
            { rule: id },
            undefined,
            [],
          );
          finding.severity = unusedSeverity;
          out.push(finding);
        }
      }
      if (directive.ruleIds.length === 0 && directive.used.size === 0) {
        const finding = makeFinding(
          table,
          unusedId,
          unused.facts.unusedMessageId,
          ctx.file,
          at,
          { rule: 'any rule' },
          undefined,
          [],
        );
        finding.severity = unusedSeverity;
        out.push(finding);
      }
    }
    const reasonSeverity = severityFor(config, reasonId);
    if (directive.justification === '' && isReported(reasonSeverity)) {
      const finding = makeFinding(table, reasonId, noReason.facts.messageId, ctx.file, at, {}, undefined, []);
      finding.severity = reasonSeverity;
      out.push(finding);
    }
  }
  return out;
}

export function isVendored(file: string, config: ResolvedConfig): boolean {
  const normalised = file.replace(/\\/g, '/');
  // `external/**` means that folder wherever it is, as .gitignore reads it; paths here are absolute.
  return config.vendorGlobs.some((glob) =>
    matchesGlob(normalised, glob.startsWith('/') || glob.startsWith('**') ? glob : `**/${glob}`),
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.range.start.line - b.range.start.line ||
      a.range.start.column - b.range.start.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.tool?.name ?? '').localeCompare(b.tool?.name ?? ''),
  );
}

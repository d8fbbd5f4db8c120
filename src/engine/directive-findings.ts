// Applies severities and suppression directives to a file's findings, and reports directives that are unused
// or unjustified (the directive-hygiene rules).
import type { RuleTable } from '../rules/index';
import type { FileContext } from './analysis/context';
import { isReported, severityFor } from './config';
import { dispatchLine } from './delegated';
import { closestRuleId, findSuppression, parseDirectives, type Directive } from './directives';
import { makeFinding } from './findings';
import { matchesGlob } from './glob';
import type { Finding, ResolvedConfig } from './types';

/** Applies severities and suppression directives; adds hygiene findings for unused or unjustified directives. */
export function applyDirectives(
  table: RuleTable,
  ctx: FileContext,
  raw: Finding[],
  handlerFiles: ReadonlyMap<string, FileContext> = new Map(),
): { findings: Finding[]; suppressed: Finding[] } {
  const config = ctx.config;
  const directives = parseDirectives(ctx.ast.comments ?? []);
  const honoured = !isVendored(ctx.file, config);
  const elsewhere = new Map<string, Directive[]>();
  /** A delegated tool's finding in its handler's file (engine/delegated.ts): that file's directives, else the dispatch line's. */
  const movedSuppression = (finding: Finding): { directive: Directive; honoured: boolean } | undefined => {
    const handlerCtx = handlerFiles.get(finding.file);
    if (handlerCtx) {
      let own = elsewhere.get(finding.file);
      if (!own) {
        own = parseDirectives(handlerCtx.ast.comments ?? []);
        elsewhere.set(finding.file, own);
      }
      const directive = findSuppression(own, finding.ruleId, finding.range.start.line);
      if (directive) return { directive, honoured: !isVendored(finding.file, config) };
    }
    // Where the finding was reported before it moved: a directive there still applies, and so is not unused.
    const line = dispatchLine(finding.related, ctx.file);
    const directive = line === undefined ? undefined : findSuppression(directives, finding.ruleId, line);
    return directive ? { directive, honoured } : undefined;
  };
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of raw) {
    const severity = severityFor(config, finding.ruleId);
    if (!isReported(severity)) continue;
    finding.severity = severity;
    const found =
      finding.file === ctx.file
        ? mapDirective(findSuppression(directives, finding.ruleId, finding.range.start.line), honoured)
        : movedSuppression(finding);
    if (found) {
      const { directive } = found;
      finding.suppression = {
        kind: directive.kind,
        justification: directive.justification,
        range: directive.range,
        honoured: found.honoured,
      };
      // On the dispatch line, the directive is in another file than the finding it suppresses.
      if (finding.file !== ctx.file && directives.includes(directive)) finding.suppression.file = ctx.file;
      directive.used.add(finding.ruleId);
      if (found.honoured) {
        suppressed.push(finding);
        continue;
      }
    }
    findings.push(finding);
  }
  if (honoured) findings.push(...hygiene(table, ctx, directives));
  return { findings, suppressed };
}

function mapDirective(
  directive: Directive | undefined,
  honoured: boolean,
): { directive: Directive; honoured: boolean } | undefined {
  return directive ? { directive, honoured } : undefined;
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

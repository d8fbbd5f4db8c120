// SARIF 2.1.0 output for code scanning: rules with their help, CWE/OWASP taxonomies, paths, fingerprints, suppressions.
import { rules } from '../../rules/index';
import type { Range, ReportedSeverity } from '../../engine/types';
import type { RuleDefinition } from '../../rules/define-rule';
import { FINGERPRINT_KEY } from '../fingerprint';
import { shownFindings, type ReportFinding, type ScanReport } from '../report';
import { sarifText } from '../escape';
import { flowSteps } from '../flow';
import { plainText, repositoryUrl, ruleDocUrl, ruleHelpMarkdown } from '../rule-docs';
import { scanNotes, scanProperties } from './notes';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SOURCE_ROOT = '%SRCROOT%';
const CWE_TAXONOMY = 'CWE';
const OWASP_TAXONOMY = 'OWASP Top 10 for Agentic Applications';

type Level = 'error' | 'warning' | 'note';

function level(severity: ReportedSeverity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/**
 * GitHub code scanning ranks security alerts by this score (9+ critical, 7+ high, 4+ medium, else
 * low); it follows the rule's default severity so the ranking matches what the rule docs promise.
 */
const SECURITY_SEVERITY: Record<ReportedSeverity, string> = { error: '8.0', warning: '5.0', info: '3.0', hint: '1.0' };

/** SARIF `rank` (0–100) of a finding whose effect is inferred rather than cataloged. */
const MEDIUM_CONFIDENCE_RANK = 50;

/** `unscoped-network` → `UnscopedNetwork`, the friendly name SARIF viewers show. */
function friendlyName(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A report path as a relative URI reference (each segment percent-encoded). */
function relativeUri(file: string): string {
  return file
    .split('/')
    .map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function physicalLocation(file: string, range?: Range): Record<string, unknown> {
  const location: Record<string, unknown> = { artifactLocation: { uri: relativeUri(file), uriBaseId: SOURCE_ROOT } };
  if (range !== undefined) {
    location.region = {
      startLine: range.start.line,
      startColumn: range.start.column + 1,
      endLine: range.end.line,
      endColumn: range.end.column + 1,
    };
  }
  return location;
}

function taxa(values: (rule: RuleDefinition) => string[]): Array<{ id: string }> {
  return [...new Set(rules.flatMap(values))].sort().map((id) => ({ id }));
}

function ruleDescriptor(rule: RuleDefinition): Record<string, unknown> {
  const markdown = ruleHelpMarkdown(rule.docPath, rule.description);
  const tags = [
    'security',
    ...rule.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`),
    ...rule.owasp.map((id) => `external/owasp-agentic/${id.toLowerCase()}`),
  ];
  const relationships = [
    ...rule.cwe.map((id) => ({ target: { id, toolComponent: { name: CWE_TAXONOMY, index: 0 } }, kinds: ['superset'] })),
    ...rule.owasp.map((id) => ({
      target: { id, toolComponent: { name: OWASP_TAXONOMY, index: 1 } },
      kinds: ['relevant'],
    })),
  ];
  const descriptor: Record<string, unknown> = {
    id: rule.id,
    name: friendlyName(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    // The help travels in the log; the link is public, never a path on the machine that ran the scan.
    helpUri: ruleDocUrl(rule.docPath),
    help: { text: plainText(markdown), markdown },
    defaultConfiguration: { level: level(rule.defaultSeverity) },
    properties: {
      tags,
      precision: rule.precision,
      'security-severity': SECURITY_SEVERITY[rule.defaultSeverity],
      'problem.severity':
        rule.defaultSeverity === 'error' ? 'error' : rule.defaultSeverity === 'warning' ? 'warning' : 'recommendation',
      docPath: rule.docPath,
    },
  };
  if (relationships.length > 0) descriptor.relationships = relationships;
  return descriptor;
}

/** The finding's tool, and every tool that shares it (one handler registered under several names). */
function toolProperties(finding: ReportFinding): Record<string, unknown> {
  if (finding.tool === undefined) return {};
  const shared = finding.sharedWith ?? [];
  return shared.length === 0
    ? { tool: finding.tool.name }
    : { tool: finding.tool.name, tools: [finding.tool, ...shared].map((tool) => tool.name) };
}

function result(finding: ReportFinding, ruleIndex: Map<string, number>): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    ruleId: finding.ruleId,
    level: level(finding.severity),
    message: { text: sarifText(finding.message) },
    locations: [{ physicalLocation: physicalLocation(finding.file, finding.range) }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    properties: { severity: finding.severity, ...toolProperties(finding) },
  };
  if (finding.confidence === 'medium') {
    // An effect inferred from names: viewers sort it below the rule's catalog findings.
    entry.rank = MEDIUM_CONFIDENCE_RANK;
    (entry.properties as Record<string, unknown>).precision = 'medium';
  }
  const index = ruleIndex.get(finding.ruleId);
  if (index !== undefined) entry.ruleIndex = index;
  if (finding.related.length > 0) {
    entry.relatedLocations = finding.related.map((related, position) => ({
      id: position + 1,
      physicalLocation: physicalLocation(related.file, related.range),
      message: { text: sarifText(related.message) },
    }));
  }
  const steps = flowSteps(finding);
  if (steps.length > 1) {
    // GitHub code scanning and SARIF viewers show this as the path from the tool input to the effect.
    entry.codeFlows = [
      {
        threadFlows: [
          {
            locations: steps.map((step, index) => ({
              location: {
                physicalLocation: physicalLocation(step.file, step.range),
                message: { text: sarifText(step.message) },
              },
              executionOrder: index + 1,
            })),
          },
        ],
      },
    ];
  }
  if (finding.suppression !== undefined) {
    const suppression: Record<string, unknown> = { kind: 'inSource', status: 'accepted' };
    if (finding.suppression.justification !== '')
      suppression.justification = sarifText(finding.suppression.justification);
    entry.suppressions = [suppression];
  }
  return entry;
}

export function sarifLog(report: ScanReport): Record<string, unknown> {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            fullName: 'Agent Risk Lint',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: repositoryUrl(),
            rules: rules.map(ruleDescriptor),
          },
        },
        taxonomies: [
          {
            name: CWE_TAXONOMY,
            organization: 'MITRE',
            shortDescription: { text: 'The MITRE Common Weakness Enumeration.' },
            informationUri: 'https://cwe.mitre.org/',
            isComprehensive: false,
            taxa: taxa((rule) => rule.cwe),
          },
          {
            name: OWASP_TAXONOMY,
            organization: 'OWASP',
            shortDescription: { text: 'OWASP Top 10 risks for agentic AI applications.' },
            isComprehensive: false,
            taxa: taxa((rule) => rule.owasp),
          },
        ],
        // No `uri`: the scanning machine's folder is not part of a report that is shared; viewers ask for it.
        originalUriBaseIds: {
          [SOURCE_ROOT]: { description: { text: 'The folder the scan ran in; result paths are relative to it.' } },
        },
        invocations: [
          {
            executionSuccessful: true,
            // What changed the verdict (configuration, excludes, overrides, baseline, cache) travels with the results.
            properties: scanProperties(report),
            toolConfigurationNotifications: scanNotes(report).map((note) => ({
              descriptor: { id: note.id },
              level: 'note',
              message: { text: sarifText(note.text) },
            })),
            toolExecutionNotifications: report.problems.map((problem) => ({
              descriptor: { id: `not-analysed/${problem.kind}` },
              level: report.options.failOnProblems === true ? 'error' : 'warning',
              message: { text: sarifText(`${problem.kind}: ${problem.message}`) },
              locations: [{ physicalLocation: physicalLocation(problem.file, problem.range) }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: [...shownFindings(report), ...report.suppressed].map((finding) => result(finding, ruleIndex)),
      },
    ],
  };
}

export function formatSarif(report: ScanReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}

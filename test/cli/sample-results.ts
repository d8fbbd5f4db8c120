// Engine-shaped results for the format fixture, written by hand so format tests do not depend on the analysis.
import * as fs from 'node:fs';
import { ruleById } from '../../src/engine/index';
import type { Finding, LintResult, Position, Range, ReportedSeverity } from '../../src/engine/types';
import { fixturePath } from './support';

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length, offset };
}

/** The range of the `nth` occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`${needle} not found`);
  return { start: positionAt(text, offset), end: positionAt(text, offset + needle.length) };
}

function finding(
  ruleId: string,
  severity: ReportedSeverity,
  message: string,
  file: string,
  range: Range,
  extra: Partial<Finding> = {},
): Finding {
  const rule = ruleById(ruleId);
  if (rule === undefined) throw new Error(`No rule ${ruleId}`);
  return {
    ruleId,
    messageId: Object.keys(rule.messages)[0] ?? 'message',
    severity,
    message,
    file,
    range,
    related: [],
    docPath: rule.docPath,
    cwe: rule.cwe,
    owasp: rule.owasp,
    ...extra,
  };
}

/** What the engine should report for test/cli/fixtures/format/src, with `text` moved by `shift` lines. */
export function sampleResults(shift = 0): Array<{ result: LintResult; text: string }> {
  const toolsFile = fixturePath('format', 'src', 'tools.js');
  const httpFile = fixturePath('format', 'src', 'http.js');
  const tools = '\n'.repeat(shift) + fs.readFileSync(toolsFile, 'utf8');
  const http = fs.readFileSync(httpFile, 'utf8');
  const fetchTool = { name: 'fetchPage', file: toolsFile, range: rangeOf(tools, 'fetchPage') };
  const readTool = { name: 'readLog', file: toolsFile, range: rangeOf(tools, 'readLog') };
  const toolsResult: LintResult = {
    file: toolsFile,
    findings: [
      finding(
        'unscoped-network',
        'error',
        'This call passes the tool input `url` to `download`, which uses it as the destination of a request that no host allowlist bounds.',
        toolsFile,
        rangeOf(tools, 'download(url)'),
        {
          tool: fetchTool,
          related: [
            { file: toolsFile, range: rangeOf(tools, '{ url }'), kind: 'source', message: 'Model-controlled value' },
            { file: httpFile, range: rangeOf(http, 'fetch(url)'), kind: 'sink', message: 'The request is made here' },
          ],
        },
      ),
      finding(
        'missing-audit-hook',
        'warning',
        'The tool `fetchPage` reaches a sink and no audit hook records its calls.',
        toolsFile,
        fetchTool.range,
        { tool: fetchTool },
      ),
      finding(
        'missing-audit-hook',
        'warning',
        'The tool `readLog` reaches a sink and no audit hook records its calls.',
        toolsFile,
        readTool.range,
        { tool: readTool },
      ),
    ],
    suppressed: [
      finding(
        'unscoped-filesystem',
        'error',
        'The path of this file operation comes from the tool input `file` and no root containment bounds it.',
        toolsFile,
        rangeOf(tools, "fs.readFileSync(file, 'utf8')"),
        {
          tool: readTool,
          suppression: {
            kind: 'next-line',
            justification: 'the container mounts only /var/log read-only',
            range: rangeOf(tools, '// agent-risk-disable-next-line'),
            honoured: true,
          },
        },
      ),
    ],
    tools: [
      {
        name: 'fetchPage',
        framework: 'vercel-ai-sdk',
        form: 'ai-sdk-tool',
        file: toolsFile,
        range: fetchTool.range,
        handler: { file: toolsFile, range: rangeOf(tools, 'async ({ url }) => {') },
        modelInput: '{ url }',
        analysable: true,
        capabilities: [
          {
            kind: 'network',
            sink: 'fetch-global',
            callee: 'fetch',
            modelControlled: true,
            bounded: false,
            isWrite: false,
            file: httpFile,
            range: rangeOf(http, 'fetch(url)'),
          },
        ],
        guards: [],
        findingRules: ['missing-audit-hook', 'unscoped-network'],
      },
      {
        name: 'readLog',
        framework: 'vercel-ai-sdk',
        form: 'ai-sdk-tool',
        file: toolsFile,
        range: readTool.range,
        handler: { file: toolsFile, range: rangeOf(tools, 'async ({ file }) => {') },
        modelInput: '{ file }',
        analysable: true,
        capabilities: [
          {
            kind: 'filesystem',
            sink: 'fs-read-file',
            callee: 'fs.readFileSync',
            modelControlled: true,
            bounded: false,
            isWrite: false,
            file: toolsFile,
            range: rangeOf(tools, "fs.readFileSync(file, 'utf8')"),
          },
        ],
        guards: [],
        findingRules: ['missing-audit-hook'],
      },
    ],
    problems: [],
  };
  const httpResult: LintResult = { file: httpFile, findings: [], suppressed: [], tools: [], problems: [] };
  return [
    { result: toolsResult, text: tools },
    { result: httpResult, text: http },
  ];
}

export const sampleProblem = {
  kind: 'too-large' as const,
  file: fixturePath('format', 'bundle.js'),
  message: 'Skipped: 10485760 bytes is more than maxFileBytes (8388608).',
};

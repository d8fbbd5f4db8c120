// A delegated tool (declared by a dispatcher in one file, handled in another) as the CLI reports it: in the
// handler's file, once, with the dispatch as related information, in every format, suppressed there, and cached.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DISPATCHER as SERVER, HANDLERS } from '../support/delegated-case';
import { runCli, scratchDir, writeTree } from './support';

interface Related {
  file: string;
  kind: string;
  range: { start: { line: number } };
}
interface JsonFinding {
  ruleId: string;
  file: string;
  fingerprint: string;
  range: { start: { line: number } };
  related: Related[];
  suppression?: { file?: string };
}
interface JsonReport {
  findings: JsonFinding[];
  suppressed: JsonFinding[];
  summary: { fromCache: number };
}

function scan(dir: string, ...args: string[]): JsonReport {
  const run = runCli(['scan', '--format', 'json', ...args, '.'], { cwd: dir });
  assert.ok(run.stdout.length > 0, run.stderr);
  return JSON.parse(run.stdout) as JsonReport;
}

const ofRule = (findings: JsonFinding[], ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId);

describe('cli: a delegated tool is reported in its handler file', () => {
  let dir = '';
  let cleanup = (): void => {};
  beforeEach(() => {
    ({ dir, cleanup } = scratchDir('delegated'));
    writeTree(dir, { 'server.ts': SERVER, 'handlers.ts': HANDLERS });
  });
  afterEach(() => cleanup());

  it('puts the sink and audit findings in handlers.ts once, with the dispatch line in server.ts as related', () => {
    const report = scan(dir);
    const [process, ...more] = ofRule(report.findings, 'unscoped-process');
    assert.equal(more.length, 0);
    assert.equal(process?.file, 'handlers.ts');
    assert.equal(process?.range.start.line, 4);
    const dispatch = process?.related.find((entry) => entry.kind === 'call');
    assert.equal(dispatch?.file, 'server.ts');
    assert.equal(dispatch?.range.start.line, 11);
    // Both tools write (a process run); the one whose command is constant is not audit-worthy.
    const audits = ofRule(report.findings, 'missing-audit-hook');
    assert.deepEqual(
      audits.map((finding) => [finding.file, finding.range.start.line]),
      [['handlers.ts', 3]],
    );
    assert.equal(
      report.findings.some((finding) => finding.file === 'server.ts'),
      false,
    );
  });

  it('shows handlers.ts as the primary location in stylish, SARIF and Markdown', () => {
    const stylish = runCli(['scan', '.'], { cwd: dir }).stdout;
    assert.match(stylish, /handlers\.ts[\s\S]*unscoped-process/);
    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif', '.'], { cwd: dir }).stdout) as {
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
          relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };
    const result = sarif.runs[0]?.results.find((entry) => entry.ruleId === 'unscoped-process');
    assert.equal(result?.locations[0]?.physicalLocation.artifactLocation.uri, 'handlers.ts');
    assert.ok(result?.relatedLocations?.some((entry) => entry.physicalLocation.artifactLocation.uri === 'server.ts'));
    const markdown = runCli(['scan', '--format', 'markdown', '.'], { cwd: dir }).stdout;
    assert.match(markdown, /handlers\.ts:4/);
  });

  it('is suppressed by a directive in handlers.ts, which is then not reported as unused', () => {
    writeTree(dir, {
      'handlers.ts': HANDLERS.replace(
        "  return { content: [{ type: 'text', text: execSync(args.script",
        "  // agent-risk-disable-next-line unscoped-process -- scripts come from the operator's own console\n  return { content: [{ type: 'text', text: execSync(args.script",
      ),
    });
    const report = scan(dir);
    assert.equal(ofRule(report.findings, 'unscoped-process').length, 0);
    assert.equal(ofRule(report.suppressed, 'unscoped-process').length, 1);
    assert.deepEqual(ofRule(report.findings, 'unused-suppression'), []);
  });

  it('is still suppressed by a directive left on the dispatch line, which names its own file', () => {
    writeTree(dir, {
      'server.ts': SERVER.replace(
        '      return runScript(',
        '      // agent-risk-disable-next-line unscoped-process -- reviewed\n      return runScript(',
      ),
    });
    const report = scan(dir);
    const [suppressed] = ofRule(report.suppressed, 'unscoped-process');
    assert.equal(suppressed?.file, 'handlers.ts');
    assert.equal(suppressed?.suppression?.file, 'server.ts');
    assert.deepEqual(ofRule(report.findings, 'unused-suppression'), []);
  });

  it('keeps fingerprints through the cache, and a change to handlers.ts re-lints server.ts', () => {
    const cacheDir = path.join(dir, '..', `${path.basename(dir)}-cache`);
    try {
      const first = scan(dir, '--cache', '--cache-location', cacheDir);
      const second = scan(dir, '--cache', '--cache-location', cacheDir);
      assert.equal(second.summary.fromCache, 2);
      assert.deepEqual(
        second.findings.map((finding) => finding.fingerprint),
        first.findings.map((finding) => finding.fingerprint),
      );
      fs.writeFileSync(path.join(dir, 'handlers.ts'), `// moved down one line\n${HANDLERS}`);
      const third = scan(dir, '--cache', '--cache-location', cacheDir);
      assert.equal(third.summary.fromCache, 0);
      const [process, ...more] = ofRule(third.findings, 'unscoped-process');
      assert.equal(more.length, 0);
      assert.equal(process?.range.start.line, 5);
      assert.equal(process?.fingerprint, ofRule(first.findings, 'unscoped-process')[0]?.fingerprint);
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

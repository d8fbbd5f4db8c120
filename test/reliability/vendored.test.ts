// A third-party package cannot hide its own findings: suppressions and configuration inside vendored code are not honoured.
import * as assert from 'node:assert/strict';
import { defaultConfig, lintText, mergeConfig } from '../../src/engine/index';
import { runCli } from './support/cli';
import { parseReport } from './support/report-json';
import { scratch, type Scratch } from './support/scratch';

/** A risky tool whose fetch is suppressed by a next-line directive with a reason. */
const SUPPRESSED_NEXT_LINE = `const { tool } = require('ai');
const { z } = require('zod');
exports.fetchPage = tool({
  description: 'Fetch a page',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) =>
    // agent-risk-disable-next-line unscoped-network -- nothing to see here
    fetch(url),
});
`;

/** The same tool, silenced for the whole file. */
const SUPPRESSED_FILE = `/* agent-risk-disable -- nothing to see here */\n${SUPPRESSED_NEXT_LINE.replace(/^\s*\/\/ agent-risk-disable-next-line.*\n/m, '')}`;

function reported(text: string, file: string, vendorGlobs?: string[]): { findings: string[]; suppressed: string[] } {
  const config = vendorGlobs === undefined ? defaultConfig() : mergeConfig(defaultConfig(), { vendorGlobs });
  const result = lintText(text, file, config);
  return {
    findings: result.findings
      .map(
        (finding) =>
          `${finding.ruleId}${finding.suppression ? ` (directive honoured: ${finding.suppression.honoured})` : ''}`,
      )
      .sort(),
    suppressed: result.suppressed.map((finding) => finding.ruleId).sort(),
  };
}

describe('reliability: suppressions in vendored code', function () {
  this.timeout(60_000);

  describe('in the engine', () => {
    it('honours a suppression in the project’s own code (the control case)', () => {
      assert.deepEqual(reported(SUPPRESSED_NEXT_LINE, '/work/app/src/tools.js').suppressed, ['unscoped-network']);
      assert.ok(reported(SUPPRESSED_FILE, '/work/app/src/tools.js').suppressed.includes('unscoped-network'));
    });

    for (const file of [
      '/work/app/node_modules/evil-mcp/index.js',
      '/work/app/vendor/evil/index.js',
      '/work/app/third_party/evil/index.js',
      'node_modules/evil-mcp/dist/index.js',
    ]) {
      it(`reports through next-line and file directives in ${file}`, () => {
        for (const text of [SUPPRESSED_NEXT_LINE, SUPPRESSED_FILE]) {
          const { findings, suppressed } = reported(text, file);
          assert.deepEqual(suppressed, []);
          assert.ok(findings.includes('unscoped-network (directive honoured: false)'), findings.join(', '));
        }
      });
    }

    it('treats configured vendor globs as vendored, in addition to the defaults (a configuration cannot un-vendor node_modules)', () => {
      assert.deepEqual(reported(SUPPRESSED_NEXT_LINE, '/work/app/external/lib.js', ['**/external/**']).suppressed, []);
      assert.deepEqual(reported(SUPPRESSED_NEXT_LINE, '/work/app/node_modules/x/index.js', []).suppressed, []);
      assert.deepEqual(reported(SUPPRESSED_NEXT_LINE, '/work/app/src/index.js', []).suppressed, ['unscoped-network']);
    });
  });

  describe('through the CLI', () => {
    let dir: Scratch;
    beforeEach(() => {
      dir = scratch('vendor');
      dir.write({
        'app/node_modules/evil-mcp/index.js': SUPPRESSED_NEXT_LINE,
        'app/external/lib.js': SUPPRESSED_NEXT_LINE,
        'app/src/tools.js': SUPPRESSED_NEXT_LINE,
      });
    });
    afterEach(() => dir.remove());

    const scan = (target: string): ReturnType<typeof parseReport> => {
      const run = runCli(['scan', target, '--format', 'json', '--fail-on', 'never'], { cwd: dir.dir });
      return parseReport(run.stdout, run.stderr);
    };
    const networkIn = (report: ReturnType<typeof parseReport>, fragment: string): boolean =>
      report.findings.some((finding) => finding.ruleId === 'unscoped-network' && finding.file.includes(fragment));

    it('reports the suppressed finding of a package under node_modules scanned by name', () => {
      assert.ok(networkIn(scan('app/node_modules/evil-mcp'), 'evil-mcp'));
    });

    it('does not let a configuration file shipped inside the package switch its rules off', () => {
      dir.write({
        'app/node_modules/evil-mcp/.agent-risk.json': '{ "root": true, "rules": { "*": "off" }, "vendorGlobs": [] }\n',
      });
      assert.ok(
        networkIn(scan('app/node_modules/evil-mcp'), 'evil-mcp'),
        'the package silenced itself with its own .agent-risk.json',
      );
    });

    it('anchors a vendor glob written in a configuration file at that file’s folder, like include and exclude', () => {
      dir.write({ 'app/.agent-risk.json': '{ "vendorGlobs": ["external/**"] }\n' });
      assert.ok(
        networkIn(scan('app'), 'external/lib.js'),
        'the relative glob external/** did not mark app/external as vendored',
      );
    });

    it('keeps node_modules vendored when a project adds vendor globs of its own', () => {
      dir.write({ 'app/.agent-risk.json': '{ "vendorGlobs": ["**/external/**"] }\n' });
      assert.ok(
        networkIn(scan('app/node_modules/evil-mcp'), 'evil-mcp'),
        'adding a vendor glob dropped node_modules from the vendored globs',
      );
    });
  });
});

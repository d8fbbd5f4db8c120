// Broken, hostile and conflicting configuration: a clear message where the mistake is, a working engine, never a crash.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseConfigText, TOP_LEVEL_KEYS } from '../../src/config/index';
import { defaultConfig, lintText, mergeConfig } from '../../src/engine/index';
import type { ResolvedConfig } from '../../src/engine/types';
import { runCli } from './support/cli';
import { toolFile } from './support/generate';
import { bySweep } from './support/mode';
import { lineStarts } from './support/positions';
import { scratch, type Scratch } from './support/scratch';
import { mutate, tokenise } from './support/tokens';

const SEED = Number(process.env.AGENT_RISK_FUZZ_SEED ?? 20260602);
const RUNS = bySweep(500, 5_000);

/** A configuration using every key, as a seed for mutation. */
const FULL_CONFIG = `{
  // Every key, so mutations reach every validator.
  "$schema": "./node_modules/agent-risk-lint/rules/config.schema.json",
  "root": true,
  "rules": { "unscoped-*": "warn", "missing-audit-hook": "off" },
  "include": ["src/**"],
  "exclude": ["src/generated/**", "!src/generated/keep.ts"],
  "sinks": [{ "id": "my-http", "rule": "unscoped-network", "module": ["my-http"], "path": "Member[get].Argument[0]", "part": "url", "isWrite": false }],
  "guardFunctions": ["assertAllowedHost"],
  "auditFunctions": ["recordToolCall"],
  "approvalFunctions": ["requestApproval"],
  "toolFactories": [{ "name": "makeTool", "handler": "Argument[1]", "input": "Parameter[0]", "nameAt": "Argument[0]" }],
  "vendorGlobs": ["**/vendor/**"],
  "maxFileBytes": 1048576,
}
`;

const RISKY_TOOL = toolFile('return fetch(url);');

/** Whatever a configuration file says, what comes out must be usable by the engine. */
function assertUsable(text: string): void {
  const { config, errors } = parseConfigText(text, '/w/.agent-risk.json');
  const starts = lineStarts(text);
  for (const error of errors) {
    assert.equal(error.file, '/w/.agent-risk.json');
    assert.ok(error.line >= 1 && error.line <= starts.length, `line ${error.line} outside the file: ${error.message}`);
    assert.ok(error.column >= 1, `column ${error.column}: ${error.message}`);
    assert.ok(error.message.length > 0);
  }
  const { include, exclude, root, ...engine } = config;
  void include;
  void exclude;
  void root;
  const merged: ResolvedConfig = mergeConfig(defaultConfig(), engine);
  const result = lintText(RISKY_TOOL, '/w/src/tool.ts', merged);
  assert.ok(!result.problems.some((problem) => problem.kind === 'internal'), JSON.stringify(result.problems));
}

describe('reliability: configuration errors', function () {
  this.timeout(120_000);

  describe('the parser and validator, fuzzed', () => {
    it(`turn any text into errors with positions and a configuration the engine can use (${RUNS} runs)`, () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => assertUsable(text)),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it(`accept any JSON value at any known key without throwing (${RUNS} runs)`, () => {
      const value = fc.jsonValue({ maxDepth: 3 });
      const config = fc.dictionary(fc.constantFrom(...TOP_LEVEL_KEYS), value, { maxKeys: 6 });
      fc.assert(
        fc.property(config, (object) => assertUsable(JSON.stringify(object, null, 2))),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it(`survive token mutations of a configuration that uses every key (${RUNS} runs)`, () => {
      const source = tokenise(`(${FULL_CONFIG})`);
      assert.ok(source, 'the seed configuration tokenises');
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
      );
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          // The parentheses only let the JS tokenizer read an object; drop them again.
          assertUsable(mutate(source, mutations).slice(1, -1));
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it('the seed configuration itself is valid', () => {
      assert.deepEqual(parseConfigText(FULL_CONFIG, '/w/.agent-risk.json').errors, []);
    });
  });

  describe('through the CLI', () => {
    let dir: Scratch;
    beforeEach(() => {
      dir = scratch('config');
      dir.write({ 'app/src/tool.ts': RISKY_TOOL });
    });
    afterEach(() => dir.remove());

    const cases: Array<{ name: string; config: string; at: string; says: RegExp }> = [
      {
        name: 'malformed JSON',
        config: '{\n  "rules": {\n    "unscoped-network": "off"\n  \n',
        at: '5:1',
        says: /closing brace/,
      },
      {
        name: 'a value of the wrong type',
        config: '{\n  "maxFileBytes": "big"\n}\n',
        at: '2:19',
        says: /maxFileBytes/,
      },
      {
        name: 'an unknown rule',
        config: '{\n  "rules": { "unscoped-netwrok": "off" }\n}\n',
        at: '2:14',
        says: /unscoped-network/,
      },
      { name: 'an unknown setting', config: '{\n  "exlude": ["**"]\n}\n', at: '2:3', says: /exclude/ },
      // ESLint's habit: severity and options in an array.
      {
        name: 'a severity written as an array',
        config: '{\n  "rules": { "unscoped-network": ["error"] }\n}\n',
        at: '2:34',
        says: /[Ss]everity/,
      },
      {
        name: 'a tool factory whose nameAt path does not parse',
        config:
          '{\n  "toolFactories": [{ "name": "makeTool", "handler": "Argument[1]", "input": "Parameter[0]", "nameAt": "zz" }]\n}\n',
        at: '2:104',
        says: /nameAt/,
      },
      {
        name: 'a sink whose access path does not parse',
        config: '{\n  "sinks": [{ "id": "x", "rule": "unscoped-network", "module": "m", "path": "Member[get" }]\n}\n',
        at: '2:77',
        says: /Member\[get/,
      },
    ];
    for (const { name, config, at, says } of cases) {
      it(`stops with exit code 2 and names the file, line and column of ${name}`, () => {
        dir.write({ 'app/.agent-risk.json': config });
        const run = runCli(['scan', 'app'], { cwd: dir.dir });
        assert.equal(run.status, 2, run.stdout + run.stderr);
        assert.ok(run.stderr.includes(`app/.agent-risk.json:${at}:`), run.stderr);
        assert.match(run.stderr, says);
        assert.doesNotMatch(run.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace');
      });
    }

    it('says which configuration excluded every file when nothing is left to scan', () => {
      dir.write({ 'app/.agent-risk.json': '{ "exclude": ["**"] }\n' });
      const run = runCli(['scan', 'app'], { cwd: dir.dir });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout + run.stderr, /0 files/);
      // Silence here would look like a clean project; the user needs to know why nothing was read.
      assert.ok(
        (run.stdout + run.stderr).includes('.agent-risk.json'),
        `no mention of the configuration that excluded everything:\n${run.stdout}${run.stderr}`,
      );
    });

    it('applies a configuration in a parent folder to a scan started below it', () => {
      dir.write({ '.agent-risk.json': '{ "rules": { "unscoped-network": "off" } }\n' });
      const run = runCli(['scan', 'src', '--format', 'json'], { cwd: dir.path('app') });
      const rules = (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }> }).findings.map(
        (finding) => finding.ruleId,
      );
      assert.ok(rules.includes('missing-audit-hook'), run.stdout);
      assert.ok(!rules.includes('unscoped-network'), run.stdout);
    });

    it('lets the nearer configuration win when a parent and a child disagree', () => {
      dir.write({
        '.agent-risk.json': '{ "rules": { "unscoped-network": "off", "missing-audit-hook": "off" } }\n',
        'app/.agent-risk.json': '{ "rules": { "unscoped-network": "warning" } }\n',
      });
      const run = runCli(['scan', 'app', '--format', 'json'], { cwd: dir.dir });
      const findings = (
        JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string }> }
      ).findings.map((finding) => `${finding.ruleId}:${finding.severity}`);
      assert.deepEqual(findings, ['unscoped-network:warning']);
    });

    it('applies conflicting entries of one file in order, the later winning', () => {
      dir.write({
        'app/.agent-risk.json':
          '{ "rules": { "unscoped-*": "off", "unscoped-network": "error", "missing-*": "off" } }\n',
      });
      const run = runCli(['scan', 'app', '--format', 'json'], { cwd: dir.dir });
      const findings = (
        JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string }> }
      ).findings.map((finding) => `${finding.ruleId}:${finding.severity}`);
      assert.deepEqual(findings, ['unscoped-network:error']);
    });

    it('lets a --rule flag win over every configuration file', () => {
      dir.write({ 'app/.agent-risk.json': '{ "rules": { "unscoped-network": "off" } }\n' });
      const run = runCli(['scan', 'app', '--format', 'json', '--rule', 'unscoped-network=info'], { cwd: dir.dir });
      const findings = (
        JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string }> }
      ).findings.map((finding) => `${finding.ruleId}:${finding.severity}`);
      assert.ok(findings.includes('unscoped-network:info'), findings.join(', '));
    });
  });
});

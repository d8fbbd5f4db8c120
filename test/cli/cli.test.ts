// The built CLI as a user runs it: flags, exit codes, formats, configuration errors and awkward files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parseCommandLine } from '../../src/cli/args';
import { CliError } from '../../src/cli/errors';
import { repoRoot } from '../support/paths';
import { sarifSchemaErrors } from './sarif-validation';
import { runCli, scratchDir, writeTree } from './support';

interface JsonReport {
  configuration: { scopes: Array<{ configFiles: string[]; rules: Record<string, string> }> };
  findings: Array<{ ruleId: string; file: string; tool?: { name: string } }>;
  problems: Array<{ kind: string; file: string; message: string }>;
  summary: { filesScanned: number; problems: number };
}

const validateReport = (() => {
  let compiled: ReturnType<Ajv['compile']> | undefined;
  return (report: unknown): void => {
    compiled ??= new Ajv({ allErrors: true, strict: true }).compile(
      JSON.parse(fs.readFileSync(path.join(repoRoot(), 'rules', 'report.schema.json'), 'utf8')) as object,
    );
    assert.equal(compiled(report), true, JSON.stringify(compiled.errors, null, 2));
  };
})();

function scanJson(args: string[], cwd?: string): { status: number | null; report: JsonReport; stderr: string } {
  const run = runCli(['scan', '--format', 'json', ...args], cwd === undefined ? {} : { cwd });
  assert.ok(run.stdout.length > 0, `no report; stderr: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as JsonReport;
  validateReport(report);
  return { status: run.status, report, stderr: run.stderr };
}

describe('cli: command line', () => {
  it('--help documents every flag and exits 0', () => {
    const run = runCli(['--help']);
    assert.equal(run.status, 0);
    for (const flag of [
      '--format',
      '--output',
      '--config',
      '--rule',
      '--fail-on',
      '--max-warnings',
      '--quiet',
      '--baseline',
      '--write-baseline',
      '--jobs',
      '--cache',
      '--cache-location',
      '--help',
      '--version',
    ]) {
      assert.ok(run.stdout.includes(flag), `--help does not mention ${flag}`);
    }
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      version: string;
    };
    assert.deepEqual(runCli(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
  });

  const usageErrors: Array<[string[], RegExp]> = [
    [['scna'], /Unknown command "scna"; did you mean scan\?/],
    [[], /Missing command/],
    [['scan', '--colour'], /Unknown option '--colour'/],
    [
      ['scan', '--format', 'sarf'],
      /--format must be one of stylish, json, sarif, markdown, not "sarf"; did you mean sarif\?/,
    ],
    [['scan', '--rule', 'unscoped-netwrk=warning'], /unknown rule "unscoped-netwrk"; did you mean unscoped-network\?/],
    [['scan', '--rule', 'unscoped-network'], /--rule takes ID=SEVERITY/],
    [['scan', '--fail-on', 'warnings'], /--fail-on must be one of error, warning, info, never/],
    [['scan', '--max-warnings', 'ten'], /--max-warnings must be a whole number/],
    [['scan', 'no/such/path'], /No such file or folder: no\/such\/path/],
    [['scan', '--config', 'missing.json', 'examples'], /--config missing.json: no such file/],
    [['inventory', '--format', 'sarif'], /inventory prints stylish, json or markdown/],
  ];
  for (const [args, reason] of usageErrors) {
    it(`exits 2 with a one-line reason: ${args.join(' ') || '(no arguments)'}`, () => {
      const run = runCli(args);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, reason);
      assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^agent-risk: /);
    });
  }
});

describe('cli: severity spellings', () => {
  it('takes warn for warning, as ESLint users write it, in --fail-on and --rule', () => {
    const options = parseCommandLine(['scan', '--fail-on', 'warn', '--rule', 'unscoped-network=warn']);
    assert.equal(options.failOn, 'warning');
    assert.deepEqual(options.rules, [['unscoped-network', 'warning']]);
  });

  it('lists warn among the accepted severities when a --rule severity is wrong', () => {
    assert.throws(
      () => parseCommandLine(['scan', '--rule', 'unscoped-network=loud']),
      (error: unknown) =>
        error instanceof CliError &&
        error.message.includes('severity must be one of off, hint, info, warning (or warn), error'),
    );
  });
});

describe('cli: configuration', () => {
  it('exits 2 on configuration errors and lists each with file, line and column', () => {
    const run = runCli(['scan', 'test/cli/fixtures/bad-config']);
    assert.equal(run.status, 2);
    assert.equal(run.stdout, '');
    const config = 'test/cli/fixtures/bad-config/.agent-risk.json';
    assert.match(run.stderr, /^agent-risk: Invalid configuration \(3 errors\):\n/);
    assert.ok(
      run.stderr.includes(`${config}:4:5: Unknown rule \`unscoped-netwrk\`; did you mean unscoped-network?`),
      run.stderr,
    );
    assert.ok(
      run.stderr.includes(`${config}:5:25: Severity \`loud\` is not one of off, hint, info, warning (or warn), error.`),
      run.stderr,
    );
    assert.ok(
      run.stderr.includes(`${config}:7:3: Unknown key \`auditFuncs\`; did you mean auditFunctions?`),
      run.stderr,
    );
  });

  it('reports configuration errors even when no source file is scanned', () => {
    const { dir, cleanup } = scratchDir('config');
    try {
      writeTree(dir, { '.agent-risk.json': '{ "root": true, "rulez": {} }' });
      const run = runCli(['scan', dir]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /\.agent-risk\.json:1:17: Unknown key `rulez`; did you mean rules\?/);
    } finally {
      cleanup();
    }
  });

  it('applies defaults < .agent-risk.json < --rule flags', () => {
    const fromFile = scanJson(['test/cli/fixtures/layered']).report.configuration.scopes[0];
    assert.deepEqual(fromFile?.configFiles, ['test/cli/fixtures/layered/.agent-risk.json']);
    assert.equal(fromFile?.rules['unscoped-network'], 'warning', 'the file overrides the default');
    assert.equal(fromFile?.rules['unscoped-process'], 'error', 'untouched rules keep their default');
    const fromFlag = scanJson([
      'test/cli/fixtures/layered',
      '--rule',
      'unscoped-network=info',
      '--rule',
      'unscoped-p*=off',
    ]).report.configuration.scopes[0];
    assert.equal(fromFlag?.rules['unscoped-network'], 'info', 'the flag overrides the file');
    assert.equal(fromFlag?.rules['unscoped-process'], 'off', 'flags take globs');
  });

  it('--config replaces the discovered files', () => {
    const scope = scanJson(['examples', '--config', 'test/cli/fixtures/layered/.agent-risk.json']).report.configuration
      .scopes[0];
    assert.deepEqual(scope?.configFiles, ['test/cli/fixtures/layered/.agent-risk.json']);
  });
});

describe('cli: files', () => {
  let dir = '';
  let cleanup = (): void => undefined;
  beforeEach(() => ({ dir, cleanup } = scratchDir('cli')));
  afterEach(() => cleanup());

  it('an empty folder is a clean scan of no files', () => {
    const run = runCli(['scan', dir]);
    assert.equal(run.status, 0);
    assert.equal(run.stderr, '', 'nothing on stderr when it is not a terminal');
    assert.match(run.stdout, /^✔ No findings: 0 files scanned, 0 tools recognised\.\n$/);
    assert.equal(scanJson([dir]).report.summary.filesScanned, 0);
  });

  it('a 10 MB minified file is a too-large problem, not a crash', function () {
    this.timeout(60_000);
    writeTree(dir, {
      'bundle.js': `var a=1;${'x=a+1;'.repeat((10 * 1024 * 1024) / 6)}\n`,
      'small.js': 'export const a = 1;\n',
    });
    const { status, report } = scanJson([dir]);
    assert.equal(status, 0);
    assert.equal(report.summary.filesScanned, 1);
    assert.equal(report.problems.length, 1);
    assert.equal(report.problems[0]?.kind, 'too-large');
    assert.match(report.problems[0]?.file ?? '', /bundle\.js$/);
    const stylish = runCli(['scan', dir]);
    assert.match(
      stylish.stdout,
      /Files not analysed\n {2}.*bundle\.js {2}too-large {2}Skipped: \d+ bytes is more than maxFileBytes \(8388608\)\./,
    );
  });

  it('maxFileBytes in .agent-risk.json sets the size limit', function () {
    this.timeout(60_000);
    writeTree(dir, {
      '.agent-risk.json': '{ "root": true, "maxFileBytes": 2000 }',
      'bundle.js': `var a=1;${'x=a+1;'.repeat(500)}\n`,
      'small.js': 'export const a = 1;\n',
    });
    const { report } = scanJson([dir]);
    assert.deepEqual(
      report.problems.map((problem) => `${path.basename(problem.file)} ${problem.kind} ${problem.message}`),
      ['bundle.js too-large Skipped: 3009 bytes is more than maxFileBytes (2000).'],
    );
  });

  it('a binary file with a source extension is a problem', () => {
    fs.writeFileSync(path.join(dir, 'image.js'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const { status, report } = scanJson([dir]);
    assert.equal(status, 0);
    assert.deepEqual(
      report.problems.map((problem) => problem.kind),
      ['binary'],
    );
  });

  it('an unreadable file is a read problem', function () {
    writeTree(dir, { 'secret.ts': 'export {};\n', 'open.ts': 'export {};\n' });
    fs.chmodSync(path.join(dir, 'secret.ts'), 0o000);
    // Root reads files whatever their mode, so as root the CLI runs as the unprivileged user `nobody`.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) fs.chmodSync(dir, 0o755);
    try {
      const run = runCli(['scan', '--format', 'json', dir], asRoot ? { uid: 65534 } : {});
      // `nobody` may be unable to reach the checkout itself (a private home folder); then this cannot be tested here.
      if (asRoot && run.stdout === '' && /Cannot find module|EACCES/.test(run.stderr)) this.skip();
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as JsonReport;
      assert.deepEqual(
        report.problems.map((problem) => problem.kind),
        ['read'],
      );
      assert.match(report.problems[0]?.message ?? '', /EACCES/);
      assert.equal(report.summary.filesScanned, 1);
    } finally {
      fs.chmodSync(path.join(dir, 'secret.ts'), 0o644);
    }
  });

  it('a symlink loop ends the walk and every file is scanned once', function () {
    writeTree(dir, { 'src/a.js': 'export const a = 1;\n' });
    try {
      fs.symlinkSync(dir, path.join(dir, 'src', 'loop'), 'dir');
    } catch {
      this.skip(); // No symlink permission on this platform.
    }
    const { status, report } = scanJson([dir]);
    assert.equal(status, 0);
    assert.equal(report.summary.filesScanned, 1);
  });

  it('--output writes the report to a file and nothing to stdout', () => {
    writeTree(dir, { 'a.js': 'export const a = 1;\n' });
    const output = path.join(dir, 'reports', 'agent-risk.sarif');
    const run = runCli(['scan', dir, '--format', 'sarif', '--output', output]);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '');
    assert.deepEqual(sarifSchemaErrors(JSON.parse(fs.readFileSync(output, 'utf8'))), []);
  });

  it('report paths are relative to the working folder with forward slashes', () => {
    writeTree(dir, {
      'nested/deep/big.js': `${'x'.repeat(100)}\n`,
      '.agent-risk.json': '{ "root": true, "maxFileBytes": 10 }',
    });
    const { report } = scanJson(['nested'], dir);
    assert.deepEqual(
      report.problems.map((problem) => problem.file),
      ['nested/deep/big.js'],
    );
  });
});

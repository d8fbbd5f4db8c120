// Issue 12's attacks on the scan, report and CLI side, each run as an attacker who controls the scanned repository would.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigForDir } from '../../src/config/index';
import { repoRoot } from '../support/paths';
import { runCli, type CliRun } from './support/cli';
import { toolFile, TOOL_IMPORTS } from './support/generate';
import { scratch, type Scratch } from './support/scratch';

const RISKY = toolFile('return fetch(url);');
/** Sixteen brace pairs: 65,536 patterns if expanded (4 GB and minutes before the cap). */
const BRACES = `${'{a,b}'.repeat(16)}/**`;
/** Generous: each of these ran in well under 5 s on the shared 2-core machine. */
const LIMIT_MS = 60_000;

interface Report {
  findings: Array<{ ruleId: string; file: string }>;
  tools: Array<{ name: string; file: string }>;
  problems: Array<{ kind: string; file: string }>;
  summary: { filesScanned: number; fromCache?: number };
  scan: {
    configFiles: string[];
    dropped: Array<{ source: string; globs: string[]; count: number }>;
    symlinksOutside: string[];
    compiledPackages: string[];
    fromCache: number;
    baselined: number;
    notes: Array<{ id: string; text: string }>;
  };
}

interface SarifInvocation {
  properties: Report['scan'] & { ruleOverrides: Array<{ weakened: string[] }> };
  toolConfigurationNotifications: Array<{ descriptor: { id: string }; message: { text: string } }>;
}

function json(run: CliRun): Report {
  try {
    return JSON.parse(run.stdout) as Report;
  } catch {
    throw new Error(`Not JSON.\nstdout: ${run.stdout.slice(0, 1500)}\nstderr: ${run.stderr.slice(0, 1500)}`);
  }
}

function invocation(run: CliRun): SarifInvocation {
  const log = JSON.parse(run.stdout) as { runs: Array<{ invocations: SarifInvocation[] }> };
  const first = log.runs[0]?.invocations[0];
  assert.ok(first, 'SARIF has an invocation');
  return first;
}

describe('reliability: attacks on scan, report and CLI (issue 12)', function () {
  this.timeout(300_000);
  let dir: Scratch;
  let cacheHome: Scratch;
  const cli = (args: string[], cwd = dir.dir): CliRun => {
    const run = runCli(args, { cwd, timeoutMs: LIMIT_MS, env: { XDG_CACHE_HOME: cacheHome.dir } });
    assert.ok(!run.timedOut, `agent-risk ${args.join(' ')} took over ${LIMIT_MS} ms`);
    return run;
  };
  beforeEach(() => {
    dir = scratch('attack');
    cacheHome = scratch('cache-home');
  });
  afterEach(() => {
    dir.remove();
    cacheHome.remove();
  });

  describe('1. results never come from the scanned tree', () => {
    it('keeps the default cache outside the tree and refuses a location inside it or a symlink', () => {
      dir.write({ 'src/tool.ts': RISKY });
      assert.equal(cli(['scan', '.', '--cache']).status, 1);
      assert.ok(!fs.existsSync(dir.path('.agent-risk-cache')), 'nothing is written into the scanned tree');
      assert.equal(fs.readdirSync(path.join(cacheHome.dir, 'agent-risk')).length, 1);

      const inside = cli(['scan', '.', '--cache', '--cache-location', '.agent-risk-cache']);
      assert.equal(inside.status, 2);
      assert.match(inside.stderr, /inside the scanned path/);

      fs.symlinkSync(cacheHome.dir, dir.path('..', `${path.basename(dir.dir)}-link`));
      const link = cli(['scan', 'src', '--cache', '--cache-location', `../${path.basename(dir.dir)}-link`]);
      fs.rmSync(dir.path('..', `${path.basename(dir.dir)}-link`));
      assert.equal(link.status, 2);
      assert.match(link.stderr, /is a symlink/);
    });

    it('ignores a poisoned entry (findings emptied, state pointing at another file) and counts cached results', () => {
      dir.write({ 'src/tool.ts': RISKY, 'src/clean.ts': 'export const x = 1;\n' });
      const cold = json(cli(['scan', '.', '--cache', '--format', 'json']));
      assert.equal(cold.scan.fromCache, 0);
      const warm = json(cli(['scan', '.', '--cache', '--format', 'json']));
      assert.equal(warm.scan.fromCache, 2);
      assert.equal(warm.summary.fromCache, 2);

      const folder = path.join(cacheHome.dir, 'agent-risk');
      const [name] = fs.readdirSync(folder);
      assert.ok(name);
      const file = path.join(folder, name);
      const cache = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        entries: Record<string, { state: { file: string }; result: { findings: unknown[] } }>;
      };
      const cleanEntry = cache.entries[dir.path('src', 'clean.ts')];
      const toolEntry = cache.entries[dir.path('src', 'tool.ts')];
      assert.ok(cleanEntry && toolEntry);
      toolEntry.state = cleanEntry.state;
      toolEntry.result.findings = [];
      fs.writeFileSync(file, JSON.stringify(cache));

      const poisoned = cli(['scan', '.', '--cache', '--format', 'json']);
      assert.equal(poisoned.status, 1);
      const report = json(poisoned);
      assert.ok(report.findings.some((finding) => finding.file === 'src/tool.ts'));
      assert.equal(report.scan.fromCache, 1, 'only the clean file came from the cache');
      const stylish = cli(['scan', '.', '--cache']);
      assert.match(stylish.stdout, /2 files scanned, 1 tool recognised, 2 from cache\./);
    });
  });

  describe('2. everything that changes the verdict is visible', () => {
    it('lists a subfolder configuration whose files were all excluded, and a .gitignore that dropped a file', () => {
      dir.write({
        'src/tool.ts': RISKY,
        'pkg/.agent-risk.json': JSON.stringify({ exclude: ['hidden.ts'] }),
        'pkg/hidden.ts': RISKY,
        'lib/.gitignore': 'ignored.ts\n',
        'lib/ignored.ts': RISKY,
      });
      const report = json(cli(['scan', '.', '--format', 'json']));
      assert.deepEqual(report.scan.configFiles, ['pkg/.agent-risk.json']);
      const bySource = new Map(report.scan.dropped.map((entry) => [entry.source, entry]));
      assert.equal(bySource.get('pkg/.agent-risk.json')?.count, 1);
      assert.deepEqual(bySource.get('pkg/.agent-risk.json')?.globs, ['pkg/**/hidden.ts']);
      assert.equal(bySource.get('lib/.gitignore')?.count, 1);

      const sarif = invocation(cli(['scan', '.', '--format', 'sarif']));
      assert.deepEqual(sarif.properties.configFiles, ['pkg/.agent-risk.json']);
      const ids = sarif.toolConfigurationNotifications.map((note) => note.descriptor.id);
      assert.ok(ids.includes('config-files') && ids.includes('excluded'), ids.join(', '));
      const stylish = cli(['scan', '.']).stdout;
      assert.match(stylish, /Excluded by pkg\/\.agent-risk\.json: 1 path/);
      assert.match(stylish, /Excluded by lib\/\.gitignore: 1 path/);
    });

    it('shows rules turned off by a root configuration, configured names and the baseline in SARIF', () => {
      dir.write({
        'app/.agent-risk.json': JSON.stringify({
          root: true,
          rules: { '*': 'off' },
          approvalFunctions: ['approvals.create'],
        }),
        'app/tool.ts': RISKY,
        'other/tool.ts': RISKY,
      });
      assert.equal(cli(['scan', '.', '--write-baseline', 'base.json']).status, 0);
      const run = cli(['scan', '.', '--format', 'sarif', '--baseline', 'base.json']);
      assert.equal(run.status, 0);
      const sarif = invocation(run);
      const weakened = sarif.properties.ruleOverrides.flatMap((scope) => scope.weakened);
      assert.ok(
        weakened.some((entry) => entry.startsWith('unscoped-network (error → off)')),
        weakened.join(', '),
      );
      assert.ok(sarif.properties.baselined > 0);
      const ids = sarif.toolConfigurationNotifications.map((note) => note.descriptor.id);
      for (const id of ['rules-weakened', 'approvalFunctions', 'baselined']) assert.ok(ids.includes(id), id);
    });
  });

  describe('3. no silent pass', () => {
    it('reads UTF-16 with a BOM (LE and BE) and a stray NUL in a comment; fails on unread files when asked', () => {
      const text = RISKY.replace('fetchPage', 'viaUtf16');
      dir.write({
        'src/le.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
        'src/be.ts': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
        'src/nul.ts': RISKY.replace('fetchPage', 'withNul').replace("'ai';", "'ai'; // \u0000 here"),
        'src/pad.ts': `${RISKY}//${' '.repeat(8 * 1024 * 1024 + 16)}\n`,
        'src/blob.ts': Buffer.alloc(4096, 0),
      });
      const report = json(cli(['scan', '.', '--format', 'json']));
      const tools = report.tools.map((tool) => `${tool.file}:${tool.name}`).sort();
      assert.deepEqual(tools, ['src/be.ts:viaUtf16', 'src/le.ts:viaUtf16', 'src/nul.ts:withNul']);
      assert.deepEqual(report.problems.map((problem) => `${problem.file}:${problem.kind}`).sort(), [
        'src/blob.ts:binary',
        'src/pad.ts:too-large',
      ]);

      dir.write({ 'src/le.ts': '', 'src/be.ts': '', 'src/nul.ts': '' });
      const stylish = cli(['scan', '.']);
      assert.equal(stylish.status, 0, 'without the flag, unread files alone do not fail');
      assert.match(stylish.stdout.trimEnd().split('\n').at(-1) ?? '', /2 files not analysed/);
      assert.equal(cli(['scan', '.', '--fail-on-problems']).status, 1);
      dir.write({ '.agent-risk.json': '{ "failOnProblems": true }' });
      assert.equal(cli(['scan', '.']).status, 1);
    });
  });

  describe('4. bounded glob work', () => {
    for (const key of ['exclude', 'include', 'vendorGlobs']) {
      it(`rejects 16 brace groups in ${key} with a configuration error, fast`, () => {
        dir.write({ 'src/tool.ts': RISKY, '.agent-risk.json': JSON.stringify({ [key]: [BRACES] }) });
        const started = Date.now();
        const run = cli(['scan', '.']);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /expands to more than 256 patterns/);
        assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
      });
    }

    it('skips a .gitignore line of 16 brace groups and still scans, fast', () => {
      dir.write({ 'src/tool.ts': RISKY, '.gitignore': `${BRACES}\n` });
      const started = Date.now();
      assert.equal(cli(['scan', '.']).status, 1);
      assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
    });
  });

  describe('6. symlinks stay inside', () => {
    it('does not follow a link to / or to a folder outside the repository, and says so', () => {
      const outside = scratch('outside');
      try {
        outside.write({ 'secret.ts': toolFile('return fetch(url);').replace('fetchPage', 'tokenLeak') });
        dir.write({ 'src/tool.ts': RISKY });
        fs.symlinkSync('/', dir.path('rootlink'));
        fs.symlinkSync(outside.dir, dir.path('src', 'vendored'));
        const started = Date.now();
        const run = cli(['scan', '.', '--format', 'json']);
        assert.ok(Date.now() - started < 30_000, `${Date.now() - started} ms`);
        const report = json(run);
        assert.deepEqual(report.scan.symlinksOutside, ['rootlink', 'src/vendored']);
        assert.ok(!report.tools.some((tool) => tool.name === 'tokenLeak'));
        for (const format of ['markdown', 'stylish']) {
          const text = cli(['inventory', '.', '--format', format]).stdout;
          assert.ok(!text.includes('tokenLeak'), format);
        }
      } finally {
        outside.remove();
      }
    });

    it('replaces a symlinked --output or --write-baseline instead of writing through it', () => {
      const outside = scratch('target');
      try {
        outside.write({ 'precious.txt': 'keep me\n' });
        dir.write({ 'src/tool.ts': RISKY });
        fs.symlinkSync(outside.path('precious.txt'), dir.path('report.sarif'));
        fs.symlinkSync(outside.path('precious.txt'), dir.path('baseline.json'));
        cli(['scan', 'src', '--format', 'sarif', '--output', 'report.sarif']);
        cli(['scan', 'src', '--write-baseline', 'baseline.json']);
        assert.equal(fs.readFileSync(outside.path('precious.txt'), 'utf8'), 'keep me\n');
        assert.ok(!fs.lstatSync(dir.path('report.sarif')).isSymbolicLink());
        assert.ok(!fs.lstatSync(dir.path('baseline.json')).isSymbolicLink());
        assert.match(fs.readFileSync(dir.path('report.sarif'), 'utf8'), /"version": "2.1.0"/);
      } finally {
        outside.remove();
      }
    });
  });

  describe('7. escaping per format', () => {
    const HOSTILE = 'x`\\n\\n<!--\\u001b[31m\\n::notice ::owned';
    const named = `${TOOL_IMPORTS}export const hostile = tool({
  name: '${HOSTILE}',
  description: 'Fetch',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => fetch(url),
});
${RISKY.replace(TOOL_IMPORTS, '').replace('fetchPage', 'afterIt')}`;

    it('keeps a hostile tool name inside its code span in Markdown and on one line in stylish and inventory', () => {
      dir.write({ 'src/tool.ts': named });
      const markdown = cli(['scan', '.', '--format', 'markdown']).stdout;
      assert.ok(!/^<!--/m.test(markdown) && !markdown.includes('\n<!--'), 'no raw HTML comment starts a line');
      assert.match(markdown, /afterIt/, 'the finding after the hostile name is still there');
      for (const args of [['scan'], ['inventory']]) {
        const text = cli([...args, '.']).stdout;
        assert.ok(!text.includes('\u001b'), `${args[0]}: no raw escape character`);
        assert.ok(!/^::notice/m.test(text), `${args[0]}: no workflow command on its own line`);
      }
      const sarif = JSON.parse(cli(['scan', '.', '--format', 'sarif']).stdout) as {
        runs: Array<{ results: Array<{ message: Record<string, unknown> }> }>;
      };
      for (const result of sarif.runs[0]?.results ?? []) assert.deepEqual(Object.keys(result.message), ['text']);
    });
  });

  describe('8. Restricted Mode', () => {
    it('declares every setting that can hide a finding as restricted', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
        capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
      };
      const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
      for (const name of ['rules', 'include', 'exclude', 'vendorGlobs', 'guardFunctions', 'approvalFunctions'])
        assert.ok(restricted.includes(`agentRisk.${name}`), name);
      for (const name of ['auditFunctions', 'configFile']) assert.ok(restricted.includes(`agentRisk.${name}`), name);
    });

    it('stops the configuration search at the folder it is given (the editor passes the workspace folder)', () => {
      dir.write({ '.agent-risk.json': '{ "rules": { "*": "off" } }', 'workspace/src/tool.ts': RISKY });
      const bounded = loadConfigForDir(dir.path('workspace', 'src'), { stopAt: dir.path('workspace') });
      assert.deepEqual(bounded.configFiles, []);
      const unbounded = loadConfigForDir(dir.path('workspace', 'src'));
      assert.deepEqual(unbounded.configFiles, [dir.path('.agent-risk.json')]);
    });
  });

  describe('issue 10 item 8: compiled packages', () => {
    it('scans the build output of a package with no other source (or only entry shims), and says so; --no-default-excludes walks tests', () => {
      dir.write({
        'server/package.json': '{ "name": "mcp-server", "main": "dist/index.js" }',
        'server/dist/index.js': RISKY.replace('fetchPage', 'compiledTool'),
        'server/dist/index.d.ts': 'export declare const compiledTool: unknown;\n',
        'app/package.json': '{ "name": "app" }',
        'app/src/tool.ts': RISKY,
        'app/dist/index.js': RISKY.replace('fetchPage', 'appBuild'),
        'app/test/tool.ts': RISKY.replace('fetchPage', 'testTool'),
        // An entry shim beside the build output is no source of its own.
        'shim/package.json': '{ "name": "mcp-shim", "bin": "cli.js" }',
        'shim/cli.js': "#!/usr/bin/env node\nimport './dist/index.js';\n",
        'shim/dist/index.js': RISKY.replace('fetchPage', 'shimTool'),
        // A launcher that joins the folder's name into the path it imports is a shim too.
        'joined/package.json': '{ "name": "mcp-joined", "bin": "bin/run.js" }',
        'joined/bin/run.js':
          "#!/usr/bin/env node\nimport { join } from 'path';\nawait import(join(import.meta.dirname, '..', 'dist', 'serve.js'));\n",
        'joined/dist/serve.js': RISKY.replace('fetchPage', 'joinedTool'),
        // A launcher under bin/ that says more before it hands over (usage text, finding a runtime) is a shim too.
        'launcher/package.json': '{ "name": "mcp-launcher", "bin": "bin/launch.mjs" }',
        'launcher/bin/launch.mjs': `#!/usr/bin/env node\n${'// Finds a runtime, then runs the server in this process.\n'.repeat(60)}await import(new URL('../dist/index.js', import.meta.url).href);\n`,
        'launcher/dist/index.js': RISKY.replace('fetchPage', 'launcherTool'),
        // A script the manifest runs at install time is no source of the package's own either.
        'lifecycle/package.json': '{ "name": "mcp-lifecycle", "scripts": { "preinstall": "node preinstall.js" } }',
        'lifecycle/preinstall.js': "console.log('checking the Python toolchain');\n",
        'lifecycle/dist/server.js': RISKY.replace('fetchPage', 'lifecycleTool'),
        // Examples beside the build output are no source of the package's own either: both are read.
        'withexamples/package.json': '{ "name": "mcp-examples", "main": "dist/server.js" }',
        'withexamples/examples/usage.js': RISKY.replace('fetchPage', 'exampleTool'),
        'withexamples/dist/server.js': RISKY.replace('fetchPage', 'examplesBuild'),
        // Nor is the build tool's configuration published beside it; code under another name is.
        'bundled/package.json': '{ "name": "agent-plugin", "main": "dist/index.js" }',
        'bundled/tsup.config.ts': "export default { entry: ['src/index.ts'], format: ['esm'] };\n",
        'bundled/dist/index.js': RISKY.replace('fetchPage', 'bundledTool'),
        'configured/package.json': '{ "name": "configured" }',
        'configured/config.ts': RISKY.replace('fetchPage', 'configuredTool'),
        'configured/dist/index.js': RISKY.replace('fetchPage', 'configuredBuild'),
      });
      const run = cli(['scan', '.', '--format', 'json']);
      const report = json(run);
      const names = report.tools.map((tool) => tool.name).sort();
      assert.deepEqual(names, [
        'bundledTool',
        'compiledTool',
        'configuredTool',
        'exampleTool',
        'examplesBuild',
        'fetchPage',
        'joinedTool',
        'launcherTool',
        'lifecycleTool',
        'shimTool',
      ]);
      assert.deepEqual(report.scan.compiledPackages, [
        'bundled',
        'joined',
        'launcher',
        'lifecycle',
        'server',
        'shim',
        'withexamples',
      ]);
      assert.match(run.stderr, /server has no source outside its build output/);
      const all = json(cli(['scan', '.', '--format', 'json', '--no-default-excludes']));
      assert.deepEqual(all.tools.map((tool) => tool.name).sort(), [
        'appBuild',
        'bundledTool',
        'compiledTool',
        'configuredBuild',
        'configuredTool',
        'exampleTool',
        'examplesBuild',
        'fetchPage',
        'joinedTool',
        'launcherTool',
        'lifecycleTool',
        'shimTool',
        'testTool',
      ]);
    });
  });
});

// The linter only reads: it never loads, evaluates or runs scanned code or configuration, and never touches the network.
// Node modules are imported with `require` so the traps patch the real module objects, not read-only namespace copies.
import * as assert from 'node:assert/strict';
import childProcess = require('node:child_process');
import dgram = require('node:dgram');
import dns = require('node:dns');
import * as fs from 'node:fs';
import http = require('node:http');
import http2 = require('node:http2');
import https = require('node:https');
import Module = require('node:module');
import net = require('node:net');
import * as path from 'node:path';
import tls = require('node:tls');
import vm = require('node:vm');
import { main, type Io } from '../../src/cli/main';
import { defaultConfig, lintText, Project } from '../../src/engine/index';
import { repoRoot } from '../support/paths';
import { runCli } from './support/cli';
import { ruleFixtures } from './support/fixtures';
import { parseReport } from './support/report-json';
import { scratch, type Scratch } from './support/scratch';

/** Code that leaves a file named `name` in the markers folder if anything ever runs it. */
function dropsMarker(markers: string, name: string): string {
  return `require('fs').writeFileSync(${JSON.stringify(path.join(markers, name))}, 'ran');\n`;
}

/** A workspace where every file and every configuration entry would leave a marker if loaded or run. */
function booby(dir: Scratch): string {
  const markers = dir.path('markers');
  fs.mkdirSync(markers);
  dir.write({
    'app/src/tool.ts': `${dropsMarker(markers, 'top-level')}import { tool } from 'ai';
import { z } from 'zod';
import { helper } from './helper';
import evil from 'evil-package';
import './side-effect';
const later = () => import('./dynamic.mjs');
export const run = tool({
  description: 'Run a command',
  inputSchema: z.object({ code: z.string(), url: z.string() }),
  execute: async ({ code, url }) => {
    eval(${JSON.stringify(dropsMarker(markers, 'eval'))});
    new Function(${JSON.stringify(dropsMarker(markers, 'function'))})();
    require('vm').runInNewContext(code);
    await later();
    return helper(url) + evil(url);
  },
});
`,
    'app/src/helper.ts': `${dropsMarker(markers, 'helper')}export function helper(u: string) {\n  return fetch(u);\n}\n`,
    'app/src/side-effect.ts': dropsMarker(markers, 'side-effect'),
    'app/src/dynamic.mjs': `import fs from 'fs';\nfs.writeFileSync(${JSON.stringify(path.join(markers, 'dynamic'))}, 'ran');\n`,
    'app/node_modules/evil-package/package.json': '{ "name": "evil-package", "main": "index.js" }\n',
    'app/node_modules/evil-package/index.js': `${dropsMarker(markers, 'package')}module.exports = (u) => fetch(u);\n`,
    'app/evil-config-module.js': dropsMarker(markers, 'config-module'),
    'app/.agent-risk.json': JSON.stringify({
      $schema: './evil-config-module.js',
      sinks: [
        {
          id: 'evil-sink',
          rule: 'unscoped-network',
          module: './evil-config-module.js',
          path: 'Member[get].Argument[0]',
        },
      ],
      toolFactories: [{ name: 'require', handler: 'Argument[0]', input: 'Parameter[0]' }],
      guardFunctions: ['./evil-config-module.js'],
      auditFunctions: ['process.exit'],
    }),
    // A configuration in the style of tools that do load plugins; here these keys are errors, never requires.
    'plugins/.agent-risk.json': JSON.stringify({
      plugins: ['../app/evil-config-module.js'],
      extends: '../app/evil-config-module.js',
      parser: '../app/evil-config-module.js',
    }),
    'plugins/tool.ts': "import { tool } from 'ai';\n",
  });
  return markers;
}

interface Call {
  api: string;
  detail: string;
}

/** Replaces every way Node opens a connection, resolves a name or starts a process with a recorder; returns the undo. */
function trapEffects(calls: Call[]): () => void {
  const restores: Array<() => void> = [];
  const trap = <T extends object>(owner: T, key: keyof T & string, api: string): void => {
    const original = owner[key];
    const replacement = function (this: unknown, ...args: unknown[]): never {
      calls.push({ api, detail: args.map((arg) => (typeof arg === 'string' ? arg : typeof arg)).join(', ') });
      throw new Error(`${api} called during linting`);
    };
    Object.defineProperty(owner, key, { value: replacement, configurable: true, writable: true });
    restores.push(() => Object.defineProperty(owner, key, { value: original, configurable: true, writable: true }));
  };
  trap(net.Socket.prototype, 'connect', 'net.Socket#connect');
  trap(net, 'connect', 'net.connect');
  trap(net, 'createConnection', 'net.createConnection');
  trap(tls, 'connect', 'tls.connect');
  trap(http, 'request', 'http.request');
  trap(http, 'get', 'http.get');
  trap(https, 'request', 'https.request');
  trap(https, 'get', 'https.get');
  trap(http2, 'connect', 'http2.connect');
  trap(dgram, 'createSocket', 'dgram.createSocket');
  trap(dns, 'lookup', 'dns.lookup');
  trap(dns, 'resolve', 'dns.resolve');
  trap(globalThis, 'fetch', 'fetch');
  for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const)
    trap(childProcess, name, `child_process.${name}`);
  for (const name of ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction'] as const)
    trap(vm, name, `vm.${name}`);
  return () => {
    for (const restore of restores.reverse()) restore();
  };
}

/** Records every module the process loads while `action` runs. */
function modulesLoadedDuring(action: () => void): string[] {
  const loaded: string[] = [];
  const original = Module.prototype.require;
  Module.prototype.require = function (this: NodeJS.Module, id: string) {
    loaded.push(id);
    return original.call(this, id);
  } as NodeJS.Require;
  try {
    action();
  } finally {
    Module.prototype.require = original;
  }
  return loaded;
}

/** Stand-in terminal streams for running the CLI in-process. */
function memoryIo(cwd: string): { io: Io; output: () => string } {
  let text = '';
  // The CLI only calls write() and reads isTTY; a full WriteStream is not needed, hence the cast.
  const write = (chunk: string): boolean => {
    text += chunk;
    return true;
  };
  const stream = { write, isTTY: false } as unknown as NodeJS.WriteStream;
  return { io: { cwd, env: { NO_COLOR: '1' }, stdout: stream, stderr: stream }, output: () => text };
}

describe('reliability: safety', function () {
  this.timeout(120_000);
  let dir: Scratch;
  let markers: string;
  beforeEach(() => {
    dir = scratch('safety');
    markers = booby(dir);
  });
  afterEach(() => dir.remove());

  it('the booby traps work: running the scanned file does leave a marker', () => {
    // Proves the markers would appear if the linter ever ran this code.
    childProcess.execFileSync(process.execPath, [
      '-e',
      fs.readFileSync(dir.path('app', 'src', 'helper.ts'), 'utf8').split('\n')[0] as string,
    ]);
    assert.deepEqual(fs.readdirSync(markers), ['helper']);
    fs.rmSync(path.join(markers, 'helper'));
  });

  it('never runs scanned code, the packages it imports or modules its configuration names (CLI scan and inventory)', () => {
    const json = runCli(['scan', 'app', '--format', 'json'], { cwd: dir.dir });
    // The configuration naming modules is valid, so the scan really linted the booby-trapped files.
    const report = parseReport(json.stdout, json.stderr);
    assert.ok(
      report.tools.some((tool) => tool.name === 'run'),
      JSON.stringify(report.tools.map((tool) => tool.name)),
    );
    assert.equal(report.summary.filesScanned, 5);
    for (const args of [
      ['inventory', 'app'],
      ['scan', 'app', '--format', 'sarif'],
      ['scan', 'app', '--jobs', '2'],
    ]) {
      const run = runCli(args, { cwd: dir.dir });
      assert.ok(run.status === 0 || run.status === 1, `${args.join(' ')}: ${run.stderr}`);
    }
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('rejects plugin-style configuration keys instead of loading them', () => {
    const run = runCli(['scan', 'plugins'], { cwd: dir.dir });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /plugins/);
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('loads no module from the scanned workspace while linting in-process', () => {
    const project = new Project(defaultConfig(), {
      readFile: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
    });
    const loaded = modulesLoadedDuring(() => {
      const result = project.lint(dir.path('app', 'src', 'tool.ts'));
      assert.ok(result.tools.length > 0, 'the tool is recognised, so its handler and helpers were analysed');
    });
    const fromWorkspace = loaded.filter((id) => id.startsWith('.') || id.startsWith(dir.dir) || id.includes('evil'));
    assert.deepEqual(fromWorkspace, []);
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('opens no socket, resolves no name and starts no process while linting every fixture and running the CLI', () => {
    const calls: Call[] = [];
    const fixtures = ruleFixtures();
    const sarif = memoryIo(dir.dir);
    const json = memoryIo(dir.dir);
    // Load everything the CLI needs before the traps go up, so only linting runs under them.
    lintText(fixtures[0]?.text ?? '', 'warm-up.ts');
    const restore = trapEffects(calls);
    let codes: number[];
    try {
      for (const fixture of fixtures) lintText(fixture.text, fixture.file);
      const project = new Project(defaultConfig(), {
        readFile: (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined),
      });
      for (const fixture of fixtures) project.lint(fixture.file);
      codes = [
        main(['scan', 'app', '--format', 'sarif'], sarif.io),
        main(['scan', path.join(repoRoot(), 'test', 'fixtures'), '--format', 'json', '--fail-on', 'never'], json.io),
      ];
    } finally {
      restore();
    }
    assert.deepEqual(calls, []);
    assert.ok(
      codes.every((code) => code <= 1),
      sarif.output().slice(0, 2000) + json.output().slice(0, 2000),
    );
    assert.ok(parseReport(json.output()).summary.filesScanned > 100, 'the in-process CLI scanned the fixtures');
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('the network trap works: a fetch during the trapped window is caught', () => {
    const calls: Call[] = [];
    const restore = trapEffects(calls);
    try {
      assert.throws(() => http.get('http://127.0.0.1:9/'));
    } finally {
      restore();
    }
    assert.deepEqual(
      calls.map((call) => call.api),
      ['http.get'],
    );
  });

  it('declares limited support for untrusted workspaces, restricting every setting that names a file', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
      capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
      contributes?: { configuration?: { properties?: Record<string, { type?: string }> } };
    };
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    const fileSettings = Object.entries(manifest.contributes?.configuration?.properties ?? {})
      .filter(([name, schema]) => schema.type === 'string' && /(File|Path|Dir|Folder|Module|Command)$/.test(name))
      .map(([name]) => name);
    assert.ok(fileSettings.includes('agentRisk.configFile'));
    assert.deepEqual(
      fileSettings.filter((name) => !(untrusted?.restrictedConfigurations ?? []).includes(name)),
      [],
    );
  });
});

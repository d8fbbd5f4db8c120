// The language server's bundle as a packaged .vsix ships it (dist/server.js and rules/, no node_modules): it lints,
// reports a syntax error as a parse problem, and converts trees with the lazy-location converter of its one parser.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InitializedNotification, InitializeRequest } from 'vscode-languageserver/node';
import { parseText } from '../../src/engine/parse';
import { cliFindingsOf, open, pullDiagnostics, pullWithSyntaxError, shutDown, startServer } from '../lsp/client';
import { repoRoot } from '../support/paths';

const EXAMPLES = path.join(repoRoot(), 'examples');
const WEB_TOOLS = path.join(EXAMPLES, 'src', 'ai-sdk', 'web-tools.ts');

/** Every node_modules folder Node would look in for a module required from `dir`. */
function reachableNodeModules(dir: string): string[] {
  const found: string[] = [];
  for (let at = dir; ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, 'node_modules'))) found.push(path.join(at, 'node_modules'));
    if (path.dirname(at) === at) return found;
  }
}

/** An environment in which Node finds no module outside the bundle (no NODE_PATH, no preloads). */
function bareEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['NODE_PATH'];
  delete env['NODE_OPTIONS'];
  return env;
}

function packageInto(folder: string): void {
  const build = spawnSync(
    process.execPath,
    [path.join(repoRoot(), 'scripts', 'bundle.mjs'), '--outdir', path.join(folder, 'dist')],
    {
      cwd: repoRoot(),
      encoding: 'utf8',
    },
  );
  assert.equal(build.status, 0, build.stderr);
  // What .vscodeignore ships beside the bundles that the server reads: the catalogs, schemas and rule docs.
  fs.mkdirSync(path.join(folder, 'rules'));
  for (const file of fs.readdirSync(path.join(repoRoot(), 'rules'))) {
    if (/\.(catalog\.yml|schema\.json|md)$/.test(file)) {
      fs.copyFileSync(path.join(repoRoot(), 'rules', file), path.join(folder, 'rules', file));
    }
  }
}

describe('the bundled language server without node_modules', function () {
  this.timeout(300_000);
  let folder = '';

  before(function () {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-risk-bundle-'));
    // The proof needs a folder from which no node_modules is reachable; a machine with one above tmp cannot give it.
    if (reachableNodeModules(folder).length > 0) this.skip();
    packageInto(folder);
  });

  after(() => {
    if (folder !== '') fs.rmSync(folder, { recursive: true, force: true });
  });

  it('converts with the lazy-location converter of its own parser copy and lints as the CLI does', async () => {
    const probe = path.join(folder, 'dist', 'probe.js');
    // The probe is bundled as the server is (scripts/bundle.mjs's converter plugin), then run from the same folder.
    // Required, not imported: a CommonJS build script shared with scripts/bundle.mjs, outside the compiled tree.
    const { estreeConverterPlugin } = require(path.join(repoRoot(), 'scripts', 'estree-converter-plugin.cjs')) as {
      estreeConverterPlugin: import('esbuild').Plugin;
    };
    const esbuild = await import('esbuild');
    await esbuild.build({
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      absWorkingDir: repoRoot(),
      logLevel: 'warning',
      entryPoints: [path.join(repoRoot(), 'test', 'support', 'bundle-probe.ts')],
      outfile: probe,
      plugins: [estreeConverterPlugin],
    });
    const run = spawnSync(process.execPath, [probe, WEB_TOOLS], { cwd: folder, env: bareEnv(), encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { lazy: boolean; line: number; findings: string[] };
    assert.equal(answer.lazy, true, 'the bundle converts with lazy locations, not the eager fallback');
    const unbundled = parseText(fs.readFileSync(WEB_TOOLS, 'utf8'), WEB_TOOLS).ast?.body[0]?.loc.start.line;
    assert.equal(answer.line, unbundled, 'lazy locations answer as the unbundled parser does');
    assert.deepEqual([...answer.findings].sort(), cliFindingsOf(EXAMPLES, WEB_TOOLS));
  });

  it('serves the CLI findings and a parse problem from dist/server.js', async () => {
    const server = startServer([path.join(folder, 'dist', 'server.js'), '--stdio'], { cwd: folder, env: bareEnv() });
    try {
      await server.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
      });
      await server.connection.sendNotification(InitializedNotification.type, {});
      const uri = await open(server, WEB_TOOLS);
      const diagnostics = await pullDiagnostics(server, uri);
      const shown = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character} ${String(d.code)}`);
      assert.deepEqual(shown.sort(), cliFindingsOf(EXAMPLES, WEB_TOOLS));
      assert.ok(diagnostics.length >= 2, server.stderr());
      // A syntax error is the parser's own TSError: the file is "not analysed", never an internal error.
      const broken = await pullWithSyntaxError(server, uri, WEB_TOOLS);
      assert.equal(broken.length, 1);
      assert.match(broken[0]?.message ?? '', /^Not analysed \(parse error at 12:\d+\)/);
      assert.equal(await shutDown(server), 0);
    } finally {
      server.process.kill();
    }
  });
});

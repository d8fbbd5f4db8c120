// The CLI on a pinned real package from npm, the way a reviewer would scan a dependency they audit.
import { spawnSync } from 'node:child_process';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { multitoolValidate } from './sarif-validation';
import { runCli } from './support';

/** The official MCP filesystem server: 14 registerTool tools, every path checked by validatePath in another file. */
const PACKAGE = '@modelcontextprotocol/server-filesystem';
const VERSION = '2026.8.31';

/** Unpacks the tarball once into a cache outside the repository, reused by later runs. */
function fetchPackage(): string | undefined {
  const cache = path.join(os.tmpdir(), 'agent-risk-cli-real', `${PACKAGE.replace('/', '+')}@${VERSION}`);
  const unpacked = path.join(cache, 'package');
  if (fs.existsSync(path.join(unpacked, 'package.json'))) return unpacked;
  fs.mkdirSync(cache, { recursive: true });
  const pack = spawnSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--silent'], { cwd: cache, encoding: 'utf8' });
  const tarball = pack.stdout.trim().split('\n').pop();
  if (pack.status !== 0 || tarball === undefined || tarball === '') return undefined;
  const untar = spawnSync('tar', ['-xzf', tarball], { cwd: cache, encoding: 'utf8' });
  return untar.status === 0 ? unpacked : undefined;
}

describe(`cli on a real package: ${PACKAGE}@${VERSION}`, function () {
  this.timeout(180_000);
  let dist = '';

  before(function () {
    const unpacked = fetchPackage();
    if (unpacked === undefined) {
      console.log(`    (skipped: could not fetch ${PACKAGE}@${VERSION} from the npm registry)`);
      this.skip();
    }
    // Published code lives in dist/, which a repository scan excludes; naming it scans it.
    dist = path.join(unpacked, 'dist');
  });

  it('scans without usage or internal errors and reports its timing', () => {
    const started = process.hrtime.bigint();
    const run = runCli(['scan', '--format', 'json', dist]);
    const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
    assert.notEqual(run.status, 2, run.stderr);
    const report = JSON.parse(run.stdout) as {
      problems: Array<{ kind: string }>;
      summary: { filesScanned: number; tools: number };
    };
    assert.equal(report.summary.filesScanned, 5);
    assert.deepEqual(
      report.problems.filter((problem) => problem.kind === 'internal'),
      [],
    );
    console.log(
      `    scanned ${report.summary.filesScanned} files, ${report.summary.tools} tools, in ${milliseconds.toFixed(0)} ms (process start included)`,
    );
  });

  it('recognises all fourteen registerTool tools (needs the analysis engine)', () => {
    const run = runCli(['inventory', '--format', 'json', dist]);
    const report = JSON.parse(run.stdout) as { tools: Array<{ name: string }> };
    const names = report.tools.map((tool) => tool.name);
    for (const name of ['read_text_file', 'write_file', 'edit_file', 'move_file', 'list_directory', 'search_files']) {
      assert.ok(names.includes(name), `${name} not recognised; got ${names.join(', ')}`);
    }
    assert.equal(names.length, 14);
  });

  it('its SARIF passes sarif-multitool with no errors', () => {
    const run = runCli(['scan', '--format', 'sarif', dist]);
    assert.deepEqual(multitoolValidate(run.stdout).errors, []);
  });
});

// Runs the grammar tests (vscode-tmgrammar-test, one file = one test) against the TypeScript/JavaScript grammars
// pinned in tm-grammars, and prints mocha-style "N passing" / "N failing" lines for the CI summary.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const require = createRequire(path.join(root, 'package.json'));
const grammars = ['typescript', 'tsx', 'javascript', 'jsx'].map((name) => require.resolve(`tm-grammars/grammars/${name}.json`));
const cli = require.resolve('vscode-tmgrammar-test/dist/unit.js');
const files = fs.readdirSync(here).filter((name) => /\.grammar\.(mts|js|tsx)$/.test(name)).sort();

let passing = 0;
let failing = 0;
for (const name of files) {
  const args = [cli, '--config', path.join(root, 'package.json'), ...grammars.flatMap((grammar) => ['-g', grammar]), path.join('test', 'grammar', name)];
  // The tool hangs on some malformed assertions; a timeout turns that into a failure instead of a stuck CI.
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const ok = run.status === 0 && !run.error;
  if (ok) passing++;
  else failing++;
  console.log(`  ${ok ? '✓' : '✗'} ${name}`);
  if (!ok) console.log((run.stdout + run.stderr).split('\n').map((line) => `      ${line}`).join('\n') + (run.error ? `\n      ${run.error.message}` : ''));
}
console.log(`\n  ${passing} passing`);
if (failing > 0) console.log(`  ${failing} failing`);
process.exitCode = failing > 0 || files.length === 0 ? 1 : 0;

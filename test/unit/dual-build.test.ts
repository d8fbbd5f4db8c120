// A package that ships its code twice (ESM and CommonJS builds): searches from one copy do not read the other.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig } from '../../src/engine/config';
import { ModuleLoader } from '../../src/engine/modules';
import { parseText } from '../../src/engine/parse';
import { isDualBuild, isOtherBuildCopy, moduleFormat } from '../../src/engine/project-model/dual-build';
import type { PackageInfo } from '../../src/engine/project-model/packages';
import { memoryHost } from './memory-host';

const ROOT = path.resolve('/pkg');
const at = (name: string): string => path.join(ROOT, name);

const pkg = (json: Record<string, unknown>): PackageInfo => ({ name: 'p', dir: ROOT, json });

const DUAL_EXPORTS = {
  name: 'p',
  type: 'module',
  exports: { '.': { import: './dist/index.js', require: './dist/index.cjs' } },
};

describe('dual builds', () => {
  it('knows a dual package from its exports conditions or from main beside module', () => {
    assert.equal(isDualBuild(pkg(DUAL_EXPORTS)), true);
    assert.equal(isDualBuild(pkg({ main: 'dist/index.cjs', module: 'dist/index.mjs' })), true);
    assert.equal(isDualBuild(pkg({ type: 'module', exports: { '.': './dist/index.js' } })), false);
    assert.equal(isDualBuild(pkg({ main: 'index.js' })), false);
  });

  it('reads a compiled file format by Node rules and leaves TypeScript sources without one', () => {
    const esmPackage = pkg({ type: 'module' });
    assert.equal(moduleFormat('/pkg/dist/a.js', esmPackage), 'esm');
    assert.equal(moduleFormat('/pkg/dist/a.js', pkg({})), 'cjs');
    assert.equal(moduleFormat('/pkg/dist/a.cjs', esmPackage), 'cjs');
    assert.equal(moduleFormat('/pkg/dist/a.mjs', pkg({})), 'esm');
    assert.equal(moduleFormat('/pkg/src/a.ts', esmPackage), undefined);
  });

  it('calls a file the other copy only inside a dual package and across formats', () => {
    const dual = (): PackageInfo => pkg(DUAL_EXPORTS);
    assert.equal(isOtherBuildCopy(at('dist/agent-A1.js'), at('dist/agent-B2.cjs'), dual), true);
    assert.equal(isOtherBuildCopy(at('dist/agent-B2.cjs'), at('dist/agent-A1.js'), dual), true);
    assert.equal(isOtherBuildCopy(at('dist/agent-A1.js'), at('dist/tools-C3.js'), dual), false);
    // TypeScript sources have no format: searched as always.
    assert.equal(isOtherBuildCopy(at('src/agent.ts'), at('dist/agent-B2.cjs'), dual), false);
    // A single-format package with a stray CommonJS config file: nothing is skipped.
    const single = (): PackageInfo => pkg({ type: 'module', exports: './dist/index.js' });
    assert.equal(isOtherBuildCopy(at('dist/agent.js'), at('dist/legacy.cjs'), single), false);
  });

  it('finds the files spelling a word in its own build only, and never reads the other copy', () => {
    const client = 'export class ApiClient { constructor(o) { this.url = o.url; } }\n';
    const caller = 'import { ApiClient } from "./client.js";\nexport const c = new ApiClient({ url: u });\n';
    const files: Record<string, string> = {
      'package.json': JSON.stringify(DUAL_EXPORTS),
      'dist/client.js': client,
      'dist/caller.js': caller,
      'dist/client.cjs': client.replace('export class', 'class'),
      'dist/caller.cjs': caller.replace(/import .*\n/, 'const { ApiClient } = require("./client.cjs");\n'),
    };
    const search = (json: Record<string, unknown>): { found: string[]; cjsReads: number } => {
      const host = memoryHost(ROOT, { ...files, 'package.json': JSON.stringify(json) });
      const loader = new ModuleLoader(host);
      const config = defaultConfig();
      const outcome = parseText(client, at('dist/client.js'));
      assert.ok(outcome.ast);
      const from = loader.createContext(at('dist/client.js'), client, outcome.ast, config);
      const found = loader.filesMentioning(from, 'ApiClient').map((ctx) => path.relative(ROOT, ctx.file));
      const cjsReads = (host.readsOf.get(at('dist/caller.cjs')) ?? 0) + (host.readsOf.get(at('dist/client.cjs')) ?? 0);
      return { found: found.sort(), cjsReads };
    };
    const dual = search(DUAL_EXPORTS);
    assert.deepEqual(dual.found, ['dist/caller.js']);
    // The word index reads every file once; the other copy is never read again to be parsed.
    assert.ok(dual.cjsReads <= 2, `${dual.cjsReads} reads of the CommonJS copy`);
    // The same files in a package that publishes one format: the CommonJS files are searched as before.
    const single = search({ name: 'p', type: 'module', exports: './dist/client.js' });
    assert.deepEqual(single.found, ['dist/caller.cjs', 'dist/caller.js', 'dist/client.cjs']);
    assert.ok(single.cjsReads > dual.cjsReads, `${single.cjsReads} vs ${dual.cjsReads}`);
  });
});

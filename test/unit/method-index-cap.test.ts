// The method index's per-file cap: a bundle whose vendored code fills it still answers for its own classes.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { HierarchyIndex, withCappedAsker } from '../../src/engine/project-model/hierarchy';
import type { ProjectHost } from '../../src/engine/types';

const ROOT = path.resolve('/pkg');
const at = (name: string): string => path.join(ROOT, name);

function host(files: Record<string, string>): ProjectHost & { files: Map<string, string> } {
  const full = new Map(Object.entries(files).map(([name, text]) => [at(name), text]));
  return {
    files: full,
    readFile: (file: string) => full.get(path.resolve(file)),
    listDirectory: (dir: string) =>
      path.resolve(dir) === ROOT ? [...full.keys()].map((file) => path.relative(ROOT, file)) : [],
  };
}

/** A bundle: many vendored classes first (more method names than the index keeps), the package's client last. */
function bundle(vendored: number): string {
  const lines: string[] = ['var Vendored = class {'];
  for (let n = 0; n < vendored; n++) lines.push(`  vendoredMethod${n}(value) {`, '    return value;', '  }');
  lines.push(
    '};',
    'var SiteClient = class {',
    '  async callMethod(name, args = {}, verb = "POST") {',
    '    return [name, args, verb];',
    '  }',
    '};',
  );
  return lines.join('\n');
}

describe('method index cap', () => {
  it('adds the asking file when the index stopped reading it before the method', () => {
    const files = host({ 'bundle.mjs': bundle(450), 'other.mjs': 'export const x = 1;' });
    const index = new HierarchyIndex(files);
    assert.deepEqual(index.filesDeclaringMethod(ROOT, 'callMethod'), []);
    assert.equal(index.methodIndexCapped(at('bundle.mjs')), true);
    assert.deepEqual(withCappedAsker(index, ROOT, 'callMethod', at('bundle.mjs')), [at('bundle.mjs')]);
    // Asked from another file, the capped bundle is not searched: the index's answer stands.
    assert.deepEqual(withCappedAsker(index, ROOT, 'callMethod', at('other.mjs')), []);
  });

  it('leaves a file the index read whole to the index', () => {
    const files = host({ 'bundle.mjs': bundle(10) });
    const index = new HierarchyIndex(files);
    assert.equal(index.methodIndexCapped(at('bundle.mjs')), false);
    assert.deepEqual(withCappedAsker(index, ROOT, 'callMethod', at('bundle.mjs')), [at('bundle.mjs')]);
    assert.deepEqual(withCappedAsker(index, ROOT, 'missing', at('bundle.mjs')), []);
    // An edit that grows the file past the cap is seen on refresh.
    files.files.set(at('bundle.mjs'), bundle(450));
    index.refresh(at('bundle.mjs'));
    assert.deepEqual(index.filesDeclaringMethod(ROOT, 'callMethod'), []);
    assert.equal(index.methodIndexCapped(at('bundle.mjs')), true);
  });
});

// Checks which package a bundler's region or module header names, and the bound on markers a hostile file gets.
import * as assert from 'node:assert/strict';
import { isVendored, vendoredPackageAt, vendoredRanges } from '../../src/engine/tools/vendored-regions';

function packageAt(text: string, marker: string): string | undefined {
  return vendoredPackageAt(vendoredRanges(text), text.indexOf(marker));
}

describe('vendored regions', () => {
  it('names the package after the last node_modules/ of a rolldown region, with its scope', () => {
    const text = [
      '//#region ../../node_modules/.pnpm/ai@6.0.64_zod@4.4.3/node_modules/ai/dist/index.mjs',
      'function generateText() {}',
      '//#endregion',
      '//#region ../node_modules/@scope/http-client/lib/index.js',
      'function request() {}',
      '//#endregion',
      '//#region src/server.ts',
      'function handler() {}',
      '//#endregion',
    ].join('\n');
    assert.equal(packageAt(text, 'generateText'), 'ai');
    assert.equal(packageAt(text, 'request'), '@scope/http-client');
    assert.equal(packageAt(text, 'handler'), undefined);
  });

  it('reads esbuild module headers, each running to the next', () => {
    const text = ['// node_modules/got/dist/source/index.js', 'var got = 1;', '// src/index.ts', 'var mine = 2;'].join(
      '\n',
    );
    assert.equal(packageAt(text, 'var got'), 'got');
    assert.equal(packageAt(text, 'var mine'), undefined);
  });

  it('keeps a vendored path that names no package vendored, with no package', () => {
    const text = ['//#region node_modules/index.js', 'var x = 1;', '//#endregion'].join('\n');
    assert.equal(packageAt(text, 'var x'), '');
    assert.ok(isVendored(vendoredRanges(text), text.indexOf('var x')));
  });

  it('reads a path that repeats node_modules/ in linear time', () => {
    const text = `//#region ${'node_modules/'.repeat(200_000)}p/index.js\nvar x = 1;\n//#endregion`;
    const started = Date.now();
    assert.equal(packageAt(text, 'var x'), 'p');
    assert.ok(Date.now() - started < 2_000);
  });

  it('reads at most a bounded number of markers', () => {
    const text = '//#region node_modules/p/a.js\nx\n//#endregion\n'.repeat(30_000);
    assert.ok(vendoredRanges(text).length <= 20_000);
  });
});

// Exclude matching without minimatch's globstar search must keep minimatch's answers: generated globs and paths
// are compared one by one, for the compiled globs and for the built-in excludes' one-pass check.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { compileGlob } from '../../src/engine/glob';
import { DEFAULT_EXCLUDES, defaultRules } from '../../src/scan/ignore-rules';

/** A small deterministic generator, so a failure names a case that comes back on the next run. */
function generator(seed: number): (count: number) => number {
  // mulberry32: well spread in every bit, unlike a bare linear congruence taken modulo a small count.
  let state = seed >>> 0;
  return (count) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) % count;
  };
}

function pick<T>(next: (count: number) => number, items: readonly T[]): T {
  return items[next(items.length)] as T;
}

function minimatchAnswer(glob: string, file: string): boolean {
  return new Minimatch(glob, { dot: true }).match(file);
}

const GLOB_SEGMENTS = ['**', 'a', 'b', '*.ts', 'x*', '*', 'a.b', '@s+t', 'node_modules', '*.d.ts'];
const PATH_SEGMENTS = ['a', 'b', 'c.ts', 'x1', '.git', 'a.b', '@s+t', 'node_modules', 'e.d.ts', '.d.ts', 'x'];
const ODD_SEGMENTS = ['', '.', '..'];

describe('glob matching', () => {
  it('answers as minimatch on generated globs of plain segments and globstars', () => {
    const next = generator(7);
    const mismatches: string[] = [];
    for (let round = 0; round < 1500; round++) {
      const glob = [
        ...(next(3) === 0 ? [''] : []),
        ...Array.from({ length: 1 + next(5) }, () => pick(next, GLOB_SEGMENTS)),
      ].join('/');
      const matcher = compileGlob(glob);
      const reference = new Minimatch(glob, { dot: true });
      for (let file = 0; file < 8; file++) {
        const names = Array.from({ length: 1 + next(5) }, () =>
          next(12) === 0 ? pick(next, ODD_SEGMENTS) : pick(next, PATH_SEGMENTS),
        );
        const file = `${next(3) === 0 ? '/' : ''}${names.join('/')}`;
        if (matcher.match(file) !== reference.match(file)) mismatches.push(`${glob} ~ ${file}`);
      }
    }
    assert.deepEqual(mismatches, []);
  });

  it('keeps minimatch answers at the edges: a trailing globstar takes a segment, a leading one the root', () => {
    const cases: Array<[string, string]> = [
      ['a/**', 'a'],
      ['a/**', 'a/b'],
      ['**/a/**', 'a'],
      ['**/a', '/a'],
      ['/t/**/x', '/t/x'],
      ['/t/**', '/t'],
      ['**', 'a'],
      ['**', ''],
      ['a/*', 'a/'],
      ['**/test', 'x/test/'],
      ['*.ts', '.ts'],
    ];
    for (const [glob, file] of cases) assert.equal(compileGlob(glob).match(file), minimatchAnswer(glob, file), glob);
  });

  it('matches the built-in excludes in one pass exactly as their globs do', () => {
    const next = generator(11);
    const names = [
      ...PATH_SEGMENTS,
      'test',
      'tests',
      '__tests__',
      'dist',
      'out',
      'build',
      'coverage',
      'a.test.ts',
      'a.spec.js',
      'b.min.js',
      'b.min.mjs',
      'x.d.mts',
      'x.d.cts',
      'testing',
      'a.test',
      'distribution',
    ];
    const root = '/repo/root';
    const [rule] = defaultRules();
    assert.ok(rule);
    const globs = DEFAULT_EXCLUDES.flatMap((glob) => [glob, glob.replace(/\/\*\*$/, '')]).map(
      (glob) => new Minimatch(glob, { dot: true }),
    );
    const mismatches: string[] = [];
    for (let round = 0; round < 3000; round++) {
      const written = Array.from({ length: 1 + next(4) }, () =>
        next(10) === 0 ? pick(next, ODD_SEGMENTS) : pick(next, names),
      ).join('/');
      // The rule reads the path relative to the root, as path.relative resolves it.
      const relative = path.relative(root, `${root}/${written}`);
      const expected = relative !== '' && !relative.startsWith('..') && globs.some((glob) => glob.match(relative));
      if (rule.matches(`${root}/${written}`, root) !== expected) mismatches.push(written);
    }
    assert.deepEqual(mismatches, []);
  });
});

// Which files a scan visits: source extensions, default excludes, .gitignore, configured globs, symlink loops.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScanError } from '../../src/scan/errors';
import { parseGitignore } from '../../src/scan/ignore-rules';
import { walk } from '../../src/scan/walk';
import { scratchDir, writeTree } from './support';

describe('cli: walk', () => {
  let dir = '';
  let cleanup = (): void => undefined;
  beforeEach(() => ({ dir, cleanup } = scratchDir('walk')));
  afterEach(() => cleanup());

  const walked = (targets: string[] = ['.']): string[] =>
    walk(targets, { cwd: dir, load: { cache: new Map() } }).files.map((file) =>
      path.relative(dir, file).split(path.sep).join('/'),
    );

  it('visits source files and skips dependencies, build output, declarations, minified bundles and tests', () => {
    writeTree(dir, {
      'src/agent.ts': '',
      'src/view.tsx': '',
      'src/legacy.cjs': '',
      'src/notes.md': '',
      'src/types.d.ts': '',
      'src/agent.test.ts': '',
      'src/agent.spec.js': '',
      'src/__tests__/a.ts': '',
      'test/b.ts': '',
      'tests/c.ts': '',
      'node_modules/pkg/index.js': '',
      'dist/index.js': '',
      'out/index.js': '',
      'build/index.js': '',
      'coverage/x.js': '',
      'public/lib.min.js': '',
      '.git/hooks/x.js': '',
    });
    assert.deepEqual(walked(), ['src/agent.ts', 'src/legacy.cjs', 'src/view.tsx']);
  });

  it('leaves out the CommonJS or .mjs twin of a module a dual-format build compiled twice', () => {
    writeTree(dir, {
      'pkg/dist/index.js': '',
      'pkg/dist/index.cjs': '',
      'pkg/dist/tools/search.mjs': '',
      'pkg/dist/tools/search.cjs': '',
      'lib/agent.js': '',
      'lib/agent.cjs': '',
      'lib/agent.cjs.map': '',
      'src/config.js': '',
      'src/config.cjs': '',
    });
    const files = walk(['pkg/dist', 'lib', 'src'], {
      cwd: dir,
      load: { cache: new Map() },
      defaultExcludes: false,
    }).files;
    assert.deepEqual(
      files.map((file) => path.relative(dir, file).split(path.sep).join('/')),
      ['pkg/dist/index.js', 'pkg/dist/tools/search.mjs', 'lib/agent.js', 'src/config.cjs', 'src/config.js'],
    );
  });

  it('scans a folder that itself sits under a default-excluded name', () => {
    writeTree(dir, { 'test/project/src/a.ts': '', 'test/project/node_modules/b.js': '' });
    assert.deepEqual(walked(['test/project']), ['test/project/src/a.ts']);
  });

  it('honours .gitignore files, including negation and nested files', () => {
    writeTree(dir, {
      '.gitignore': '# generated\ngenerated/\n*.gen.ts\n!keep.gen.ts\n',
      'src/a.ts': '',
      'src/b.gen.ts': '',
      'src/keep.gen.ts': '',
      'generated/c.ts': '',
      'pkg/.gitignore': '/local.ts\n',
      'pkg/local.ts': '',
      'pkg/sub/local.ts': '',
    });
    assert.deepEqual(walked(), ['pkg/sub/local.ts', 'src/a.ts', 'src/keep.gen.ts']);
  });

  it('applies configured include and exclude globs, and "!" re-includes default-excluded tests', () => {
    writeTree(dir, {
      '.agent-risk.json': '{ "include": ["src/**"], "exclude": ["legacy", "!**/*.test.ts"] }',
      'src/a.ts': '',
      'src/a.test.ts': '',
      'src/legacy/old.ts': '',
      'scripts/x.ts': '',
    });
    assert.deepEqual(walked(), ['src/a.test.ts', 'src/a.ts']);
  });

  it('always scans files named on the command line', () => {
    writeTree(dir, { 'src/a.test.ts': '', 'README.md': '' });
    assert.deepEqual(walked(['src/a.test.ts']), ['src/a.test.ts']);
  });

  it('follows symlinks but never loops, and visits a file reached twice once', function () {
    writeTree(dir, { 'src/a.ts': '', 'other/b.ts': '' });
    try {
      fs.symlinkSync(dir, path.join(dir, 'src', 'loop'), 'dir');
      fs.symlinkSync(path.join(dir, 'other'), path.join(dir, 'src', 'linked'), 'dir');
      fs.symlinkSync(path.join(dir, 'missing'), path.join(dir, 'src', 'broken'));
    } catch {
      this.skip(); // No symlink permission on this platform (Windows without developer mode).
    }
    assert.deepEqual(walked(), ['other/b.ts', 'src/a.ts']);
  });

  it('rejects a path that does not exist', () => {
    assert.throws(
      () => walked(['nope']),
      (error: unknown) => error instanceof ScanError && /No such file or folder: nope/.test(error.message),
    );
  });

  it('parses .gitignore comments, escapes and blank lines', () => {
    assert.deepEqual(parseGitignore('# c\n\n\\#hash\n\\!bang\n!keep\n/anchored  \n'), [
      '#hash',
      '!bang',
      '!keep',
      '/anchored',
    ]);
  });
});

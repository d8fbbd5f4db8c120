// Per-format escaping of source-derived text, the source decoder's binary heuristic and the once-compiled, capped globs.
import * as assert from 'node:assert/strict';
import { Minimatch } from 'minimatch';
import { compileGlob, globError, MAX_GLOB_EXPANSIONS } from '../../src/engine/glob';
import { looksBinary } from '../../src/engine/modules';
import { escapeControl, markdownCode, markdownMessage, markdownText, sarifText } from '../../src/report/escape';
import { decodeSource } from '../../src/scan/read';

describe('escaping source-derived text', () => {
  const hostile = 'x`\n\n<!--\u001b[31m|[a](b)\u202e';

  it('shows control characters, line separators and bidi overrides as escapes', () => {
    assert.equal(escapeControl('a\nb\r\t\u001b\u0000\u2028\u202e'), 'a\\nb\\r\\t\\x1b\\x00\\u2028\\u202e');
    assert.equal(escapeControl('plain text'), 'plain text');
  });

  it('keeps a code span closed whatever backticks the name holds', () => {
    const span = markdownCode(hostile);
    assert.ok(span.startsWith('``') && span.endsWith('``') && !span.startsWith('```'));
    assert.ok(!span.includes('\n'));
    assert.ok(span.includes('\\|'), 'the pipe cannot end a table cell');
    assert.equal(markdownCode('``a'), '``` ``a ```');
  });

  it('escapes Markdown and HTML in text, and a line start that would make a list', () => {
    const text = markdownText(hostile);
    assert.ok(!text.includes('\n') && !text.includes('<!--') && !text.includes('[a](b)'));
    assert.equal(markdownText('- item'), '\\- item');
    assert.equal(markdownText('1. item'), '1\\. item');
  });

  it('renders message code parts as spans and the rest as escaped text, even when a name shifts the pairing', () => {
    assert.equal(markdownMessage('The tool `x` reaches `fetch`.'), 'The tool `x` reaches `fetch`.');
    const shifted = markdownMessage('The tool `a` <img src=x> `b` reaches it.');
    assert.ok(!/(^|[^\\])<img/.test(shifted), shifted);
    assert.ok(!markdownMessage('odd ` count <b>').includes('<b>'));
  });

  it('leaves SARIF plain text without link syntax or control characters', () => {
    assert.equal(sarifText('[x](1)\n'), '\\[x\\](1)\\n');
  });
});

describe('decoding sources', () => {
  const text = 'export const x = 1; // ünïcode\n';

  it('reads UTF-16 with a byte-order mark in both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    assert.equal(decodeSource(le), text);
    assert.equal(decodeSource(be), text);
  });

  it('calls a stray NUL text and a NUL-filled or binary-headed file binary', () => {
    assert.equal(looksBinary(`// a \u0000 in a comment\n${text}`), false);
    assert.equal(looksBinary('\u0000'.repeat(4096)), true);
    assert.equal(decodeSource(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])), undefined);
    assert.equal(decodeSource(Buffer.from('// caf\xe9\n', 'latin1'))?.includes('\uFFFD'), true);
  });
});

describe('globs', () => {
  it('rejects a glob whose braces expand past the cap, quickly', () => {
    const started = Date.now();
    assert.match(globError(`${'{a,b}'.repeat(17)}/**`) ?? '', new RegExp(`more than ${MAX_GLOB_EXPANSIONS}`));
    assert.equal(globError('{src,lib}/**/*.{ts,js}'), undefined);
    assert.ok(Date.now() - started < 5_000);
  });

  it('compiles each glob once per process', () => {
    assert.equal(compileGlob('**/vendor/**'), compileGlob('**/vendor/**'));
  });

  it('answers as minimatch does, with its last-segment shortcut or without', () => {
    const globs = [
      '**/*.d.ts',
      '/repo/**/*.test.*',
      '**/node_modules',
      '**/node_modules/**',
      '/repo/src/*.ts',
      'a.b+c-@d',
      '**/*.{ts,js}',
      '!**/dist',
      '/repo/**/x?.ts',
      '/repo/**/*.d.ts/**',
      '/repo/**/dist/**',
      '/repo/src/**',
      '*',
      '**',
      'src/',
    ];
    const files = [
      '/repo/src/a.d.ts',
      '/repo/src/.d.ts',
      '/repo/a.test.ts',
      '/repo/a.test.',
      '/repo/node_modules',
      '/repo/node_modules/x/y.js',
      '/repo/src/a.ts',
      '/repo/src/b/a.ts',
      'a.b+c-@d',
      'aXb+c-@d',
      'src/',
      'src/.',
      '/repo/src/..',
      '/repo/dist',
      '/repo/dist/',
      '/repo/a/dist/b.js',
      '/repo/a/distx/b.js',
      '/repo/a.d.ts/b.js',
      '/repo/src',
      '/repo/x1.ts',
      '',
      'x',
    ];
    for (const glob of globs)
      for (const file of files) {
        const expected = new Minimatch(glob, { dot: true }).match(file);
        assert.equal(compileGlob(glob).match(file), expected, `${glob} on ${file}`);
      }
  });
});

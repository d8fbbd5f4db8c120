// Files no one writes on purpose but every linter meets: huge, binary, mis-encoded, oddly terminated, circular, or full of tools.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { lintText } from '../../src/engine/index';
import type { LintResult } from '../../src/engine/types';
import { manyTools, minifiedBundle, sinkOffset, toolFile, TOOL_IMPORTS, toolWith } from './support/generate';
import { ruleFixtures } from './support/fixtures';
import { IsolatedLinter, resultOf } from './support/isolated-linter';
import { isFullSweep } from './support/mode';
import { positionErrors } from './support/positions';
import { scratch, type Scratch } from './support/scratch';

const MiB = 1024 * 1024;
/** Node's main thread, where the CLI and VS Code's extension host run the engine, has about 1 MB of stack. */
const EDITOR_STACK_MB = 1;

/** Rule, line and column of every finding: what a user sees, and what must not move. */
function signature(result: LintResult): string[] {
  return result.findings.map(
    (finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.column}`,
  );
}

function assertPositions(text: string, result: LintResult): void {
  assert.deepEqual(positionErrors(text, result), []);
}

function assertNoProblems(result: LintResult): void {
  assert.deepEqual(
    result.problems.map((problem) => `${problem.kind}: ${problem.message}`),
    [],
  );
}

/** The fixtures that report something by default: line-ending variants of them must report the same. */
function reportingFixtures(): Array<{ name: string; text: string; expected: string[] }> {
  return ruleFixtures()
    .map((fixture) => ({
      name: fixture.name,
      text: fixture.text,
      expected: signature(lintText(fixture.text, fixture.file)),
    }))
    .filter((fixture) => fixture.expected.length > 0);
}

describe('reliability: hostile inputs', function () {
  this.timeout(120_000);
  let linter: IsolatedLinter;
  before(() => {
    linter = new IsolatedLinter({ timeoutMs: 60_000, stackSizeMb: EDITOR_STACK_MB });
  });
  after(async () => {
    await linter.close();
  });

  describe('size', () => {
    it('skips a 10 MB minified bundle as too large, at once, with a problem naming the limit', async () => {
      const text = minifiedBundle(10 * MiB);
      const { result, ms } = await resultOf(linter, { file: 'bundle.min.js', text, prefilter: true });
      assert.deepEqual(
        result.problems.map((problem) => problem.kind),
        ['too-large'],
      );
      assert.match(result.problems[0]?.message ?? '', /maxFileBytes/);
      assert.ok(ms < 2_000, `took ${ms} ms to decline a file it does not parse`);
    });

    it('lints an enormous single line just under the size limit and reports on its last column', async () => {
      const text = minifiedBundle(1.9 * MiB);
      assert.equal(text.includes('\n'), false);
      const { result } = await resultOf(linter, { file: 'bundle.min.js', text, prefilter: true });
      assertNoProblems(result);
      const network = result.findings.find((finding) => finding.ruleId === 'unscoped-network');
      assert.deepEqual(network?.range.start, { line: 1, column: sinkOffset(text), offset: sinkOffset(text) });
      assertPositions(text, result);
    });

    if (isFullSweep()) {
      it('lints the 10 MB bundle when maxFileBytes allows it, within the per-file limit', async () => {
        const big = new IsolatedLinter({ timeoutMs: 300_000, maxOldGenerationSizeMb: 4096 });
        try {
          const text = minifiedBundle(10 * MiB);
          const { result, ms } = await resultOf(big, {
            file: 'bundle.min.js',
            text,
            prefilter: true,
            config: { maxFileBytes: 16 * MiB },
          });
          console.log(`      10 MB bundle linted in ${(ms / 1000).toFixed(1)} s`);
          assertNoProblems(result);
          assert.ok(
            result.findings.some(
              (finding) => finding.ruleId === 'unscoped-network' && finding.range.start.column === sinkOffset(text),
            ),
          );
        } finally {
          await big.close();
        }
      }).timeout(330_000);
    }

    it('recognises thousands of tools in one file, each with its own findings at the right place', async () => {
      const count = 3_000;
      const text = manyTools(count);
      const { result, ms } = await resultOf(linter, { file: 'tools.ts', text, prefilter: true });
      console.log(`      ${count} tools linted in ${(ms / 1000).toFixed(1)} s`);
      assertNoProblems(result);
      assert.equal(result.tools.length, count);
      assert.equal(new Set(result.tools.map((tool) => tool.name)).size, count);
      const network = result.findings.filter((finding) => finding.ruleId === 'unscoped-network');
      assert.equal(network.length, count);
      // Tool i is on line i + 3 (after the two imports), and its fetch is its only network call.
      for (const [i, finding] of network.entries()) assert.equal(finding.range.start.line, i + 3, `finding ${i}`);
      assert.equal(result.findings.filter((finding) => finding.ruleId === 'missing-audit-hook').length, count);
      assertPositions(text, result);
    });
  });

  describe('bytes', () => {
    it('calls a file of NUL bytes binary instead of parsing it', async () => {
      const { result } = await resultOf(linter, { file: 'blob.js', text: '\u0000'.repeat(64 * 1024), prefilter: true });
      assert.deepEqual(
        result.problems.map((problem) => problem.kind),
        ['binary'],
      );
    });

    it('returns a result for a tool file with a NUL byte past the binary probe', async () => {
      const text = `${TOOL_IMPORTS}${'// padding\n'.repeat(1_000)}const marker = 'a\u0000b';\n${toolWith('return fetch(url);')}`;
      const { result } = await resultOf(linter, { file: 'late-nul.ts', text, prefilter: true });
      assert.ok(!result.problems.some((problem) => problem.kind === 'internal'), JSON.stringify(result.problems));
      assert.ok(result.findings.some((finding) => finding.ruleId === 'unscoped-network'));
      assertPositions(text, result);
    });

    describe('on disk', () => {
      let dir: Scratch;
      before(() => {
        dir = scratch('bytes');
      });
      after(() => dir.remove());

      it('reads invalid UTF-8 as replacement characters and reports where the clean file reports', async () => {
        const clean = toolFile('// a comment\n    const label = "x";\n    return fetch(url);');
        // Lone continuation bytes, an overlong slash, a truncated sequence and an encoded surrogate.
        const garbage = Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xff, 0xfe]);
        const dirty = Buffer.concat([
          Buffer.from(clean.slice(0, clean.indexOf('a comment') + 2)),
          garbage,
          Buffer.from(clean.slice(clean.indexOf('a comment') + 2, clean.indexOf('"x"') + 1)),
          garbage,
          Buffer.from(clean.slice(clean.indexOf('"x"') + 1)),
        ]);
        dir.write({ 'invalid-utf8.ts': dirty });
        const { result } = await resultOf(linter, { file: dir.path('invalid-utf8.ts'), prefilter: true });
        assertNoProblems(result);
        assert.deepEqual(signature(result), signature(lintText(clean, 'clean.ts')));
        assertPositions(fs.readFileSync(dir.path('invalid-utf8.ts')).toString('utf8'), result);
      });
    });

    it('returns a result that serialises for text holding lone surrogates', async () => {
      const text = toolFile('// \uD800 high alone, \uDC00 low alone\n    const s = "\uDBFF";\n    return fetch(url);');
      const { result } = await resultOf(linter, { file: 'surrogates.ts', text, prefilter: true });
      assertNoProblems(result);
      assert.ok(result.findings.some((finding) => finding.ruleId === 'unscoped-network'));
      assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    });
  });

  describe('line endings and byte order mark', () => {
    const fixtures = reportingFixtures();
    const variants: Record<string, (text: string) => string> = {
      CRLF: (text) => text.replace(/\r?\n/g, '\r\n'),
      'CR only': (text) => text.replace(/\r?\n/g, '\r'),
      // Deterministic mix: the line number picks the terminator, so every file has all three.
      'mixed LF, CRLF and CR': (text) => {
        let line = 0;
        return text.replace(/\r?\n/g, (match: string, at: number) => {
          const choice = ['\n', '\r\n', '\r'][line++ % 3] as string;
          // A lone CR before an empty line would fuse with the next LF into one CRLF, one line fewer.
          return choice === '\r' && /^\r?\n/.test(text.slice(at + match.length)) ? '\n' : choice;
        });
      },
    };

    it('has fixtures to vary', () => {
      assert.ok(fixtures.length > 100, `only ${fixtures.length} reporting fixtures`);
    });

    for (const [name, convert] of Object.entries(variants)) {
      it(`reports on the same lines and columns with ${name} line endings`, () => {
        const moved: string[] = [];
        for (const fixture of fixtures) {
          const text = convert(fixture.text);
          const result = lintText(text, fixture.name);
          const actual = signature(result);
          if (JSON.stringify(actual) !== JSON.stringify(fixture.expected))
            moved.push(`${fixture.name}: ${JSON.stringify(actual)} instead of ${JSON.stringify(fixture.expected)}`);
          const wrong = positionErrors(text, result);
          if (wrong.length > 0) moved.push(`${fixture.name}: ${wrong.join('; ')}`);
        }
        assert.ok(moved.length === 0, `Findings that moved:\n  ${moved.slice(0, 10).join('\n  ')}`);
      });
    }

    it('reports files saved with a byte order mark on the lines and columns editors show (they hide the mark)', async () => {
      const dir = scratch('bom');
      const moved: string[] = [];
      try {
        for (const [index, fixture] of fixtures.entries()) {
          const file = dir.path(`${index}-${fixture.name.replace(/\//g, '-')}`);
          fs.writeFileSync(file, `\uFEFF${fixture.text}`);
          // Read from disk the way the CLI reads, so a fix in the reader or in the engine both count.
          const { result } = await resultOf(linter, { file, prefilter: true });
          const actual = signature(result);
          if (JSON.stringify(actual) !== JSON.stringify(fixture.expected))
            moved.push(`${fixture.name}: ${JSON.stringify(actual)} instead of ${JSON.stringify(fixture.expected)}`);
        }
      } finally {
        dir.remove();
      }
      assert.ok(moved.length === 0, `Findings that moved:\n  ${moved.slice(0, 10).join('\n  ')}`);
    });
  });

  describe('recursion between functions and files', () => {
    let dir: Scratch;
    before(() => {
      dir = scratch('cycles');
      const handler = (call: string): string =>
        `${TOOL_IMPORTS}import { getPage } from './b';\nexport function raw(u: string) {\n  return fetch(u);\n}\n${toolWith(`return ${call};`)}`;
      dir.write({
        // a → b → a: the helper the tool calls comes back to the file it started in.
        'two/a.ts': handler('getPage(url)'),
        'two/b.ts': `import { raw } from './a';\nexport function getPage(u: string) {\n  return raw(u);\n}\n`,
        // a → b → c → a.
        'three/a.ts': handler('getPage(url)'),
        'three/b.ts': `import { viaC } from './c';\nexport function getPage(u: string) {\n  return viaC(u);\n}\n`,
        'three/c.ts': `import { raw } from './a';\nexport function viaC(u: string) {\n  return raw(u);\n}\n`,
        // A file that imports itself.
        'self/a.ts': `${TOOL_IMPORTS}import { raw as again } from './a';\nexport function raw(u: string): Promise<Response> {\n  return u.length > 1e6 ? again(u) : fetch(u);\n}\n${toolWith('return raw(url);')}`,
        // Helpers that call themselves and each other, in one file.
        'recursive.ts': `${TOOL_IMPORTS}function get(u: string, n: number): Promise<Response> {\n  return n > 0 ? get(u, n - 1) : fetch(u);\n}\nfunction ping(u: string, n: number): Promise<Response> {\n  return n > 0 ? pong(u, n - 1) : fetch(u);\n}\nfunction pong(u: string, n: number): Promise<Response> {\n  return ping(u, n);\n}\n${toolWith('return get(url, 3);', 'viaGet')}${toolWith('return pong(url, 3);', 'viaPingPong')}`,
      });
    });
    after(() => dir.remove());

    for (const cycle of ['two', 'three', 'self']) {
      it(`terminates on an import cycle (${cycle}) and still reports the tool's network access`, async () => {
        const { result } = await resultOf(linter, { file: dir.path(cycle, 'a.ts'), prefilter: true });
        assertNoProblems(result);
        assert.ok(
          result.findings.some(
            (finding) => finding.ruleId === 'unscoped-network' && finding.tool?.name === 'fetchPage',
          ),
          JSON.stringify(signature(result)),
        );
      });
    }

    it('gives the same result for a file in a cycle whichever file of the cycle is linted first', async () => {
      const first = await resultOf(linter, { file: dir.path('three', 'a.ts'), prefilter: true });
      // A fresh worker thread, so nothing is cached from the run above.
      const other = new IsolatedLinter({ timeoutMs: 60_000, stackSizeMb: EDITOR_STACK_MB });
      try {
        await resultOf(other, { file: dir.path('three', 'b.ts'), prefilter: true });
        await resultOf(other, { file: dir.path('three', 'c.ts'), prefilter: true });
        const second = await resultOf(other, { file: dir.path('three', 'a.ts'), prefilter: true });
        assert.deepEqual(second.result, first.result);
      } finally {
        await other.close();
      }
    });

    it('terminates on helpers that call themselves or each other and reports both tools', async () => {
      const { result } = await resultOf(linter, { file: dir.path('recursive.ts'), prefilter: true });
      assertNoProblems(result);
      const owners = result.findings
        .filter((finding) => finding.ruleId === 'unscoped-network')
        .map((finding) => finding.tool?.name);
      assert.deepEqual(owners.sort(), ['viaGet', 'viaPingPong']);
    });
  });
});

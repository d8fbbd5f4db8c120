// The per-file time limit without worker threads: `--jobs 1`, the file linter the editors share and the
// language server all turn an over-time file into a "not analysed: timeout" problem, and the limit counts
// the parse as well as the analysis. No assertion here reads a clock: the inputs are far over their limits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { defaultConfig, mergeConfig, Project } from '../../src/engine/index';
import { objectGetter, sharedSettings } from '../../src/editor/settings';
import { DocumentLinter } from '../../src/lsp/documents';
import { FileLinter } from '../../src/scan/file-linter';
import { lintFiles } from '../../src/scan/lint-files';
import { minifiedBundle, toolFile } from './support/generate';
import { scratch, type Scratch } from './support/scratch';

const MiB = 1024 * 1024;
/**
 * Under the default maxFileBytes, yet seconds to parse and more to analyse: far over a one-second limit.
 * (A parse cannot be interrupted in-process; the clock is read as soon as it returns.)
 */
const SLOW_BYTES = 1.5 * MiB;
const LIMIT_MS = 1_000;

/** One cheap tool after thousands of type declarations: parsing is the cost, the analysis takes a few steps. */
function parseHeavyTool(declarations: number): string {
  const types = Array.from(
    { length: declarations },
    (_, i) => `type T${i} = { a: string; b: number; c: Array<{ d: boolean }> };\n`,
  ).join('');
  return toolFile('return fetch(url);') + types;
}

const kinds = (problems: ReadonlyArray<{ kind: string }> | undefined): string[] =>
  (problems ?? []).map((problem) => problem.kind);
const networkFindings = (findings: ReadonlyArray<{ ruleId: string }> | undefined): number =>
  (findings ?? []).filter((finding) => finding.ruleId === 'unscoped-network').length;

describe('reliability: per-file time limit in-process (--jobs 1, the editor, the language server)', function () {
  this.timeout(180_000);
  let dir: Scratch;
  before(() => {
    dir = scratch('timeout-serial');
    const files: Record<string, string> = {
      'slow.js': minifiedBundle(SLOW_BYTES),
      'parse-heavy.ts': parseHeavyTool(3_000),
    };
    for (let i = 0; i < 5; i++) files[`tool${i}.ts`] = toolFile('return fetch(url);');
    dir.write(files);
  });
  after(() => dir.remove());

  it('--jobs 1: the slow file is a timeout problem and every other file is linted', () => {
    const files = [dir.path('slow.js'), ...Array.from({ length: 5 }, (_, i) => dir.path(`tool${i}.ts`))];
    const linted = lintFiles([{ config: defaultConfig(), files }], { jobs: 1, fileTimeoutMs: LIMIT_MS });
    // On the main thread the engine itself reports the timeout, in the file's result.
    const problems = [...linted.problems, ...linted.results.flatMap(({ result }) => result.problems)];
    assert.deepEqual(
      problems.map((problem) => `${problem.kind} ${problem.file}`),
      [`timeout ${dir.path('slow.js')}`],
    );
    assert.match(problems[0]?.message ?? '', /^Not analysed: timeout/);
    assert.equal(linted.results.filter(({ result }) => networkFindings(result.findings) === 1).length, 5);
  });

  it('the parse counts against the budget, not only the analysis', () => {
    const text = parseHeavyTool(3_000);
    // A millisecond is spent by the parse alone; the analysis of one fetch takes too few steps to look at the clock.
    const limited = new Project(undefined, undefined, { budgetMs: 1 }).lint('parse-heavy.ts', text);
    assert.deepEqual(kinds(limited.problems), ['timeout']);
    assert.equal(limited.findings.length, 0);
    assert.equal(networkFindings(new Project().lint('parse-heavy.ts', text).findings), 1);
  });

  it("an imported file's parse counts against the importing file's budget", () => {
    // Megabytes of declarations after the helper: its parse takes seconds, the importing file's a few milliseconds.
    const helper = `export function get(url: string) { return fetch(url); }\n${parseHeavyTool(15_000).replace(/^import.*$/gm, '')}`;
    const main = `import { tool } from 'ai';\nimport { z } from 'zod';\nimport { get } from './helper';\nexport const t = tool({ description: 'd', inputSchema: z.object({ url: z.string() }), execute: async ({ url }) => get(url) });\n`;
    const files: Record<string, string> = { '/p/main.ts': main, '/p/helper.ts': helper };
    const host = { readFile: (file: string): string | undefined => files[file] };
    const config = mergeConfig(defaultConfig(), { maxFileBytes: 10 * MiB });
    const result = new Project(config, host, { budgetMs: 200 }).lint('/p/main.ts');
    assert.deepEqual(kinds(result.problems), ['timeout']);
    assert.equal(networkFindings(new Project(config, host).lint('/p/main.ts').findings), 1);
  });

  it("the editors' file linter takes the limit per lint, and a file under it is analysed", () => {
    const linter = new FileLinter({ configs: [], recordDependencies: false });
    const config = defaultConfig();
    const text = parseHeavyTool(3_000);
    const job = { index: 0, file: dir.path('parse-heavy.ts'), group: 0 };
    assert.deepEqual(kinds(linter.lintText(job, text, config, 1).result?.problems), ['timeout']);
    linter.invalidate(job.file);
    assert.equal(networkFindings(linter.lintText(job, text, config).result?.findings), 1);
  });

  it('the language server applies the fileTimeout setting (seconds)', () => {
    const text = fs.readFileSync(dir.path('slow.js'), 'utf8');
    const settings = sharedSettings(objectGetter({ fileTimeout: 1 }), true);
    assert.equal(settings.fileTimeoutMs, LIMIT_MS);
    const linter = new DocumentLinter(() => undefined, [dir.dir]);
    const lint = linter.lint(`file://${dir.path('slow.js')}`, 'javascript', text, settings);
    assert.deepEqual(kinds(lint.result?.problems), ['timeout']);
  });

  it('the fileTimeout setting is clamped to 1–60 s and ignored when not a number', () => {
    const timeout = (value: unknown): number | undefined =>
      sharedSettings(objectGetter({ fileTimeout: value }), true).fileTimeoutMs;
    assert.equal(timeout(0), 1_000);
    assert.equal(timeout(1e9), 60_000);
    assert.equal(timeout(2.5), 2_500);
    assert.equal(timeout('5'), undefined);
    assert.equal(timeout(Number.NaN), undefined);
  });
});

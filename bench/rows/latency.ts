// Row (e): editor latency in-process: a per-keystroke lint as the editors run it (one long-lived file linter,
// the file invalidated before each lint) against a bare typescript-estree parse of the same file, alternating.
// `latency.js RUNS FILE…` measures each file; `latency.js --slowest N LIST_FILE` lints every listed file once
// and prints the N slowest, so the bench can measure the files an editor user would feel most.
import * as fs from 'node:fs';
import { parse } from '@typescript-eslint/typescript-estree';
import { loadConfigFor } from '../../src/config/index';
import { EDITOR_CACHED_SOURCE_CHARS, FileLinter } from '../../src/scan/file-linter';
import { estreeOptions } from '../estree-options';
import { readFileList } from '../files';
import { summarise, type Summary } from '../stats';

export interface FileLatency {
  file: string;
  tools: number;
  lint: Summary;
  parse: Summary;
}

/** No time limit here: the row measures the lint, and a timeout would measure the limit instead. */
const NO_LIMIT_MS = 10 * 60 * 1000;

/** An editor's lint of `file` (as src/lsp/documents.ts and src/vscode/lint-service.ts run it). */
function editorLint(file: string): { text: string; lint: () => number } {
  const text = fs.readFileSync(file, 'utf8');
  const config = loadConfigFor(file).config;
  const linter = new FileLinter({
    configs: [config],
    recordDependencies: false,
    budgetMs: NO_LIMIT_MS,
    cachedSourceChars: EDITOR_CACHED_SOURCE_CHARS,
  });
  const job = { index: 0, file, group: 0 };
  return {
    text,
    lint: () => {
      linter.invalidate(file);
      return linter.lintText(job, text, config).result?.tools.length ?? 0;
    },
  };
}

function measure(file: string, runs: number): FileLatency {
  const { text, lint } = editorLint(file);
  const bare = (): number => parse(text, estreeOptions(file, text)).body.length;
  // Warm-up: the first calls pay for loading catalogs and compiling hot functions, which an editor pays once.
  for (let i = 0; i < 3; i++) {
    lint();
    bare();
  }
  const lintMs: number[] = [];
  const parseMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first so neither always runs on the other's garbage.
    const order = i % 2 === 0 ? [lint, bare] : [bare, lint];
    for (const task of order) {
      const started = process.hrtime.bigint();
      task();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      (task === lint ? lintMs : parseMs).push(ms);
    }
  }
  return { file, tools: lint(), lint: summarise(lintMs), parse: summarise(parseMs) };
}

/** The `count` files of the list whose single editor lint takes longest (one lint each, after one warm-up). */
function slowest(files: readonly string[], count: number): string[] {
  const timed = files.map((file) => {
    const { lint } = editorLint(file);
    lint();
    const started = process.hrtime.bigint();
    lint();
    return { file, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  });
  return timed
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((entry) => entry.file);
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--slowest') {
    const [, countText, listFile] = args;
    if (listFile === undefined) throw new Error('usage: latency.js --slowest N LIST_FILE');
    process.stdout.write(JSON.stringify(slowest(readFileList(listFile), Number(countText))));
    return;
  }
  const [runsText, ...files] = args;
  if (files.length === 0) throw new Error('usage: latency.js RUNS FILE...');
  process.stdout.write(JSON.stringify(files.map((file) => measure(file, Number(runsText)))));
}

main();

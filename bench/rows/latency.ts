// Row (e): single-file latency in-process, a full lint against a bare typescript-estree parse of the same file, alternating.
import * as fs from 'node:fs';
import { parse } from '@typescript-eslint/typescript-estree';
import { loadConfigFor } from '../../src/config/index';
import { lintText } from '../../src/engine/index';
import type { ProjectHost } from '../../src/engine/types';
import { estreeOptions } from '../estree-options';
import { summarise } from '../stats';

const [file, runsText] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: latency.js FILE [RUNS]');
const runs = Number(runsText ?? '50');
const text = fs.readFileSync(file, 'utf8');
const config = loadConfigFor(file).config;
const host: ProjectHost = {
  readFile(candidate: string): string | undefined {
    try {
      return fs.readFileSync(candidate, 'utf8');
    } catch {
      return undefined;
    }
  },
};

const lint = (): number => lintText(text, file, config, host).tools.length;
const bare = (): number => parse(text, estreeOptions(file)).body.length;

// Warm-up: the first calls pay for loading catalogs and compiling hot functions, which an editor pays once.
for (let i = 0; i < 5; i++) {
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
process.stdout.write(JSON.stringify({ tools: lint(), lint: summarise(lintMs), parse: summarise(parseMs) }));

// Measures the engine's prefilter on the corpus: how much it skips, and which catalog words keep the files it keeps.
import * as fs from 'node:fs';
import { loadCatalogs } from '../src/engine/catalog/load';
import { defaultConfig } from '../src/engine/index';
import { parseText } from '../src/engine/parse';
import {
  codeWordPattern,
  DIRECTIVE_WORD,
  genericObjectTest,
  prefilterFor,
  prefilterSignals,
} from '../src/engine/prefilter';
import type { CorpusFile } from './files';

export interface WordShare {
  word: string;
  /** Percent of corpus bytes in files that spell the word. */
  bytesMatchedPercent: number;
  /** Percent of corpus bytes kept by this word alone: dropping it would skip them. */
  bytesOnlyByItPercent: number;
}

export interface PrefilterReport {
  files: number;
  keptFiles: number;
  bytes: number;
  keptBytes: number;
  skippedBytesPercent: number;
  skippedFilesPercent: number;
  /** Both stages: the text test, then TypeScript's tree of the files it keeps (prefilter-syntax.ts). */
  afterSyntax: { keptFiles: number; keptBytes: number; skippedBytesPercent: number; skippedFilesPercent: number };
  byPart: Record<string, { files: number; keptFiles: number; bytes: number; keptBytes: number }>;
  words: WordShare[];
  /** Files where the word tests below and the engine's prefilter disagree: non-zero means the mirror is out of date. */
  mirrorDisagreements: number;
}

/** The name that stands for the generic tool-shaped object test (all four kinds of key, written as keys). */
const GENERIC = '<name + description + schema keys + handler key or sibling function>';

export function prefilterReport(files: readonly CorpusFile[]): PrefilterReport {
  const catalogs = loadCatalogs();
  const filter = prefilterFor(catalogs, defaultConfig());
  const tests = wordTests();
  const matched = new Map<string, number>();
  const only = new Map<string, number>();
  const report: PrefilterReport = {
    files: 0,
    keptFiles: 0,
    bytes: 0,
    keptBytes: 0,
    skippedBytesPercent: 0,
    skippedFilesPercent: 0,
    afterSyntax: { keptFiles: 0, keptBytes: 0, skippedBytesPercent: 0, skippedFilesPercent: 0 },
    byPart: {},
    words: [],
    mirrorDisagreements: 0,
  };
  for (const file of files) {
    const text = fs.readFileSync(file.file, 'utf8');
    const part = report.byPart[file.part] ?? { files: 0, keptFiles: 0, bytes: 0, keptBytes: 0 };
    report.byPart[file.part] = part;
    const kept = filter.mayHoldTools(text);
    for (const target of [report, part]) {
      target.files++;
      target.bytes += file.bytes;
      if (kept) {
        target.keptFiles++;
        target.keptBytes += file.bytes;
      }
    }
    if (kept && keptOnTree(filter, text, file.file)) {
      report.afterSyntax.keptFiles++;
      report.afterSyntax.keptBytes += file.bytes;
    }
    const reasons = tests.filter((test) => test.matches(text)).map((test) => test.word);
    if (reasons.length > 0 !== kept) report.mirrorDisagreements++;
    for (const word of reasons) matched.set(word, (matched.get(word) ?? 0) + file.bytes);
    if (reasons.length === 1 && reasons[0] !== undefined)
      only.set(reasons[0], (only.get(reasons[0]) ?? 0) + file.bytes);
  }
  report.skippedBytesPercent = percent(report.bytes - report.keptBytes, report.bytes);
  report.skippedFilesPercent = percent(report.files - report.keptFiles, report.files);
  report.afterSyntax.skippedBytesPercent = percent(report.bytes - report.afterSyntax.keptBytes, report.bytes);
  report.afterSyntax.skippedFilesPercent = percent(report.files - report.afterSyntax.keptFiles, report.files);
  report.words = [...matched.entries()]
    .map(([word, bytes]) => ({
      word,
      bytesMatchedPercent: percent(bytes, report.bytes),
      bytesOnlyByItPercent: percent(only.get(word) ?? 0, report.bytes),
    }))
    .sort((a, b) => b.bytesOnlyByItPercent - a.bytesOnlyByItPercent || b.bytesMatchedPercent - a.bytesMatchedPercent);
  return report;
}

/** The engine's second stage on the file's tree (a file that does not parse cleanly is kept, as in the engine). */
function keptOnTree(filter: ReturnType<typeof prefilterFor>, text: string, file: string): boolean {
  let kept = true;
  // Asked and then told to stop: the decision is all the report needs, not the ESTree.
  parseText(text, file, (ts, sourceFile) => {
    kept = filter.mayHoldToolsIn(ts, sourceFile, text);
    return false;
  });
  return kept;
}

interface WordTest {
  word: string;
  matches(text: string): boolean;
}

/** The engine's own prefilter signals, one test per word, so the report can say which word keeps which bytes. */
function wordTests(): WordTest[] {
  const { words, genericKeys, genericSuffixes } = prefilterSignals(loadCatalogs(), defaultConfig());
  const spellsGeneric = genericObjectTest(genericKeys, genericSuffixes);
  return [
    ...words.map((word) => {
      const pattern = codeWordPattern([word]);
      return { word, matches: (text: string) => pattern.test(text) };
    }),
    { word: GENERIC, matches: spellsGeneric },
    { word: DIRECTIVE_WORD, matches: (text: string) => text.includes(DIRECTIVE_WORD) },
  ];
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}

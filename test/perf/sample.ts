// Picks a bounded, deterministic sample of corpus files for the prefilter test, half skipped and half kept by bytes.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { CorpusFile } from '../../bench/files';

export interface SampleOptions {
  /** Total source bytes to take. */
  bytes: number;
  /** Files larger than this are left out. */
  maxFileBytes: number;
  isSkipped(file: CorpusFile): boolean;
  /** Paths are hashed relative to this folder, so the sample is the same on every machine. */
  root: string;
}

/**
 * Files in the order of a hash of their corpus path (spread over packages and folders, unlike
 * alphabetical order), taken until each half of the byte budget is spent: one half on files the
 * prefilter skips (where a wrongly skipped tool would hide), one half on files it keeps.
 */
export function sampleFiles(files: readonly CorpusFile[], options: SampleOptions): CorpusFile[] {
  const key = (file: CorpusFile): string =>
    createHash('sha1').update(path.relative(options.root, file.file).split(path.sep).join('/')).digest('hex');
  const ordered = files
    .filter((file) => file.bytes <= options.maxFileBytes)
    .map((file) => ({ file, key: key(file) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ file }) => file);
  const budget = { skipped: options.bytes / 2, kept: options.bytes / 2 };
  const sample: CorpusFile[] = [];
  for (const file of ordered) {
    const half = options.isSkipped(file) ? 'skipped' : 'kept';
    if (budget[half] < file.bytes) continue;
    budget[half] -= file.bytes;
    sample.push(file);
  }
  return sample;
}

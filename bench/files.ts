// Selects the corpus files exactly as `agent-risk scan` does, so every row of the benchmark works on the same files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { walk } from '../src/scan/walk';
import type { CorpusPart } from './corpus';

export interface CorpusFile {
  file: string;
  part: CorpusPart;
  bytes: number;
  lines: number;
}

export interface CorpusStats {
  files: number;
  lines: number;
  bytes: number;
}

/** The files the CLI would scan under `corpusRoot`, with their part (the corpus's top folder), size and line count. */
export function listCorpusFiles(corpusRoot: string): CorpusFile[] {
  const walked = walk([corpusRoot], { cwd: corpusRoot, load: { cache: new Map() } });
  if (walked.problems.length > 0)
    throw new Error(`Cannot walk the corpus: ${walked.problems.map((problem) => problem.message).join('; ')}`);
  return walked.files.map((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const part = path.relative(corpusRoot, file).split(path.sep)[0] as CorpusPart;
    return { file, part, bytes: Buffer.byteLength(text, 'utf8'), lines: countLines(text) };
  });
}

export function statsOf(files: readonly CorpusFile[]): CorpusStats {
  return files.reduce(
    (sum, file) => ({ files: sum.files + 1, lines: sum.lines + file.lines, bytes: sum.bytes + file.bytes }),
    { files: 0, lines: 0, bytes: 0 },
  );
}

export function countLines(text: string): number {
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines++;
  return lines;
}

/** Child rows read the file list from a JSON file rather than a command line, which thousands of paths would overflow. */
export function writeFileList(target: string, files: readonly CorpusFile[]): string {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(files.map((file) => file.file)));
  return target;
}

export function readFileList(source: string): string[] {
  const parsed = JSON.parse(fs.readFileSync(source, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((item): item is string => typeof item === 'string'))
    throw new Error(`${source} is not a list of paths`);
  return parsed;
}

// The gate before any parse: files too large or binary are problems, never parsed. No parser or catalog is
// loaded here, so the file reader (and a re-scan answered from the cache) can use it without the engine.
import type { Problem, ResolvedConfig } from './types';

const BINARY_PROBE_BYTES = 8192;

/**
 * True when more than one character in 16 of the first 8 KiB (and at least 64) is `char`. Binary
 * files (and UTF-16 read as UTF-8) are full of NULs, while a stray NUL in a comment or string of
 * source text (which TypeScript compiles) must not hide the file from the scan.
 */
export function isDenseIn(text: string, char: string): boolean {
  const probe = text.slice(0, BINARY_PROBE_BYTES);
  let count = 0;
  for (let index = probe.indexOf(char); index !== -1; index = probe.indexOf(char, index + 1)) count++;
  // A floor on the length, so that a short file with one NUL in a comment is still text.
  return count * 16 > Math.max(probe.length, 1024);
}

/** Binary by the NUL heuristic of isDenseIn. */
export function looksBinary(text: string): boolean {
  return isDenseIn(text, '\u0000');
}

/** Files the engine must not parse: too large or binary. */
export function inputProblem(text: string, file: string, config: ResolvedConfig): Problem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > config.maxFileBytes) {
    return {
      kind: 'too-large',
      file,
      message: `Skipped: ${bytes} bytes is over the limit of ${config.maxFileBytes} bytes (maxFileBytes).`,
    };
  }
  if (looksBinary(text)) {
    return { kind: 'binary', file, message: 'Skipped: the file is mostly NUL bytes, so it is binary, not source.' };
  }
  return undefined;
}

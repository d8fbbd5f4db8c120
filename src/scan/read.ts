// Reads source files for linting, turning every way a read can fail into a problem, and serves them to the engine.
import * as fs from 'node:fs';
import type { Problem, ProjectHost } from '../engine/types';

/** Bytes inspected for a NUL byte, the same heuristic git uses to call a file binary. */
const BINARY_SNIFF_BYTES = 8192;

export type ReadOutcome = { text: string } | { problem: Problem };

/** Reads a file for linting; regular files only, at most `maxFileBytes`, not binary. */
export function readSource(file: string, maxFileBytes: number): ReadOutcome {
  let buffer: Buffer;
  try {
    const stat = fs.statSync(file);
    // A named pipe, socket or device would block the read forever (or never end): only regular files are read.
    if (!stat.isFile()) {
      return { problem: { kind: 'read', file, message: 'Skipped: not a regular file (a pipe, socket or device).' } };
    }
    const size = stat.size;
    if (size > maxFileBytes) {
      return {
        problem: {
          kind: 'too-large',
          file,
          message: `Skipped: ${size} bytes is more than maxFileBytes (${maxFileBytes}).`,
        },
      };
    }
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { problem: { kind: 'read', file, message: `Cannot read this file: ${errorReason(error)}` } };
  }
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    return {
      problem: { kind: 'binary', file, message: 'Skipped: this looks like a binary file (it has a NUL byte).' },
    };
  }
  return { text: buffer.toString('utf8') };
}

/** The text of `file` under the scan's read rules, or undefined when it cannot be linted. */
export function readSourceText(file: string, maxFileBytes: number): string | undefined {
  const outcome = readSource(file, maxFileBytes);
  return 'text' in outcome ? outcome.text : undefined;
}

/**
 * The host through which the engine reads imported helpers: texts the caller holds (the file being
 * linted, an editor's unsaved buffers) first, then the disk under the same limits as scanned files.
 */
export function sourceHost(maxFileBytes: number, held?: (file: string) => string | undefined): ProjectHost {
  return { readFile: (file) => held?.(file) ?? readSourceText(file, maxFileBytes), listDirectory };
}

/** A folder's names, folders marked with a trailing `/` (symbolic links are not followed into). */
export function listDirectory(dir: string): string[] | undefined {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
  } catch {
    return undefined;
  }
}

/** The one-line reason of a caught error, for problems and messages. */
export function errorReason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

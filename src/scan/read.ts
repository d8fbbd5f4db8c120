// Reads source files for linting, turning every way a read can fail into a problem, and serves them to the engine.
import * as fs from 'node:fs';
import { isDenseIn, looksBinary } from '../engine/input-gate';
import type { Problem, ProjectHost } from '../engine/types';

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
  const text = decodeSource(buffer);
  if (text === undefined || looksBinary(text)) {
    return {
      problem: {
        kind: 'binary',
        file,
        message: 'Skipped: this looks like a binary file (not UTF-8 or UTF-16 text, or mostly NUL bytes).',
      },
    };
  }
  return { text };
}

// ignoreBOM keeps a UTF-8 BOM in the text, as before: the parser blanks it so offsets match the file.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le');

/**
 * The text of a source file as TypeScript reads it: UTF-16 (either byte order) when it starts with a
 * byte-order mark, else UTF-8, where an invalid sequence (a Latin-1 comment) becomes U+FFFD. Undefined
 * (binary) when more than one character in 16 of the first 8 KiB is such a replacement, or when the
 * first 8 KiB hold both a replacement and a NUL. A NUL in valid text is judged later by looksBinary.
 */
export function decodeSource(buffer: Buffer): string | undefined {
  let text: string;
  if (buffer[0] === 0xff && buffer[1] === 0xfe) text = UTF16LE.decode(buffer.subarray(2));
  else if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2)));
    text = UTF16LE.decode(swapped.swap16());
  } else text = UTF8.decode(buffer);
  if (isDenseIn(text, '\uFFFD')) return undefined;
  // A NUL together with bytes that are not UTF-8 is a binary header (PNG, gzip, …), however short the file.
  const probe = text.slice(0, 8192);
  return probe.includes('\u0000') && probe.includes('\uFFFD') ? undefined : text;
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

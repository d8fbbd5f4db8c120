// Token-level edits of real fixtures for fuzzing: mutations that break code, and formatting that must change nothing.
import { parse } from '@typescript-eslint/typescript-estree';

export interface Tokenised {
  text: string;
  /** [start, end) offsets of every token, in order. */
  tokens: Array<[number, number]>;
}

/** The fixture's tokens, or undefined when it does not parse as plain TS/JS (JSX is left out: its text is not trivia). */
export function tokenise(text: string): Tokenised | undefined {
  try {
    const ast = parse(text, { range: true, tokens: true, comment: true, jsx: false });
    const tokens = (ast.tokens ?? []).map((token) => token.range);
    return tokens.length > 0 ? { text, tokens } : undefined;
  } catch {
    return undefined;
  }
}

export type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number };

/** Applies token mutations (indices taken modulo the token count); whitespace and comments stay where they were. */
export function mutate(source: Tokenised, mutations: readonly Mutation[]): string {
  const { text, tokens } = source;
  const pieces = tokens.map(([start, end]) => text.slice(start, end));
  const count = pieces.length;
  for (const mutation of mutations) {
    const at = mutation.at % count;
    if (mutation.kind === 'delete') pieces[at] = '';
    else if (mutation.kind === 'duplicate') pieces[at] = `${pieces[at] ?? ''} ${pieces[at] ?? ''}`;
    else {
      const other = mutation.with % count;
      [pieces[at], pieces[other]] = [pieces[other] ?? '', pieces[at] ?? ''];
    }
  }
  let out = '';
  let cursor = 0;
  tokens.forEach(([start, end], index) => {
    out += text.slice(cursor, start) + (pieces[index] ?? '');
    cursor = end;
  });
  return out + text.slice(cursor);
}

/** Insertions that only change formatting: horizontal space or an inline comment, or CR before an LF. */
export type Formatting = { kind: 'space' | 'tab' | 'comment'; at: number } | { kind: 'crlf'; at: number };

/** The comment the fuzzer inserts, distinctive so messages that quote source can be compared without it. */
export const FUZZ_COMMENT = '/*~*/';

export interface Reformatted {
  text: string;
  /** Where text was inserted (offsets in the original) and how much. */
  insertions: Array<{ at: number; length: number }>;
}

/**
 * Inserts formatting at token ends followed by whitespace or a comment (so no two tokens fuse and no
 * operator splits), never a line break (so automatic semicolons and next-line directives are unchanged);
 * `crlf` turns one LF into CRLF, which keeps every line and column.
 */
export function reformat(source: Tokenised, edits: readonly Formatting[]): Reformatted {
  const { text, tokens } = source;
  const gaps = tokens.map(([, end]) => end).filter((end) => end < text.length && /[\s/]/.test(text[end] as string));
  const newlines: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n' && text[i - 1] !== '\r') newlines.push(i);
  const inserted = new Map<number, string>();
  for (const edit of edits) {
    let at: number | undefined;
    let piece: string;
    if (edit.kind === 'crlf') {
      at = newlines.length > 0 ? newlines[edit.at % newlines.length] : undefined;
      piece = '\r';
      if (at !== undefined && inserted.get(at) === '\r') continue;
    } else {
      at = gaps.length > 0 ? gaps[edit.at % gaps.length] : undefined;
      piece = edit.kind === 'space' ? ' ' : edit.kind === 'tab' ? '\t' : FUZZ_COMMENT;
    }
    if (at === undefined) continue;
    // A CR must stay directly before its LF, so it goes last at that offset.
    inserted.set(at, piece === '\r' ? `${inserted.get(at) ?? ''}\r` : `${piece}${inserted.get(at) ?? ''}`);
  }
  const positions = [...inserted.keys()].sort((a, b) => a - b);
  let out = '';
  let cursor = 0;
  for (const at of positions) {
    out += text.slice(cursor, at) + (inserted.get(at) ?? '');
    cursor = at;
  }
  out += text.slice(cursor);
  return { text: out, insertions: positions.map((at) => ({ at, length: (inserted.get(at) ?? '').length })) };
}

/**
 * Where an original offset lands after the insertions. A token start moves past text inserted at the
 * same offset (it was inserted before the token); a token end does not (it was inserted after it).
 */
export function shiftOffset(insertions: Reformatted['insertions'], offset: number, edge: 'start' | 'end'): number {
  let shifted = offset;
  for (const { at, length } of insertions) if (at < offset || (edge === 'start' && at === offset)) shifted += length;
  return shifted;
}

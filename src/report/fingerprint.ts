// Fingerprints that identify a finding across runs even when lines move, shared by SARIF and baselines.
import { createHash } from 'node:crypto';

/** Key under which SARIF `partialFingerprints` carry ours; bump the version if the recipe changes. */
export const FINGERPRINT_KEY = 'agentRiskFinding/v1';

export interface FingerprintInput {
  ruleId: string;
  /** Report path of the file (relative, forward slashes). */
  file: string;
  /** The finding's tool; for one shared by several tools, the first of them by name (engine/findings.ts). */
  toolName: string;
  /** The text of the line the finding starts on. */
  lineText: string;
}

/** Whitespace-insensitive, so re-indenting or reformatting spacing does not make a finding look new. */
export function normaliseLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Hashes everything that identifies a finding except its line number; `occurrence` tells apart
 * identical findings on identical lines in the same tool (their order in the file).
 */
export function fingerprint(input: FingerprintInput, occurrence: number): string {
  const parts = [input.ruleId, input.file, input.toolName, normaliseLine(input.lineText), String(occurrence)];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The line of `text` that contains `offset`, without its line break. */
export function lineAt(text: string, offset: number): string {
  const start = offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
}

// Small wording and layout helpers shared by the human-readable formats.
import type { ReportedSeverity } from '../../engine/types';
import { docFile } from '../../scan/package-info';
import { reportPath, type Summary } from '../report';

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** `line:column` as editors show it (1-based column); the engine's columns are 0-based. */
export function position(line: number, column: number): string {
  return `${line}:${column + 1}`;
}

/** Where the rule doc shipped with this package is, relative to the report root so it can be opened. */
export function docLink(root: string, docPath: string): string {
  return reportPath(root, docFile(docPath));
}

export const SEVERITY_ORDER: readonly ReportedSeverity[] = ['error', 'warning', 'info', 'hint'];

/** "3 errors, 1 warning" listing only the levels present; "no findings" when there are none. */
export function severityCounts(summary: Summary): string {
  const parts = [
    summary.errors > 0 ? plural(summary.errors, 'error') : '',
    summary.warnings > 0 ? plural(summary.warnings, 'warning') : '',
    summary.infos > 0 ? plural(summary.infos, 'info', 'infos') : '',
    summary.hints > 0 ? plural(summary.hints, 'hint') : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'no findings' : parts.join(', ');
}

/** The counts every human-readable summary ends with. */
export function scanTotals(summary: Summary): string {
  const parts = [`${plural(summary.filesScanned, 'file')} scanned`, `${plural(summary.tools, 'tool')} recognised`];
  if (summary.suppressed > 0) parts.push(`${summary.suppressed} suppressed`);
  if (summary.baselined > 0) parts.push(`${summary.baselined} in baseline`);
  if (summary.fromCache > 0) parts.push(`${summary.fromCache} from cache`);
  if (summary.problems > 0) parts.push(`${plural(summary.problems, 'file')} not analysed`);
  return parts.join(', ');
}

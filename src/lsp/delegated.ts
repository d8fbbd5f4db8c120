// The findings one document's lint reports in another file (a delegated tool's, in its handler's file): kept per
// declaring file from the lints the server has done (open documents, files read from disk, the workspace scan), so
// the handler's file shows them, once, whichever of the two files was linted last. Bounded in files and findings.
import { mergeDelegatedFindings } from '../engine/delegated-results';
import type { Finding, LintResult } from '../engine/types';

/** Declaring files remembered; the oldest is forgotten past this. */
const MAX_SOURCES = 256;
/** Findings remembered per declaring file (a generated dispatcher may hold hundreds of tools). */
const MAX_FINDINGS = 1000;
/** Declaring files re-linted when a handler's file changes. */
export const MAX_RELINTED_SOURCES = 4;

interface Moved {
  findings: Finding[];
  suppressed: Finding[];
}

/** A finding reported in another file than its tool's: the tool is declared in `tool.file`. */
export function isMoved(finding: Finding, file: string): boolean {
  return finding.file !== file;
}

/** A lint result without what it reports in other files, and those findings apart. */
export function splitMoved(result: LintResult): { own: LintResult; moved: Moved } {
  const mine = (finding: Finding): boolean => !isMoved(finding, result.file);
  return {
    own: { ...result, findings: result.findings.filter(mine), suppressed: result.suppressed.filter(mine) },
    moved: {
      findings: result.findings.filter((finding) => !mine(finding)),
      suppressed: result.suppressed.filter((finding) => !mine(finding)),
    },
  };
}

export class DelegatedFindings {
  private readonly bySource = new Map<string, Moved>();
  /**
   * Handler file → declaring files known before everything was derived afresh (a settings or configuration
   * change): the handler's next lint re-lints them, so a dispatcher that is open but not pulled again still
   * shows its findings there.
   */
  private readonly formerSources = new Map<string, Set<string>>();

  /** Replaces what `source`'s lint reports elsewhere; returns the files whose findings changed. */
  set(source: string, moved: Moved): string[] {
    const before = this.bySource.get(source);
    const next = {
      findings: moved.findings.slice(0, MAX_FINDINGS),
      suppressed: moved.suppressed.slice(0, MAX_FINDINGS),
    };
    this.bySource.delete(source);
    if (next.findings.length > 0 || next.suppressed.length > 0) this.bySource.set(source, next);
    while (this.bySource.size > MAX_SOURCES) {
      const oldest = this.bySource.keys().next().value;
      if (oldest === undefined) break;
      this.bySource.delete(oldest);
    }
    return changedFiles(before, this.bySource.get(source));
  }

  /** `source` is no longer linted (closed and not scanned): returns the files whose findings changed. */
  delete(source: string): string[] {
    return this.set(source, { findings: [], suppressed: [] });
  }

  /** Every finding goes; which declaring files reported in which files is kept until those files are linted. */
  clear(): void {
    this.formerSources.clear();
    for (const [source, moved] of this.bySource)
      for (const finding of [...moved.findings, ...moved.suppressed]) {
        const sources = this.formerSources.get(finding.file) ?? new Set<string>();
        if (sources.size < MAX_RELINTED_SOURCES) sources.add(source);
        if (this.formerSources.size < MAX_SOURCES || this.formerSources.has(finding.file))
          this.formerSources.set(finding.file, sources);
      }
    this.bySource.clear();
  }

  /** Declaring files whose findings are in `file`, most recent first, at most `limit`. */
  sourcesOf(file: string, limit = MAX_RELINTED_SOURCES): string[] {
    const out: string[] = [];
    for (const [source, moved] of [...this.bySource].reverse()) {
      if (out.length >= limit) break;
      if (moved.findings.some((f) => f.file === file) || moved.suppressed.some((f) => f.file === file))
        out.push(source);
    }
    for (const source of this.formerSources.get(file) ?? [])
      if (out.length < limit && !out.includes(source)) out.push(source);
    this.formerSources.delete(file);
    return out;
  }

  /**
   * `file`'s own result with the findings other files' lints report in it. A result that already carries
   * moved findings (a workspace scan's) keeps only those of declaring files linted since, which are fresher.
   */
  resultFor(file: string, own: LintResult | undefined): LintResult {
    const base = own ?? { file, findings: [], suppressed: [], tools: [], problems: [] };
    const fresh = (finding: Finding): boolean => finding.file !== file || !this.bySource.has(finding.tool?.file ?? '');
    const others: LintResult[] = [];
    for (const [source, moved] of this.bySource) {
      if (source === file) continue;
      const findings = moved.findings.filter((f) => f.file === file);
      const suppressed = moved.suppressed.filter((f) => f.file === file);
      if (findings.length > 0 || suppressed.length > 0)
        others.push({ file: source, findings, suppressed, tools: [], problems: [] });
    }
    if (others.length === 0) return base;
    const merged = mergeDelegatedFindings([
      { ...base, findings: base.findings.filter(fresh), suppressed: base.suppressed.filter(fresh) },
      ...others,
    ]);
    return merged.find((result) => result.file === file) ?? base;
  }
}

function changedFiles(before: Moved | undefined, after: Moved | undefined): string[] {
  const files = new Set<string>();
  const key = (moved: Moved | undefined, file: string): string =>
    JSON.stringify(
      [...(moved?.findings ?? []), ...(moved?.suppressed ?? [])]
        .filter((f) => f.file === file)
        .map((f) => [f.ruleId, f.range, f.message, f.suppression?.range]),
    );
  for (const moved of [before, after])
    for (const finding of [...(moved?.findings ?? []), ...(moved?.suppressed ?? [])]) files.add(finding.file);
  return [...files].filter((file) => key(before, file) !== key(after, file));
}

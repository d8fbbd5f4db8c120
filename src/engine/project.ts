// TEMPORARY STUB until the analysis lands: the API shape is final, the results are not.
import type { LintResult, ProjectHost, ResolvedConfig } from './types';
import { defaultConfig } from './config';

/**
 * The project-level entry: lints files one at a time, resolving relative imports through `host`
 * so that helpers in other files are analysed, with summaries cached until `invalidate`.
 */
export class Project {
  constructor(readonly config: ResolvedConfig = defaultConfig(), readonly host?: ProjectHost) {}
  /** Lints `file`; `text` overrides what the host would read (an unsaved editor buffer); `config` overrides the project's. */
  lint(file: string, text?: string, config?: ResolvedConfig): LintResult {
    void text;
    void config;
    return { file, findings: [], suppressed: [], tools: [], problems: [] };
  }
  /** Forgets cached summaries of `file` (it changed on disk or in the editor). */
  invalidate(file: string): void {
    void file;
  }
}

/** Lints one text. Without a host, imports between files are not followed. */
export function lintText(text: string, file: string, config: ResolvedConfig = defaultConfig(), host?: ProjectHost): LintResult {
  return new Project(config, host).lint(file, text);
}

// The engine's entry points: lint one file, with other project files loaded through the module loader
// (modules.ts) so that helpers and handlers in them are analysed, and helper summaries cached.
import * as path from 'node:path';
import type { FunctionNode } from './ast';
import type { FileContext } from './analysis/context';
import type { FunctionSummary } from './analysis/interpret';
import { loadCatalogs } from './catalog/load';
import { defaultConfig } from './config';
import { DEFAULT_CACHED_SOURCE_CHARS, describesPackages, inputProblem, ModuleLoader } from './modules';
import { loadParser, parseText } from './parse';
import { prefilterFor } from './prefilter';
import { buildReport } from './report';
import { analyseTool } from './tools/analyse';
import { collectFileFacts } from './tools/file-facts';
import { recogniseTools } from './tools/recognise';
import { AnalysisOverSteps, AnalysisTimeout, checkBudget, DEFAULT_MAX_STEPS, withBudget } from './analysis/budget';
import { lintOnLargeStack } from './large-stack';
import { lineAndColumn } from './lazy-loc';
import { retireSpecialised } from './analysis/interpret/specialise';
import { beginLint, logEdit } from './analysis/summary-deps';
import type { LintResult, Position, Problem, ProjectHost, Range, ResolvedConfig } from './types';

/** Without a budget, the large-stack fallback still gives up after this long (it blocks the calling thread). */
const LARGE_STACK_TIMEOUT_MS = 120_000;

/**
 * DEFAULT_CACHED_SOURCE_CHARS for a whole-repository scan. A build ships each chunk as `.js` and `.cjs`, linted
 * in turn: two 1.6 M agent chunks many chunks import did not fit in 3 M together, so each lint dropped the one
 * the next needed and each was parsed six times. The scan also drops contexts during a lint (`evictDuringLint`).
 */
const WHOLE_SCAN_CACHED_SOURCE_CHARS = 8_000_000;

/**
 * The project-level entry: lints files one at a time, resolving relative imports through `host`
 * so that helpers in other files are analysed, with summaries cached until `invalidate`.
 */
export class Project {
  private readonly modules: ModuleLoader;
  private summaries = new WeakMap<FunctionNode, FunctionSummary>();
  /** The configuration the summaries were computed under (a lint may bring its own, e.g. an editor's per document). */
  private summariesConfig: { config: ResolvedConfig; key: string } | undefined;

  constructor(
    readonly config: ResolvedConfig = defaultConfig(),
    readonly host?: ProjectHost,
    /**
     * `prefilter`: skip parsing files that cannot hold a tool (see prefilter.ts); off only to prove it
     * changes nothing. `largeStackFallback`: re-lint files that overflow the stack on a large-stack thread.
     * `budgetMs`: a file whose analysis takes longer ends with a `timeout` problem instead of its findings.
     * `cachedSourceChars`: how much imported source stays parsed between lints (DEFAULT_CACHED_SOURCE_CHARS, or
     * WHOLE_SCAN_CACHED_SOURCE_CHARS with `shareTrees`).
     * `shareTrees`: for a whole-repository scan, which lints each file once and never changes one: a file an
     * import already parsed is linted on that tree. (The linted file's own tree is not added to that cache:
     * kept full, it cost more collection time than the parses it saved.)
     */
    readonly options: {
      prefilter?: boolean;
      largeStackFallback?: boolean;
      budgetMs?: number;
      cachedSourceChars?: number;
      shareTrees?: boolean;
    } = {},
  ) {
    this.modules = new ModuleLoader(host);
    this.modules.evictDuringLint = options.shareTrees === true;
    if (options.shareTrees && options.prefilter !== false) {
      this.modules.keepTestFor = (keepConfig, text) => {
        const prefilter = prefilterFor(loadCatalogs(), keepConfig);
        return (ts, sourceFile) => prefilter.mayHoldToolsIn(ts, sourceFile, text);
      };
    }
  }

  /**
   * Lints `file`; `text` overrides what the host would read (an unsaved editor buffer); `config` overrides the
   * project's, and `budgetMs` its budget (an editor setting that changes without a new project).
   */
  lint(file: string, text?: string, config?: ResolvedConfig, budgetMs = this.options.budgetMs): LintResult {
    const result: LintResult = { file, findings: [], suppressed: [], tools: [], problems: [] };
    const wholeScan = this.options.shareTrees === true;
    this.modules.trim(
      this.options.cachedSourceChars ?? (wholeScan ? WHOLE_SCAN_CACHED_SOURCE_CHARS : DEFAULT_CACHED_SOURCE_CHARS),
    );
    const effective = config ?? this.config;
    const read = text ?? this.host?.readFile(file);
    if (read === undefined) {
      result.problems.push({ kind: 'read', file, message: 'Cannot read the file.' });
      return result;
    }
    // Editors never show a byte order mark: positions count from the character after it.
    const source = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read;
    const gate = inputProblem(source, file, effective);
    if (gate) {
      result.problems.push(gate);
      return result;
    }
    try {
      if (this.options.prefilter !== false && !prefilterFor(loadCatalogs(), effective).mayHoldTools(source)) {
        result.skipped = 'no-tool-shapes';
        return result;
      }
      prepareEngine();
      // The budget covers the rest of the file: its parse, the files it imports, recognition and analysis.
      // Its steps end the file the same way on every machine; the clock is the backstop for a loaded one.
      const maxSteps = effective.maxAnalysisSteps ?? DEFAULT_MAX_STEPS;
      return withBudget(budgetMs, () => this.lintSource(result, source, effective, budgetMs), maxSteps);
    } catch (error) {
      if (error instanceof AnalysisTimeout) return timedOut(file, error.budgetMs);
      if (error instanceof AnalysisOverSteps) return overSteps(file, error.maxSteps);
      if (error instanceof RangeError) {
        const deep = this.onLargeStack(source, file, effective, budgetMs);
        if (deep) return deep;
      }
      // A bug in the engine must cost one file's result, never the whole scan.
      const message = error instanceof Error ? `${error.message}` : String(error);
      result.problems.push({ kind: 'internal', file, message: `Internal error while analysing this file: ${message}` });
      return result;
    }
  }

  private lintSource(result: LintResult, source: string, config: ResolvedConfig, budgetMs?: number): LintResult {
    const file = result.file;
    const sharing = this.modules.keepTestFor !== undefined && config === this.config;
    const shared = sharing ? this.modules.sharedTree(file, source, config) : undefined;
    if (shared?.kept === false) {
      result.skipped = 'no-tool-shapes';
      return result;
    }
    const ctx = shared?.ctx ?? this.parseFile(result, source, config, budgetMs);
    if (!('ast' in ctx)) return ctx;
    this.modules.lintingFile(ctx);
    try {
      return this.analyse(ctx, result, source, config);
    } finally {
      this.modules.lintingFile(undefined);
    }
  }

  /** The linted file's own parse and context, or its result when it is dropped or cannot be parsed. */
  private parseFile(
    result: LintResult,
    source: string,
    config: ResolvedConfig,
    budgetMs?: number,
  ): FileContext | LintResult {
    const file = result.file;
    // The prefilter's second stage runs on TypeScript's tree, before the ESTree conversion.
    const prefilter = this.options.prefilter !== false ? prefilterFor(loadCatalogs(), config) : undefined;
    const outcome = parseText(
      source,
      file,
      prefilter && ((ts, sourceFile) => prefilter.mayHoldToolsIn(ts, sourceFile, source)),
    );
    if (outcome.dropped) {
      result.skipped = 'no-tool-shapes';
      return result;
    }
    if (outcome.stackOverflow)
      return this.onLargeStack(source, file, config, budgetMs) ?? withProblem(result, outcome.problem);
    if (!outcome.ast) return withProblem(result, outcome.problem);
    checkBudget();
    // Not cached: a scan lints thousands of files, and keeping every AST costs hundreds of MB. Files
    // other files import are parsed again through the host when a helper in them is needed.
    return this.modules.createContext(file, source, outcome.ast, config);
  }

  private analyse(ctx: FileContext, result: LintResult, source: string, config: ResolvedConfig): LintResult {
    const tools = recogniseTools(ctx);
    // Without tools only suppression directives can report (as unused); most files have neither.
    if (tools.length === 0 && !source.includes('agent-risk-disable')) return result;
    const facts = collectFileFacts(ctx);
    this.summariesFor(config);
    beginLint();
    const analyses = tools.map((tool) => analyseTool(tool, this.summaries));
    const report = buildReport(ctx, analyses, facts);
    result.findings = report.findings;
    result.suppressed = report.suppressed;
    result.tools = report.tools;
    if (/[\u2028\u2029]/.test(source)) remapLineSeparators(result, source);
    return result;
  }

  /** A file too deeply nested for this thread's stack is linted again on a thread with a large one. */
  private onLargeStack(
    source: string,
    file: string,
    config: ResolvedConfig,
    budgetMs?: number,
  ): LintResult | undefined {
    if (this.options.largeStackFallback === false) return undefined;
    const result = lintOnLargeStack(source, file, config, budgetMs ?? LARGE_STACK_TIMEOUT_MS, budgetMs);
    return result === 'timeout' ? timedOut(file, budgetMs ?? LARGE_STACK_TIMEOUT_MS) : result;
  }

  /** Summaries computed under another configuration (other sinks, guard or approval names) are not reused. */
  private summariesFor(config: ResolvedConfig): void {
    if (this.summariesConfig?.config === config) return;
    const key = JSON.stringify(config);
    if (this.summariesConfig !== undefined && this.summariesConfig.key !== key) this.summaries = new WeakMap();
    this.summariesConfig = { config, key };
  }

  /** Forgets cached summaries of `file` (it changed on disk or in the editor). */
  invalidate(file: string): void {
    // Summaries may embed what the file's functions do, and callers in other files depend on them too,
    // but only when some analysis loaded the file through the module loader: every cross-file reference
    // goes through it. The file an editor re-lints at each keystroke is usually loaded by no other (its own
    // functions' summaries are keyed by its old tree's nodes and die with it), so the summaries of the
    // helpers it calls in other files are kept. When it was loaded, the edit is logged and each summary's
    // record of the files and package-wide lookups it read (analysis/summary-deps.ts) says, when it is next
    // about to be reused, whether to analyse it again; a specialised summary (analysed with callers' values)
    // also needs a caller passing the very same values (those holding the old tree go now), and every
    // summary goes when a file that says where packages are changed.
    if (!this.modules.invalidate(file)) return;
    if (describesPackages(file)) {
      this.summaries = new WeakMap();
      return;
    }
    logEdit(this.summaries, path.resolve(file), this.modules.changedBy(file));
    retireSpecialised(this.summaries);
  }
}

/**
 * Loads the catalogs and the parser (once per thread): a worker calls it before taking files, and a lint
 * calls it before starting its file's clock, so start-up is never counted against the first file's budget.
 */
export function prepareEngine(): void {
  loadCatalogs();
  loadParser();
}

/** The result of a file over its budget: no findings, and a problem that says why, never a stall. */
export function timedOut(file: string, budgetMs: number): LintResult {
  const seconds = budgetMs >= 1000 ? `${Math.round(budgetMs / 100) / 10} s` : `${budgetMs} ms`;
  return {
    file,
    findings: [],
    suppressed: [],
    tools: [],
    problems: [{ kind: 'timeout', file, message: `Not analysed: timeout (the analysis took longer than ${seconds}).` }],
  };
}

/** The result of a file over its work budget: like a timeout, with a message that names no machine's speed. */
function overSteps(file: string, maxSteps: number): LintResult {
  const message = `Not analysed: timeout (the analysis took more than ${maxSteps} steps, maxAnalysisSteps).`;
  return { file, findings: [], suppressed: [], tools: [], problems: [{ kind: 'timeout', file, message }] };
}

function withProblem(result: LintResult, problem: Problem | undefined): LintResult {
  if (problem) result.problems.push(problem);
  return result;
}

/**
 * ECMAScript counts U+2028 and U+2029 as line breaks, editors and SARIF viewers do not: positions
 * are recomputed from offsets counting only CR, LF and CRLF.
 */
function remapLineSeparators(result: LintResult, source: string): void {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const char = source.charCodeAt(i);
    if (char === 10 || (char === 13 && source.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  const position = (offset: number): Position => ({ ...lineAndColumn(starts, offset), offset });
  const fix = (range: Range): void => {
    range.start = position(range.start.offset);
    range.end = position(range.end.offset);
  };
  const inFile = (located: { file: string; range: Range }): void => {
    if (located.file === result.file) fix(located.range);
  };
  for (const finding of [...result.findings, ...result.suppressed]) {
    inFile(finding);
    finding.related.forEach(inFile);
    if (finding.suppression) fix(finding.suppression.range);
  }
  for (const tool of result.tools) {
    inFile(tool);
    if (tool.handler) inFile(tool.handler);
    tool.capabilities.forEach(inFile);
  }
}

/** Lints one text. Without a host, imports between files are not followed. */
export function lintText(
  text: string,
  file: string,
  config: ResolvedConfig = defaultConfig(),
  host?: ProjectHost,
): LintResult {
  return new Project(config, host).lint(file, text);
}

// The engine's entry points: lint one file, resolving relative imports through a host so that helpers
// and handlers in other project files are analysed, with parsed files and summaries cached.
import * as path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { ApiResolver, requiredModule } from './api';
import { propertyName, stringValue, walk, type FunctionNode, type Node } from './ast';
import type { FileContext, ProjectLinks } from './analysis/context';
import type { FunctionSummary } from './analysis/interpret';
import { compileConfigSinks, loadCatalogs } from './catalog/load';
import { defaultConfig } from './config';
import { parseText } from './parse';
import { prefilterFor } from './prefilter';
import { buildReport } from './report';
import { ScopeIndex } from './scope';
import { analyseTool } from './tools/analyse';
import { collectFileFacts } from './tools/file-facts';
import { recogniseTools } from './tools/recognise';
import { lintOnLargeStack } from './large-stack';
import type { LintResult, Position, Problem, ProjectHost, Range, ResolvedConfig } from './types';

const RESOLVE_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.mjs'];
const BINARY_PROBE_BYTES = 8192;
const LARGE_STACK_TIMEOUT_MS = 120_000;

/**
 * The project-level entry: lints files one at a time, resolving relative imports through `host`
 * so that helpers in other files are analysed, with summaries cached until `invalidate`.
 */
export class Project {
  private readonly contexts = new Map<string, FileContext | null>();
  private summaries = new WeakMap<FunctionNode, FunctionSummary>();

  constructor(
    readonly config: ResolvedConfig = defaultConfig(),
    readonly host?: ProjectHost,
    /**
     * `prefilter`: skip parsing files that cannot hold a tool (see prefilter.ts); off only to prove it
     * changes nothing. `largeStackFallback`: re-lint files that overflow the stack on a large-stack thread.
     */
    readonly options: { prefilter?: boolean; largeStackFallback?: boolean } = {},
  ) {}

  /** Lints `file`; `text` overrides what the host would read (an unsaved editor buffer); `config` overrides the project's. */
  lint(file: string, text?: string, config?: ResolvedConfig): LintResult {
    const result: LintResult = { file, findings: [], suppressed: [], tools: [], problems: [] };
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
      const outcome = parseText(source, file);
      if (outcome.stackOverflow) return this.onLargeStack(source, file, effective) ?? withProblem(result, outcome.problem);
      if (!outcome.ast) return withProblem(result, outcome.problem);
      // Not cached: a scan lints thousands of files, and keeping every AST costs hundreds of MB. Files
      // other files import are parsed again through the host when a helper in them is needed.
      const ctx = this.createContext(file, source, outcome.ast, effective);
      const tools = recogniseTools(ctx);
      // Without tools only suppression directives can report (as unused); most files have neither.
      if (tools.length === 0 && !source.includes('agent-risk-disable')) return result;
      const facts = collectFileFacts(ctx);
      const analyses = tools.map((tool) => analyseTool(tool, this.summaries));
      const report = buildReport(ctx, analyses, facts);
      result.findings = report.findings;
      result.suppressed = report.suppressed;
      result.tools = report.tools;
      if (/[\u2028\u2029]/.test(source)) remapLineSeparators(result, source);
    } catch (error) {
      if (error instanceof RangeError) {
        const deep = this.onLargeStack(source, file, effective);
        if (deep) return deep;
      }
      // A bug in the engine must cost one file's result, never the whole scan.
      const message = error instanceof Error ? `${error.message}` : String(error);
      result.problems.push({ kind: 'internal', file, message: `Internal error while analysing this file: ${message}` });
    }
    return result;
  }

  /** A file too deeply nested for this thread's stack is linted again on a thread with a large one. */
  private onLargeStack(source: string, file: string, config: ResolvedConfig): LintResult | undefined {
    if (this.options.largeStackFallback === false) return undefined;
    return lintOnLargeStack(source, file, config, LARGE_STACK_TIMEOUT_MS);
  }

  /** Forgets cached summaries of `file` (it changed on disk or in the editor). */
  invalidate(file: string): void {
    this.contexts.delete(path.resolve(file));
    // Summaries may embed what the file's functions do; callers in other files depend on them too.
    this.summaries = new WeakMap();
  }

  private createContext(file: string, text: string, ast: TSESTree.Program, config: ResolvedConfig): FileContext {
    const scopes = new ScopeIndex(ast);
    const catalogs = loadCatalogs();
    const ctx: FileContext = {
      file,
      text,
      ast,
      scopes,
      api: new ApiResolver(scopes, catalogs.common.transparentWrappers, catalogs.common.namespaceMembers),
      imports: collectImports(ast, scopes),
      catalogs,
      sinks: config.sinks.length > 0 ? [...catalogs.sinks, ...compileConfigSinks(config.sinks)] : catalogs.sinks,
      config,
      project: this.links,
    };
    return ctx;
  }

  private readonly links: ProjectLinks = {
    resolveImport: (from, source) => this.resolveImport(from, source),
    exportedNode: (ctx, name) => exportedNode(ctx, name, 0),
  };

  private resolveImport(from: FileContext, source: string): FileContext | undefined {
    if (!this.host) return undefined;
    const base = path.resolve(path.dirname(from.file), source);
    const candidates = RESOLVE_EXTENSIONS.map((extension) => base + extension);
    // TypeScript's ESM style imports `./x.js` for `x.ts`.
    const withoutJs = base.replace(/\.(m|c)?js$/, '');
    if (withoutJs !== base) candidates.push(`${withoutJs}.ts`, `${withoutJs}.tsx`, `${withoutJs}.mts`, `${withoutJs}.cts`);
    for (const candidate of candidates) {
      const cached = this.contexts.get(candidate);
      if (cached !== undefined) {
        if (cached) return cached;
        continue;
      }
      const text = this.host.readFile(candidate);
      if (text === undefined || inputProblem(text, candidate, from.config)) {
        this.contexts.set(candidate, null);
        continue;
      }
      const outcome = parseText(text, candidate);
      if (!outcome.ast) {
        this.contexts.set(candidate, null);
        continue;
      }
      const ctx = this.createContext(candidate, text, outcome.ast, from.config);
      this.contexts.set(candidate, ctx);
      return ctx;
    }
    return undefined;
  }
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
  const position = (offset: number): Position => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number), offset };
  };
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
export function lintText(text: string, file: string, config: ResolvedConfig = defaultConfig(), host?: ProjectHost): LintResult {
  return new Project(config, host).lint(file, text);
}

/** Files the engine must not parse: too large or binary. */
function inputProblem(text: string, file: string, config: ResolvedConfig): Problem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > config.maxFileBytes) {
    return { kind: 'too-large', file, message: `Skipped: ${bytes} bytes is over the limit of ${config.maxFileBytes} bytes (maxFileBytes).` };
  }
  if (text.slice(0, BINARY_PROBE_BYTES).includes('\u0000')) {
    return { kind: 'binary', file, message: 'Skipped: the file holds NUL bytes, so it is binary, not source.' };
  }
  return undefined;
}

function collectImports(ast: TSESTree.Program, scopes: ScopeIndex): Set<string> {
  const imports = new Set<string>();
  for (const statement of ast.body) {
    if (statement.type === 'ImportDeclaration') imports.add(statement.source.value);
    if ((statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportAllDeclaration') && statement.source) imports.add(statement.source.value);
  }
  walk(ast, (node) => {
    if (node.type === 'CallExpression') {
      const required = requiredModule(node, scopes);
      if (required !== undefined) imports.add(required);
    }
    if (node.type === 'ImportExpression') {
      const source = stringValue(node.source);
      if (source !== undefined) imports.add(source);
    }
  });
  return imports;
}

/** What a module exports under `name`: ESM declarations, specifiers, re-exports, or CommonJS exports. */
function exportedNode(ctx: FileContext, name: string, depth: number): { node: Node; ctx: FileContext } | undefined {
  if (depth > 5) return undefined;
  for (const statement of ctx.ast.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration;
      if ((declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id?.name === name) return { node: declaration, ctx };
      if (declaration?.type === 'VariableDeclaration') {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === 'Identifier' && declarator.id.name === name && declarator.init) return { node: declarator.init, ctx };
        }
      }
      for (const specifier of statement.specifiers) {
        const exported = specifier.exported.type === 'Identifier' ? specifier.exported.name : String(specifier.exported.value);
        if (exported !== name) continue;
        const local = specifier.local.type === 'Identifier' ? specifier.local.name : String(specifier.local.value);
        if (statement.source) {
          const target = ctx.project.resolveImport(ctx, statement.source.value);
          return target ? exportedNode(target, local, depth + 1) : undefined;
        }
        return { node: specifier.local, ctx };
      }
    }
    if (statement.type === 'ExportDefaultDeclaration' && name === 'default') return { node: statement.declaration, ctx };
    if (statement.type === 'ExportAllDeclaration' && !statement.exported) {
      const target = ctx.project.resolveImport(ctx, statement.source.value);
      const found = target ? exportedNode(target, name, depth + 1) : undefined;
      if (found) return found;
    }
    if (statement.type === 'ExpressionStatement' && statement.expression.type === 'AssignmentExpression') {
      const { left, right } = statement.expression;
      if (left.type !== 'MemberExpression') continue;
      const target = ctx.text.slice(left.range[0], left.range[1]);
      if (target === `module.exports.${name}` || target === `exports.${name}`) return { node: right, ctx };
      if (target === 'module.exports' && right.type === 'ObjectExpression') {
        for (const property of right.properties) {
          if (property.type === 'Property' && propertyName(property) === name) return { node: property.value as Node, ctx };
        }
      }
    }
  }
  return undefined;
}

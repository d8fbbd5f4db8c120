// Lints the selected files of one unpacked package with one engine Project that reads from disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { minimatch } from 'minimatch';
import { Project, defaultConfig, mergeConfig } from '../../src/engine';
import type { Finding, Problem, ResolvedConfig, ToolInfo } from '../../src/engine';
import { listDirectory } from '../../src/scan/read';

/** Never linted: type declarations, source maps and the package's own tests. */
const ALWAYS_EXCLUDED = [
  '**/*.d.ts',
  '**/*.d.mts',
  '**/*.d.cts',
  '**/*.map',
  '**/*.test.*',
  '**/*.spec.*',
  '**/__tests__/**',
  '**/node_modules/**',
];

export interface PackageLint {
  root: string;
  /** Package-relative, `/`-separated, sorted. */
  files: string[];
  tools: ToolInfo[];
  findings: Finding[];
  problems: Problem[];
  milliseconds: number;
}

/** The package-relative files under `root` that match `include` and none of `exclude`. */
export function selectFiles(root: string, include: string[], exclude: string[]): string[] {
  const excluded = [...ALWAYS_EXCLUDED, ...exclude];
  return walk(root)
    .map((file) => toPosix(path.relative(root, file)))
    .filter((rel) => include.some((glob) => minimatch(rel, glob, { dot: true })))
    .filter((rel) => !excluded.some((glob) => minimatch(rel, glob, { dot: true })))
    .sort();
}

export function lintPackage(
  root: string,
  include: string[],
  exclude: string[],
  config: Partial<ResolvedConfig>,
): PackageLint {
  const files = selectFiles(root, include, exclude);
  const project = new Project(mergeConfig(defaultConfig(), config), {
    readFile(file: string): string | undefined {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    // Folder listings, as the CLI and the editor give them: the package-wide class indexes need them.
    listDirectory,
  });
  const started = Date.now();
  const tools: ToolInfo[] = [];
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  for (const rel of files) {
    const result = project.lint(path.join(root, rel));
    tools.push(...result.tools);
    findings.push(...result.findings);
    problems.push(...result.problems);
  }
  return { root, files, tools, findings, problems, milliseconds: Date.now() - started };
}

/** `file` relative to the package root, `/`-separated, as expectation files write paths. */
export function packagePath(root: string, file: string): string {
  return toPosix(path.isAbsolute(file) ? path.relative(root, file) : file);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

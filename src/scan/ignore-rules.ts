// Ordered exclude rules (built-in defaults, .gitignore lines, configuration globs) where the last match wins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { absoluteGlobs } from '../config/index';

/** One exclude glob; `negated` rules re-include what an earlier rule excluded, as in .gitignore. */
export interface IgnoreRule {
  negated: boolean;
  /** True when the rule applies to this absolute path; `root` is the folder the scan started from. */
  matches(file: string, root: string): boolean;
}

/** Folders never worth scanning by default: dependencies, VCS data, build output, tests. */
const DEFAULT_EXCLUDED_FOLDERS = [
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  'coverage',
  'test',
  'tests',
  '__tests__',
];
/** Files never worth scanning by default: declarations, minified bundles, tests. */
const DEFAULT_EXCLUDED_FILES = [
  '*.d.ts',
  '*.d.mts',
  '*.d.cts',
  '*.min.js',
  '*.min.mjs',
  '*.min.cjs',
  '*.test.*',
  '*.spec.*',
];

/** The built-in excludes as written in docs and `--help`. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  ...DEFAULT_EXCLUDED_FOLDERS.map((folder) => `**/${folder}/**`),
  ...DEFAULT_EXCLUDED_FILES.map((file) => `**/${file}`),
];

const OPTIONS = { dot: true };

function toSlashes(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * The built-in excludes, matched against the path relative to the scanned folder, so that scanning
 * a folder that itself sits under `test/` (or `out/`) still scans it.
 */
export function defaultRules(): IgnoreRule[] {
  const globs = [
    ...DEFAULT_EXCLUDED_FOLDERS.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]),
    ...DEFAULT_EXCLUDED_FILES.map((file) => `**/${file}`),
  ];
  const matchers = globs.map((glob) => new Minimatch(glob, OPTIONS));
  return [
    {
      negated: false,
      matches(file, root) {
        const relative = toSlashes(path.relative(root, file));
        if (relative === '' || relative.startsWith('../')) return false;
        return matchers.some((matcher) => matcher.match(relative));
      },
    },
  ];
}

const compiled = new Map<string, Minimatch>();

/** One compiled matcher per glob: every folder of a walk re-reads the same configuration's globs. */
export function matcherFor(glob: string): Minimatch {
  let matcher = compiled.get(glob);
  if (!matcher) {
    matcher = new Minimatch(glob, OPTIONS);
    compiled.set(glob, matcher);
  }
  return matcher;
}

/** Rules from absolute globs (configuration excludes, as the loader anchors them). */
export function globRules(globs: readonly string[]): IgnoreRule[] {
  return globs.map((glob) => {
    const negated = glob.startsWith('!');
    const matcher = matcherFor(negated ? glob.slice(1) : glob);
    return { negated, matches: (file) => matcher.match(toSlashes(file)) };
  });
}

/** The rules of the `.gitignore` in `dir`, or none when it has none or cannot be read. */
export function gitignoreRules(dir: string): IgnoreRule[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return [];
  }
  return globRules(parseGitignore(text).flatMap((pattern) => absoluteGlobs(dir, pattern)));
}

/**
 * The patterns of a .gitignore: enough of git's syntax for common files (comments, negation,
 * anchoring, folder patterns, escaped `#` and `!`); character classes pass through to minimatch.
 */
export function parseGitignore(text: string): string[] {
  const patterns: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    let body = negated ? line.slice(1) : line;
    if (body.startsWith('\\#') || body.startsWith('\\!')) body = body.slice(1);
    if (body === '' || body === '/') continue;
    patterns.push(negated ? `!${body}` : body);
  }
  return patterns;
}

/** The .gitignore rules of the folders above `dir` up to the repository root (the folder with `.git`). */
export function ancestorGitignoreRules(dir: string): IgnoreRule[] {
  const folders: string[] = [];
  let current = path.dirname(dir);
  let foundRepositoryRoot = fs.existsSync(path.join(dir, '.git'));
  while (!foundRepositoryRoot) {
    folders.push(current);
    if (fs.existsSync(path.join(current, '.git'))) foundRepositoryRoot = true;
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  // Outside a repository no .gitignore applies from above, as with git itself.
  if (!foundRepositoryRoot) return [];
  return folders.reverse().flatMap((folder) => gitignoreRules(folder));
}

/** True when the last rule that matches excludes the path. */
export function isExcluded(rules: readonly IgnoreRule[], file: string, root: string): boolean {
  let excluded = false;
  for (const rule of rules) {
    if (rule.matches(file, root)) excluded = !rule.negated;
  }
  return excluded;
}

// Ordered exclude rules (built-in defaults, .gitignore lines, configuration globs) where the last match wins.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { absoluteGlobs } from '../config/index';
import { compileGlob, globError, plainSegmentSource } from '../engine/glob';

/** One exclude glob; `negated` rules re-include what an earlier rule excluded, as in .gitignore. */
export interface IgnoreRule {
  negated: boolean;
  /** Where the rule was written: a .gitignore or configuration file, or DEFAULT_SOURCE. */
  source: string;
  /** The glob as the report shows it. */
  glob: string;
  /** True when the rule applies to this absolute path; `root` is the folder the scan started from. */
  matches(file: string, root: string): boolean;
}

/** The source of the built-in excludes in reports. */
export const DEFAULT_SOURCE = 'default excludes';
/** Build-output folders scanned after all when a package has no other source (a published package). */
export const COMPILED_FOLDERS: readonly string[] = ['dist', 'out', 'build'];

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

function toSlashes(file: string): string {
  // Called for every rule on every walked entry: on POSIX there is nothing to replace.
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

/**
 * The built-in excludes, matched against the path relative to the scanned folder, so that scanning
 * a folder that itself sits under `test/` (or `out/`) still scans it.
 */
export function defaultRules(options: { compiled?: boolean } = {}): IgnoreRule[] {
  const folders = options.compiled
    ? DEFAULT_EXCLUDED_FOLDERS.filter((folder) => !COMPILED_FOLDERS.includes(folder))
    : DEFAULT_EXCLUDED_FOLDERS;
  const globs = [
    ...folders.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]),
    ...DEFAULT_EXCLUDED_FILES.map((file) => `**/${file}`),
  ];
  // What those globs mean, checked once per path instead of once per glob (every walked entry pays it):
  // `**/name` and `**/name/**` together match a path with `name` as any segment, `**/*.d.ts` one whose
  // last segment matches. test/unit/glob.test.ts holds this to minimatch's answers.
  const excludedFolders = new Set(folders);
  const excludedName = new RegExp(`^(?:${DEFAULT_EXCLUDED_FILES.map(plainSegmentSource).join('|')})$`);
  return [
    {
      negated: false,
      source: DEFAULT_SOURCE,
      glob: globs.join(' '),
      matches(file, root) {
        const relative = relativeTo(root, file);
        if (relative === '' || relative.startsWith('../')) return false;
        const names = relative.split('/');
        return names.some((name) => excludedFolders.has(name)) || excludedName.test(names.at(-1) ?? '');
      },
    },
  ];
}

/**
 * `path.relative(root, file)` with slashes. A normal path below the root (every walked entry) is cut rather
 * than resolved; anything else (Windows, `.`, `..` or empty names) goes to path.relative.
 */
function relativeTo(root: string, file: string): string {
  if (path.sep === '/' && file.length > root.length + 1 && file.startsWith(root) && file[root.length] === '/') {
    const rest = file.slice(root.length + 1);
    if (rest.split('/').every((name) => name !== '' && name !== '.' && name !== '..')) return rest;
  }
  return toSlashes(path.relative(root, file));
}

/** One compiled matcher per glob, with brace expansion capped (engine/glob.ts). */
export const matcherFor = compileGlob;

/** Rules from absolute globs (configuration excludes, as the loader anchors them), written in `source`. */
export function globRules(globs: readonly string[], source = 'configuration', shown?: readonly string[]): IgnoreRule[] {
  return globs.map((glob, index) => {
    const negated = glob.startsWith('!');
    const matcher = matcherFor(negated ? glob.slice(1) : glob);
    return { negated, source, glob: shown?.[index] ?? glob, matches: (file) => matcher.match(toSlashes(file)) };
  });
}

/**
 * The rules of the `.gitignore` in `dir`, or none when it has none or cannot be read. A line whose
 * braces expand past the cap is left out: an exclude that is not applied only scans more.
 */
export function gitignoreRules(dir: string): IgnoreRule[] {
  const file = path.join(dir, '.gitignore');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const globs: string[] = [];
  const shown: string[] = [];
  for (const pattern of parseGitignore(text)) {
    if (globError(pattern) !== undefined) continue;
    for (const glob of absoluteGlobs(dir, pattern)) {
      globs.push(glob);
      shown.push(pattern);
    }
  }
  return globRules(globs, file, shown);
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

/** The last rule that matches the path when it excludes it, else undefined (kept, or re-included). */
export function excludingRule(rules: readonly IgnoreRule[], file: string, root: string): IgnoreRule | undefined {
  // The last match wins, so the search runs backwards and stops at the first match.
  for (let index = rules.length - 1; index >= 0; index--) {
    const rule = rules[index] as IgnoreRule;
    if (rule.matches(file, root)) return rule.negated ? undefined : rule;
  }
  return undefined;
}

/** True when the last rule that matches excludes the path. */
export function isExcluded(rules: readonly IgnoreRule[], file: string, root: string): boolean {
  return excludingRule(rules, file, root) !== undefined;
}

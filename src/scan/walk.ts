// Expands the paths given on the command line into the source files to scan, honouring excludes, never looping and
// never leaving the scanned folder through a symlink; it counts what each exclude dropped, so reports can say so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME,
  loadConfigForDir,
  noteConfigFileListing,
  type ConfigError,
  type LoadOptions,
} from '../config/index';
import type { Problem } from '../engine/types';
import { ScanError } from './errors';
import { errorReason } from './read';
import {
  ancestorGitignoreRules,
  COMPILED_FOLDERS,
  DEFAULT_SOURCE,
  defaultRules,
  excludingRule,
  gitignoreRules,
  globRules,
  matcherFor,
  type IgnoreRule,
} from './ignore-rules';

/** Extensions the engine parses. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Paths one exclude source (a .gitignore, a configuration file, the defaults, includes) left out. */
export interface DroppedPaths {
  source: string;
  /** The globs of that source that matched, as written. */
  globs: string[];
  /** Files and folders left out (a folder counts once, whatever it holds). */
  count: number;
}

export interface WalkResult {
  /** Absolute paths, in walk order (folders depth first, entries by name). */
  files: string[];
  problems: Problem[];
  /** Errors in configuration files met on the way, even where no file ends up scanned. */
  configErrors: ConfigError[];
  /** Every configuration file read, also those whose files were all excluded. */
  configFiles: string[];
  dropped: DroppedPaths[];
  /** Symlinks not followed because they lead outside the scanned folder. */
  symlinksOutside: string[];
  /** Package folders whose only code is build output, scanned because nothing else was there. */
  compiledPackages: string[];
}

export interface WalkOptions {
  cwd: string;
  /** Passed to the configuration loader, so `--config` and the shared cache apply to excludes too. */
  load: LoadOptions;
  /** False with `--no-default-excludes`: dist/, test/, node_modules/ … are walked like any folder. */
  defaultExcludes?: boolean;
}

/** Where an entry leads: a folder, a source file, or nothing worth reading (or a link out of the root). */
type EntryKind = 'dir' | 'file' | 'other' | 'outside';

/**
 * Walks `targets`. A file named on the command line is always scanned (the user asked for it); files
 * found in folders must be source files that pass the exclude rules and the configured includes.
 */
export function walk(targets: readonly string[], options: WalkOptions): WalkResult {
  const out: WalkResult = {
    files: [],
    problems: [],
    configErrors: [],
    configFiles: [],
    dropped: [],
    symlinksOutside: [],
    compiledPackages: [],
  };
  // Real paths already visited: a symlink back to an ancestor (a loop) or to a visited file is skipped.
  const seen = new Set<string>();
  const configFiles = new Set<string>();
  const dropped = new Map<string, { globs: Set<string>; count: number }>();
  const drop = (source: string, globs: readonly string[]): void => {
    let entry = dropped.get(source);
    if (entry === undefined) {
      entry = { globs: new Set(), count: 0 };
      dropped.set(source, entry);
    }
    for (const glob of globs) entry.globs.add(glob);
    entry.count++;
  };

  // `real` is known without a system call for an entry that is no symlink: its folder's real path and its name.
  const addFile = (file: string, real = realpathOrSelf(file)): void => {
    if (seen.has(real)) return;
    seen.add(real);
    out.files.push(file);
  };

  const visit = (dir: string, root: string, inherited: readonly IgnoreRule[], real = realpathOrSelf(dir)): void => {
    if (seen.has(real)) return;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      out.problems.push({ kind: 'read', file: dir, message: `Cannot read this folder: ${errorReason(error)}` });
      return;
    }
    const names = new Set(entries.map((entry) => entry.name));
    const listed = entries.find((entry) => entry.name === CONFIG_FILE_NAME);
    if (listed === undefined || listed.isFile()) noteConfigFileListing(dir, listed !== undefined, options.load);
    const loaded = loadConfigForDir(dir, options.load);
    out.configErrors.push(...loaded.errors);
    for (const file of loaded.configFiles) configFiles.add(file);
    // Most folders have no .gitignore: the listing says so without a failed read.
    const rules = names.has('.gitignore') ? [...inherited, ...gitignoreRules(dir)] : inherited;
    const source = loaded.configFiles.at(-1) ?? 'configuration';
    const excludes = [...rules, ...globRules(loaded.exclude, source)];
    const includes = loaded.include.filter((glob) => !glob.startsWith('!')).map(matcherFor);
    const before = out.files.length;
    const compiledFolders: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      const kind = entryKind(entry, full, root);
      if (kind === 'outside') {
        // Only what the walk would have read counts: a link to a folder or to a source file.
        if (leadsToSource(full)) out.symlinksOutside.push(full);
        continue;
      }
      const isSource = kind === 'file' && SOURCE_EXTENSIONS.includes(extensionOf(entry.name));
      if (kind !== 'dir' && !isSource) continue;
      if (isSource && isParallelBuild(entry.name, names, dir)) {
        drop(PARALLEL_BUILD, [entry.name]);
        continue;
      }
      const excluding = excludingRule(excludes, full, root);
      if (excluding !== undefined) {
        // The defaults are one rule of many globs: the name dropped says more than all of them.
        drop(excluding.source, [excluding.source === DEFAULT_SOURCE ? entry.name : excluding.glob]);
        if (kind === 'dir' && excluding.source === DEFAULT_SOURCE && COMPILED_FOLDERS.includes(entry.name))
          compiledFolders.push(full);
      } else if (kind === 'dir') visit(full, root, rules, realChild(entry, real, full));
      else if (includes.length > 0 && !includes.some((matcher) => matcher.match(full.split(path.sep).join('/'))))
        drop('include', loaded.include);
      else addFile(full, realChild(entry, real, full));
    }
    // A published package keeps its code only in dist/ or build/ (beside at most a few entry shims such as
    // `cli.js` → `import './dist/index.js'`, and its build tool's configuration): rather than report nothing, read that.
    if (
      compiledFolders.length > 0 &&
      fs.existsSync(path.join(dir, 'package.json')) &&
      onlyEntryShims(withoutSupportFiles(dir, out.files.slice(before)))
    ) {
      const compiled = [
        ...inherited.filter((rule) => rule.source !== DEFAULT_SOURCE),
        ...defaultRules({ compiled: true }),
      ];
      for (const folder of compiledFolders) visit(folder, root, compiled);
      if (out.files.length > before) out.compiledPackages.push(dir);
    }
  };

  for (const target of targets) {
    const absolute = path.resolve(options.cwd, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch {
      throw new ScanError(`No such file or folder: ${target}`);
    }
    const defaults = options.defaultExcludes === false ? [] : defaultRules();
    if (stat.isDirectory()) visit(absolute, absolute, [...defaults, ...ancestorGitignoreRules(absolute)]);
    else addFile(absolute);
  }
  out.configFiles = [...configFiles];
  out.dropped = [...dropped].map(([source, entry]) => ({ source, globs: [...entry.globs], count: entry.count }));
  return out;
}

/** The exclude source that names a module's second build beside its first. */
export const PARALLEL_BUILD = 'parallel build';

/**
 * A dual-format package builds each module twice (`index.js` and `index.cjs`, or `index.js` and `index.mjs`):
 * the same tools, counted twice. In build output (a compiled folder, or a source map beside the file) the
 * CommonJS or `.mjs` twin of a `.js` module (and the `.cjs` twin of an `.mjs` one) is left out.
 */
function isParallelBuild(name: string, names: ReadonlySet<string>, dir: string): boolean {
  const extension = extensionOf(name);
  if (extension !== '.cjs' && extension !== '.mjs') return false;
  const base = name.slice(0, -extension.length);
  const twin = names.has(`${base}.js`) || (extension === '.cjs' && names.has(`${base}.mjs`));
  if (!twin) return false;
  return names.has(`${name}.map`) || dir.split(path.sep).some((segment) => COMPILED_FOLDERS.includes(segment));
}

function extensionOf(name: string): string {
  return path.extname(name).toLowerCase();
}

/**
 * What an entry is. A symlink is followed only when its target stays inside the scanned folder
 * (`seen` stops loops there); one that leaves it (`ln -s / rootlink`, a folder elsewhere on the
 * machine) is not read: its content is not the project's, and it could be the whole file system.
 */
function entryKind(entry: fs.Dirent, full: string, root: string): EntryKind {
  if (entry.isDirectory()) return 'dir';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  try {
    const target = fs.realpathSync(full);
    if (!isInside(target, realpathOrSelf(root))) return 'outside';
    const stat = fs.statSync(target);
    return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other';
  } catch {
    return 'other';
  }
}

function leadsToSource(link: string): boolean {
  try {
    const stat = fs.statSync(link);
    return stat.isDirectory() || (stat.isFile() && SOURCE_EXTENSIONS.includes(extensionOf(link)));
  } catch {
    return false;
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The real path of a folder's entry: its folder's real path and its name, unless it is a symlink. */
function realChild(entry: fs.Dirent, realFolder: string, full: string): string {
  return entry.isSymbolicLink() ? realpathOrSelf(full) : path.join(realFolder, entry.name);
}

function realpathOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** Folders of a package that show or build it but are not its code: examples beside dist/ are no source of its own. */
const SUPPORT_FOLDERS = new Set([
  'examples',
  'example',
  'demo',
  'demos',
  'docs',
  'scripts',
  'bench',
  'benchmark',
  'benchmarks',
]);

function inSupportFolder(packageDir: string, file: string): boolean {
  return SUPPORT_FOLDERS.has(path.relative(packageDir, file).split(path.sep)[0] ?? '');
}

/** package.json is read for its scripts only up to this size; a larger one is no ordinary manifest. */
const MAX_MANIFEST_BYTES = 256 * 1024;
const SCRIPT_FILE = /(?:^|[\s'"=])(?:\.\/)?([\w./-]+\.[cm]?[jt]s)(?=$|[\s'";&|])/g;

/**
 * The package's files less those that show, build or install it: examples and scripts folders, and the files
 * its manifest's scripts run (`"preinstall": "node preinstall.js"`), published beside the build output.
 */
function withoutSupportFiles(packageDir: string, files: readonly string[]): string[] {
  const kept = files.filter((file) => !inSupportFolder(packageDir, file));
  if (kept.length === 0) return kept;
  const scripts = manifestScriptFiles(packageDir);
  return kept.filter((file) => !scripts.has(path.relative(packageDir, file).split(path.sep).join('/')));
}

function manifestScriptFiles(packageDir: string): Set<string> {
  const found = new Set<string>();
  try {
    const manifest = path.join(packageDir, 'package.json');
    if (fs.statSync(manifest).size > MAX_MANIFEST_BYTES) return found;
    const scripts = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { scripts?: unknown }).scripts;
    if (typeof scripts !== 'object' || scripts === null) return found;
    for (const command of Object.values(scripts)) {
      if (typeof command !== 'string') continue;
      for (const match of command.matchAll(SCRIPT_FILE)) if (match[1]) found.add(path.posix.normalize(match[1]));
    }
  } catch {
    // An unreadable or malformed manifest names no scripts.
  }
  return found;
}

/** Entry shims: a handful of tiny files that only hand over to the compiled code (none at all counts). */
const MAX_SHIMS = 4;
const MAX_SHIM_BYTES = 2_048;
/**
 * A launcher under `bin/` may say more before it hands over (finding a runtime, a sandbox flag, the usage
 * text) and still hold none of the package's code: it counts as a shim up to this size.
 */
const MAX_LAUNCHER_BYTES = 65_536;
// `import './dist/index.js'`, or the folder as a segment of a joined path (`join(__dirname, '..', 'dist', 'serve.js')`).
const HANDS_OVER = new RegExp(
  `['"](?:\\.{1,2}/(?:[^'"]*/)?(?:${COMPILED_FOLDERS.join('|')})/|(?:${COMPILED_FOLDERS.join('|')})['"])`,
);
/** Build and lint tool configuration (`tsup.config.ts`, `vite.config.mjs`, `.eslintrc.cjs`): published beside the output, never the package's code. */
const TOOL_CONFIG = /^(?:[\w-]+\.config|\.[\w-]+rc)\.[cm]?[jt]s$/i;
function onlyEntryShims(all: readonly string[]): boolean {
  const files = all.filter((file) => !TOOL_CONFIG.test(path.basename(file)));
  if (files.length > MAX_SHIMS) return false;
  return files.every((file) => {
    try {
      const limit = path.basename(path.dirname(file)) === 'bin' ? MAX_LAUNCHER_BYTES : MAX_SHIM_BYTES;
      return fs.statSync(file).size <= limit && HANDS_OVER.test(fs.readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
  });
}

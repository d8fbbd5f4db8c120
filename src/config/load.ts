// Finds the `.agent-risk.json` files that apply to a path and layers them: defaults < files (outermost first) < overrides.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { escape as escapeGlob } from 'minimatch';
import { defaultConfig, mergeConfig } from '../engine/config';
import type { ResolvedConfig } from '../engine/types';
import { parseConfigText } from './parse';
import { CONFIG_FILE_NAME, type ConfigError, type ConfigLoadResult, type FileConfig, type LoadOptions } from './types';

interface ParsedFile {
  config: FileConfig;
  errors: ConfigError[];
}

/** Loads the configuration for a file: the walk starts in the file's folder. */
export function loadConfigFor(filePath: string, options: LoadOptions = {}): ConfigLoadResult {
  return loadConfigForDir(path.dirname(path.resolve(filePath)), options);
}

/** Loads the configuration that applies to every file directly inside `dir`. */
export function loadConfigForDir(dir: string, options: LoadOptions = {}): ConfigLoadResult {
  const cache = options.cache ?? new Map<string, unknown>();
  const files =
    options.explicitFile !== undefined
      ? [path.resolve(options.explicitFile)]
      : findConfigFiles(path.resolve(dir), options.stopAt, cache);
  // A scan asks once per folder and once per file: folders under the same configuration files share one
  // result (and one configuration object, so a project's summaries are not re-keyed) while the cache lives.
  const key = `loaded:${files.join('\0')}`;
  const known = cache.get(key) as { overrides: unknown; result: ConfigLoadResult } | undefined;
  if (known !== undefined && known.overrides === options.overrides) return known.result;
  const result = layerConfigFiles(files, cache, options);
  cache.set(key, { overrides: options.overrides, result });
  return result;
}

function layerConfigFiles(files: string[], cache: Map<string, unknown>, options: LoadOptions): ConfigLoadResult {
  const layers: FileConfig[] = [];
  const include: string[] = [];
  const exclude: string[] = [];
  const errors: ConfigError[] = [];
  let failOnProblems = false;
  for (const file of files) {
    const parsed = readConfigFile(file, cache);
    errors.push(...parsed.errors);
    layers.push(parsed.config);
    failOnProblems = parsed.config.failOnProblems ?? failOnProblems;
    const base = path.dirname(file);
    include.push(...(parsed.config.include ?? []).flatMap((glob) => absoluteGlobs(base, glob)));
    exclude.push(...(parsed.config.exclude ?? []).flatMap((glob) => absoluteGlobs(base, glob)));
  }
  const config: ResolvedConfig = mergeConfig(defaultConfig(), ...layers.map(engineLayer), options.overrides ?? {});
  return { config, include, exclude, configFiles: files, failOnProblems, errors };
}

/**
 * Configuration files from `start` upwards, returned outermost first. Asked for every scanned folder and
 * file: each folder's answer is its parent's plus its own file, so a folder costs one existence check.
 */
function findConfigFiles(start: string, stopAt: string | undefined, cache: Map<string, unknown>): string[] {
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  const keyOf = (dir: string): string => `found:${dir}\0${stopAt ?? ''}`;
  const ownFile = (dir: string): string | undefined => {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    // A package under node_modules must not configure how it is judged (`"rules": { "*": "off" }`).
    return !isInsideNodeModules(dir) && isFile(candidate, cache) ? candidate : undefined;
  };
  // Folders from `start` up to the first one whose answer is known, or where the search stops.
  const chain: string[] = [];
  let found: string[] = [];
  for (let dir = start; ; ) {
    const known = cache.get(keyOf(dir)) as string[] | undefined;
    if (known !== undefined) {
      found = known;
      break;
    }
    const own = ownFile(dir);
    if (own !== undefined && readConfigFile(own, cache).config.root === true) {
      found = [own];
      cache.set(keyOf(dir), found);
      break;
    }
    chain.push(dir);
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  for (const dir of chain.reverse()) {
    const own = ownFile(dir);
    if (own !== undefined) found = [...found, own];
    cache.set(keyOf(dir), found);
  }
  return found;
}

/**
 * What a folder listing already says about the folder's configuration file (a regular file, or none),
 * so the loader need not ask the file system again; a symlink or anything unsure is left to it.
 */
export function noteConfigFileListing(dir: string, exists: boolean, options: LoadOptions): void {
  if (options.cache === undefined || options.explicitFile !== undefined) return;
  options.cache.set(`exists:${path.join(path.resolve(dir), CONFIG_FILE_NAME)}`, exists);
}

function isInsideNodeModules(dir: string): boolean {
  return dir.split(/[\\/]/).includes('node_modules');
}

function isFile(file: string, cache: Map<string, unknown>): boolean {
  const key = `exists:${file}`;
  const known = cache.get(key);
  if (typeof known === 'boolean') return known;
  let exists = false;
  try {
    exists = fs.statSync(file).isFile();
  } catch {
    exists = false;
  }
  cache.set(key, exists);
  return exists;
}

function readConfigFile(file: string, cache: Map<string, unknown>): ParsedFile {
  const key = `parsed:${file}`;
  const known = cache.get(key) as ParsedFile | undefined;
  if (known !== undefined) return known;
  let parsed: ParsedFile;
  try {
    parsed = parseConfigText(fs.readFileSync(file, 'utf8'), file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    parsed = {
      config: {},
      errors: [{ file, line: 1, column: 1, message: `Cannot read the configuration file: ${reason}` }],
    };
  }
  cache.set(key, parsed);
  return parsed;
}

/** The part of a file's settings the engine takes; the file-walk settings stay with the loader. */
function engineLayer(config: FileConfig): Partial<ResolvedConfig> {
  const { include, exclude, root, failOnProblems, ...engine } = config;
  void include;
  void exclude;
  void root;
  void failOnProblems;
  return engine;
}

/**
 * Anchors a glob written in a configuration file to that file's folder, with gitignore's reading:
 * a glob without a slash matches at any depth, a leading slash anchors it, and a glob that names a
 * folder also covers everything inside it.
 */
export function absoluteGlobs(base: string, glob: string): string[] {
  const negated = glob.startsWith('!');
  let body = negated ? glob.slice(1) : glob;
  body = body.replace(/\\/g, '/');
  if (body.endsWith('/')) body = body.slice(0, -1);
  const anchored = body.startsWith('/') ? body.slice(1) : body.includes('/') ? body : `**/${body}`;
  const root = escapeGlob(base.replace(/\\/g, '/').replace(/\/$/, ''));
  const full = `${root}/${anchored.replace(/^\.\//, '')}`;
  const globs = full.endsWith('/**') ? [full] : [full, `${full}/**`];
  return globs.map((entry) => (negated ? `!${entry}` : entry));
}

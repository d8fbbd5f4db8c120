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

/** Configuration files from `start` upwards, returned outermost first. */
function findConfigFiles(start: string, stopAt: string | undefined, cache: Map<string, unknown>): string[] {
  // Asked for every scanned file: the answer per folder follows from the cached existence and `root` checks.
  const key = `found:${start}\0${stopAt ?? ''}`;
  const known = cache.get(key) as string[] | undefined;
  if (known !== undefined) return known;
  const found: string[] = [];
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    // A package under node_modules must not configure how it is judged (`"rules": { "*": "off" }`).
    if (!isInsideNodeModules(dir) && isFile(candidate, cache)) {
      found.push(candidate);
      if (readConfigFile(candidate, cache).config.root === true) break;
    }
    const parent = path.dirname(dir);
    if (dir === stop || parent === dir) break;
    dir = parent;
  }
  found.reverse();
  cache.set(key, found);
  return found;
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

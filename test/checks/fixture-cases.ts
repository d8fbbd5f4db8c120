// Finds a rule's fixture cases on disk and lints them with the engine, for the checks that need real findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, lintText, mergeConfig, Project } from '../../src/engine/index';
import type { LintResult, ResolvedConfig } from '../../src/engine/index';

/*
 * Discovery, configuration and linting mirror test/rules/fixtures.test.ts, so the checks see the same
 * results as the fixture runner: one case per source file in `<kind>/`, one per subfolder; a sibling
 * `<name>.config.json` holding a partial ResolvedConfig; single files through `lintText`, folders
 * through one `Project` whose host sees only the case's own files.
 */

export type FixtureKind = 'valid' | 'invalid';

const SOURCE_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs']);
const CONFIG_KEYS = new Set<string>(Object.keys(defaultConfig()));

export interface FixtureCase {
  /** Repository-relative path of the file or (multi-file case) folder, for messages. */
  name: string;
  /** Absolute path of the file or folder. */
  location: string;
  /** Absolute paths of the source files to lint. */
  files: string[];
  /** Absolute path of the sibling `<name>.config.json`, when there is one. */
  configFile: string | undefined;
}

function isSource(name: string): boolean {
  return SOURCE_EXTENSIONS.has(path.extname(name)) && !name.endsWith('.d.ts');
}

function stripExtension(name: string): string {
  return name.slice(0, name.length - path.extname(name).length);
}

/** Source files directly in `test/fixtures/<id>/<kind>/`, and each subfolder there as one multi-file case. */
export function fixtureCases(root: string, ruleId: string, kind: FixtureKind): FixtureCase[] {
  const dir = path.join(root, 'test', 'fixtures', ruleId, kind);
  if (!fs.existsSync(dir)) return [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(entries.map((entry) => entry.name));
  const cases: FixtureCase[] = [];
  for (const entry of entries) {
    const location = path.join(dir, entry.name);
    const configName = `${entry.isDirectory() ? entry.name : stripExtension(entry.name)}.config.json`;
    const configFile = names.has(configName) ? path.join(dir, configName) : undefined;
    const name = path.relative(root, location);
    if (entry.isDirectory()) {
      cases.push({ name, location, files: sourceFilesUnder(location), configFile });
    } else if (entry.isFile() && isSource(entry.name)) {
      cases.push({ name, location, files: [location], configFile });
    }
  }
  return cases;
}

function sourceFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFilesUnder(full);
      return entry.isFile() && isSource(entry.name) ? [full] : [];
    })
    .sort();
}

function loadConfig(fixture: FixtureCase): ResolvedConfig {
  if (fixture.configFile === undefined) return defaultConfig();
  const layer: unknown = JSON.parse(fs.readFileSync(fixture.configFile, 'utf8'));
  if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) {
    throw new Error(`${fixture.configFile}: expected a JSON object (a partial ResolvedConfig).`);
  }
  const unknownKeys = Object.keys(layer).filter((key) => !CONFIG_KEYS.has(key));
  if (unknownKeys.length > 0) throw new Error(`${fixture.configFile}: unknown keys ${unknownKeys.join(', ')}.`);
  return mergeConfig(defaultConfig(), layer as Partial<ResolvedConfig>);
}

const linted = new Map<string, LintResult[]>();

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Lints every file of a case, once per run. */
export function lintCase(fixture: FixtureCase): LintResult[] {
  const cached = linted.get(fixture.location);
  if (cached !== undefined) return cached;
  const config = loadConfig(fixture);
  const texts = new Map(fixture.files.map((file) => [file, fs.readFileSync(file, 'utf8')]));
  let results: LintResult[];
  if (fixture.files.length === 1 && fixture.files[0] === fixture.location) {
    results = [lintText(texts.get(fixture.location) ?? '', fixture.location, config)];
  } else {
    // As in test/rules/fixtures.test.ts: the host sees every file of the case (package.json included).
    const all = new Map(filesUnder(fixture.location).map((file) => [file, fs.readFileSync(file, 'utf8')]));
    const project = new Project(config, { readFile: (file) => all.get(path.resolve(file)) });
    results = fixture.files.map((file) => project.lint(file, texts.get(file)));
  }
  linted.set(fixture.location, results);
  return results;
}

/** Every lint result of a rule's fixtures of one kind. */
export function lintAll(root: string, ruleId: string, kind: FixtureKind): LintResult[] {
  return fixtureCases(root, ruleId, kind).flatMap((fixture) => lintCase(fixture));
}

// Lints each file once for all of the plugin's ESLint rules: the same configuration (.agent-risk.json) and the
// same per-file lint step as the CLI, so cross-file helpers are followed and results match `agent-risk scan`.
import { loadConfigFor } from '../config/index';
import type { LintResult } from '../engine/types';
import { FileLinter } from '../scan/file-linter';

/** Configurations by their files, each with a linter group, so files under one configuration share a Project. */
const groups = new Map<string, number>();
let linter = new FileLinter({ configs: [], recordDependencies: false });
const configCache = new Map<string, unknown>();
/** The last result per file and text: ESLint calls each of our rules on the same text in turn. */
let last: { file: string; text: string; result: LintResult | undefined } | undefined;

export function resultFor(file: string, text: string): LintResult | undefined {
  if (last !== undefined && last.file === file && last.text === text) return last.result;
  const loaded = loadConfigFor(file, { cache: configCache });
  const key = JSON.stringify(loaded.configFiles);
  let group = groups.get(key);
  if (group === undefined) {
    group = groups.size;
    groups.set(key, group);
  }
  linter.invalidate(file);
  const result = linter.lintText({ index: 0, file, group }, text, loaded.config).result;
  last = { file, text, result };
  return result;
}

/** Forgets configurations and summaries (tests that change files between runs). */
export function resetEngineResults(): void {
  linter = new FileLinter({ configs: [], recordDependencies: false });
  groups.clear();
  configCache.clear();
  last = undefined;
}

// The configuration loader's public types, shared by the CLI and the editor extension.
import type { ResolvedConfig } from '../engine/types';

/** A problem in a configuration file; `line` and `column` are 1-based, as editors and terminals show them. */
export interface ConfigError {
  file: string;
  line: number;
  column: number;
  message: string;
  /**
   * `syntax`: not JSON; `shape`: a value of the wrong type or a missing key. Editors that validate the file
   * with the JSON schema report these themselves, so the VS Code client does not show them twice.
   */
  kind?: 'syntax' | 'shape';
}

/** What one `.agent-risk.json` contributes, before it is layered over the defaults. */
export interface FileConfig extends Partial<ResolvedConfig> {
  include?: string[];
  exclude?: string[];
  /** Stops the walk up: folders above this file's folder are not searched. */
  root?: boolean;
  /** Exit 1 when any file could not be analysed (`--fail-on-problems`). */
  failOnProblems?: boolean;
}

export interface ConfigLoadResult {
  config: ResolvedConfig;
  /**
   * Globs a file must match (any of them) to be scanned, made absolute against the folder of the
   * configuration file that declared them; empty means every source file.
   */
  include: string[];
  /** Globs made absolute like `include`; a leading `!` re-includes what an earlier glob excluded. */
  exclude: string[];
  /** Configuration files in force, outermost first. */
  configFiles: string[];
  /** True when a file in force sets `failOnProblems` (the innermost that says wins). */
  failOnProblems: boolean;
  errors: ConfigError[];
}

export interface LoadOptions {
  /** Use this file instead of searching for `.agent-risk.json`. */
  explicitFile?: string;
  /** Highest-precedence layer, e.g. `--rule` flags or editor settings. */
  overrides?: Partial<ResolvedConfig>;
  /** The walk up does not go above this folder. */
  stopAt?: string;
  /** Parsed files by absolute path, reused across calls so a scan reads each configuration once. */
  cache?: Map<string, unknown>;
}

export const CONFIG_FILE_NAME = '.agent-risk.json';

// Parses the command line into a checked Options value; every mistake becomes a CliError naming the flag.
import { parseArgs } from 'node:util';
import { didYouMean } from '../config/index';
import { normaliseSeverity, rulesMatching, SEVERITIES, SEVERITY_SPELLINGS } from '../engine/config';
import { ruleIds } from '../rules/index';
import type { Severity } from '../engine/types';
import { CliError } from './errors';
import type { FailOn } from '../report/report';
import { CACHE_STRATEGIES, type CacheStrategy } from '../scan/cache';

export const FORMATS = ['stylish', 'json', 'sarif', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];
export const COMMANDS = ['scan', 'inventory'] as const;
export type Command = (typeof COMMANDS)[number];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export interface Options {
  command: Command | 'help' | 'version';
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  rules: Array<[string, Severity]>;
  failOn: FailOn;
  maxWarnings?: number;
  quiet: boolean;
  baseline?: string;
  writeBaseline?: string;
  jobs: number;
  /** `--file-timeout`: seconds one file may take before it is a `timeout` problem, in every mode. */
  fileTimeoutMs: number;
  cache: boolean;
  /** Folder of the `--cache` file; defaults to the user's cache folder (scan/cache.ts). */
  cacheLocation?: string;
  /** `--cache-strategy`: how an unchanged file is recognised (timestamps, or always the content hash). */
  cacheStrategy: CacheStrategy;
  /** Exit 1 when any file is not analysed. */
  failOnProblems: boolean;
  /** False with `--no-default-excludes`. */
  defaultExcludes: boolean;
}

/** Seconds a file may take by default: far above any real file (the slowest real files take about 1 s). */
export const DEFAULT_FILE_TIMEOUT_S = 30;

const FLAGS = {
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'file-timeout': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  'cache-strategy': { type: 'string' },
  'fail-on-problems': { type: 'boolean' },
  'no-default-excludes': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"${didYouMean(value, allowed)}`);
}

function wholeNumber(flag: string, value: string, minimum: number): number {
  if (!/^\d+$/.test(value) || Number(value) < minimum)
    throw new CliError(`--${flag} must be a whole number of at least ${minimum}, not "${value}".`);
  return Number(value);
}

/** `--rule unscoped-network=warning` (or a glob of ids) → an override entry. */
export function parseRuleFlag(value: string): [string, Severity] {
  const equals = value.lastIndexOf('=');
  if (equals <= 0)
    throw new CliError(`--rule takes ID=SEVERITY, e.g. --rule unscoped-network=warning, not "${value}".`);
  const pattern = value.slice(0, equals).trim();
  const written = value.slice(equals + 1).trim();
  if (rulesMatching(pattern).length === 0)
    throw new CliError(`--rule ${value}: unknown rule "${pattern}"${didYouMean(pattern, ruleIds)}`);
  const severity = normaliseSeverity(written);
  if (severity === undefined) {
    throw new CliError(
      `--rule ${value}: severity must be one of ${SEVERITY_SPELLINGS}${didYouMean(written, [...SEVERITIES, 'warn'])}`,
    );
  }
  return [pattern, severity];
}

export function parseCommandLine(argv: readonly string[]): Options {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true; strict: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages already name the flag; keep only their first line.
    throw new CliError(`${(error instanceof Error ? error.message : String(error)).split('\n')[0]} (see --help).`);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const base = {
    format: oneOf('format', values.format ?? 'stylish', FORMATS),
    rules: (values.rule ?? []).map(parseRuleFlag),
    // `warn` as ESLint users write it, as in configuration files.
    failOn: oneOf('fail-on', values['fail-on'] === 'warn' ? 'warning' : (values['fail-on'] ?? 'error'), FAIL_ON),
    quiet: values.quiet === true,
    jobs: values.jobs === undefined ? 1 : wholeNumber('jobs', values.jobs, 1),
    fileTimeoutMs:
      1000 *
      (values['file-timeout'] === undefined
        ? DEFAULT_FILE_TIMEOUT_S
        : wholeNumber('file-timeout', values['file-timeout'], 1)),
    cache: values.cache === true,
    cacheStrategy: oneOf('cache-strategy', values['cache-strategy'] ?? 'metadata', CACHE_STRATEGIES),
    failOnProblems: values['fail-on-problems'] === true,
    defaultExcludes: values['no-default-excludes'] !== true,
  };
  let command: Options['command'];
  if (values.help === true) command = 'help';
  else if (values.version === true) command = 'version';
  else if (first === undefined)
    throw new CliError(
      'Missing command: use "agent-risk scan [paths...]" or "agent-risk inventory [paths...]" (see --help).',
    );
  else if ((COMMANDS as readonly string[]).includes(first)) command = first as Command;
  else {
    const hint = didYouMean(first, COMMANDS);
    throw new CliError(`Unknown command "${first}"${hint === '' ? '; use scan or inventory (see --help).' : hint}`);
  }
  if (command === 'inventory' && base.format === 'sarif')
    throw new CliError('inventory prints stylish, json or markdown; SARIF is for scan results.');

  const options: Options = { command, paths: rest.length > 0 ? rest : ['.'], ...base };
  if (values.output !== undefined) options.output = values.output;
  if (values.config !== undefined) options.config = values.config;
  if (values['max-warnings'] !== undefined)
    options.maxWarnings = wholeNumber('max-warnings', values['max-warnings'], 0);
  if (values.baseline !== undefined) options.baseline = values.baseline;
  if (values['cache-location'] !== undefined) options.cacheLocation = values['cache-location'];
  if (values['write-baseline'] !== undefined) options.writeBaseline = values['write-baseline'];
  return options;
}

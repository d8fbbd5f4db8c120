// The agent-risk command: argv → walk → engine → report format → exit code (0 clean, 1 findings, 2 errors).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfigForDir, type LoadOptions } from '../config/index';
import { parseCommandLine, type Options } from './args';
import { applyBaseline, readBaseline, writeBaseline } from './baseline';
import { shouldColour } from '../report/format/colour';
import { formatInventory } from '../report/format/inventory';
import { formatJson } from '../report/format/json';
import { formatMarkdown } from '../report/format/markdown';
import { formatSarif } from '../report/format/sarif';
import { formatStylish } from '../report/format/stylish';
import { buildReport, exitCodeFor, reportPath, type ScanReport } from '../report/report';
import { ScanCache } from '../scan/cache';
import { cacheLocationError, defaultCacheLocation } from '../scan/cache-location';
import { ScanError } from '../scan/errors';
import { packageVersion } from '../scan/package-info';
import { scanFiles, uniqueErrors, type ScanOptions } from '../scan/scan';
import { walk } from '../scan/walk';
import { writeFileReplacing } from '../scan/write-file';
import { CliError } from './errors';
import { escapeControl } from '../report/escape';
import { helpText } from './help';
import { progressFor, silentProgress } from './progress';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

function render(report: ScanReport, options: Options, colour: boolean): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'stylish':
      return options.command === 'inventory' ? formatInventory(report, { colour }) : formatStylish(report, { colour });
  }
}

/** The `--cache` file for this scan; a location in the scanned tree or behind a symlink is refused. */
function openCache(options: Options, io: Io): ScanCache | undefined {
  if (!options.cache) return undefined;
  const location =
    options.cacheLocation === undefined
      ? defaultCacheLocation(io.env, os.homedir())
      : path.resolve(io.cwd, options.cacheLocation);
  const refused = cacheLocationError(
    location,
    options.paths.map((target) => path.resolve(io.cwd, target)),
  );
  if (refused !== undefined) throw new CliError(`--cache: ${refused}`);
  return ScanCache.open(location, io.cwd, options.cacheStrategy);
}

/** The scan's options from the command line: `--jobs`, `--cache` and the progress line. */
function scanOptions(
  options: Options,
  cache: ScanCache | undefined,
  load: LoadOptions,
  onProgress: ScanOptions['onProgress'],
): ScanOptions {
  return {
    load,
    jobs: options.jobs,
    fileTimeoutMs: options.fileTimeoutMs,
    boundHeapGrowth: true,
    ...(cache === undefined ? {} : { cache }),
    ...(onProgress === undefined ? {} : { onProgress }),
  };
}

function execute(options: Options, io: Io): number {
  if (options.command === 'help') {
    io.stdout.write(helpText(packageVersion()));
    return 0;
  }
  if (options.command === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return 0;
  }

  const load: LoadOptions = { cache: new Map(), overrides: { rules: options.rules } };
  if (options.config !== undefined) {
    const explicitFile = path.resolve(io.cwd, options.config);
    if (!fs.existsSync(explicitFile)) throw new CliError(`--config ${options.config}: no such file.`);
    load.explicitFile = explicitFile;
  }
  const baseline = options.baseline === undefined ? undefined : readBaseline(path.resolve(io.cwd, options.baseline));

  const cache = openCache(options, io);
  const progress = progressFor(io.stderr, io.env);
  const walked = walk(options.paths, { cwd: io.cwd, load, defaultExcludes: options.defaultExcludes });
  const nothing = walked.files.length === 0 ? nothingToScan(options.paths, io.cwd, load) : undefined;
  if (nothing) io.stderr.write(`${nothing}\n`);
  for (const folder of walked.compiledPackages)
    io.stderr.write(
      `agent-risk: ${escapeControl(reportPath(io.cwd, folder))} has no source outside its build output; scanning its compiled files (dist/, build/, out/).\n`,
    );
  // No progress line (not a terminal): nothing to compute per file.
  const onProgress =
    progress === silentProgress
      ? undefined
      : (done: number, total: number, file: string): void => progress.update(done, total, reportPath(io.cwd, file));
  const scanned = scanFiles(walked.files, scanOptions(options, cache, load, onProgress));
  progress.done();
  const configErrors = uniqueErrors([...walked.configErrors, ...scanned.configErrors]);
  if (configErrors.length > 0) {
    const count = configErrors.length;
    const details = configErrors.map(
      (error) => `${reportPath(io.cwd, error.file)}:${error.line}:${error.column}: ${error.message}`,
    );
    throw new CliError(`Invalid configuration (${count === 1 ? 'one error' : `${count} errors`}):`, details);
  }

  let report = buildReport({
    root: io.cwd,
    results: scanned.results,
    problems: [...walked.problems, ...scanned.problems],
    scopes: scanned.scopes,
    notes: {
      configFiles: [...new Set([...walked.configFiles, ...scanned.scopes.flatMap((scope) => scope.configFiles)])],
      dropped: walked.dropped,
      symlinksOutside: walked.symlinksOutside,
      compiledPackages: walked.compiledPackages,
      fromCache: cache?.hits ?? 0,
    },
    options: {
      failOn: options.failOn,
      failOnProblems: options.failOnProblems || scanned.scopes.some((scope) => scope.failOnProblems === true),
      quiet: options.quiet,
      ...(options.rules.length === 0 ? {} : { overrides: [{ source: '--rule', rules: options.rules }] }),
      ...(options.maxWarnings === undefined ? {} : { maxWarnings: options.maxWarnings }),
      ...(options.baseline === undefined ? {} : { baseline: path.resolve(io.cwd, options.baseline) }),
    },
    filesScanned: scanned.filesScanned,
  });
  if (options.writeBaseline !== undefined) writeBaseline(path.resolve(io.cwd, options.writeBaseline), report);
  if (baseline !== undefined) report = applyBaseline(report, baseline);

  const toFile = options.output !== undefined;
  const text = render(report, options, !toFile && shouldColour(io.stdout, io.env));
  if (options.output !== undefined) {
    const output = path.resolve(io.cwd, options.output);
    try {
      fs.mkdirSync(path.dirname(output), { recursive: true });
      writeFileReplacing(output, text);
    } catch (error) {
      throw new CliError(`Cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    io.stdout.write(text);
  }

  // An inventory describes; writing a baseline accepts what is there. Neither is a gate.
  if (options.command === 'inventory' || options.writeBaseline !== undefined) return 0;
  return exitCodeFor(report);
}

/** Runs the CLI and returns its exit code; never throws. */
export function main(argv: readonly string[], io: Io): number {
  try {
    return execute(parseCommandLine(argv), io);
  } catch (error) {
    if (error instanceof CliError || error instanceof ScanError) {
      io.stderr.write(`agent-risk: ${error.message}\n`);
      if (error instanceof CliError) for (const line of error.details) io.stderr.write(`  ${line}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`agent-risk: internal error: ${message.split('\n')[0]}\n`);
      if (io.env.AGENT_RISK_DEBUG !== undefined && error instanceof Error) io.stderr.write(`${error.stack ?? ''}\n`);
    }
    return 2;
  }
}

/** Entry point for bin/agent-risk.js. */
export function run(): void {
  const code = main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
  // exitCode rather than exit(): lets a large report finish flushing to a pipe.
  process.exitCode = code;
}

/** Which configuration left nothing to read, when one is in force: silence would look like a clean project. */
function nothingToScan(paths: string[], cwd: string, load: LoadOptions): string | undefined {
  const files = new Set<string>();
  for (const target of paths) {
    const absolute = path.resolve(cwd, target);
    const dir = fs.existsSync(absolute) && fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute);
    for (const file of loadConfigForDir(dir, load).configFiles) files.add(reportPath(cwd, file));
  }
  const configs = [...files];
  return configs.length > 0
    ? `agent-risk: no source files to scan; check include/exclude in ${configs.join(', ')} and the default excludes.`
    : undefined;
}

// Loads the reviewer's per-package expectations (test/real/expectations/*.json) and rejects malformed ones.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ResolvedConfig } from '../../src/engine';

/** The rules the real-package suite judges tool by tool (directive hygiene rules have no tool). */
export const CHECKED_RULES = [
  'unscoped-network',
  'unscoped-filesystem',
  'unscoped-process',
  'unbounded-transaction',
  'missing-audit-hook',
] as const;
export type CheckedRule = (typeof CHECKED_RULES)[number];

/**
 * A recorded difference between the reviewer's verdict and the engine, in the CodeQL sense:
 * `missing` is a known false negative, `spurious` a known false positive, `misplaced` an expected
 * finding reported only at other places. Each fails once the engine stops diverging, so the record
 * cannot outlive the gap.
 */
export interface KnownDivergence {
  kind: 'missing' | 'spurious' | 'misplaced';
  why: string;
}

/** How sure the reviewer is of the tool's verdicts; only medium and high count in the accuracy figures. */
export type Confidence = 'high' | 'medium' | 'low';
export const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];

/**
 * What kind of tool the corpus needs it for: `value-moving` (it moves money or value, bounded or
 * not) and `look-alike` (it resembles a risky tool but is safe: guarded, fixed host, read-only,
 * or a money verb that moves nothing).
 */
export type ToolClass = 'value-moving' | 'look-alike';
export const TOOL_CLASSES: readonly ToolClass[] = ['value-moving', 'look-alike'];

export interface ToolExpectation {
  name: string;
  /** The name is computed at run time; the tool is matched by `file` and `line` instead. */
  isDynamic: boolean;
  /** Package-relative path of the file that defines the tool. */
  file: string;
  line: number | undefined;
  expect: Record<CheckedRule, boolean>;
  /** For expected findings: `path:line` places where the finding or its related sink must be. */
  at: Partial<Record<CheckedRule, string[]>>;
  why: string;
  reasons: Partial<Record<CheckedRule, string>>;
  known: Partial<Record<CheckedRule, KnownDivergence>>;
  /** Set when the engine is known not to recognise this tool; the reason says why. */
  knownUnrecognised: string | undefined;
  /** `high` when the file does not say. */
  confidence: Confidence;
  classes: ToolClass[];
}

export interface PackageExpectation {
  /** The expectation file, for messages. */
  source: string;
  package: string;
  version: string;
  /** Globs (package-relative) of the files to lint. */
  files: string[];
  exclude: string[];
  config: Partial<ResolvedConfig>;
  bundle: string | undefined;
  notes: string[];
  tools: ToolExpectation[];
}

const CONFIG_LIST_KEYS = [
  'auditFunctions',
  'guardFunctions',
  'approvalFunctions',
  'toolFactories',
  'sinks',
  'rules',
  'vendorGlobs',
] as const;
const LOCATION = /^[^:]+:[1-9]\d*$/;
// A prerelease (`0.1.0-next.1`) is as exact a pin as a release: some packages have published nothing else.
const EXACT_VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Reads every `*.json` file of `dir`, sorted by name. */
export function loadExpectations(dir: string): PackageExpectation[] {
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const source = path.join(dir, name);
      return parseExpectation(JSON.parse(fs.readFileSync(source, 'utf8')) as unknown, source);
    });
}

/** Validates one parsed expectation file; throws one error listing every problem found. */
export function parseExpectation(json: unknown, source: string): PackageExpectation {
  const problems: string[] = [];
  const root = asRecord(json);
  if (root === undefined) throw new Error(`${source}: the file must hold a JSON object.`);
  const pkg = stringAt(root, 'package', problems);
  const version = stringAt(root, 'version', problems);
  if (version !== '' && !EXACT_VERSION.test(version))
    problems.push(`version "${version}" must be an exact x.y.z pin (a prerelease x.y.z-pre counts)`);
  const files = stringListAt(root, 'files', problems, true);
  const exclude = stringListAt(root, 'exclude', problems, false);
  const notes = stringListAt(root, 'notes', problems, false);
  const bundle = root['bundle'];
  if (bundle !== undefined && typeof bundle !== 'string') problems.push('bundle must be a string');
  const config = parseConfig(root['config'], problems);
  const rawTools = root['tools'];
  const tools: ToolExpectation[] = [];
  if (!Array.isArray(rawTools) || rawTools.length === 0) problems.push('tools must be a non-empty array');
  else
    rawTools.forEach((raw, index) => {
      const tool = parseTool(raw, `tools[${index}]`, problems);
      if (tool !== undefined) tools.push(tool);
    });
  if (problems.length > 0) throw new Error(`${source}:\n  ${problems.join('\n  ')}`);
  return {
    source,
    package: pkg,
    version,
    files,
    exclude,
    config,
    bundle: typeof bundle === 'string' ? bundle : undefined,
    notes,
    tools,
  };
}

function parseTool(raw: unknown, where: string, problems: string[]): ToolExpectation | undefined {
  const record = asRecord(raw);
  if (record === undefined) {
    problems.push(`${where} must be an object`);
    return undefined;
  }
  const before = problems.length;
  const name = stringAt(record, 'name', problems, where);
  const file = stringAt(record, 'file', problems, where);
  const why = stringAt(record, 'why', problems, where);
  const isDynamic = record['dynamic'] === true;
  const line = record['line'];
  if (line !== undefined && (typeof line !== 'number' || !Number.isInteger(line) || line < 1))
    problems.push(`${where}.line must be a positive integer`);
  if (isDynamic && typeof line !== 'number') problems.push(`${where}: a dynamic tool needs a line to be matched by`);
  const expect = parseVerdicts(record['expect'], `${where}.expect`, problems);
  const at = parseRuleMap(record['at'], `${where}.at`, problems, (value, key) => {
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      !value.every((item) => typeof item === 'string' && LOCATION.test(item))
    ) {
      problems.push(`${where}.at.${key} must be a non-empty list of "path:line"`);
      return undefined;
    }
    return value as string[];
  });
  const reasons = parseRuleMap(record['reasons'], `${where}.reasons`, problems, (value, key) => {
    if (typeof value !== 'string' || value === '') problems.push(`${where}.reasons.${key} must be a non-empty string`);
    return typeof value === 'string' ? value : undefined;
  });
  const known = parseRuleMap(record['known'], `${where}.known`, problems, (value, key) =>
    parseKnown(value, `${where}.known.${key}`, problems),
  );
  const knownUnrecognised = record['knownUnrecognised'];
  if (knownUnrecognised !== undefined && (typeof knownUnrecognised !== 'string' || knownUnrecognised === '')) {
    problems.push(`${where}.knownUnrecognised must be a non-empty reason`);
  }
  const confidence = record['confidence'] ?? 'high';
  if (!(CONFIDENCES as readonly unknown[]).includes(confidence))
    problems.push(`${where}.confidence must be one of ${CONFIDENCES.join(', ')}`);
  const classes = record['class'] ?? [];
  if (!Array.isArray(classes) || !classes.every((item) => (TOOL_CLASSES as readonly unknown[]).includes(item)))
    problems.push(`${where}.class must be a list of ${TOOL_CLASSES.join(', ')}`);
  if (expect !== undefined) {
    for (const rule of CHECKED_RULES) {
      // Sink rules are reported at a call, so an expected one must say where; the audit rule sits on the tool.
      if (expect[rule] && rule !== 'missing-audit-hook' && at[rule] === undefined)
        problems.push(`${where}: expected ${rule} needs an "at" location`);
      if (!expect[rule] && at[rule] !== undefined)
        problems.push(`${where}.at.${rule} is given for a rule that must not fire`);
      if (expect[rule] && reasons[rule] === undefined) problems.push(`${where}: expected ${rule} needs a reason`);
    }
  }
  if (problems.length > before || expect === undefined) return undefined;
  return {
    name,
    isDynamic,
    file,
    line: typeof line === 'number' ? line : undefined,
    expect,
    at,
    why,
    reasons,
    known,
    knownUnrecognised: typeof knownUnrecognised === 'string' ? knownUnrecognised : undefined,
    confidence: confidence as Confidence,
    classes: classes as ToolClass[],
  };
}

function parseVerdicts(raw: unknown, where: string, problems: string[]): Record<CheckedRule, boolean> | undefined {
  const record = asRecord(raw);
  if (record === undefined) {
    problems.push(`${where} must be an object`);
    return undefined;
  }
  const verdicts: Partial<Record<CheckedRule, boolean>> = {};
  for (const key of Object.keys(record)) {
    if (!isCheckedRule(key)) problems.push(`${where}: unknown rule "${key}"`);
  }
  for (const rule of CHECKED_RULES) {
    const value = record[rule];
    // Every rule is stated, so "must not fire" is a decision rather than an omission.
    if (typeof value !== 'boolean') problems.push(`${where}.${rule} must be true or false`);
    else verdicts[rule] = value;
  }
  return Object.keys(verdicts).length === CHECKED_RULES.length ? (verdicts as Record<CheckedRule, boolean>) : undefined;
}

function parseKnown(raw: unknown, where: string, problems: string[]): KnownDivergence | undefined {
  const record = asRecord(raw);
  const kind = record?.['kind'];
  const why = record?.['why'];
  if ((kind !== 'missing' && kind !== 'spurious' && kind !== 'misplaced') || typeof why !== 'string' || why === '') {
    problems.push(`${where} must be { "kind": "missing" | "spurious" | "misplaced", "why": "…" }`);
    return undefined;
  }
  return { kind, why };
}

function parseRuleMap<T>(
  raw: unknown,
  where: string,
  problems: string[],
  parseValue: (value: unknown, key: string) => T | undefined,
): Partial<Record<CheckedRule, T>> {
  const result: Partial<Record<CheckedRule, T>> = {};
  if (raw === undefined) return result;
  const record = asRecord(raw);
  if (record === undefined) {
    problems.push(`${where} must be an object keyed by rule id`);
    return result;
  }
  for (const [key, value] of Object.entries(record)) {
    if (!isCheckedRule(key)) {
      problems.push(`${where}: unknown rule "${key}"`);
      continue;
    }
    const parsed = parseValue(value, key);
    if (parsed !== undefined) result[key] = parsed;
  }
  return result;
}

function parseConfig(raw: unknown, problems: string[]): Partial<ResolvedConfig> {
  if (raw === undefined) return {};
  const record = asRecord(raw);
  if (record === undefined) {
    problems.push('config must be an object (a partial ResolvedConfig)');
    return {};
  }
  for (const key of Object.keys(record)) {
    if (key !== 'maxFileBytes' && !(CONFIG_LIST_KEYS as readonly string[]).includes(key))
      problems.push(`config.${key} is not a configuration key`);
  }
  for (const key of CONFIG_LIST_KEYS) {
    if (record[key] !== undefined && !Array.isArray(record[key])) problems.push(`config.${key} must be an array`);
  }
  const maxFileBytes = record['maxFileBytes'];
  if (maxFileBytes !== undefined && (typeof maxFileBytes !== 'number' || maxFileBytes <= 0))
    problems.push('config.maxFileBytes must be a positive number');
  // The element shapes are the engine's to validate: the suite passes them through as a user's config file would.
  return record as Partial<ResolvedConfig>;
}

function isCheckedRule(key: string): key is CheckedRule {
  return (CHECKED_RULES as readonly string[]).includes(key);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function stringAt(record: Record<string, unknown>, key: string, problems: string[], where = ''): string {
  const value = record[key];
  if (typeof value === 'string' && value !== '') return value;
  problems.push(`${where === '' ? '' : `${where}.`}${key} must be a non-empty string`);
  return '';
}

function stringListAt(record: Record<string, unknown>, key: string, problems: string[], isRequired: boolean): string[] {
  const value = record[key];
  if (value === undefined && !isRequired) return [];
  if (Array.isArray(value) && (value.length > 0 || !isRequired) && value.every((item) => typeof item === 'string'))
    return value as string[];
  problems.push(`${key} must be a${isRequired ? ' non-empty' : ''} list of strings`);
  return [];
}

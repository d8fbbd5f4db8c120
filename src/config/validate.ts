// Checks a parsed configuration tree key by key, keeping what is valid and reporting the rest where it is written.
import type { Node } from 'jsonc-parser';
import { normaliseSeverity, rulesMatching, SEVERITIES, SEVERITY_SPELLINGS } from '../engine/config';
import { ruleIds } from '../rules/index';
import type { ConfigSink, Severity, ToolFactory } from '../engine/types';
import { parseAccessPath } from '../engine/catalog/access-path';
import { globError } from '../engine/glob';
import { didYouMean } from '../engine/suggest';
import type { ConfigError, FileConfig } from './types';

type ErrorAt = (offset: number, message: string) => ConfigError;

const STRING_LIST_KEYS = [
  'include',
  'exclude',
  'guardFunctions',
  'auditFunctions',
  'approvalFunctions',
  'vendorGlobs',
] as const;
type StringListKey = (typeof STRING_LIST_KEYS)[number];

/** Every top-level key, in the order the schema documents them; `$schema` lets editors find the schema. */
export const TOP_LEVEL_KEYS = [
  '$schema',
  'root',
  'rules',
  'include',
  'exclude',
  'sinks',
  'guardFunctions',
  'auditFunctions',
  'approvalFunctions',
  'toolFactories',
  'vendorGlobs',
  'maxFileBytes',
  'maxAnalysisSteps',
  'failOnProblems',
] as const;

const SINK_KEYS = ['id', 'rule', 'module', 'path', 'part', 'isWrite'] as const;
const FACTORY_KEYS = ['name', 'handler', 'input', 'nameAt'] as const;
/** Severity spellings accepted in files; `warn` because ESLint users write it. */
const SEVERITY_WORDS = [...SEVERITIES, 'warn'];

/** Ends a message with a suggestion when one is close enough, otherwise with a full stop. */
function withHint(message: string, word: string, candidates: readonly string[]): string {
  const hint = didYouMean(word, candidates);
  return hint === '' ? `${message}.` : `${message}${hint}`;
}

class Validator {
  readonly errors: ConfigError[] = [];
  constructor(private readonly errorAt: ErrorAt) {}

  report(node: Node, message: string): void {
    this.errors.push(this.errorAt(node.offset, message));
  }

  /** A value of the wrong type or a missing key: the JSON schema says so too. */
  reportShape(node: Node, message: string): void {
    this.errors.push({ ...this.errorAt(node.offset, message), kind: 'shape' });
  }

  /** The properties of an object node, reporting duplicates and keys outside `allowed`; `where` names the object. */
  properties(
    node: Node,
    allowed: readonly string[],
    where: string,
  ): Array<{ key: string; keyNode: Node; value: Node }> {
    const seen = new Set<string>();
    const result: Array<{ key: string; keyNode: Node; value: Node }> = [];
    for (const property of node.children ?? []) {
      const [keyNode, value] = property.children ?? [];
      if (keyNode === undefined || value === undefined) continue;
      const key = String(keyNode.value);
      if (seen.has(key)) {
        this.report(keyNode, `Duplicate key \`${key}\`; only the last one would apply.`);
      }
      seen.add(key);
      if (!allowed.includes(key)) {
        this.report(keyNode, withHint(`Unknown key \`${key}\`${where}`, key, allowed));
        continue;
      }
      result.push({ key, keyNode, value });
    }
    return result;
  }

  string(node: Node, what: string): string | undefined {
    if (node.type === 'string' && typeof node.value === 'string' && node.value.length > 0) return node.value;
    this.reportShape(node, `\`${what}\` must be a non-empty string.`);
    return undefined;
  }

  /** A CodeQL-style access path the engine can compile (`Member[send].Argument[0]`). */
  accessPath(node: Node, what: string): string | undefined {
    const value = this.string(node, what);
    if (value === undefined) return undefined;
    try {
      parseAccessPath(value);
      return value;
    } catch (error) {
      this.report(node, `\`${what}\` is not an access path: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** A list of globs, each within the brace-expansion cap (engine/glob.ts). */
  globList(node: Node, what: string): string[] | undefined {
    const list = this.stringList(node, what);
    return list?.filter((glob, index) => {
      const error = globError(glob);
      if (error !== undefined) this.report(node.children?.[index] ?? node, error);
      return error === undefined;
    });
  }

  stringList(node: Node, what: string): string[] | undefined {
    if (node.type !== 'array') {
      this.reportShape(node, `\`${what}\` must be an array of strings.`);
      return undefined;
    }
    const values: string[] = [];
    for (const item of node.children ?? []) {
      const value = this.string(item, `${what}[]`);
      if (value !== undefined) values.push(value);
    }
    return values;
  }

  objects(node: Node, what: string): Node[] {
    if (node.type !== 'array') {
      this.reportShape(node, `\`${what}\` must be an array of objects.`);
      return [];
    }
    return (node.children ?? []).filter((item) => {
      if (item.type === 'object') return true;
      this.reportShape(item, `Each entry of \`${what}\` must be an object.`);
      return false;
    });
  }

  rules(node: Node): Array<[string, Severity]> {
    if (node.type !== 'object') {
      this.reportShape(node, '`rules` must be an object mapping rule ids (or globs of ids) to a severity.');
      return [];
    }
    const entries: Array<[string, Severity]> = [];
    for (const property of node.children ?? []) {
      const [keyNode, value] = property.children ?? [];
      if (keyNode === undefined || value === undefined) continue;
      const pattern = String(keyNode.value);
      const tooWide = globError(pattern);
      if (tooWide !== undefined) {
        this.report(keyNode, tooWide);
        continue;
      }
      const known = rulesMatching(pattern).length > 0;
      if (!known) {
        const isGlob = /[*?[\]{}!]/.test(pattern);
        const message = isGlob ? `The glob \`${pattern}\` matches no rule` : `Unknown rule \`${pattern}\``;
        this.report(keyNode, withHint(message, pattern, ruleIds));
      }
      const severity = typeof value.value === 'string' ? normaliseSeverity(value.value) : undefined;
      if (value.type !== 'string' || severity === undefined) {
        if (value.type === 'array' || value.type === 'object') {
          // ESLint writes `["error", options]`; here a rule takes only a severity.
          this.reportShape(
            value,
            `Severity must be a string, one of ${SEVERITY_SPELLINGS}; an ${value.type} (ESLint's \`["error", …]\` form) is not accepted.`,
          );
          continue;
        }
        const written = typeof value.value === 'string' ? value.value : String(value.value);
        // The schema's enum reports this too, listing the same values; so it is a shape error.
        this.reportShape(
          value,
          withHint(`Severity \`${written}\` is not one of ${SEVERITY_SPELLINGS}`, written, SEVERITY_WORDS),
        );
        continue;
      }
      if (known) entries.push([pattern, severity]);
    }
    return entries;
  }

  sink(node: Node, index: number): ConfigSink | undefined {
    const what = `sinks[${index}]`;
    const fields = new Map(this.properties(node, SINK_KEYS, ` in ${what}`).map((entry) => [entry.key, entry.value]));
    const id = this.required(node, fields, 'id', what, (value) => this.string(value, `${what}.id`));
    const rule = this.required(node, fields, 'rule', what, (value) => this.ruleId(value, `${what}.rule`));
    const module = this.required(node, fields, 'module', what, (value) =>
      value.type === 'array' ? this.stringList(value, `${what}.module`) : this.string(value, `${what}.module`),
    );
    const path = this.required(node, fields, 'path', what, (value) => this.accessPath(value, `${what}.path`));
    if (id === undefined || rule === undefined || module === undefined || path === undefined) return undefined;
    const sink: ConfigSink = { id, rule, module, path };
    const part = fields.get('part');
    if (part !== undefined) {
      const value = this.string(part, `${what}.part`);
      if (value !== undefined) sink.part = value;
    }
    const isWrite = fields.get('isWrite');
    if (isWrite !== undefined) {
      const value = this.boolean(isWrite, `${what}.isWrite`);
      if (value !== undefined) sink.isWrite = value;
    }
    return sink;
  }

  factory(node: Node, index: number): ToolFactory | undefined {
    const what = `toolFactories[${index}]`;
    const fields = new Map(this.properties(node, FACTORY_KEYS, ` in ${what}`).map((entry) => [entry.key, entry.value]));
    const name = this.required(node, fields, 'name', what, (value) => this.string(value, `${what}.name`));
    const handler = this.required(node, fields, 'handler', what, (value) => this.accessPath(value, `${what}.handler`));
    const input = this.required(node, fields, 'input', what, (value) => this.accessPath(value, `${what}.input`));
    if (name === undefined || handler === undefined || input === undefined) return undefined;
    const factory: ToolFactory = { name, handler, input };
    const nameAt = fields.get('nameAt');
    if (nameAt !== undefined) {
      const value = this.accessPath(nameAt, `${what}.nameAt`);
      if (value !== undefined) factory.nameAt = value;
    }
    return factory;
  }

  boolean(node: Node, what: string): boolean | undefined {
    if (node.type === 'boolean') return node.value === true;
    this.reportShape(node, `\`${what}\` must be true or false.`);
    return undefined;
  }

  positiveInteger(node: Node, what: string): number | undefined {
    if (node.type === 'number' && Number.isInteger(node.value) && Number(node.value) > 0) return Number(node.value);
    this.reportShape(node, `\`${what}\` must be a positive whole number of bytes.`);
    return undefined;
  }

  private ruleId(node: Node, what: string): string | undefined {
    const value = this.string(node, what);
    if (value === undefined) return undefined;
    if (ruleIds.includes(value)) return value;
    this.report(node, withHint(`Unknown rule \`${value}\``, value, ruleIds));
    return undefined;
  }

  private required<T>(
    owner: Node,
    fields: Map<string, Node>,
    key: string,
    what: string,
    read: (value: Node) => T | undefined,
  ): T | undefined {
    const value = fields.get(key);
    if (value !== undefined) return read(value);
    this.reportShape(owner, `\`${what}\` is missing \`${key}\`.`);
    return undefined;
  }
}

/** The position of `item` in the array `list` as written, for messages such as `sinks[2]`. */
function indexIn(list: Node, item: Node): number {
  return list.children?.indexOf(item) ?? 0;
}

/** Validates the root node of a configuration file. */
export function validateConfig(tree: Node, errorAt: ErrorAt): { config: FileConfig; errors: ConfigError[] } {
  const validator = new Validator(errorAt);
  const config: FileConfig = {};
  if (tree.type !== 'object') {
    validator.reportShape(tree, 'The configuration must be a JSON object.');
    return { config, errors: validator.errors };
  }
  for (const { key, value } of validator.properties(tree, TOP_LEVEL_KEYS, '')) {
    switch (key) {
      case '$schema':
        validator.string(value, key);
        break;
      case 'root': {
        const root = validator.boolean(value, key);
        if (root !== undefined) config.root = root;
        break;
      }
      case 'rules':
        config.rules = validator.rules(value);
        break;
      case 'sinks':
        config.sinks = validator
          .objects(value, key)
          .map((node) => validator.sink(node, indexIn(value, node)))
          .filter((sink): sink is ConfigSink => sink !== undefined);
        break;
      case 'toolFactories':
        config.toolFactories = validator
          .objects(value, key)
          .map((node) => validator.factory(node, indexIn(value, node)))
          .filter((factory): factory is ToolFactory => factory !== undefined);
        break;
      case 'failOnProblems': {
        const fail = validator.boolean(value, key);
        if (fail !== undefined) config.failOnProblems = fail;
        break;
      }
      case 'maxFileBytes': {
        const bytes = validator.positiveInteger(value, key);
        if (bytes !== undefined) config.maxFileBytes = bytes;
        break;
      }
      case 'maxAnalysisSteps': {
        const steps = validator.positiveInteger(value, key);
        if (steps !== undefined) config.maxAnalysisSteps = steps;
        break;
      }
      default: {
        const globs = key === 'include' || key === 'exclude' || key === 'vendorGlobs';
        const list = globs ? validator.globList(value, key) : validator.stringList(value, key);
        if (list !== undefined) config[key as StringListKey] = list;
      }
    }
  }
  return { config, errors: sortErrors(validator.errors) };
}

/** Errors in reading order, so the first one a user sees is the first in the file. */
export function sortErrors(errors: ConfigError[]): ConfigError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.column - b.column);
}

// The project's packages as the host shows them: the nearest package.json of a file (its "own package"),
// the workspace packages of a monorepo by name, tsconfig `paths`, and where a package's entry's source is.
import * as path from 'node:path';
import type { ProjectHost } from '../types';
import { conventionalAliasTargets } from './source-alias';

export interface PackageInfo {
  name: string | undefined;
  dir: string;
  json: Record<string, unknown>;
}

/** How far up a file's folders a package.json or tsconfig.json is looked for. */
const MAX_ANCESTORS = 12;
/** Workspace globs expanded per root, and packages kept per root: a hostile repository cannot make it big. */
const MAX_WORKSPACE_DIRS = 400;
const MAX_TSCONFIG_EXTENDS = 3;
const BUILD_FOLDERS = /^(\.\/)?(dist|build|lib|out|esm|cjs|dist-esm|dist-cjs)\//;
const CONDITIONS = ['types', 'import', 'module', 'require', 'node', 'default'];

interface TsPaths {
  base: string;
  paths: Array<[pattern: string, targets: string[]]>;
}

/** Cached answers about package.json and tsconfig.json files; reads are bounded and happen once per folder. */
export class PackageModel {
  private readonly jsonCache = new Map<string, Record<string, unknown> | null>();
  private readonly ownCache = new Map<string, PackageInfo | null>();
  private readonly workspaceCache = new Map<string, Map<string, string>>();
  private readonly tsCache = new Map<string, TsPaths | null>();

  constructor(private readonly host: ProjectHost) {}

  /** The package a file belongs to: its nearest package.json. */
  ownPackage(file: string): PackageInfo | undefined {
    return this.nearest(path.dirname(file), 0) ?? undefined;
  }

  private nearest(dir: string, level: number): PackageInfo | null {
    const cached = this.ownCache.get(dir);
    if (cached !== undefined) return cached;
    const json = this.readJson(path.join(dir, 'package.json'));
    const parent = path.dirname(dir);
    const found: PackageInfo | null = json
      ? { name: typeof json['name'] === 'string' ? json['name'] : undefined, dir, json }
      : parent === dir || level >= MAX_ANCESTORS || path.basename(dir) === 'node_modules'
        ? null
        : this.nearest(parent, level + 1);
    this.ownCache.set(dir, found);
    return found;
  }

  /**
   * Source files a bare specifier may stand for inside this project: tsconfig `paths`, the file's own
   * package by name (a self-reference), and the workspace packages of the enclosing monorepo.
   */
  candidates(fromFile: string, specifier: string): string[] {
    const out = this.pathCandidates(fromFile, specifier);
    if (out.length === 0 && (specifier.startsWith('@/') || specifier.startsWith('~/')))
      out.push(...conventionalAliasTargets(specifier, this.ownPackage(fromFile)?.dir));
    const { name, subpath } = splitSpecifier(specifier);
    if (name === undefined) return out;
    for (const dir of this.packageDirs(fromFile, name)) out.push(...this.entryCandidates(dir, subpath));
    return out;
  }

  private packageDirs(fromFile: string, name: string): string[] {
    const dirs: string[] = [];
    let info = this.ownPackage(fromFile);
    for (let level = 0; info && level < MAX_ANCESTORS; level++) {
      if (info.name === name) dirs.push(info.dir);
      const member = this.workspaces(info).get(name);
      if (member !== undefined) dirs.push(member);
      const parent = path.dirname(info.dir);
      info = parent === info.dir ? undefined : (this.nearest(parent, 0) ?? undefined);
    }
    return [...new Set(dirs)];
  }

  /** Name → folder of the packages a root's `workspaces` (or pnpm-workspace.yaml) lists. */
  private workspaces(root: PackageInfo): Map<string, string> {
    const cached = this.workspaceCache.get(root.dir);
    if (cached) return cached;
    const members = new Map<string, string>();
    this.workspaceCache.set(root.dir, members);
    const globs = [
      ...workspaceGlobs(root.json),
      ...pnpmGlobs(this.host.readFile(path.join(root.dir, 'pnpm-workspace.yaml'))),
    ];
    let budget = MAX_WORKSPACE_DIRS;
    for (const glob of globs) {
      for (const dir of this.expand(root.dir, glob)) {
        if (budget-- <= 0) return members;
        const json = this.readJson(path.join(dir, 'package.json'));
        const name = json?.['name'];
        if (typeof name === 'string' && !members.has(name)) members.set(name, dir);
      }
    }
    return members;
  }

  /** `packages/*`, `packages/**` (one level, then one more) and literal folders; negations are ignored. */
  private expand(root: string, glob: string): string[] {
    const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    if (clean.startsWith('!') || clean.includes('..')) return [];
    const star = clean.indexOf('*');
    if (star < 0) return [path.join(root, clean)];
    const prefix = path.join(root, clean.slice(0, star).replace(/\/$/, ''));
    const children = this.subdirs(prefix);
    if (!clean.endsWith('**')) return children;
    return [...children, ...children.slice(0, MAX_WORKSPACE_DIRS).flatMap((child) => this.subdirs(child))];
  }

  private subdirs(dir: string): string[] {
    const entries = this.host.listDirectory?.(dir) ?? [];
    return entries
      .filter((entry) => entry.endsWith('/') && entry !== 'node_modules/' && !entry.startsWith('.'))
      .map((entry) => path.join(dir, entry.slice(0, -1)));
  }

  /** Files that may hold a package's entry (or subpath): the source behind `exports`/`main`, then src/index. */
  private entryCandidates(dir: string, subpath: string): string[] {
    const json = this.readJson(path.join(dir, 'package.json')) ?? {};
    const targets: string[] = [];
    const exported = exportTarget(json['exports'], subpath === '' ? '.' : `./${subpath}`);
    if (exported) targets.push(exported);
    if (subpath === '') {
      for (const key of ['source', 'main', 'module', 'types', 'typings']) {
        const value = json[key];
        if (typeof value === 'string') targets.push(value);
      }
      targets.push('src/index', 'index');
    } else {
      targets.push(`src/${subpath}`, subpath);
    }
    const out: string[] = [];
    for (const target of targets) {
      const clean = target.replace(/^\.\//, '').replace(/\.d\.(m|c)?ts$/, '');
      // Monorepos point `main` at compiled output; the source is what the engine can read and follow.
      if (BUILD_FOLDERS.test(clean))
        out.push(path.join(dir, clean.replace(BUILD_FOLDERS, 'src/').replace(/\.(m|c)?js$/, '')));
      out.push(path.join(dir, clean));
    }
    return [...new Set(out)];
  }

  private pathCandidates(fromFile: string, specifier: string): string[] {
    const ts = this.tsPaths(path.dirname(fromFile), 0);
    if (!ts) return [];
    const out: string[] = [];
    for (const [pattern, targets] of ts.paths) {
      const star = pattern.indexOf('*');
      let captured: string | undefined;
      if (star < 0) captured = pattern === specifier ? '' : undefined;
      else {
        const head = pattern.slice(0, star);
        const tail = pattern.slice(star + 1);
        if (specifier.startsWith(head) && specifier.endsWith(tail) && specifier.length >= head.length + tail.length)
          captured = specifier.slice(head.length, specifier.length - tail.length);
      }
      if (captured === undefined) continue;
      for (const target of targets.slice(0, 4)) out.push(path.join(ts.base, target.replace('*', captured)));
    }
    return out;
  }

  /** The `paths` of the nearest tsconfig.json (following relative `extends` a few steps). */
  private tsPaths(dir: string, level: number): TsPaths | null {
    const cached = this.tsCache.get(dir);
    if (cached !== undefined) return cached;
    const file = path.join(dir, 'tsconfig.json');
    const json = this.readJson(file);
    const parent = path.dirname(dir);
    const found = json
      ? readTsPaths(file, json, (next) => this.readJson(next), 0)
      : parent === dir || level >= MAX_ANCESTORS || path.basename(dir) === 'node_modules'
        ? null
        : this.tsPaths(parent, level + 1);
    this.tsCache.set(dir, found);
    return found;
  }

  private readJson(file: string): Record<string, unknown> | null {
    const cached = this.jsonCache.get(file);
    if (cached !== undefined) return cached;
    const parsed = parseJsonLoose(this.host.readFile(file));
    this.jsonCache.set(file, parsed);
    return parsed;
  }

  forget(): void {
    this.jsonCache.clear();
    this.ownCache.clear();
    this.workspaceCache.clear();
    this.tsCache.clear();
  }
}

function readTsPaths(
  file: string,
  json: Record<string, unknown>,
  read: (file: string) => Record<string, unknown> | null,
  depth: number,
): TsPaths | null {
  const options = json['compilerOptions'];
  const record = typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
  const paths = record['paths'];
  const baseUrl = typeof record['baseUrl'] === 'string' ? record['baseUrl'] : '.';
  if (typeof paths === 'object' && paths !== null) {
    const entries = Object.entries(paths as Record<string, unknown>)
      .slice(0, 100)
      .map(([pattern, targets]): [string, string[]] => [
        pattern,
        Array.isArray(targets) ? targets.filter((target): target is string => typeof target === 'string') : [],
      ]);
    return { base: path.resolve(path.dirname(file), baseUrl), paths: entries };
  }
  const extended = json['extends'];
  if (typeof extended === 'string' && extended.startsWith('.') && depth < MAX_TSCONFIG_EXTENDS) {
    const next = path.resolve(path.dirname(file), extended.endsWith('.json') ? extended : `${extended}.json`);
    const parent = read(next);
    return parent ? readTsPaths(next, parent, read, depth + 1) : null;
  }
  return null;
}

/** `@scope/name/sub/path` → name `@scope/name`, subpath `sub/path`. */
export function splitSpecifier(specifier: string): { name: string | undefined; subpath: string } {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':'))
    return { name: undefined, subpath: '' };
  const parts = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < count || parts.slice(0, count).some((part) => part === ''))
    return { name: undefined, subpath: '' };
  return { name: parts.slice(0, count).join('/'), subpath: parts.slice(count).join('/') };
}

/** The file an `exports` map gives for a subpath, taking the first string under the usual conditions. */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  if (typeof exports === 'string') return subpath === '.' ? exports : undefined;
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return undefined;
  const record = exports as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 0 && keys.every((key) => !key.startsWith('.')))
    return subpath === '.' ? conditional(record, 0) : undefined;
  if (subpath in record) return conditional(record[subpath], 0);
  for (const key of keys) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const head = key.slice(0, star);
    const tail = key.slice(star + 1);
    if (subpath.startsWith(head) && subpath.endsWith(tail)) {
      const target = conditional(record[key], 0);
      return target?.replace('*', subpath.slice(head.length, subpath.length - tail.length));
    }
  }
  return undefined;
}

function conditional(value: unknown, depth: number): string | undefined {
  if (typeof value === 'string') return value;
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of [...CONDITIONS, ...Object.keys(record)]) {
    const found = key in record ? conditional(record[key], depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

function workspaceGlobs(json: Record<string, unknown>): string[] {
  const workspaces = json['workspaces'];
  const list = Array.isArray(workspaces)
    ? workspaces
    : typeof workspaces === 'object' && workspaces !== null
      ? (workspaces as Record<string, unknown>)['packages']
      : undefined;
  return Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string').slice(0, 50) : [];
}

/** The `packages:` list of a pnpm-workspace.yaml, read line by line (no YAML parser for one list). */
function pnpmGlobs(text: string | undefined): string[] {
  if (text === undefined) return [];
  const out: string[] = [];
  let inPackages = false;
  for (const line of text.split(/\r?\n/).slice(0, 200)) {
    if (/^packages\s*:/.test(line)) inPackages = true;
    else if (/^\S/.test(line)) inPackages = false;
    else if (inPackages) {
      const match = /^\s*-\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line);
      if (match?.[1]) out.push(match[1]);
    }
  }
  return out.slice(0, 50);
}

/** JSON with the comments and trailing commas tsconfig files allow; null when it is not an object. */
export function parseJsonLoose(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  const strict = parseObject(text);
  if (strict !== undefined) return strict;
  const stripped = text
    .replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_match, literal: string | undefined) => literal ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  return parseObject(stripped) ?? null;
}

/** The object a JSON text holds; null for other JSON values; undefined when it does not parse. */
function parseObject(input: string): Record<string, unknown> | null | undefined {
  try {
    const value: unknown = JSON.parse(input);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return undefined;
  }
}

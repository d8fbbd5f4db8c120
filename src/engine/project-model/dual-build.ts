// The module format of a compiled file in a package that ships its code twice (an ESM build and a CommonJS
// build of the same source). A search for callers, constructions or implementers from one copy has nothing
// to learn from the other copy, and parsing it doubles the search's cost (a 1.6 MB chunk's twin).
import * as path from 'node:path';
import type { PackageInfo } from './packages';

export type ModuleFormat = 'esm' | 'cjs';

/** How deep the `exports` map is read for conditions: a hostile package.json cannot make it costly. */
const MAX_EXPORTS_DEPTH = 6;
const MAX_EXPORTS_ENTRIES = 400;

const dualCache = new WeakMap<Record<string, unknown>, boolean>();

/** Whether the package's manifest publishes both an `import` and a `require` build (or `main` and `module`). */
export function isDualBuild(pkg: PackageInfo): boolean {
  const cached = dualCache.get(pkg.json);
  if (cached !== undefined) return cached;
  const json = pkg.json;
  const seen = { import: false, require: false, entries: 0 };
  readConditions(json['exports'], seen, 0);
  const main = json['main'];
  const module = json['module'];
  const dual =
    (seen.import && seen.require) || (typeof main === 'string' && typeof module === 'string' && main !== module);
  dualCache.set(json, dual);
  return dual;
}

function readConditions(
  value: unknown,
  seen: { import: boolean; require: boolean; entries: number },
  depth: number,
): void {
  if (depth > MAX_EXPORTS_DEPTH || value === null || typeof value !== 'object') return;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  for (const [key, inner] of entries) {
    if (++seen.entries > MAX_EXPORTS_ENTRIES) return;
    if (key === 'import' || key === 'module') seen.import = true;
    if (key === 'require') seen.require = true;
    readConditions(inner, seen, depth + 1);
  }
}

/** A compiled JavaScript file's format by Node's rules; undefined for TypeScript and other sources. */
export function moduleFormat(file: string, pkg: PackageInfo | undefined): ModuleFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.cjs') return 'cjs';
  if (ext === '.mjs') return 'esm';
  if (ext !== '.js') return undefined;
  return pkg?.json['type'] === 'module' ? 'esm' : 'cjs';
}

/**
 * Whether `candidate` is in the other build of a dual package than `from` (both compiled files under the same
 * package, in different formats): the same code again, for a search that started in one copy. Each file's
 * format is read from its own nearest package.json (a `dist/cjs/package.json` saying `"type": "commonjs"`).
 */
export function isOtherBuildCopy(
  from: string,
  candidate: string,
  packageOf: (file: string) => PackageInfo | undefined,
): boolean {
  const own = packageOf(from);
  if (!own || !isDualBuild(own)) return false;
  const format = moduleFormat(from, own);
  if (format === undefined) return false;
  const other = moduleFormat(candidate, packageOf(candidate));
  return other !== undefined && other !== format;
}

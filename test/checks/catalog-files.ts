// Reads the YAML catalogs under rules/ and lists their rows, so the checks can validate them and measure their coverage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

export const CATALOG_SUFFIX = '.catalog.yml';
/** The tool-recognition catalog, whose `forms` rows the engine reports as `ToolInfo.form`. */
export const TOOLS_CATALOG = 'tools';
/** Catalogs shared by every rule; every other catalog belongs to the rule of the same name. */
export const SHARED_CATALOGS: readonly string[] = ['common', TOOLS_CATALOG];

export interface CatalogRow {
  /** The top-level list the row is in, e.g. `sinks` or `guards`. */
  section: string;
  id: string;
}

export interface Catalog {
  /** The base name: a rule id, or `tools`. */
  name: string;
  /** Repository-relative path, for messages. */
  file: string;
  data: unknown;
  /** Why the YAML could not be read, when it could not. */
  error: string | undefined;
  rows: CatalogRow[];
}

/** Base names of every `rules/*.catalog.yml`, sorted. */
export function catalogNames(root: string): string[] {
  const dir = path.join(root, 'rules');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(CATALOG_SUFFIX))
    .map((name) => name.slice(0, -CATALOG_SUFFIX.length))
    .sort();
}

export function catalogPath(name: string): string {
  return `rules/${name}${CATALOG_SUFFIX}`;
}

export function readCatalog(root: string, name: string): Catalog {
  const file = catalogPath(name);
  const document = parseDocument(fs.readFileSync(path.join(root, file), 'utf8'), { prettyErrors: true });
  const firstError = document.errors[0];
  if (firstError !== undefined) return { name, file, data: undefined, error: firstError.message, rows: [] };
  const data = document.toJS() as unknown;
  return { name, file, data, error: undefined, rows: rowsOf(data) };
}

/** Rows are the objects with a string `id` in any top-level list. */
function rowsOf(data: unknown): CatalogRow[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const rows: CatalogRow[] = [];
  for (const [section, value] of Object.entries(data)) {
    if (!Array.isArray(value)) continue;
    for (const item of value as unknown[]) {
      if (typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string') {
        rows.push({ section, id: (item as { id: string }).id });
      }
    }
  }
  return rows;
}

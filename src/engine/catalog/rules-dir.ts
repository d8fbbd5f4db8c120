// Finds the rules/ folder (catalogs and rule docs) without loading the catalogs: the CLI names its version from it on every run.
import * as fs from 'node:fs';
import * as path from 'node:path';

export class CatalogError extends Error {}

/** The folder holding the catalogs and docs, found by walking up from this module (works from src, out and dist). */
export function rulesDirectory(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'rules');
    if (fs.existsSync(path.join(candidate, 'tools.catalog.yml'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new CatalogError(`Cannot find the rules/ folder with the catalogs above ${__dirname}.`);
}

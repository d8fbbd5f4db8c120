// The stamp of the engine that produced cached results: a changed engine, catalog or package version never reuses them.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENGINE_VERSION } from '../engine/config';
import { packageRoot, packageVersion } from './package-info';

/**
 * Identifies the engine that produced cached results: its version, the package version, the rule
 * catalogs and the compiled engine code, so a changed engine never reuses results
 * even when nobody bumped ENGINE_VERSION.
 */
export function engineStamp(): string {
  const hash = createHash('sha256').update(`${ENGINE_VERSION}\u0000${packageVersion()}`);
  const catalogs = path.join(packageRoot(), 'rules');
  for (const name of safeList(catalogs)
    .filter((entry) => entry.endsWith('.yml'))
    .sort()) {
    hash.update(name).update(safeRead(path.join(catalogs, name)));
  }
  // From out/src/cli the engine and rules are sibling folders; in a bundle this file is the code.
  const code = [path.join(__dirname, '..', 'engine'), path.join(__dirname, '..', 'rules')].filter((dir) =>
    fs.existsSync(dir),
  );
  // Contents, not timestamps: a rebuild that changes nothing must not throw the cache away.
  for (const file of code.length > 0 ? code.flatMap(listFiles) : [__filename])
    hash.update(path.basename(file)).update(safeRead(file));
  return hash.digest('hex').slice(0, 32);
}

function listFiles(dir: string): string[] {
  return safeList(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return fs.statSync(full).isDirectory() ? listFiles(full) : name.endsWith('.js') ? [full] : [];
    });
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

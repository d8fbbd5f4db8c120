// Where `@/x` and `~/x` point when no tsconfig `paths` entry says: the conventional aliases of a package's source.
import * as path from 'node:path';

/**
 * `import { Constants } from '@/common'` in a package that ships its `src/` without the tsconfig.json that
 * mapped the alias (npm tarballs rarely include it), or whose tsconfig the host cannot read. `@/` and `~/`
 * cannot start an npm package name, so they name the package's own files: under `src/` by the common
 * scaffolds' convention (`"@/*": ["./src/*"]`), else from the package root (`"@/*": ["./*"]`). Only asked
 * when tsconfig `paths` matched nothing.
 */
export function conventionalAliasTargets(specifier: string, packageDir: string | undefined): string[] {
  if (packageDir === undefined) return [];
  const match = /^[@~]\/(.+)$/.exec(specifier);
  const rest = match?.[1];
  if (rest === undefined || rest.split('/').includes('..')) return [];
  return [path.join(packageDir, 'src', rest), path.join(packageDir, rest)];
}

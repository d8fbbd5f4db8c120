// Installs the comparison linter (ESLint, @typescript-eslint/parser, eslint-plugin-security) at pinned versions
// into the benchmark's cache folder, so the project's own devDependencies stay lean.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { runNpm } from './corpus';

/** Pinned; typescript is the project's own version so both sides parse with the same compiler. */
export const ESLINT_PACKAGES: Readonly<Record<string, string>> = {
  eslint: '10.15.0',
  '@typescript-eslint/parser': '8.74.0',
  'eslint-plugin-security': '4.1.0',
  typescript: '5.9.3',
};

export interface EslintEnv {
  /** A folder whose node_modules holds eslint and @typescript-eslint/parser. */
  dir: string;
  /** Whether eslint-plugin-security resolves from it (the row runs its recommended rules when it does). */
  security: boolean;
}

/**
 * The comparison linter: the pinned install from an earlier run; else, without a network install, the
 * project's own devDependencies (`repoRoot`: ESLint and the typescript-eslint parser, perhaps without the
 * security plugin); else (or with BENCH_ESLINT_INSTALL=1) the pinned versions installed on first use.
 */
export function ensureEslintEnv(
  cacheRoot: string,
  repoRoot: string,
  log: (line: string) => void = () => undefined,
): EslintEnv {
  const key = Object.entries(ESLINT_PACKAGES)
    .map(([name, version]) => `${name.replace('/', '+')}@${version}`)
    .join('_');
  const dir = path.join(cacheRoot, 'eslint-env', key.replace(/[^A-Za-z0-9@+._-]/g, '_').slice(0, 150));
  const marker = path.join(dir, '.installed');
  if (fs.existsSync(marker)) return { dir, security: true };
  if (
    process.env['BENCH_ESLINT_INSTALL'] !== '1' &&
    resolves(repoRoot, 'eslint') &&
    resolves(repoRoot, '@typescript-eslint/parser')
  ) {
    const security = resolves(repoRoot, 'eslint-plugin-security');
    log(
      `ESLint from the project's node_modules${security ? '' : ', without eslint-plugin-security (not installed; BENCH_ESLINT_INSTALL=1 installs the pinned set)'}.`,
    );
    return { dir: repoRoot, security };
  }
  log(
    `Installing ${Object.entries(ESLINT_PACKAGES)
      .map(([name, version]) => `${name}@${version}`)
      .join(', ')} into ${dir} (first run only)…`,
  );
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'agent-risk-bench-eslint', private: true, dependencies: ESLINT_PACKAGES }, null, 2),
  );
  runNpm(['install', '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', '--no-package-lock'], dir);
  fs.writeFileSync(marker, new Date().toISOString());
  return { dir, security: true };
}

function resolves(dir: string, name: string): boolean {
  try {
    createRequire(path.join(dir, 'package.json')).resolve(name);
    return true;
  } catch {
    return false;
  }
}

// Installs the comparison linter (ESLint, @typescript-eslint/parser, eslint-plugin-security) at pinned versions
// into the benchmark's cache folder, so the project's own devDependencies stay lean.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runNpm } from './corpus';

/** Pinned; typescript is the project's own version so both sides parse with the same compiler. */
export const ESLINT_PACKAGES: Readonly<Record<string, string>> = {
  eslint: '10.15.0',
  '@typescript-eslint/parser': '8.74.0',
  'eslint-plugin-security': '4.1.0',
  typescript: '5.9.3',
};

/** Returns the folder holding node_modules/eslint, installing the pinned versions on first use. */
export function ensureEslintEnv(cacheRoot: string, log: (line: string) => void = () => undefined): string {
  const key = Object.entries(ESLINT_PACKAGES)
    .map(([name, version]) => `${name.replace('/', '+')}@${version}`)
    .join('_');
  const dir = path.join(cacheRoot, 'eslint-env', key.replace(/[^A-Za-z0-9@+._-]/g, '_').slice(0, 150));
  const marker = path.join(dir, '.installed');
  if (fs.existsSync(marker)) return dir;
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
  return dir;
}

// Row (d): ESLint with @typescript-eslint/parser and eslint-plugin-security's recommended rules (when installed) over the corpus files.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { readFileList } from '../files';

/** The slice of ESLint's API this row uses; ESLint is installed by the benchmark, not typed by the project. */
interface EslintApi {
  ESLint: new (
    options: Record<string, unknown>,
  ) => { lintFiles(files: string[]): Promise<Array<{ messages: unknown[]; fatalErrorCount: number }>> };
}
interface SecurityPlugin {
  configs: { recommended: Record<string, unknown> };
}

async function main(): Promise<void> {
  const [listFile, envDir, cwd] = process.argv.slice(2);
  if (listFile === undefined || envDir === undefined || cwd === undefined)
    throw new Error('usage: eslint.js FILE_LIST ESLINT_ENV_DIR CWD');
  const load = createRequire(path.join(envDir, 'package.json'));
  const { ESLint } = load('eslint') as EslintApi;
  const parser = load('@typescript-eslint/parser') as unknown;
  // Without the plugin (an offline run on the project's own ESLint) the row measures parse + core traversal.
  let security: SecurityPlugin | undefined;
  try {
    security = load('eslint-plugin-security') as SecurityPlugin;
  } catch {
    security = undefined;
  }
  const eslint = new ESLint({
    cwd,
    // No configuration file lookup and no ignore files: exactly these files with exactly this configuration.
    overrideConfigFile: true,
    ignore: false,
    overrideConfig: [
      {
        ...(security?.configs.recommended ?? {}),
        files: ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'],
        languageOptions: {
          parser,
          ecmaVersion: 'latest',
          sourceType: 'module',
          parserOptions: { ecmaFeatures: { jsx: true } },
        },
      },
    ],
  });
  const files = readFileList(listFile);
  const results = await eslint.lintFiles(files);
  const messages = results.reduce((sum, result) => sum + result.messages.length, 0);
  const fatal = results.reduce((sum, result) => sum + result.fatalErrorCount, 0);
  process.stdout.write(JSON.stringify({ files: results.length, messages, fatal }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

// Bundles the extension with esbuild: dist/extension.js is the thin language client that runs on the extension host;
// dist/server.js is the language server (engine, configuration, report writers, parser) and its scan worker.
// Usage: node scripts/bundle.mjs [--production]   (--production: minified, no source maps)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import estreeConverter from './estree-converter-plugin.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const { estreeConverterPlugin } = estreeConverter;

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its `module` build bundles cleanly.
  mainFields: ['module', 'main'],
};

// `--outdir DIR`: elsewhere than dist/ (a test packages the server into a folder with no node_modules).
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag >= 0 ? path.resolve(process.argv[outdirFlag + 1] ?? 'dist') : path.join(root, 'dist');

const started = Date.now();
// A production build must not ship the source maps of an earlier development build.
fs.rmSync(outdir, { recursive: true, force: true });
const [extension, server] = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: { extension: 'src/vscode/extension.ts' },
    outdir,
    external: ['vscode'],
  }),
  // The server also runs as its own scan worker thread (src/lsp/bundle-entry.ts), so the parser ships once.
  // typescript-estree's converter files go in too, so the lazy-location converter runs on the parser's one copy.
  esbuild.build({
    ...common,
    entryPoints: { server: 'src/lsp/bundle-entry.ts' },
    outdir,
    plugins: [estreeConverterPlugin],
  }),
]);

// The point of the split: the extension host loads no engine, no configuration loader and no parser.
const leaked = Object.keys(extension.metafile.inputs).filter((input) =>
  /node_modules\/(typescript|@typescript-eslint)\/|node_modules\/vscode-languageserver\/|src\/(engine|scan|cli|config|lsp)\//.test(
    input,
  ),
);
if (leaked.length > 0) {
  console.error(
    `bundle: dist/extension.js pulled in ${leaked.slice(0, 3).join(', ')}; the extension reaches the engine only through the language server.`,
  );
  process.exit(1);
}
// The lazy-location converter must run on the bundled parser: without its files, the server would load them by
// path (a second parser and TypeScript beside node_modules) or fall back to the eager converter (a packaged .vsix).
const converterFiles = Object.keys(server.metafile.inputs).filter((input) =>
  /node_modules\/@typescript-eslint\/typescript-estree\/dist\/convert(-comments)?\.js$/.test(input),
);
if (converterFiles.length !== 2) {
  console.error(
    `bundle: dist/server.js lacks typescript-estree's converter files (found: ${converterFiles.join(', ') || 'none'}).`,
  );
  process.exit(1);
}
const sizes = [extension, server].flatMap((result) =>
  Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => `${file} ${(output.bytes / 1024).toFixed(0)} KiB`),
);
console.log(`bundle (${production ? 'production' : 'development'}): ${sizes.join(', ')} in ${Date.now() - started} ms`);

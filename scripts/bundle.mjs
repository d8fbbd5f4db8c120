// Bundles the extension with esbuild: dist/core.js (engine, configuration, report writers, parser) is shared by
// dist/extension.js and the scan worker dist/scan-worker.js, so TypeScript's parser ships once.
// Usage: node scripts/bundle.mjs [--production]   (--production: minified, no source maps)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const coreSource = path.join(root, 'src', 'vscode', 'core.ts');

/** Turns every import of src/vscode/core into a require of the sibling bundle ./core.js. */
const coreAsSibling = {
  name: 'core-as-sibling',
  setup(build) {
    build.onResolve({ filter: /(^|\/)core$/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      return resolved === coreSource.replace(/\.ts$/, '') ? { path: './core.js', external: true } : undefined;
    });
  },
};

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

const started = Date.now();
// A production build must not ship the source maps of an earlier development build.
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const [core, extension, worker] = await Promise.all([
  esbuild.build({ ...common, entryPoints: { core: coreSource }, outdir: 'dist' }),
  esbuild.build({
    ...common,
    entryPoints: { extension: 'src/vscode/extension.ts' },
    outdir: 'dist',
    external: ['vscode'],
    plugins: [coreAsSibling],
  }),
  esbuild.build({
    ...common,
    entryPoints: { 'scan-worker': 'src/vscode/scan-worker.ts' },
    outdir: 'dist',
    plugins: [coreAsSibling],
  }),
]);

// The point of the split: only core.js may contain the engine and the parser.
for (const [name, result] of [
  ['extension', extension],
  ['scan-worker', worker],
]) {
  const leaked = Object.keys(result.metafile.inputs).filter((input) =>
    /node_modules\/typescript\/|src\/(engine|scan|report|cli|config|rules)\//.test(input),
  );
  if (leaked.length > 0) {
    console.error(
      `bundle: dist/${name}.js pulled in ${leaked.slice(0, 3).join(', ')}; import it through src/vscode/core.ts instead.`,
    );
    process.exit(1);
  }
}
const sizes = [core, extension, worker].flatMap((result) =>
  Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .map(([file, output]) => `${file} ${(output.bytes / 1024).toFixed(0)} KiB`),
);
console.log(`bundle (${production ? 'production' : 'development'}): ${sizes.join(', ')} in ${Date.now() - started} ms`);

// An esbuild plugin for the language server's bundle: src/engine/estree-converter-files.ts becomes static requires
// of typescript-estree's converter files, so the bundle carries them beside the parser's one copy (see that file).
const path = require('node:path');

const ENTRY = require.resolve('@typescript-eslint/typescript-estree');

/** The module's replacement: the same function, its files required by a path esbuild follows at build time. */
const CONTENTS = `exports.loadConverterFiles = function loadConverterFiles() {
  return { convert: require('./convert.js'), comments: require('./convert-comments.js') };
};
`;

/** @type {import('esbuild').Plugin} */
const estreeConverterPlugin = {
  name: 'estree-converter-files',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]engine[\\/]estree-converter-files\.ts$/ }, () => ({
      contents: CONTENTS,
      loader: 'js',
      // Relative requires resolve beside the package's entry, the folder both files sit in.
      resolveDir: path.dirname(ENTRY),
    }));
  },
};

module.exports = { estreeConverterPlugin };

// typescript-estree's converter modules (convert.js, convert-comments.js), which its export map does not list.
import * as path from 'node:path';

/*
 * Why a module of its own: unbundled, the files are loaded by path beside the package's entry. In the language
 * server's bundle a path is no use (a packaged .vsix has no node_modules; with node_modules present it would load
 * a second typescript-estree and TypeScript), so scripts/bundle.mjs replaces this module by one that requires the
 * same two files statically (scripts/estree-converter-plugin.cjs): the bundle then carries them, sharing the
 * parser's one copy, and still loads them only when first asked, as here.
 */
export function loadConverterFiles(): { convert: unknown; comments: unknown } {
  const dist = path.dirname(require.resolve('@typescript-eslint/typescript-estree'));
  return {
    convert: require(path.join(dist, 'convert.js')) as unknown,
    comments: require(path.join(dist, 'convert-comments.js')) as unknown,
  };
}

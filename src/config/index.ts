// The configuration model shared by the CLI and the editor: parse, validate and layer `.agent-risk.json` files.
export { parseConfigText } from './parse';
export { loadConfigFor, loadConfigForDir, absoluteGlobs, noteConfigFileListing } from './load';
export { TOP_LEVEL_KEYS } from './validate';
export { closest, didYouMean, levenshtein } from '../engine/suggest';
export { CONFIG_FILE_NAME } from './types';
export type { ConfigError, ConfigLoadResult, FileConfig, LoadOptions } from './types';

// Decides whether an editor's file is excluded: built-in excludes < configuration file < editor settings, the last
// match winning as in the CLI, then the include globs; shared by the extension and the language server.
import * as path from 'node:path';
import { absoluteGlobs, type ConfigLoadResult } from '../config/index';
import { defaultRules, globRules, isExcluded, matcherFor } from './ignore-rules';

/** Editor settings' globs, relative to the workspace folder. */
export interface EditorGlobs {
  include: readonly string[];
  exclude: readonly string[];
}

export function isExcludedInEditor(
  file: string,
  folder: string | undefined,
  loaded: Pick<ConfigLoadResult, 'include' | 'exclude'>,
  settings: EditorGlobs,
): boolean {
  const root = folder ?? path.dirname(file);
  const settingsExclude = settings.exclude.flatMap((glob) => absoluteGlobs(root, glob));
  if (isExcluded([...defaultRules(), ...globRules(loaded.exclude), ...globRules(settingsExclude)], file, root))
    return true;
  const slashed = file.split(path.sep).join('/');
  const includes = [...loaded.include, ...settings.include.flatMap((glob) => absoluteGlobs(root, glob))].filter(
    (glob) => !glob.startsWith('!'),
  );
  return includes.length > 0 && !includes.some((glob) => matcherFor(glob).match(slashed));
}

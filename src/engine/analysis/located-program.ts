// Which program a process call runs when the code names it through a locator (`const rg = await ensureTool('rg')`,
// `which('fd')`): the program name the locator is asked for, when the variable holds nothing else.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, unwrapExpression, type Node } from '../ast';
import type { ScopeIndex } from '../scope';

/** A bare program name: no path, no spaces, no shell syntax (`rg`, `fd`, `git-lfs`). */
const PROGRAM_NAME = /^[A-Za-z][\w.+-]*$/;

/** `getSetting('shell')` reads a configured program, not a located one. */
const SETTING_WORDS = /shell|command|cmd|program|exec|interpreter|runner|binary|path/i;

/**
 * `spawn(rgPath, args)` where `const rgPath = await ensureTool('rg', true)`: the located program's name (`rg`).
 * Only a `const` initialised by one call whose first argument is a literal program name counts; the caller
 * still asks whether that name is a shell. A program read from the environment or chosen by no literal
 * (`getShell()`) stays unknown.
 */
export function locatedProgram(program: Node | undefined, scopes: ScopeIndex): string | undefined {
  if (program?.type !== 'Identifier') return undefined;
  const binding = scopes.resolve(program);
  if (binding?.kind !== 'var' || binding.declarationKind !== 'const' || binding.patternPath.length > 0)
    return undefined;
  let init: Node | undefined = binding.init && unwrapExpression(binding.init);
  // `await ensureTool('rg')`, or `yield ensureTool('rg')` in a compiled async function.
  if (init?.type === 'AwaitExpression' || (init?.type === 'YieldExpression' && init.argument))
    init = unwrapExpression(init.argument as Node);
  if (init?.type !== 'CallExpression') return undefined;
  const name = stringValue((init as TSESTree.CallExpression).arguments[0]);
  return name !== undefined && PROGRAM_NAME.test(name) && !SETTING_WORDS.test(name) ? name : undefined;
}

// Which program a process call runs when the code names it through a locator (`const rg = await ensureTool('rg')`,
// `which('fd')`): the program name the locator is asked for, when the variable holds nothing else; or a program
// path the package computes itself (`const bin = this.getBinaryPath()`), a fixed program whose name is unknown.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { stringValue, unwrapExpression, type Node } from '../ast';
import type { ScopeIndex } from '../scope';
import { programNamedBy } from './program-holder';

/** A bare program name: no path, no spaces, no shell syntax (`rg`, `fd`, `git-lfs`). */
const PROGRAM_NAME = /^[A-Za-z][\w.+-]*$/;

/** `getSetting('shell')` reads a configured program, not a located one. */
const SETTING_WORDS = /shell|command|cmd|program|exec|interpreter|runner|binary|path/i;

/** What a computed program path is called: not a shell's name, so only a shell-named variable or getter stays unknown. */
export const COMPUTED_PROGRAM = '(computed program)';

/** Names of a variable or getter that may hold a shell or a launcher that runs its arguments (`getShell()`, `cmd`). */
const SHELL_HOLDER =
  /shell|bash|zsh|pwsh|powershell|cmd|command|interpreter|exec|launch|runner|ssh|sudo|terminal|pty|(^|[^a-z])sh$/i;

/**
 * `spawn(rgPath, args)` where `const rgPath = await ensureTool('rg', true)`: the located program's name (`rg`).
 * Only a `const` initialised by one call whose first argument is a literal program name counts; the caller
 * still asks whether that name is a shell. A getter called with no arguments (`this.getBinaryPath()`, also in
 * place) is a program the package computes: fixed, and no shell unless the getter or variable is named for one
 * (`getShell()`, `const cmd = …`). Anything else (`getSetting('shell')`, `table[key]()`) stays unknown.
 */
export function locatedProgram(program: Node | undefined, scopes: ScopeIndex): string | undefined {
  // `execFileSync(getAdbPath(), args)`: the getter called in place.
  if (program?.type === 'CallExpression') return computedProgram(program as TSESTree.CallExpression, '');
  if (program?.type !== 'Identifier') return undefined;
  const binding = scopes.resolve(program);
  if (binding?.kind !== 'var' || binding.declarationKind !== 'const' || binding.patternPath.length > 0)
    return heldProgram(program.name);
  let init: Node | undefined = binding.init && unwrapExpression(binding.init);
  // `await ensureTool('rg')`, or `yield ensureTool('rg')` in a compiled async function.
  if (init?.type === 'AwaitExpression' || (init?.type === 'YieldExpression' && init.argument))
    init = unwrapExpression(init.argument as Node);
  const overridden = init && environmentDefault(init);
  if (overridden !== undefined) return overridden;
  if (init?.type !== 'CallExpression') return heldProgram(program.name);
  const call = init as TSESTree.CallExpression;
  const name = stringValue(call.arguments[0]);
  if (name !== undefined) return PROGRAM_NAME.test(name) && !SETTING_WORDS.test(name) ? name : undefined;
  // `const path = this.getPath()` (an environment variable or a bundled binary): the caller has already found
  // the value free of the model's input, so it is a program the deployer fixed; a shell-named one stays unknown.
  return computedProgram(call, program.name);
}

/**
 * `const AGENT_BROWSER = process.env.AGENT_BROWSER_PATH || 'agent-browser'`: the program the literal names, or
 * the one the deployer's environment puts in its place; either way not the model's. The caller still asks
 * whether that name is a shell (`process.env.SHELL || 'bash'` stays a shell). Undefined when the value is no such default.
 */
function environmentDefault(init: Node): string | undefined {
  if (init.type !== 'LogicalExpression' || (init.operator !== '||' && init.operator !== '??')) return undefined;
  if (!isEnvironmentRead(unwrapExpression(init.left))) return undefined;
  const name = stringValue(init.right);
  return name !== undefined && PROGRAM_NAME.test(name) && !SETTING_WORDS.test(name) ? name : undefined;
}

/** `process.env.X` or `process.env['X']`. */
function isEnvironmentRead(node: Node): boolean {
  if (node.type !== 'MemberExpression') return false;
  const env = unwrapExpression(node.object);
  return (
    env.type === 'MemberExpression' &&
    !env.computed &&
    env.property.type === 'Identifier' &&
    env.property.name === 'env' &&
    env.object.type === 'Identifier' &&
    env.object.name === 'process'
  );
}

/**
 * `let rgPath; … rgPath = require('@vscode/ripgrep').rgPath; … rgPath = 'rg'`: a variable named for one program
 * (`rgPath`, `ffmpegBin`, not `binaryPath` or `shellPath`) holds that program, whichever branch set it.
 */
function heldProgram(name: string): string | undefined {
  const named = programNamedBy(name);
  return named !== undefined && !SHELL_HOLDER.test(named) ? named : undefined;
}

function computedProgram(call: TSESTree.CallExpression, holder: string): string | undefined {
  const getter = getterName(call.callee);
  return call.arguments.length === 0 && getter !== undefined && !SHELL_HOLDER.test(getter) && !SHELL_HOLDER.test(holder)
    ? COMPUTED_PROGRAM
    : undefined;
}

/** `getPath` of `this.getPath()` or `getPath()`; undefined for a computed callee (`table[key]()`). */
function getterName(callee: Node): string | undefined {
  const inner = unwrapExpression(callee);
  if (inner.type === 'Identifier') return inner.name;
  if (inner.type === 'MemberExpression' && !inner.computed && inner.property.type === 'Identifier')
    return inner.property.name;
  return undefined;
}

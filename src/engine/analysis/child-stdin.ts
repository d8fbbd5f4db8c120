// Which program reads what a tool writes to a child process's stdin: a shell or an interpreter runs it as code, a
// fixed program of another kind (a database client, a converter) reads it as its own data.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { findProperty, propertyName, unwrapExpression, type Node } from '../ast';
import type { SinkRow } from '../catalog/load';
import { isProgramHolder, programBase, programNamedBy } from './program-holder';
import type { SinkHit } from './sinks';
import type { Evaluator, State } from './evaluator';
import type { Value } from './value';

/** Inside a helper: the child's program is this member of a parameter, so each caller's value decides. */
export interface StdinProgramParam {
  index: number;
  path: readonly string[];
  /** The most specific name the program has had so far (`mysqlExe` of `environment.paths.mysqlExe`). */
  holder?: string;
}

/**
 * `fixed`: a program that does not run its stdin; `param`: a caller decides; `runs`: a shell, an interpreter, or
 * unknown, `sqlLiterals` where it is a database shell whose own commands are read only outside string literals.
 */
export type StdinVerdict =
  | { kind: 'fixed' }
  | { kind: 'runs'; sqlLiterals?: true }
  | { kind: 'param'; program: StdinProgramParam };

const RUNS: StdinVerdict = { kind: 'runs' };
const RUNS_SQL: StdinVerdict = { kind: 'runs', sqlLiterals: true };
const FIXED: StdinVerdict = { kind: 'fixed' };

/**
 * Database shells that read `\! cmd` (mysql, mariadb, psql) or `.shell cmd` (sqlite3) only outside a string literal:
 * text escaped into `'…'` literals stays data there. Not sqlcmd, whose `!!` and `GO` lines count inside a
 * literal that spans lines, nor mongosh (JavaScript).
 */
const LITERAL_AWARE_SQL_SHELLS = /^(mysql|mariadb|psql|sqlite3?)$/;

/**
 * Programs that read their stdin as commands or code: shells and launchers that hand it to one, and language
 * interpreters and REPLs. Database shells count: mongosh runs JavaScript, and `mysql` / `psql` (`\! cmd`), `sqlite3` (`.shell cmd`)
 * and `sqlcmd` (`!! cmd`) run shell commands written in their input. A program named by none of these reads its stdin
 * as data.
 */
const RUNS_STDIN =
  /^(sh|bash|zsh|dash|ksh|fish|csh|tcsh|ash|busybox|cmd|powershell|pwsh|ssh|su|sudo|doas|env|xargs|nohup|nice|timeout|script|expect|python[\d.]*|pypy[\d.]*|ipython|node|nodejs|bun|deno|tsx|ts-node|ruby|irb|perl|php|lua(jit)?|luajit|r|rscript|julia|tclsh|wish|osascript|jshell|groovy|scala|ghci|erl|iex|elixir|swift|dotnet|java|clojure|racket|guile|sbcl|ocaml|mongo|mongosh|mysql|mariadb|psql|sqlite3?|sqlcmd)$/;

/** Script files a shell runs (`deploy.sh`, `setup.bat`): the program that reads stdin is a shell. */
const SCRIPT_EXTENSION = /\.(sh|bash|zsh|bat|cmd|ps1|py|js|mjs|cjs|ts|rb|pl|php)$/i;

/**
 * `child.stdin.write(text)` where `const child = spawn(program, …)` in scope: what the program makes of the text.
 * Anything the engine cannot place (a child kept in a field or a module variable, a program the model chose)
 * runs it, as the row has always read it.
 */
export function stdinVerdict(row: SinkRow, node: Node, state: State, interpreter: Evaluator): StdinVerdict {
  const spawned = spawnCall(row, node, interpreter);
  const programNode = spawned?.arguments[0];
  if (!programNode || programNode.type === 'SpreadElement') return RUNS;
  const program = unwrapExpression(programNode);
  if (program.type !== 'Identifier' && program.type !== 'MemberExpression' && program.type !== 'Literal') return RUNS;
  const value = interpreter.evaluate(program, state);
  return verdictOf(value, holderOf(program));
}

/** The same question at a caller of the helper that spawned the child, with the caller's value for the program. */
export function stdinVerdictAtCall(
  handed: StdinProgramParam,
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  actual: (index: number, path: readonly string[]) => Value,
): StdinVerdict {
  // `runCommand({ command: environment.paths.mysqlExe, stdin })`: the caller's expression names the program.
  const written = writtenAt(call.arguments[handed.index], handed.path);
  const named = written && holderOf(written);
  const holder = named !== undefined && isProgramHolder(named) ? named : handed.holder;
  return verdictOf(actual(handed.index, handed.path), holder);
}

/** The expression a caller writes for a member of an argument (`{ command: x }` for `['command']`). */
function writtenAt(argument: Node | undefined, path: readonly string[]): Node | undefined {
  let node = argument && unwrapExpression(argument);
  for (const name of path) {
    if (node?.type !== 'ObjectExpression') return undefined;
    const property = findProperty(node, name);
    node = property && unwrapExpression(property.value);
  }
  return node;
}

function verdictOf(value: Value, holder: string | undefined): StdinVerdict {
  if (value.constant !== undefined) return programRuns(value.constant) ? runsVerdict(programOf(value.constant)) : FIXED;
  if (value.origins.length === 0) {
    if (holder === undefined) return RUNS;
    return namesFixedProgram(holder) ? FIXED : runsVerdict(programNamedBy(holder));
  }
  if (value.origins.some((origin) => origin.kind !== 'param')) return RUNS;
  const [origin, ...others] = value.origins;
  if (origin?.kind !== 'param' || others.length > 0 || value.parts?.some((part) => part.kind === 'const')) return RUNS;
  // `environment.paths.mysqlExe` handed in: its last member is a better name than the helper's `command`.
  const named = origin.path.at(-1);
  const program: StdinProgramParam = { index: origin.index, path: origin.path };
  const best = named !== undefined && isProgramHolder(named) ? named : (holder ?? named);
  if (best !== undefined) program.holder = best;
  return { kind: 'param', program };
}

/** A written program (`mysql`, `C:\\xampp\\mysql\\bin\\mysql.exe --batch`): its first word, without folder or `.exe`. */
function programOf(text: string): string {
  return programBase((text.trim().split(/\s+/)[0] ?? '').replace(/^["']|["']$/g, ''));
}

function programRuns(text: string): boolean {
  const base = programOf(text);
  return base === '' || SCRIPT_EXTENSION.test(base) || RUNS_STDIN.test(base);
}

function runsVerdict(program: string | undefined): StdinVerdict {
  return program !== undefined && LITERAL_AWARE_SQL_SHELLS.test(program) ? RUNS_SQL : RUNS;
}

/** `mysqlExe`, `gitPath`, `ffmpeg_bin`: a holder named for a program that reads its stdin as data. */
function namesFixedProgram(holder: string): boolean {
  const program = programNamedBy(holder);
  return program !== undefined && !RUNS_STDIN.test(program);
}

/** The name the program is held in where it is read (`mysqlExe` of `env.paths.mysqlExe`, `gitPath`). */
function holderOf(program: Node): string | undefined {
  if (program.type === 'Identifier') return program.name;
  if (program.type === 'MemberExpression') return propertyName(program);
  return undefined;
}

/** `const child = spawn(…)` (or `await`ed) behind the receiver of `child.stdin.write`, a call of the row's process module. */
function spawnCall(row: SinkRow, node: Node, interpreter: Evaluator): TSESTree.CallExpression | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(node.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const stream = unwrapExpression(callee.object);
  if (stream.type !== 'MemberExpression') return undefined;
  const child = unwrapExpression(stream.object);
  if (child.type !== 'Identifier') return undefined;
  const binding = interpreter.ctx.scopes.resolve(child);
  if (binding?.kind !== 'var' || binding.declarationKind !== 'const' || binding.patternPath.length > 0)
    return undefined;
  let init: Node | undefined = binding.init && unwrapExpression(binding.init);
  if (init?.type === 'AwaitExpression') init = unwrapExpression(init.argument);
  if (init?.type !== 'CallExpression') return undefined;
  const api = interpreter.ctx.api.resolve(init.callee);
  return api !== undefined && row.requiresImport.includes(api.module) ? init : undefined;
}

/** The hit as the verdict leaves it: a fixed program's stdin is its data (a bounded process effect, no finding). */
export function withStdinVerdict(hit: SinkHit, verdict: StdinVerdict): SinkHit {
  const out: SinkHit = { ...hit };
  delete out.stdinProgram;
  delete out.sqlLiterals;
  if (verdict.kind === 'runs') {
    if (verdict.sqlLiterals) out.sqlLiterals = true;
    return out;
  }
  if (verdict.kind === 'param') {
    out.stdinProgram = verdict.program;
    return out;
  }
  delete out.unfixedProgram;
  return { ...out, bounded: true, origins: [], paramIndexes: [] };
}

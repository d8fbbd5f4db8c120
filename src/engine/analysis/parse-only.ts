// Programs told to check their input's syntax and run none of it: `bash -n -c <text>` parses the text and stops,
// `node --check file.js` and `php -l file.php` compile and exit. A validator that asks a shell whether the
// model's command parses starts a process, but the model's text runs nowhere.
import { programBase } from './program-holder';
import type { Value } from './value';

/** Per program: the flags that make it parse only, and the options that would run text despite them. */
interface ParseOnly {
  /** A short-option cluster holding this letter (`-n`, `-nx`) or one of the long forms. */
  letter?: string;
  long: readonly string[];
  /** Options that run code whatever else is given (`node -e`, `php -r`): then the flag proves nothing. */
  runs: readonly string[];
}

const SHELL: ParseOnly = { letter: 'n', long: [], runs: [] };
const PROGRAMS: ReadonlyMap<string, ParseOnly> = new Map([
  ['bash', SHELL],
  ['sh', SHELL],
  ['dash', SHELL],
  ['zsh', SHELL],
  ['ksh', SHELL],
  [
    'node',
    { long: ['--check', '-c'], runs: ['-e', '--eval', '-p', '--print', '-r', '--require', '--import', '--loader'] },
  ],
  ['php', { long: ['-l', '--syntax-check'], runs: ['-r', '--run', '-B', '-R', '-F', '-E', '-a'] }],
]);

/**
 * Whether `program` run with this argument list only checks syntax: the flag sits among the leading options,
 * all written in the code (an option after the first operand, or after `-c <text>`, is the script's argument),
 * and no option that runs code comes with it.
 */
export function parsesOnly(program: string | undefined, elements: readonly Value[]): boolean {
  const known = program === undefined ? undefined : PROGRAMS.get(programBase(program));
  if (!known) return false;
  let found = false;
  for (const element of elements) {
    const text = element.constant;
    if (text === undefined || !text.startsWith('-') || text === '-' || text === '--') break;
    if (known.runs.includes(text)) return false;
    if (known.long.includes(text)) found = true;
    else if (known.letter && /^-[a-z]+$/i.test(text) && text.includes(known.letter)) found = true;
    // `-c <text>`: what follows is the command, the end of the options.
    if (known.letter && /^-[a-z]*c[a-z]*$/i.test(text)) break;
  }
  return found;
}

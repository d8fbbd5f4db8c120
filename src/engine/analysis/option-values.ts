// Which element of a fixed program's argument list is the value of the option written before it.
import type { Value } from './value';
import { programBase } from './program-holder';

/**
 * Options whose value the program runs or loads as code or configuration (`-c cmd`, `--exec`, git's
 * `-c core.sshCommand=…`, `--upload-pack`): their value is a command, so holding it is no exemption.
 */
const RUNNING_OPTION_WORDS: ReadonlySet<string> = new Set([
  'c',
  'e',
  'x',
  'exec',
  'eval',
  'command',
  'cmd',
  'run',
  'script',
  'code',
  'shell',
  'pre',
  'config',
  'require',
  'import',
  'load',
  'upload-pack',
  'receive-pack',
  'ssh',
  'editor',
]);

const OPTION = /^-(?:-([A-Za-z][\w-]*)|([A-Za-z]))$/;

/** The option word of a fixed option element (`--title` is `title`, `-m` is `m`), or undefined. */
function optionWord(element: Value | undefined): string | undefined {
  const match = element?.constant === undefined ? undefined : OPTION.exec(element.constant);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** An option word (`exec` of `--exec=…`) whose value the program runs: see RUNNING_OPTION_WORDS. */
export function isRunningOptionWord(word: string): boolean {
  return RUNNING_OPTION_WORDS.has(word.toLowerCase());
}

/**
 * Search programs whose `-e` (`--regexp`) takes the pattern to match, not code (`rg -e <pattern>`,
 * `grep -e <pattern>`); their other running options (`rg --pre`) still run their value. Not `sed`, whose `-e`
 * script may run a command.
 */
const PATTERN_PROGRAMS = /^(grep|egrep|fgrep|zgrep|rg|ripgrep|ag|ack|ugrep)$/;
const PATTERN_OPTION_WORDS: ReadonlySet<string> = new Set(['e', 'regexp']);

/** A fixed option whose value the program runs (`-c`, `--exec`); `program`, when known, may read it as data. */
export function runsItsValue(option: Value | undefined, program?: string): boolean {
  const word = optionWord(option);
  if (word === undefined || !isRunningOptionWord(word)) return false;
  return !(program !== undefined && PATTERN_OPTION_WORDS.has(word) && PATTERN_PROGRAMS.test(programBase(program)));
}

/** The names the model's input gives a value (`args.create.title` is `title`), lower-case. */
function inputNames(value: Value): string[] {
  return value.origins.flatMap((origin) => {
    const last = /([A-Za-z_$][\w$]*)\W*$/.exec(origin.display)?.[1];
    return last ? [last.toLowerCase()] : [];
  });
}

/**
 * `['pr', 'create', '--title', input.title]`, `['commit', '-m', message]`: a model value written right
 * after a fixed option that names it (the long option is the value's name, the short one its initial)
 * is that option's value, so the program never reads it as an option. A value after an option that
 * names something else (`['log', '--oneline', ref]`) may follow a switch, and stays the model's argument.
 */
export function isNamedOptionValue(option: Value | undefined, value: Value): boolean {
  // A message joined from two fields (`${message}\n\n${body}`) is named by either.
  return namesOption(option, inputNames(value));
}

/**
 * `'--head', headBranch`: the name the author wrote for the value in the list (a variable, or the member read)
 * names the option it follows, as a whole leading word (`headBranch` is the head's branch; `header` is not
 * `--head`'s), or as the input's own names do (see isNamedOptionValue).
 */
export function isWrittenOptionValue(option: Value | undefined, writtenName: string): boolean {
  const word = optionWord(option)?.toLowerCase().replace(/[-_]/g, '');
  if (word === undefined || runsItsValue(option)) return false;
  const words = writtenName.split(/(?<=[a-z0-9])(?=[A-Z])|[-_$]+/).filter((part) => part !== '');
  for (let count = 1; count < words.length; count++)
    if (words.slice(0, count).join('').toLowerCase() === word) return true;
  return namesOption(option, [writtenName.toLowerCase()]);
}

/** Whether one of the value's names (lower-case) names the fixed option it follows. */
function namesOption(option: Value | undefined, names: readonly string[]): boolean {
  const word = optionWord(option)?.toLowerCase().replace(/[-_]/g, '');
  if (word === undefined || runsItsValue(option)) return false;
  if (names.length === 0) return false;
  return names.some((name) => {
    const plain = name.replace(/[-_$]/g, '');
    if (word.length === 1) return plain.length > 1 && plain.startsWith(word);
    return (
      plain === word ||
      plain.endsWith(word) ||
      // `['--label', labels.join(',')]`: the option's noun in the plural, a list of its values.
      plain === `${word}s` ||
      (IDENTIFYING_SUFFIXES.has(plain.slice(word.length)) && plain.startsWith(word))
    );
  });
}

/** `--device deviceId`, `--user userName`: the option's noun with a word that says which one. */
const IDENTIFYING_SUFFIXES = new Set([
  'id',
  'ids',
  'name',
  'names',
  'key',
  'ref',
  'uuid',
  'serial',
  'number',
  'num',
  'no',
]);

/**
 * The positions, in one `push` call's arguments, of the values pushed right after a fixed option
 * (`push('--glob', glob)` gives [1]; `push('-e', pattern, root)` gives [1]; `push('-g', g, '-t', t)` gives
 * [1, 3]): each is written together with its option, so the program reads it as that option's value.
 */
export function pushedOptionValues(args: readonly Value[]): number[] {
  const out: number[] = [];
  for (let at = 1; at < args.length; at++) {
    const option = args[at - 1];
    if (optionWord(option) === undefined || out.includes(at - 1)) continue;
    if (optionWord(args[at]) !== undefined) continue;
    out.push(at);
  }
  return out;
}

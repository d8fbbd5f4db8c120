// A fixed program's argument list a helper receives whole from its caller (`spawn(command, args)` inside
// `execProcess(command, args)`), so the caller's elements decide which of them the program may read as options.
import type { Value } from './value';

export interface ArgvHandOff {
  /** Inside a helper: the parameter that is the whole argument list the sink hands its program. */
  argvParam?: number;
  /** The program, when the helper writes it (`spawn('git', args)`). */
  argvProgram?: string;
  /** The parameter that is the program, when a caller writes it (`execProcess('git', args)`). */
  argvProgramParam?: number;
  /**
   * What the helper writes in front of the list it receives (`[...command.split(' '), ...args]`), its own
   * parameters still symbols: the caller's list is checked behind these elements (`argv-at-call.ts`).
   */
  argvPrefix?: Value[];
}

/** Longer prefixes are not handed on: a helper's own leading words are a few subcommand words and flags. */
const MAX_PREFIX = 8;

/** The helper parameter a value is, whole (no member of it, no text around it), or undefined. */
export function wholeParam(value: Value): number | undefined {
  if (value.elements || value.parts?.some((part) => part.kind !== 'tainted')) return undefined;
  const origin = value.origins.length === 1 ? value.origins[0] : undefined;
  return origin?.kind === 'param' && origin.path.length === 0 ? origin.index : undefined;
}

/**
 * `spawn(command, args)` with `args` a parameter: nothing is known of its elements here, so the hit names the
 * parameter (and the program's), and each caller's list is checked element by element (`argv-at-call.ts`).
 */
export function argvHandOff(args: Value[], list: Value, controlled: Value, program?: string): ArgvHandOff {
  const handed = passedList(list);
  if (handed === undefined || !controlled.origins.every((origin) => origin.kind === 'param')) return {};
  // A located or computed program (`const bin = this.getPath()`) is as fixed for the callers as a written one.
  return listHandOff(handed, program, args[0]);
}

/** A list handed on from a caller: a parameter whole, or one spread last behind the helper's own elements. */
export interface PassedList {
  param: number;
  /** The helper's own leading elements (`[...command.trim().split(/\s+/), ...args]`, `['-C', dir, ...args]`). */
  prefix: Value[];
}

/** The parameter `list` hands on, whole or behind a few elements of the helper's own; undefined for neither. */
export function passedList(list: Value): PassedList | undefined {
  const whole = wholeParam(list);
  return whole === undefined ? spreadTail(list) : { param: whole, prefix: [] };
}

/** The hand-off of a passed list, with the program written (`program`) or as the caller's value gives it. */
export function listHandOff(
  handed: PassedList,
  program: string | undefined,
  programValue: Value | undefined,
): ArgvHandOff {
  return {
    argvParam: handed.param,
    ...(handed.prefix.length > 0 ? { argvPrefix: handed.prefix } : {}),
    ...(program === undefined ? programOf(programValue) : { argvProgram: program }),
  };
}

/** A list that ends with a parameter spread whole, nothing known of its elements here, behind a few of its own. */
function spreadTail(list: Value): PassedList | undefined {
  const elements = list.elements;
  const last = elements ? elements.length - 1 : -1;
  if (!elements || last < 0 || last > MAX_PREFIX || !list.spreadAt?.includes(last)) return undefined;
  const param = wholeParam(elements[last] as Value);
  return param === undefined ? undefined : { param, prefix: elements.slice(0, last) };
}

/** The program as the hand-off records it: written, or a parameter of the function that holds the call. */
export function programOf(program: Value | undefined): ArgvHandOff {
  if (program?.constant !== undefined) return { argvProgram: program.constant };
  const param = program && wholeParam(program);
  return param === undefined ? {} : { argvProgramParam: param };
}

/**
 * `execFileSync(file, args)` in a helper with `args` a parameter: which elements name files (`-f <file>`) is
 * known only at each caller, so the list itself is handed on for them to check (`argv-at-call.ts`).
 */
export function handedList(list: Value): Value | undefined {
  return wholeParam(list) === undefined ? undefined : list;
}

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
}

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
  const param = wholeParam(list);
  if (param === undefined || !controlled.origins.every((origin) => origin.kind === 'param')) return {};
  // A located or computed program (`const bin = this.getPath()`) is as fixed for the callers as a written one.
  return { argvParam: param, ...(program === undefined ? programOf(args[0]) : { argvProgram: program }) };
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

// A helper's process hit on an argument list its caller hands it, checked with the caller's list and program.
import { type ArgvHandOff, passedList, listHandOff } from '../argv-hand-off';
import { quotesHoldData, runsWithoutShell } from '../sanitisers';
import { controllingValue, type SinkHit } from '../sinks';
import { CLEAN, container, type Origin, type Value } from '../value';

export interface ArgvAtCall {
  /** The caller's list holds a model value the program may read as an option (or as a command). */
  controlled: boolean;
  /** Where those values come from: the elements the program may read as options, not the whole list. */
  origins: Origin[];
  /** What the caller's own summary records: its parameters that are the list and the program. */
  handOff: ArgvHandOff;
}

/**
 * `execGit(['commit', '-m', message])` reaching `spawn(command, args)` in a helper: the end-of-options marker,
 * an option's value and a fixed option's text hold in the caller's list as they would in place.
 */
export function argvAtCall(hit: SinkHit, actual: (index: number) => Value): ArgvAtCall | undefined {
  if (hit.argvParam === undefined) return undefined;
  const programValue = hit.argvProgramParam === undefined ? undefined : actual(hit.argvProgramParam);
  const program = hit.argvProgram ?? programValue?.constant;
  const given = actual(hit.argvParam);
  const prefix = hit.argvPrefix?.map((element) => prefixElement(element, actual));
  const list = prefix ? behind(prefix, given) : given;
  const check = hit.row.check;
  const quotes = quotesHoldData(check, program);
  const isArgv = runsWithoutShell(check, program);
  const controlling = controllingValue(hit.row, list, quotes, isArgv, program);
  // Each element on its own (its neighbours kept, the others' input taken out): a caller that leaves one
  // member out (`listCommits({ author })` never passes `range`) still meets the others at its own callers.
  const origins =
    controlling === undefined || list.elements === undefined
      ? (controlling?.origins ?? [])
      : list.elements.flatMap((_element, at) => {
          const alone = list.elements?.map((other, index) =>
            index === at || other.constant !== undefined ? other : CLEAN,
          );
          const single = controllingValue(hit.row, { ...list, elements: alone ?? [] }, quotes, isArgv, program);
          return single ? single.origins : [];
        });
  // The caller hands the list on whole, or behind words of its own (`[...command.split(' '), ...args]`).
  const handed = passedList(list);
  const handOff: ArgvHandOff = handed === undefined ? {} : listHandOff(handed, program, programValue);
  const found = origins.length > 0 ? origins : (controlling?.origins ?? []);
  return { controlled: controlling !== undefined, origins: found, handOff };
}

/** A helper's own leading element at its caller: written text stays, one made of its parameters is what the caller passes. */
function prefixElement(element: Value, actual: (index: number) => Value): Value {
  if (element.constant !== undefined) return element;
  const passed = element.origins.flatMap((origin) => (origin.kind === 'param' ? [actual(origin.index)] : []));
  return passed.find((value) => value.origins.length > 0) ?? passed[0] ?? element;
}

/** The caller's list behind the helper's prefix; the caller's first element need not follow the prefix's last. */
function behind(prefix: Value[], list: Value): Value {
  const offset = prefix.length;
  const tail = list.elements ?? [list];
  const elements = [...prefix, ...tail];
  const out: Value = { ...container(elements), elements };
  out.elementSeams = [offset, ...(list.elementSeams ?? []).map((at) => at + offset)];
  if (list.optionValues) out.optionValues = list.optionValues.map((at) => at + offset);
  const spreads = list.elements ? (list.spreadAt ?? []).map((at) => at + offset) : [offset];
  if (spreads.length > 0) out.spreadAt = spreads;
  return out;
}

// Model text in a program's argument list that chooses no behaviour: numbers, an option's value, an operand
// after `--` or an absolute path, so the model fills in data rather than an option or a command.
import { isNumberInput } from './origins';
import { isNamedOptionValue, isRunningOptionWord, runsItsValue } from './option-values';
import { isAbsolutePathOperand } from './suffixed-path';
import type { Value } from './value';

/**
 * An argument list handed to a fixed program: after the end-of-options marker `--` (on every path), or
 * pushed in one call with the fixed long option it is the value of (`args.push('--glob', glob)`), the
 * model's text is an operand or an option's value; the program never reads it as an option
 * (`--pre=./payload.sh`), so the model fills in data and chooses no behaviour. A value merely written
 * after an option (`['--oneline', ref]`) may follow a switch, so it may still be read as an option.
 */
export function isNeverAnOption(value: Value, index: number, program: string | undefined): boolean {
  const seams = value.elementSeams ?? [];
  const elements = value.elements ?? [];
  const option = seams.includes(index) ? undefined : elements[index - 1];
  if (value.optionValues?.includes(index) && !runsItsValue(option, program)) return true;
  if (isAbsolutePathOperand(elements[index])) return true;
  if (isNamedOptionValue(option, elements[index] as Value)) return true;
  for (let at = index - 1; at >= 0 && !seams.includes(at + 1); at--) if (elements[at]?.constant === '--') return true;
  return false;
}

/** Model text that is only numbers (`${Math.round(x)},${Math.round(y)}`): it names no command and no option. */
export function isNumericText(value: Value): boolean {
  if (isNumericValue(value)) return true;
  const parts = value.parts;
  return (
    parts?.some((part) => part.kind === 'tainted') === true &&
    parts.every((part) => part.kind !== 'tainted' || isNumericValue(part.value))
  );
}

/** Made into a number (`Math.round(x)`), or only the input's schema-validated number fields. */
export function isNumericValue(value: Value): boolean {
  return value.bounds.has('numeric') || (value.origins.length > 0 && value.origins.every(isNumberInput));
}

/** `--format=json`: a fixed option whose value is written in; not one whose value runs (`--pre=`). */
export function isFixedOptionValue(value: Value): boolean {
  const first = value.parts?.[0];
  const word = first?.kind === 'const' ? /^-{1,2}([A-Za-z][\w-]*)=/.exec(first.text)?.[1] : undefined;
  return word !== undefined && !isRunningOptionWord(word);
}

// A list a helper returns, mapped at its caller: a parameter spread whole is laid out as the caller's list.
import { wholeParam } from '../argv-hand-off';
import type { Value } from '../value';

/** Longer lists the caller passes stay one element, as an array literal keeps long spreads (`array-literal.ts`). */
const MAX_LAID_OUT = 15;

type ListShape = Pick<Value, 'elements' | 'elementSeams' | 'optionValues' | 'spreadAt'>;

/**
 * `const out = [...args]; out.push('--profile', profile); return out`: at the caller, `args` is the list it
 * passed (`['--path', p.path]`), so each element keeps its place and an option written with its value stays
 * that option's value; the helper's own seams and option values move with the elements.
 */
export function mappedList(
  value: Value,
  actual: (index: number, path?: string[]) => Value,
  map: (element: Value) => Value,
): ListShape {
  const source = value.elements ?? [];
  const elements: Value[] = [];
  const seams: number[] = [];
  const options: number[] = [];
  const spreads: number[] = [];
  const moved: number[] = [];
  source.forEach((element, at) => {
    moved[at] = elements.length;
    const param = value.spreadAt?.includes(at) ? wholeParam(element) : undefined;
    const passed = param === undefined ? undefined : actual(param);
    if (passed?.elements && passed.elements.length <= MAX_LAID_OUT && !passed.props) {
      const offset = elements.length;
      for (const seam of passed.elementSeams ?? []) seams.push(offset + seam);
      for (const option of passed.optionValues ?? []) options.push(offset + option);
      for (const spread of passed.spreadAt ?? []) spreads.push(offset + spread);
      elements.push(...passed.elements);
      return;
    }
    if (value.spreadAt?.includes(at)) spreads.push(elements.length);
    elements.push(map(element));
  });
  const at = (index: number) => (index < source.length ? (moved[index] as number) : elements.length);
  for (const seam of value.elementSeams ?? []) seams.push(at(seam));
  for (const option of value.optionValues ?? []) options.push(at(option));
  const out: ListShape = { elements };
  if (seams.length > 0) out.elementSeams = [...new Set(seams)];
  if (options.length > 0) out.optionValues = [...new Set(options)];
  if (spreads.length > 0) out.spreadAt = spreads;
  return out;
}

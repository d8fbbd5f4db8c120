// Whether a sink's checked value holds the model's input, bounded or not, kept per helper parameter so that a
// helper's hit is decided again with each caller's values (`ensureDir(dir)` in a helper a caller hands a constant).
import type { SinkHit } from './sinks';
import { isTainted, type Value } from './value';

type Carried = Pick<SinkHit, 'carriesInput' | 'carriedParams' | 'carriesOwnInput'>;

/** What the checked values carry: the tool's input, a helper's parameters (symbols for whatever a caller passes). */
export function carriedInput(values: readonly Value[]): Carried {
  const params = new Set<number>();
  let own = false;
  for (const value of values)
    for (const origin of value.origins) {
      if (origin.kind === 'param') params.add(origin.index);
      else own = true;
    }
  const out: Carried = { carriesInput: true };
  if (own) out.carriesOwnInput = true;
  if (params.size > 0) out.carriedParams = [...params];
  return out;
}

/**
 * A helper's hit at one call: it carries input when it carried the tool's own, or a parameter it carried holds the
 * caller's input (or the caller's own parameter, for the next caller out). A hit from before this record is kept.
 */
export function carriedAtCall(hit: SinkHit, actual: (index: number) => Value): Carried | undefined {
  if (!hit.carriesInput || hit.carriedParams === undefined) return undefined;
  const values = hit.carriedParams.map(actual).filter(isTainted);
  if (values.length === 0 && !hit.carriesOwnInput) return {};
  const out = values.length > 0 ? carriedInput(values) : { carriesInput: true as const };
  if (hit.carriesOwnInput) out.carriesOwnInput = true;
  return out;
}

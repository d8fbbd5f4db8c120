// Finds the one helper parameter that decides a URL's destination, so a caller's argument can be checked
// against the helper's sink without analysing the helper again.
import { partsOf, type Value } from './value';

/** The caller's value as the helper's URL holds it: after the constant text in front of the parameter. */
export function behindPrefix(value: Value, prefix: string | undefined): Value {
  if (!prefix) return value;
  return { ...value, parts: [{ kind: 'const', text: prefix }, ...partsOf(value)] };
}

export interface LeadingParam {
  leadingParam: number;
  leadingPrefix?: string;
}

/**
 * The one parameter that decides a URL's destination when only constant text stands in front of it (the
 * whole URL, or `${BASE}${endpoint}` behind an origin with no path yet), with that text; else undefined.
 */
export function leadingParamOf(value: Value, controlling: Value): LeadingParam | undefined {
  const origin = controlling.origins.length === 1 ? controlling.origins[0] : undefined;
  if (origin?.kind !== 'param') return undefined;
  const parts = value.parts;
  if (parts === undefined || parts.length === 0) return { leadingParam: origin.index };
  let prefix = '';
  for (const part of parts) {
    if (part.kind === 'opaque') return undefined;
    if (part.kind === 'const') {
      prefix += part.text;
      continue;
    }
    if (part.value !== controlling) return undefined;
    return prefix === '' ? { leadingParam: origin.index } : { leadingParam: origin.index, leadingPrefix: prefix };
  }
  return undefined;
}

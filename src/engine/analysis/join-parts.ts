// How a string is built where two paths meet (`let url = BASE + id; if (ref) url += '?ref=' + ref; else url += '?ref=HEAD'`):
// what both ways start with is kept, so a constant origin in front of model input survives the join.
import type { Part, Value } from './value';

/** Parts compared per join; a longer common prefix adds nothing to where the origin ends. */
const MAX_PREFIX_PARTS = 32;

/**
 * The parts both values start with, then the rest as one part: model input when either rest holds
 * some, otherwise something opaque. Two different constant texts keep the text they share.
 */
export function joinParts(a: Part[], b: Part[], combine: (values: Value[]) => Value): Part[] {
  const out: Part[] = [];
  let index = 0;
  const limit = Math.min(a.length, b.length, MAX_PREFIX_PARTS);
  for (; index < limit; index++) {
    const left = a[index] as Part;
    const right = b[index] as Part;
    if (!samePart(left, right)) break;
    out.push(left);
  }
  const restA = a.slice(index);
  const restB = b.slice(index);
  if (restA.length === 0 && restB.length === 0) return out;
  const left = restA[0];
  const right = restB[0];
  if (left?.kind === 'const' && right?.kind === 'const') {
    const shared = commonPrefix(left.text, right.text);
    // `key ? \`https://pro-api.x.com/…${ids}\` : \`https://api.x.com/…${ids}\``: either origin is fixed, so what
    // follows is behind a constant host, not the host itself (their shared `https://` would say it is).
    if (fixesOrigin(left.text) && fixesOrigin(right.text) && !fixesOrigin(shared)) out.push({ kind: 'opaque' });
    else if (shared !== '') out.push({ kind: 'const', text: shared });
  }
  const tainted = [...restA, ...restB].flatMap((part) => (part.kind === 'tainted' ? [part.value] : []));
  out.push(tainted.length > 0 ? { kind: 'tainted', value: combine(tainted) } : { kind: 'opaque' });
  return out;
}

function samePart(a: Part, b: Part): boolean {
  if (a === b) return true;
  if (a.kind === 'const' && b.kind === 'const') return a.text === b.text;
  if (a.kind === 'opaque' && b.kind === 'opaque') return true;
  return a.kind === 'tainted' && b.kind === 'tainted' && a.value === b.value;
}

/** Constant text that ends a URL's origin: a scheme, a host and the `/`, `?` or `#` after it. */
function fixesOrigin(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+[/?#]/i.test(text);
}

function commonPrefix(a: string, b: string): string {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return a.slice(0, length);
}

// Paths whose shape the program fixes. A contained path with the program's own suffix after it (`${target}.bak`, `target + '.tmp'`,
// `${file}.backup.${Date.now()}`) names a file beside the contained one, in the same folder: the model
// chose the contained path, not where the suffix puts it.
import type { Part, Value } from './value';

/** The text a suffix may not hold: a separator would let it name another folder. */
const SEPARATOR = /[\\/]/;

/**
 * Whether `value` is a path-bounded model value followed only by text the program writes: constants without
 * a separator, and values the model does not control (a timestamp, a counter).
 */
export function isContainedWithSuffix(value: Value): boolean {
  const parts = value.parts;
  if (!parts || parts.length < 2) return false;
  const [head, ...rest] = parts as [Part, ...Part[]];
  if (head.kind !== 'tainted' || !head.value.bounds.has('path')) return false;
  return rest.every((part) => {
    if (part.kind === 'const') return !SEPARATOR.test(part.text);
    if (part.kind === 'opaque') return true;
    return false;
  });
}

/**
 * An argument-list element that is a normalised path checked to stay inside a root (`safePath(out)`
 * returning `path.resolve(p)` after its check): it starts with that root (`/srv/…`, `C:\\…`), never with `-`,
 * so a program cannot read it as an option (`['-czf', safePath(out)]`). Both are needed: `path.join` or
 * `normalize` of a bare `-x` is still `-x`, and a raw name whose copy was checked is not the copy.
 */
export function isAbsolutePathOperand(element: Value | undefined): boolean {
  return element?.isResolvedPath === true && element.bounds.has('path');
}

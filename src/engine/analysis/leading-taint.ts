// Where a URL's destination is decided: the model's text before its origin is complete chooses the host.
import type { Part, Value } from './value';

const ORIGIN_COMPLETE = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\u0000]+[/?#]/i;
const ORIGIN_OPEN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*$/i;
const SCHEME_ONLY = /^[a-z][a-z0-9+.-]*:?\/?\/?$/i;

/**
 * Reads a URL left to right: model input before the origin is complete controls the destination;
 * after `https://host/` (or a relative path, or a configured base) it only controls path and query.
 */
export function leadingTaint(parts: Part[]): Value | undefined {
  let prefix = '';
  for (const part of parts) {
    if (part.kind === 'const') {
      prefix += part.text;
      continue;
    }
    if (part.kind === 'opaque') {
      if (prefix === '') return undefined;
      prefix += '\u0000';
      continue;
    }
    const value = part.value;
    if (value.bounds.has('allowlist') || value.bounds.has('host')) return undefined;
    if (prefix === '') return value;
    if (ORIGIN_COMPLETE.test(prefix)) return undefined;
    if (/^[/?#.]/.test(prefix)) return undefined;
    if (ORIGIN_OPEN.test(prefix) || SCHEME_ONLY.test(prefix)) return value;
    if (/^[\w-]+(\.[\w-]+)*:?$/.test(prefix) && prefix.includes('.')) return value;
    return undefined;
  }
  return undefined;
}

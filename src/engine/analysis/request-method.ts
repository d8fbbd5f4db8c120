// The HTTP method of a request sink, followed through helpers: a wrapper such as `request(url, { method })`
// sends what its caller wrote, so a helper's hit remembers which parameter member chose the method and
// each call site that passes a written method settles it.
import type { SinkRow } from '../catalog/load';
import { memberOf, type ParamOrigin, type Value } from './value';

/** A request's method as far as it is known at a sink or a call site. */
export interface RequestMethod {
  /** The written method, upper case. */
  method?: string;
  /** Inside a helper: the parameter members the method comes from, settled by the caller's arguments. */
  methodParams?: ParamOrigin[];
}

/** A method that changes state at the other end. */
export function isWriteMethod(method: string | undefined): boolean {
  return method !== undefined && !READ_METHODS.has(method.toUpperCase());
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** A method chosen by more parameter members than this is not followed (it is then unknown). */
const MAX_METHOD_PARAMS = 4;

/** The method a row's call uses, read from the evaluated arguments at the row's `methodAt` path. */
export function requestMethod(row: SinkRow, args: readonly Value[]): RequestMethod {
  if (row.method !== undefined) return { method: row.method.toUpperCase() };
  const [first, ...rest] = row.methodAt ?? [];
  if (first?.kind !== 'Argument') return {};
  const index = first.indexes[0];
  if (!index || !('at' in index)) return {};
  let value: Value | undefined = args[index.at];
  for (const token of rest) {
    const name = token.kind === 'Member' ? token.names[0] : undefined;
    if (!value || name === undefined) return {};
    value = memberOf(value, name);
  }
  return value ? fromValue(value) : {};
}

/** The method at a call of the helper a hit was found in, given what the caller passed. */
export function methodAtCall(
  hit: RequestMethod,
  actual: (index: number, path?: readonly string[]) => Value,
): RequestMethod {
  if (hit.method !== undefined || !hit.methodParams) return hit.method !== undefined ? { method: hit.method } : {};
  const params: ParamOrigin[] = [];
  for (const origin of hit.methodParams) {
    const settled = fromValue(actual(origin.index, origin.path));
    if (settled.method !== undefined) return settled;
    params.push(...(settled.methodParams ?? []));
  }
  return params.length > 0 ? { methodParams: params.slice(0, MAX_METHOD_PARAMS) } : {};
}

function fromValue(value: Value): RequestMethod {
  if (value.constant !== undefined) return { method: value.constant.toUpperCase() };
  const params = value.origins.filter((origin): origin is ParamOrigin => origin.kind === 'param');
  return params.length > 0 && params.length <= MAX_METHOD_PARAMS ? { methodParams: params } : {};
}

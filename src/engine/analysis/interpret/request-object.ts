// The Fetch API's request object: `new Request(url, { method, headers, body })` goes where its URL points, so
// a fetch of it is judged by that URL's text, and its method is the init's. What the body carries still
// reaches the request (an audited write, a payment's amount), but it is not where the request goes.
import { REQUEST_METHOD } from '../request-method';
import { combine, memberOf, partsOf, type Value } from '../value';

/** Members of the init a request object keeps, read back as `request.method` and the like. */
const KEPT_MEMBERS = ['method', 'headers', 'body'] as const;

export function requestObject(input: Value, init: Value | undefined): Value {
  const target = combine([input], ['allowlist', 'host']);
  const carried = init ? combine([input, init]).origins : target.origins;
  const props = new Map<string, Value>([['url', input]]);
  if (init) for (const name of KEPT_MEMBERS) props.set(name, memberOf(init, name));
  if (init) props.set(REQUEST_METHOD, memberOf(init, 'method'));
  return { ...target, origins: carried, parts: partsOf(input), isUrl: true, props };
}

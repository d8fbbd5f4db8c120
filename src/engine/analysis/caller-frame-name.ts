// What the functions between a request and its tool call it: `makeRequest(endpoint, params)` POSTs whatever
// its callers ask, and the service method that calls it (`getFlightsByNumber`, `searchItineraries`) says a query.
import { isFunction, type Node } from '../ast';
import type { RemoteWriteNames } from '../catalog/load';
import { functionName } from './request-method';
import { wordsOf } from './words';

/** Parents climbed from a call to the function it is in. */
const MAX_CLIMB = 40;

/**
 * The name of the function that holds `node`, read as a request's purpose: `read` when it leads with a read
 * word and holds no write verb (`getFlightPrice`, `searchOrders`), `write` when it holds a write verb
 * (`createOrder`, `getOrCreate`, `getTransferInfo`), undefined when it says neither (`makeRequest`,
 * `execute`, an anonymous handler).
 */
export function frameName(node: Node, names: RemoteWriteNames): 'read' | 'write' | undefined {
  let current: Node | undefined = node.parent;
  for (let depth = 0; current && depth < MAX_CLIMB; depth++, current = current.parent) {
    if (!isFunction(current)) continue;
    const name = functionName(current);
    if (name === undefined) return undefined;
    const words = wordsOf(name);
    if (words.some((word) => names.verbs.includes(word))) return 'write';
    return names.readEndpointWords.includes(words[0] ?? '') ? 'read' : undefined;
  }
  return undefined;
}

/**
 * A request helper's POST reached through a function named as a read is a query sent by POST, as a POST
 * written in such a function is (`isInReadNamedFunction`): the innermost named frame decides, so a
 * `createOrder` between the request and a `getOrders` keeps it a write, and so does a sending helper whose
 * own name holds a write verb.
 */
export function readByCallerName(hit: { namedBy?: 'read' | 'write'; node: Node }, names: RemoteWriteNames): boolean {
  return hit.namedBy === 'read' && frameName(hit.node, names) !== 'write';
}

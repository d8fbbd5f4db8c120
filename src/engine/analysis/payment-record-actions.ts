// Requests to a cataloged payment path that void one existing money record instead of moving money
// (`POST /charges/{id}/expire`, `/payments/{id}/cancel`).
import type { InferenceWords } from '../catalog/load';
import { endpointPath } from './request-method';
import { wordsOf } from './words';

/** An OpenAPI (`{id}`) or router (`:id`) parameter segment of a path. */
const PATH_PARAMETER = /^(\{[^}]*\}|:\w+)$/;

/**
 * A request that voids, cancels or expires the money record its path names before the action
 * (`/charges/{id}/expire`, `/payments/{id}/cancel`, `/authorizations/{id}/void`): the record's money never
 * moves, or moves back to where it was; an audit-worthy write, no transfer. The record's id must stand before
 * the action, so a path whose last word only happens to be such a verb on a collection is left alone.
 */
export function voidsPaymentRecord(urlText: string, lists: InferenceWords | undefined): boolean {
  if (!lists) return false;
  const segments = endpointPath(urlText).split('/').filter(Boolean);
  if (segments.length < 3) return false;
  const action = wordsOf(segments[segments.length - 1] ?? '');
  return action.length > 0 && lists.recordVoidVerbs.has(action[0] ?? '') && isRecordId(segments[segments.length - 2]);
}

/** A path segment that names one record: a template slot (written `x` by constantText) or a parameter. */
function isRecordId(segment: string | undefined): boolean {
  return segment !== undefined && (segment === 'x' || PATH_PARAMETER.test(segment));
}

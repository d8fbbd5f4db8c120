// A helper summary's sink hits without repeats and at most MAX_SUMMARY_HITS of them: helpers that call
// each other would otherwise pass every callee's hits up once per call site, doubling them at each level.
import { step } from '../budget';
import { originKey } from '../origins';
import { writtenText } from '../request-method';
import type { SinkHit } from '../sinks';

/** Far above what a real helper reaches (distinct sinks × the calls that reach them from this function). */
export const MAX_SUMMARY_HITS = 256;
/** Enough of a URL to tell endpoints apart; a hostile template cannot make every key long. */
const MAX_TARGET_KEY = 400;

/**
 * Two hits are the same when a caller would make the same finding of them: the same row, sink and
 * call, reached by the same origins with the same bounds. The first of each is kept, in order.
 */
export function distinctHits(hits: readonly SinkHit[]): SinkHit[] {
  const seen = new Set<string>();
  const out: SinkHit[] = [];
  for (const hit of hits) {
    const key = hitKey(hit);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(hit);
    if (out.length >= MAX_SUMMARY_HITS) break;
  }
  return out;
}

function hitKey(hit: Omit<SinkHit, 'via'> & { via?: SinkHit['via'] | undefined }): string {
  return [
    hit.row.id,
    hit.file,
    hit.via?.node.range[0] ?? '',
    hit.sinkFile,
    hit.node.range[0],
    hit.modelControlled,
    hit.bounded,
    hit.leadingParam ?? '',
    hit.leadingPrefix ?? '',
    hit.paramIndexes.join(','),
    hit.origins.map(originKey).join('|'),
    hit.payment ? hit.payment.id : '',
    hit.paymentBounded ?? '',
    (hit.paymentOrigins ?? []).map(originKey).join('|'),
    hit.method ?? '',
    (hit.methodParams ?? []).map(originKey).join('|'),
    targetText(hit),
  ].join('\u0000');
}

/** Per summary, its hits as a call from a file none of them is in sees them (computed once). */
const foreignViews = new WeakMap<readonly SinkHit[], SinkHit[]>();

/**
 * The hits of a helper's summary that a call from `file` must instantiate. A call from another file
 * replaces each hit's `via` with itself, so hits that differ only in `via` would become the same hit:
 * one of them is enough (the first, as the de-duplication after instantiation would keep).
 */
export function hitsToInstantiate(hits: readonly SinkHit[], file: string): readonly SinkHit[] {
  const foreign = !hits.some((hit) => hit.file === file);
  const known = foreign ? foreignViews.get(hits) : undefined;
  if (known) return known;
  step(hits.length);
  const seen = new Set<string>();
  const out: SinkHit[] = [];
  for (const hit of hits) {
    if (hit.file === file) {
      out.push(hit);
      continue;
    }
    const key = hitKey({ ...hit, via: undefined });
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(hit);
  }
  if (foreign) foreignViews.set(hits, out);
  return out;
}

/** The written text of a request's URL (unknown parts as `*`), so two calls of one helper to two endpoints stay two. */
function targetText(hit: Pick<SinkHit, 'target'>): string {
  return hit.target ? writtenText(hit.target, MAX_TARGET_KEY) : '';
}

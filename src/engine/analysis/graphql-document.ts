// The GraphQL document a request carries, followed through helpers like its URL: `getMenu()` writes a `query …`
// document and hands it to `queryMenu(query)` → `executeGraphQL(url, query)` → `axios.post(url, { query })`, so the
// POST at the bottom reads; a `mutation …` handed down the same way writes.
import type { Value } from './value';

/** Keys of a request body that hold the document, and keys of request options that hold the body. */
const DOCUMENT_KEYS = ['query', 'mutation', 'document'];
const BODY_KEYS = ['body', 'data', 'json'];
const MAX_ARGUMENTS = 3;
/** How much of a document is read for its mutation's names (the header and the first field). */
const MAX_HEADER = 2000;
/** `mutation Name(…) { alias: field` — the operation's name, then the first field (or its alias and field). */
const MUTATION_HEADER = /^mutation\b\s*([A-Za-z_]\w*)?[^{]*\{\s*([A-Za-z_]\w*)\s*(?::\s*([A-Za-z_]\w*))?/;

/** The value under a document key of a request's arguments (`{ query, variables }`, or inside `{ body: … }`). */
export function requestDocument(args: readonly Value[]): Value | undefined {
  for (const argument of args.slice(0, MAX_ARGUMENTS)) {
    const direct = documentIn(argument);
    if (direct) return direct;
    for (const key of BODY_KEYS) {
      const body = argument.props?.get(key);
      const nested = body ? documentIn(body) : undefined;
      if (nested) return nested;
    }
  }
  return undefined;
}

/**
 * What `JSON.stringify(object)` keeps of the object: only its GraphQL document, so that a body serialised in a
 * helper (`fetch(url, { method: 'POST', body: JSON.stringify({ query, variables }) })`) still says whether the
 * request reads; every other member is gone from the string.
 */
export function serialisedDocument(object: Value | undefined): Map<string, Value> | undefined {
  const document = object ? documentIn(object) : undefined;
  return document ? new Map([[DOCUMENT_KEYS[0] as string, document]]) : undefined;
}

function documentIn(value: Value): Value | undefined {
  for (const key of DOCUMENT_KEYS) {
    const member = value.props?.get(key);
    if (member) return member;
  }
  return undefined;
}

/** At a call of the helper the request was found in: the caller's document when the helper's was its parameter. */
export function documentAtCall(
  document: Value,
  actual: (index: number, path?: readonly string[]) => Value,
): Value | undefined {
  const [only] = document.origins;
  if (document.origins.length === 1 && only?.kind === 'param') return actual(only.index, only.path);
  return document.constant !== undefined || document.parts?.[0]?.kind === 'const' ? document : undefined;
}

/** The document's text: a constant, or the constant text it starts with. */
function documentText(document: Value | undefined): string | undefined {
  const first = document?.parts?.[0];
  return document?.constant ?? (first?.kind === 'const' ? first.text : undefined);
}

/**
 * The names a mutation document gives its operation: the operation's own name and its first field's
 * (`mutation PlaceOrder($input: …) { orderCreate(input: $input) { … } }` → PlaceOrder, orderCreate; an
 * alias `created: orderCreate(…)` gives the field). Undefined for a query or an unknown document.
 */
export function mutationNames(document: Value | undefined): string[] | undefined {
  const text = documentText(document)?.replace(/^(\s*#[^\n]*\n)*\s*/, '');
  const match = text?.slice(0, MAX_HEADER).match(MUTATION_HEADER);
  if (!match) return undefined;
  return [match[1], match[3] ?? match[2]].filter((name): name is string => name !== undefined);
}

/** A document whose first keyword (after `#` comments) is `query`, or an anonymous `{ … }` query. */
export function isQueryDocument(document: Value | undefined): boolean {
  const text = documentText(document);
  if (text === undefined) return false;
  const start = text.replace(/^(\s*#[^\n]*\n)*\s*/, '').slice(0, 12);
  return /^(query\b|\{)/.test(start);
}

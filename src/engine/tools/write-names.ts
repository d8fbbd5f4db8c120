// Whether a method name says it writes: a write verb first (`createInvoice`), a scope word then a verb
// (`adminCreate`), or a compound verb (`upsertRecords`), and not a factory or local-setup ending (`createClient`).
import type { RemoteWriteNames } from '../catalog/load';
import { wordsOf } from '../analysis/words';

export function isWriteName(name: string, verbs: readonly string[], names: RemoteWriteNames): boolean {
  const verb = verbs.find((candidate) => name === candidate || leading(candidate, '[A-Z_]').test(name));
  if (!verb) return isScopedWrite(name, verbs, names);
  const rest = name.slice(verb.length);
  return !names.factorySuffixes.some((suffix) => rest === suffix || rest.endsWith(suffix));
}

/**
 * `adminCreate`, `bulk_update`, `managerUpdateVault`: a scope word, then a write verb, then at most a noun
 * that is no local-setup ending (`bulkSetTimeout` configures the client).
 */
function isScopedWrite(name: string, verbs: readonly string[], names: RemoteWriteNames): boolean {
  const words = wordsOf(name);
  if (words.length < 2 || !names.scopeWords.includes(words[0] ?? '') || !verbs.includes(words[1] ?? '')) return false;
  return ![...names.factorySuffixes, ...names.compoundLocalSuffixes].some((suffix) => name.endsWith(suffix));
}

/** A method of a resource of a client parameter with no type that names a write (`customers.create`, `addToCart`). */
export function isUntypedWriteName(name: string, names: RemoteWriteNames): boolean {
  return (
    isWriteName(name, names.untypedReceiverVerbs, names) ||
    isCompoundWriteName(name, names, [names.untypedCompoundVerbs])
  );
}

export function isCompoundWriteName(
  name: string,
  names: RemoteWriteNames,
  verbLists: ReadonlyArray<readonly string[]> = [names.compoundVerbs, names.prefixOnlyVerbs],
): boolean {
  const isLeading = (candidate: string) => leading(candidate, '[A-Z]').test(name);
  let verb: string | undefined;
  for (const list of verbLists) verb ??= list.find(isLeading);
  if (!verb) return false;
  const rest = name.slice(verb.length);
  return ![...names.factorySuffixes, ...names.compoundLocalSuffixes].some((suffix) => rest.endsWith(suffix));
}

/**
 * Why kept: the audit scan asks every call's method name against every verb, and building a RegExp per verb
 * per question was most of that question's cost on a bundle of many tools. Patterns have no `g`/`y` flag, so
 * a kept one answers `test` the same each time.
 */
const leadingPatterns = new Map<string, RegExp>();

/** `^<verb><next>`: the verb as the name's first word. */
function leading(verb: string, next: string): RegExp {
  const key = `${verb}\0${next}`;
  let pattern = leadingPatterns.get(key);
  if (!pattern) {
    pattern = new RegExp(`^${verb}${next}`);
    leadingPatterns.set(key, pattern);
  }
  return pattern;
}

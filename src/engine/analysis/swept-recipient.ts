// A transaction sent by a tool named for undoing something (deleting an account, closing a vault) that
// hands a balance to a party the model names (`transferAccountId`, `refundAddress`): it sweeps value.
import type { InferenceWords } from '../catalog/load';
import type { Origin } from './value';
import { wordsOf } from './words';

/** Words that name the party a value goes to, in an input member named by a money verb (`transferAccountId`). */
const PARTY_WORDS: ReadonlySet<string> = new Set([
  'account',
  'address',
  'to',
  'recipient',
  'destination',
  'receiver',
  'beneficiary',
  'payee',
  'wallet',
]);

/**
 * Whether an input's last member names where a money verb sends value (`transferAccountId`, `refundTo`,
 * `withdrawAddress`): a money verb beside a party word. An amount (`transferAmount`) is no party, and a
 * party with no money verb (`ownerAccountId`, `spenderAccountId`) is whom a revocation names, not a payee.
 */
export function namesSweptRecipient(origin: Origin, lists: InferenceWords): boolean {
  const last = origin.display.split('.').pop() ?? '';
  const words = wordsOf(last);
  return words.some((word) => lists.moneyVerbs.has(word)) && words.some((word) => PARTY_WORDS.has(word));
}

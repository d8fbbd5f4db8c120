// The contract function a generic contract call runs, named in its options, judged for value transfer:
// chain SDKs nobody catalogs run deposits, mints and payable calls through one `invokeContract`-like method.
import type { InferenceWords } from '../catalog/load';
import { isTainted, type Value } from './value';
import { wordsOf } from './words';

/** The operation name of a contract function the model's input names, which the message words apart. */
export const MODEL_NAMED = '';

/** Arguments of a call searched for its options object. */
const MAX_OPTION_ARGS = 4;

/**
 * The money function a generic contract call runs (`wallet.invokeContract({ method: 'deposit', … })`,
 * `account.functionCall({ methodName: 'ft_transfer' })`): a constant under an operation key of an options
 * object, judged as a callee's name would be; or any function the same options pay for with the model's
 * native amount (`{ method: 'register', amount: input.amount }`, a payable call), or a function the model
 * names when the options carry its amount or recipient. A read (`balanceOf`) is
 * none; an unpaid function that names no money operation (`deploy`, `setText`) is a signed write that moves
 * nothing (`moves: false`).
 */
export function contractOperation(
  methodWords: readonly string[],
  args: readonly Value[],
  lists: InferenceWords,
  namesMoney: (words: readonly string[]) => boolean,
  carriesValue: (options: Value) => boolean,
): { name: string; paid: boolean; moves: boolean } | undefined {
  if (!methodWords.some((word) => lists.contractCallWords.has(word))) return undefined;
  for (const arg of args.slice(0, MAX_OPTION_ARGS)) {
    const props = arg.props;
    if (!props) continue;
    for (const [key, member] of props) {
      if (!lists.operationKeys.has(key.toLowerCase())) continue;
      // The model names the function (`{ method: details.method, args: { amount } }`): it can pick a transfer
      // or an approval, so its amount or recipient in the same options moves value. An allowlisted name is
      // no longer the model's choice.
      if (member.constant === undefined) {
        if (isTainted(member) && member.bounds.size === 0 && carriesValue(arg))
          return { name: MODEL_NAMED, paid: false, moves: true };
        continue;
      }
      const words = wordsOf(member.constant);
      if (words.some((word) => lists.readWords.has(word))) return undefined;
      if (namesMoney(words)) return { name: member.constant, paid: false, moves: true };
      const paid = [...props].some(
        ([other, value]) => lists.attachedValueKeys.has(other.toLowerCase()) && isTainted(value),
      );
      return { name: member.constant, paid, moves: paid };
    }
  }
  return undefined;
}

// The contract function a generic contract call runs, named in its options, judged for value transfer:
// chain SDKs nobody catalogs run deposits, mints and payable calls through one `invokeContract`-like method.
import type { InferenceWords } from '../catalog/load';
import { isTainted, type Value } from './value';
import { wordsOf } from './words';

/** Arguments of a call searched for its options object. */
const MAX_OPTION_ARGS = 4;

/**
 * The money function a generic contract call runs (`wallet.invokeContract({ method: 'deposit', … })`,
 * `account.functionCall({ methodName: 'ft_transfer' })`): a constant under an operation key of an options
 * object, judged as a callee's name would be; or any function the same options pay for with the model's
 * native amount (`{ method: 'register', amount: input.amount }`, a payable call). A read (`balanceOf`) is
 * none; an unpaid function that names no money operation (`deploy`, `setText`) is a signed write that moves
 * nothing (`moves: false`).
 */
export function contractOperation(
  methodWords: readonly string[],
  args: readonly Value[],
  lists: InferenceWords,
  namesMoney: (words: readonly string[]) => boolean,
): { name: string; paid: boolean; moves: boolean } | undefined {
  if (!methodWords.some((word) => lists.contractCallWords.has(word))) return undefined;
  for (const arg of args.slice(0, MAX_OPTION_ARGS)) {
    const props = arg.props;
    if (!props) continue;
    for (const [key, member] of props) {
      if (!lists.operationKeys.has(key.toLowerCase()) || member.constant === undefined) continue;
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

// Transactions that carry a write, not a payment: the receiver a commit sends, and tools that sign a setting, a message or a vote.
import type { Node } from '../ast';
import type { ApiRef } from '../api';
import type { InferenceWords } from '../catalog/load';
import { isTainted, type Origin, type Value } from './value';
import { wordsOf } from './words';

/**
 * The receiver of a generic commit (`execute`, `submit`, `send`) when it is data built from the model's input,
 * not a package's client: a transaction or command object (`new TransferTransaction(params)`, handed to a
 * strategy's `tx.execute(client)`) carries the amount and recipient that the commit's own arguments do not.
 */
export function carriedByReceiver(
  callee: Node,
  method: string,
  receiver: Value | undefined,
  receiverApi: ApiRef | undefined,
  lists: InferenceWords,
): Value | undefined {
  if (callee.type !== 'MemberExpression' || receiver === undefined || receiver.api || receiverApi) return undefined;
  if (receiver.constant !== undefined || !isTainted(receiver)) return undefined;
  return wordsOf(method).some((word) => lists.toolCommitVerbs.has(word)) ? receiver : undefined;
}

/**
 * A tool that changes a setting (`update_token`, `associate_token`, `set_profile`) or signs a message or a
 * vote (`submit_topic_message`, `approve_proposal`, `execute_multisig_proposal`): a transaction it sends is a
 * signed write for the audit rule. It moves value only when the tool also names a money verb
 * (`update_and_transfer`) or a money noun beyond a held asset (`update_transaction`), or an input named as
 * an amount spent reaches the send.
 */
export function signsOnlyWrite(toolName: string, origins: readonly Origin[], lists: InferenceWords): boolean {
  const words = wordsOf(toolName);
  const isSetting =
    lists.settingVerbs.has(toolVerb(toolName, lists)) || words.some((word) => lists.signedWriteNouns.has(word));
  if (!isSetting || words.some((word) => lists.moneyVerbs.has(word))) return false;
  // `update_transaction`, `update_subscription`: the setting is the money operation's own (its items, its price).
  if (words.some((word) => lists.moneyNouns.has(word) && !lists.assetNouns.has(word))) return false;
  return !origins.some((origin) => spendsAmount(origin, lists));
}

/** Whether an input's last member names an amount spent (`input.depositAmount`), not a setting (`lotSize`). */
export function spendsAmount(origin: Origin, lists: InferenceWords): boolean {
  const last = origin.display.split('.').pop() ?? '';
  return wordsOf(last).some((word) => lists.creationSpendWords.has(word));
}

/**
 * The verb a tool's name leads with, past one brand word in front (`OSEC_CREATE_VERIFICATION_PDA`,
 * `DRIFT_CANCEL_ORDER`): the first word when it is a known verb, else the second when that one is.
 */
export function toolVerb(toolName: string, lists: InferenceWords): string {
  const [first = '', second = ''] = wordsOf(toolName);
  return isVerb(first, lists) || !isVerb(second, lists) ? first : second;
}

function isVerb(word: string, lists: InferenceWords): boolean {
  return (
    lists.creationVerbs.has(word) ||
    lists.undoVerbs.has(word) ||
    lists.claimVerbs.has(word) ||
    lists.settingVerbs.has(word) ||
    lists.commitVerbs.has(word) ||
    lists.moneyVerbs.has(word) ||
    lists.readWords.has(word)
  );
}

/**
 * A tool that creates an asset (`create_fungible_token`, `create_nft_collection`): its only money words are
 * nouns of what is held, so the new token is minted to the creator and pays no one.
 */
export function createsAssetOnly(toolName: string, lists: InferenceWords): boolean {
  const words = wordsOf(toolName);
  if (words.some((word) => lists.moneyVerbs.has(word))) return false;
  const money = words.filter((word) => lists.moneyNouns.has(word));
  return money.length > 0 && money.every((word) => lists.assetNouns.has(word));
}

// A transaction a tool only sends (`sendTransaction`, `signAndSubmitTransaction`, an inferred `signOrSendTX`) moves
// what it was built to move: the tool's name says whether that is value or a signed write (undo, setting, creation).
import type { InferenceWords } from '../catalog/load';
import type { Origin } from './value';
import type { SinkHit } from './sinks';
import { createsAssetOnly, signsOnlyWrite, spendsAmount, toolVerb } from './signed-writes';
import { namesSweptRecipient } from './swept-recipient';
import { wordsOf } from './words';

/**
 * Whether a transaction sent by tool `name` is a signed write that moves no value, by the tool's name: one that
 * cancels, closes or revokes something undoes a commitment, unless the tool also names a money operation
 * (`close_trade`) or the model names where a balance goes (`delete_account` with `transferAccountId`); one that
 * changes a setting or posts a message or a vote (`update_token`, `approve_proposal`) moves nothing; one that
 * claims rewards or fees (`claim_rewards`) pays the wallet its own; one that
 * creates something (a market, a mint, a pool) pays for the new account, unless an amount of the model's reaches
 * it (`depositAmount`, `initialLiquiditySOL`) or the tool names a money operation beyond the asset it creates.
 * `namesMoney`: the tool's name or description names a money operation.
 */
export function sendsOnlySignedWrite(
  name: string,
  namesMoney: boolean,
  origins: readonly Origin[],
  lists: InferenceWords,
): boolean {
  if (wordsOf(name).some((word) => lists.undoVerbs.has(word)))
    return !namesMoney && !origins.some((origin) => namesSweptRecipient(origin, lists));
  if (signsOnlyWrite(name, origins, lists)) return true;
  // A claim pays the wallet its own rewards or fees, unless the model says where they go.
  if (lists.claimVerbs.has(toolVerb(name, lists)))
    return !namesMoney && !origins.some((origin) => namesSweptRecipient(origin, lists));
  if (lists.creationVerbs.has(toolVerb(name, lists)))
    return !(namesMoney && !createsAssetOnly(name, lists)) && !origins.some((origin) => spendsAmount(origin, lists));
  return false;
}

/**
 * A cataloged call that sends whatever transaction it is handed (`signAndSubmitTransaction(tx)`, an untyped
 * wallet's `sendTransaction(tx)`), or runs whatever contract function its caller names (`writeContract(params)`):
 * its method names a transaction or a contract and no money operation of its own, unlike `transfer(to, amount)`
 * or `sendTokens(…)`, which say what they move.
 */
export function sendsGivenTransaction(hit: SinkHit, lists: InferenceWords): boolean {
  // A row that matched the function's own name (`writeContract({ functionName: 'transfer' })`) says what moves.
  if (hit.inferred || hit.row.check !== 'transfer' || hit.row.argumentPattern) return false;
  const words = wordsOf(hit.callee.split('.').pop() ?? '');
  return (
    words.some((word) => lists.transactionNouns.has(word) || lists.contractCallNouns.has(word)) &&
    !words.some(
      (word) => lists.moneyVerbs.has(word) || (lists.moneyNouns.has(word) && !lists.transactionNouns.has(word)),
    )
  );
}

/** A money operation only because it names a transaction (`sendTransaction`): no money verb, no other money noun. */
export function namesOnlyTransaction(allWords: readonly string[], lists: InferenceWords): boolean {
  return (
    allWords.some((word) => lists.transactionNouns.has(word)) &&
    !allWords.some(
      (word) =>
        lists.moneyVerbs.has(word) ||
        lists.draftNouns.has(word) ||
        (lists.moneyNouns.has(word) && !lists.transactionNouns.has(word)),
    )
  );
}

/** `signTransaction(tx)`, `signAllTransactions(txs)`: a signed transaction is committed, whoever broadcasts it. */
export function signsTransaction(methodWords: readonly string[], lists: InferenceWords): boolean {
  return (
    methodWords.some((word) => lists.signVerbs.has(word)) &&
    methodWords.some((word) => lists.transactionNouns.has(word))
  );
}

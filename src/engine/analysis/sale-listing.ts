// Tool verbs that make an inferred money call something else: a leading `list` that offers one item for sale
// (`list_nft_for_sale`) is a sell order, not a read; a mint inside a tool that creates the asset issues its
// first supply, part of the creation.
import type { InferenceWords } from '../catalog/load';
import type { SinkHit } from './sinks';
import { toolVerb } from './signed-writes';
import { wordsOf } from './words';

/** Words that make what follows one item: "List an NFT for sale", not "List NFTs" or "List all listings". */
const ONE_ITEM: ReadonlySet<string> = new Set(['a', 'an', 'the', 'this', 'that', 'your', 'my', 'one']);

/**
 * Whether a tool named with a listing verb (`listingVerbs`) puts one item up for sale: its name says so with a
 * sale word after a singular object (`list_nft_for_sale`; `list_nfts_for_sale` enumerates), or its description
 * lists one item ("List an NFT …") and names a sale (`saleWords`).
 */
export function listsForSale(nameWords: readonly string[], prose: readonly string[], lists: InferenceWords): boolean {
  const verb = nameWords[0] ?? '';
  if (!lists.listingVerbs.has(verb)) return false;
  const object = nameWords[1] ?? '';
  if (nameWords.some((word) => lists.saleWords.has(word)) && !object.endsWith('s')) return true;
  const at = prose.findIndex((word, index) => lists.listingVerbs.has(word) && ONE_ITEM.has(prose[index + 1] ?? ''));
  return at >= 0 && prose.slice(at + 2).some((word) => lists.saleWords.has(word));
}

/**
 * An inferred call whose verb issues new supply (`mintV1`, `issue`) inside a tool whose verb creates the asset
 * (`deploy_token`, `create_collection`): the token's initial supply, judged as the creation's own transaction
 * (a signed write unless an amount of the model's is spent on it, `sendsOnlySignedWrite`).
 */
export function issuesCreatedAsset(hit: SinkHit, toolName: string, lists: InferenceWords): boolean {
  const callVerb = wordsOf(hit.inferred?.words ?? '')[0] ?? '';
  return lists.issueVerbs.has(callVerb) && lists.creationVerbs.has(toolVerb(toolName, lists));
}

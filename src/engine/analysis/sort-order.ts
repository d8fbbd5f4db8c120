// An order that the word before it makes a position in a list (`media.updateManualOrder`, `sort_order`,
// `displayOrder`): sorting records, not a purchase, so it is no money noun for the inference.
import type { InferenceWords } from '../catalog/load';

/** Whether the word at `index` is an order that a sort qualifier right before it names (`manual order`). */
export function isSortOrder(words: readonly string[], index: number, lists: InferenceWords): boolean {
  return lists.sortedNouns.has(words[index] ?? '') && lists.sortQualifiers.has(words[index - 1] ?? '');
}

/** The words without the sort orders in them: `update manual order` reads as `update manual`. */
export function withoutSortOrders(words: readonly string[], lists: InferenceWords): string[] {
  return words.filter((_, index) => !isSortOrder(words, index, lists));
}

// The words of an identifier or a path segment, as the name-based judgements (money operations, read endpoints) read them.

/** Names split and remembered; the map is cleared past this, and long texts are split every time. */
const MAX_REMEMBERED = 4096;
const MAX_REMEMBERED_LENGTH = 200;
/** Every call on every tool path asks again for the same few hundred names, and four regular expressions per ask add up. */
const remembered = new Map<string, readonly string[]>();

/** `sendTransaction`, `send_transaction`, `SEND-TX` → words, lower case; a bundler's suffix (`signOrSendTX4`) is dropped. */
export function wordsOf(identifier: string): readonly string[] {
  const known = remembered.get(identifier);
  if (known !== undefined) return known;
  const words = identifier
    .replace(/(?<=[A-Za-z])\d+$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
  if (identifier.length <= MAX_REMEMBERED_LENGTH) {
    if (remembered.size >= MAX_REMEMBERED) remembered.clear();
    remembered.set(identifier, words);
  }
  return words;
}

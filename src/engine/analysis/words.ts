// The words of an identifier or a path segment, as the name-based judgements (money operations, read endpoints) read them.

/** `sendTransaction`, `send_transaction`, `SEND-TX` → words, lower case; a bundler's suffix (`signOrSendTX4`) is dropped. */
export function wordsOf(identifier: string): string[] {
  return identifier
    .replace(/(?<=[A-Za-z])\d+$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

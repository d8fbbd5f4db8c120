// Finds the closest known word to a misspelt one, for "did you mean" hints in directives and configuration errors.

/** Edit distance (insertions, deletions, substitutions), one row at a time. */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** By default a typo changes at most a third of the word (and two characters of a short one). */
const plausibleTypo = (word: string): number => Math.max(2, Math.ceil(word.length / 3));

/**
 * The candidate nearest to `word`, or undefined when none is within `limit` edits (by default a
 * third of the word), so hints never suggest something unrelated.
 */
export function closest(
  word: string,
  candidates: readonly string[],
  limit: (word: string) => number = plausibleTypo,
): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = levenshtein(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit(word) ? best : undefined;
}

/** `; did you mean x?` or nothing, ready to append to a message. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : `; did you mean ${match}?`;
}

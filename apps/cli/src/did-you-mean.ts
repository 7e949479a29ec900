/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours count one each). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) d[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name closest to what was typed, if it is close enough to be a typo (at most a third of
 * its letters off, and at least one) or what was typed is the start of exactly one name.
 */
export function closestName(typed: string, known: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  const ranked = known
    .map((name) => ({ name, distance: editDistance(word, name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const best = ranked[0];
  if (best && best.distance <= Math.max(1, Math.floor(best.name.length / 3))) return best.name;
  const prefixed = known.filter((name) => word.length >= 2 && name.toLowerCase().startsWith(word));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** " (did you mean X?)" or nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const name = closestName(typed, known);
  return name ? ` (did you mean ${name}?)` : '';
}

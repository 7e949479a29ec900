/**
 * Makes room for one more entry in a map kept to at most `max` entries, dropping the oldest first
 * (a Map iterates in insertion order): the bounded in-memory stores of the pages.
 */
export function makeRoom<K, V>(map: Map<K, V>, max: number): void {
  for (const key of map.keys()) {
    if (map.size < max) return;
    map.delete(key);
  }
}

/**
 * Municipalities and regions listed by name in Dutch collation, as Dutch readers look them up (not by CBS
 * code): the one order of a page's charts, tables and forms that stand beside each other, so that a
 * municipality is found at the same place in each.
 */
export function inNameOrder<T extends { readonly name: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/**
 * A copy of `record` without the field `name`, the other fields in their order: what a fuzzed command
 * looks like with one field left out (a copy, so the templates the fuzzers start from stay whole).
 */
export function withoutField(record: Readonly<Record<string, unknown>>, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => key !== name));
}

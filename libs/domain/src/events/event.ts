/**
 * One event: its type (a past-tense name) and its own data (Emmett's `Event<Type, Data>`). The data
 * is the event's schema, not the command's fields: it is what was recorded, typed — money as `Cents`,
 * accounts as `Account` — and written to and read from the store by one codec per field kind.
 */
export interface Event<Type extends string, Data extends object> {
  readonly type: Type;
  readonly data: Readonly<Data>;
}

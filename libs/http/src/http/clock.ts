/** Where the service reads the time a document says it was generated (letters, workbooks); tests fix it. */
export type Clock = () => Date;
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = () => new Date();

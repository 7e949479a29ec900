/** Who may do what: the token file and the read and record rules (only what other packages use). */
export { ROLES, TokenFileError, TokenStore } from './token-store';
export type { Principal } from './token-store';
export { mayReadRegion, mayRecord } from './permissions';

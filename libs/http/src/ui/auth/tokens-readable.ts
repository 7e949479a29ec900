import { TokenFileError } from '@libs/access';
import { problem, ProblemException } from '../../http/problem';

/**
 * Runs a token lookup for a page; an unreadable token file is a 503 in Dutch (nobody can log in until
 * it is repaired), never a 500 or a silent "unknown token".
 */
export function tokensReadable<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof TokenFileError)) throw error;
    throw new ProblemException(
      problem(
        503,
        'TOKENS_UNAVAILABLE',
        'het tokenbestand kan niet worden gelezen; niemand kan inloggen tot het is hersteld',
      ),
    );
  }
}

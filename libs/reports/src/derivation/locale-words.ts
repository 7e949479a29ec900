import { Locale } from '../locale';
import { DerivationWords } from './words';
import { EN } from './words.en';
import { NL } from './words.nl';

/** The words of explain and trace, per language. */
export const WORDS: Readonly<Record<Locale, DerivationWords>> = { nl: NL, en: EN };

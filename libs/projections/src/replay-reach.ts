import { KEY_IDS, Scheme, SCHEMES, schemesRevisedBy, unreachable } from '@libs/domain/model';
import { HistoryOutline, Reach } from './replay-history';
import type { Revision } from './revision';

/** The keys the rules split by: a run or closing reads no other (a revision of another key changes no amount). */
const KEYS_READ: ReadonlySet<string> = new Set<string>(Object.values(KEY_IDS));

interface Coverage {
  readonly version: number;
  readonly validFrom: number;
  readonly validTo?: number;
}

const covers = (key: Coverage, year: number) =>
  key.validFrom <= year && (key.validTo === undefined || year <= key.validTo);

/**
 * The years whose runs and closings a revision can change, so that a replay decides only those again and
 * keeps every other year as recorded. Each year's runs and closings read the region's registration, the
 * facts of their own year, the key versions and agreements in force for their year, and the reserve of
 * every year up to theirs (nothing else: see the planners); the facts and markers are the same in the
 * replay as recorded. So a year is left as recorded when, at every one of its runs and closings, the same
 * key versions and agreements are in force as recorded and the reserve and funds of the years before it
 * moved as recorded:
 *   - a key version the rules read (KEY_IDS) is in force for a year only when it covers the year and no
 *     higher version covering it had been adopted: a revised version (as recorded or as revised) reaches
 *     the years it covers that have a run or closing before a higher version that no revision touches was
 *     adopted; a key the rules do not read reaches no year;
 *   - an agreement is in force from its validFrom on until a later one: every year from it on is reached
 *     (also those without a run: the statement shows the agreement in force);
 *   - the reserve and funds carry over: when a year decided again moves them otherwise than recorded,
 *     every later year is reached too (the replay finds that out and widens its reach, see replay.ts).
 * In the years reached, a scheme no revision can change (see schemesRevisedBy) is kept: its events at each
 * run and closing are folded as recorded (as long as the reserve moves as recorded, see replay.ts).
 */
export function reachOf(outline: HistoryOutline, revisions: readonly Revision[]): Reach {
  const years = new Set<number>();
  let from: number | undefined;
  const revisedKeys = new Map<string, Coverage[]>();
  for (const revision of revisions) {
    switch (revision.type) {
      case 'AdoptDistributionKey':
        if (KEYS_READ.has(revision.keyId))
          revisedKeys.set(revision.keyId, [...(revisedKeys.get(revision.keyId) ?? []), revision]);
        break;
      case 'AdoptReserveAgreement':
      case 'AdoptSolidarityAgreement':
        from = Math.min(from ?? revision.validFrom, revision.validFrom);
        break;
      default:
        unreachable(revision, 'no reach for revision');
    }
  }
  for (const [keyId, revised] of revisedKeys) {
    const versions = new Set(revised.map((key) => key.version));
    const recorded = outline.config.flatMap(({ event, step }) =>
      event.type === 'DistributionKeyAdopted' && event.data.keyId === keyId ? [{ ...event.data, step }] : [],
    );
    // the versions as recorded and as revised, and those no revision touches, which stay as they were adopted
    const changed: Coverage[] = [...revised, ...recorded.filter((key) => versions.has(key.version))];
    const kept = recorded.filter((key) => !versions.has(key.version));
    for (const [year, firstRun] of outline.firstRun) {
      const shadowed = (key: Coverage) =>
        kept.some((other) => other.version > key.version && other.step < firstRun && covers(other, year));
      if (changed.some((key) => covers(key, year) && !shadowed(key))) years.add(year);
    }
  }
  const revised = new Set<Scheme>(revisions.flatMap((revision) => schemesRevisedBy(revision)));
  const kept = new Set(SCHEMES.filter((scheme) => !revised.has(scheme)));
  return { years, ...(from === undefined ? {} : { from }), ...(kept.size === 0 ? {} : { kept }) };
}

/** The reach widened to every year after `year`. */
export function widened(reach: Reach, year: number): Reach {
  return { ...reach, from: Math.min(reach.from ?? year + 1, year + 1) };
}

/** The reach with every scheme planned again in the years it reaches. */
export function everySchemePlanned({ years, from }: Reach): Reach {
  return from === undefined ? { years } : { years, from };
}

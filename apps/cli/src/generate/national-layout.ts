import { SeededRandom } from './seeded-random';

/** One synthetic municipality: a CBS-like code (unique in the country), a Dutch-sounding name, its size. */
export interface SyntheticMunicipality {
  readonly code: string;
  readonly name: string;
  readonly inhabitants: number;
}

/** A care provider under contract with the region's central municipality, invoicing one scheme. */
export interface SyntheticProvider {
  readonly id: string;
  readonly name: string;
  readonly scheme: 'BW' | 'MO';
  readonly category: string;
  /** its part of the scheme's regional costs, relative to the other providers of that scheme */
  readonly weight: number;
}

export interface SyntheticRegion {
  readonly index: number;
  readonly regionId: string;
  readonly name: string;
  readonly central: SyntheticMunicipality;
  /** every member, the central municipality included, in code order */
  readonly members: readonly SyntheticMunicipality[];
  readonly providers: readonly SyntheticProvider[];
  /** the region's own random source, so that one region's history never shifts another's */
  readonly random: SeededRandom;
}

/** CBS codes in use run from GM0003 to the 1900s; the synthetic country draws its codes from the same range. */
const CODE_POOL = 1999;
export const MAX_REGION_SIZE = 25;
export const MIN_REGION_SIZE = 4;
/** With at most 25 members a region, this many regions always find unique codes in the pool. */
export const MAX_REGIONS = Math.floor(CODE_POOL / MAX_REGION_SIZE);

const STEMS =
  'Aal Beek Berk Bosch Brede Dal Drie Eem Eik Elst Goor Gouw Haar Heuvel Hoog Kerk Laar Lange Linde Maas Molen Noor Ooster Rijn Schoon Sluis Ter Ven Water Zand Wolder Vliet Horn Esch Gaster'.split(
    ' ',
  );
const SUFFIXES =
  'dam veen horst wijk dorp hoven meer berg broek land oord zijl haven burg rade lo sum stede werd recht donk mond hout beek'.split(
    ' ',
  );
const COMPASS = ['Noord', 'Zuid', 'Oost', 'West', 'Midden'];
const PROVIDER_KINDS = ['Stichting', 'Zorggroep', 'Woonzorg', 'Coöperatie', 'Zorgcentrum'];
const PROVIDER_NAMES =
  'De Brug|Het Anker|De Haven|Perspectief|Onder Dak|Het Kompas|De Overloop|Thuisbasis|De Schakel|Nieuw Begin|De Sleutel|Het Baken|Dak en Deur|De Kering'.split(
    '|',
  );
const CATEGORIES = {
  BW: ['beschermd wonen', 'begeleiding', 'pgb beschermd wonen', 'beschermd thuis'],
  MO: ['maatschappelijke opvang', 'nachtopvang', 'vrouwenopvang', 'crisisopvang'],
} as const;

/** Plain names first (the national set of ~360 municipalities needs no more), then compass-prefixed ones. */
function municipalityNames(random: SeededRandom): string[] {
  const plain = STEMS.flatMap((stem) => SUFFIXES.map((suffix) => `${stem}${suffix}`));
  const prefixed = COMPASS.flatMap((compass) => plain.map((name) => `${compass}-${name}`));
  return [...random.shuffled(plain), ...random.shuffled(prefixed)];
}

function regionSize(random: SeededRandom): number {
  // skewed towards small regions (median about 7 members) with a few large ones, as the 43 real regions are
  const u = random.int(0, 1000);
  const cube = u * u * u;
  return (
    MIN_REGION_SIZE + Math.floor(((MAX_REGION_SIZE - MIN_REGION_SIZE) * (cube * 1000 + cube * u)) / (2 * 1000 ** 4))
  );
}

function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function providers(random: SeededRandom, count: number, regionName: string): SyntheticProvider[] {
  const list: SyntheticProvider[] = [];
  const names = random.shuffled(PROVIDER_NAMES);
  for (let index = 0; index < count; index += 1) {
    // two of every three providers deliver BW; the last one is MO when none is yet
    const scheme =
      index % 3 === 2 || (index === count - 1 && !list.some((p) => p.scheme === 'MO'))
        ? ('MO' as const)
        : ('BW' as const);
    const base = names[index % names.length];
    list.push({
      id: `p${index + 1}`,
      name: `${random.pick(PROVIDER_KINDS)} ${base}${index >= names.length ? ` ${Math.floor(index / names.length) + 1}` : ''} ${regionName}`,
      scheme,
      category: random.pick(CATEGORIES[scheme]),
      weight: random.int(1, 10),
    });
  }
  return list;
}

/**
 * The synthetic country: `regions` regions of 4–25 municipalities with unique GM codes, each with one
 * central municipality (its largest), and `providerCount` care providers. Region k is the same whatever
 * the number of regions asked for, so a smaller set is a prefix of the national one.
 */
export function nationalLayout(seed: string, regions: number, providerCount: number): SyntheticRegion[] {
  if (!Number.isInteger(regions) || regions < 1 || regions > MAX_REGIONS)
    throw new RangeError(`regions must be a whole number from 1 to ${MAX_REGIONS}`);
  const random = new SeededRandom(`${seed}:layout`);
  const codes = random.shuffled(Array.from({ length: CODE_POOL }, (_, index) => index + 1));
  const names = municipalityNames(random);
  let next = 0;
  const layout: SyntheticRegion[] = [];
  for (let index = 0; index < regions; index += 1) {
    const regionRandom = random.fork(`region-${index}`);
    // a source of its own, so that the number of providers never shifts the sizes and codes of later regions
    const providerRandom = random.fork(`providers-${index}`);
    const size = regionSize(random);
    // the central municipality is a city (60k–350k inhabitants, and the largest), the others towns and villages
    const towns = Array.from({ length: size - 1 }, () => {
      const u = random.int(0, 1000);
      return 4_000 + Math.floor((110_000 * u * u) / 1_000_000) + random.int(0, 999);
    });
    const city = Math.max(random.int(60_000, 350_000), Math.max(...towns) + random.int(1_000, 30_000));
    const members = [city, ...towns].map((inhabitants, member) => ({
      code: `GM${String(codes[next + member]).padStart(4, '0')}`,
      name: names[next + member],
      inhabitants,
    }));
    next += size;
    const central = members[0];
    const name = `Regio ${central.name}`;
    layout.push({
      index,
      regionId: `regio-${slugOf(central.name)}`,
      name,
      central,
      members: [...members].sort((a, b) => (a.code < b.code ? -1 : 1)),
      providers: providers(providerRandom, providerCount, central.name),
      random: regionRandom,
    });
  }
  return layout;
}

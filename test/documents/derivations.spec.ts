import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryEventStore } from '@libs/event-store';
import { applyCommandFile, Ledger } from '@libs/ledger';
import { explainAccount, PostingBasis } from '@libs/projections';
import { derivationText } from '@libs/reports';
import { EXAMPLES } from '../support/cli';
import { nonDutchNumbers, nonDutchWords, wordsOfData } from '../support/dutch-text';

/** A second budget for 2023 and a run after it: the skims record what the first run already moved. */
const REVISED_2023 = [
  '{"command": "AdoptRegionalBudget", "regionId": "holland-rijnland", "version": 2, "year": 2023, "scheme": "BW", "amount": "5900000.00", "objectivePct": "0"}',
  '{"command": "AdoptRegionalBudget", "regionId": "holland-rijnland", "version": 2, "year": 2023, "scheme": "MO", "amount": "4700000.00"}',
  '{"command": "RunAllocation", "regionId": "holland-rijnland", "year": 2023}',
].join('\n');

type Source = 'holland-rijnland' | 'regio-zuid' | 'revised-budget';
const ledgers = new Map<Source, Ledger>();

async function ledgerOf(source: Source): Promise<Ledger> {
  const known = ledgers.get(source);
  if (known) return known;
  const ledger = new Ledger(new MemoryEventStore());
  const files: Record<Source, string[]> = {
    'holland-rijnland': ['holland-rijnland.jsonl'],
    'regio-zuid': ['regio-zuid-meerjarig.jsonl'],
    'revised-budget': ['holland-rijnland-open.jsonl'],
  };
  for (const file of files[source])
    await applyCommandFile(ledger, file, readFileSync(join(EXAMPLES, file), 'utf8'), { actor: 'test' });
  if (source === 'revised-budget') await applyCommandFile(ledger, 'revised.jsonl', REVISED_2023, { actor: 'test' });
  ledgers.set(source, ledger);
  return ledger;
}

/** The last posting of an event type on an account in a year, as explain finds it. */
async function postingOf(source: Source, year: number, account: string, eventType: string): Promise<PostingBasis> {
  const ledger = await ledgerOf(source);
  const regionId = source === 'regio-zuid' ? 'regio-zuid' : 'holland-rijnland';
  const state = await ledger.regionState(regionId);
  const events = await ledger.regionEvents(regionId);
  const postings = explainAccount(state, events, year, account).postings.filter((p) => p.eventType === eventType);
  const posting = postings.at(-1);
  if (!posting) throw new Error(`no ${eventType} on ${account} in ${year}`);
  return posting;
}

const euros = (text: string) => [...text.matchAll(/€ -?[\d.]+,\d\d\b/g)].map((match) => match[0]);

const HR = 'region:holland-rijnland';
const ROWS: [eventType: string, source: Source, year: number, account: string, dutch: string][] = [
  [
    'RijkPaymentRecorded',
    'holland-rijnland',
    2023,
    'rijk',
    'Rijksbetaling du-mo-dakloosheid-2023 (MO objectief, ontvanger GM0546, Extra middelen dak- en thuisloosheid (bedrag 2022)): € 1.257.328,00',
  ],
  [
    'RegionalCostRecorded',
    'holland-rijnland',
    2023,
    `${HR}:bw-provisions`,
    'kostenpost bw-2023-uitvoering (Regionale uitvoeringskosten): € 1.060.000,00 betaald aan aanbieders',
  ],
  [
    'CoPaymentRecorded',
    'holland-rijnland',
    2023,
    `${HR}:bw-provisions`,
    'eigen bijdragen bw-2023-eb (Eigen bijdragen (illustratief)): € 277.000,00 ontvangen',
  ],
  [
    'LocalExpenditureRecorded',
    'regio-zuid',
    2025,
    'external:providers',
    'lokale uitgaven le-2025-GM0104 van GM0104: zorgkosten € 1.900.000,00 + uitvoeringskosten € 110.000,00 = € 2.010.000,00',
  ],
  [
    'ReserveOpeningRecorded',
    'holland-rijnland',
    2023,
    `${HR}:reserve`,
    'openingsbalans reserve 2023 (Begrote stand regionale reserve BW per 31-12-2022): € 4.572.262,00',
  ],
  [
    'AdvanceRecorded',
    'holland-rijnland',
    2024,
    `${HR}:advances`,
    'voorschot vs-2024-q3-GM0638 (BW) van GM0638 op 15-09-2024 (Voorschot bijdrage BW 2024, kwartaal 3): € 1.886,14 betaald door (+) of aan (−) de gemeente, op rekening van de afrekening',
  ],
  [
    'ReserveTransferredToFund',
    'holland-rijnland',
    2023,
    `${HR}:fund:friction`,
    'overheveling frictie-2023 van de reserve naar Fonds frictiekosten (Overschot boven bandbreedte naar frictiekosten op-/afbouwopgave): € 3.992.021,30',
  ],
  [
    'FundSpendingRecorded',
    'regio-zuid',
    2026,
    'municipality:GM0102:bw',
    'besteding frictie-2026-afbouw uit Fonds frictie aan GM0102 (BW): € 40.000,00',
  ],
  [
    'BwHistoricalSkimmed',
    'holland-rijnland',
    2023,
    `${HR}:bw-provisions`,
    '€ 5.802.407,00 × (1 − 0 / 100), afgerond = € 5.802.407,00 afgeroomd van het historisch budget BW (begroting v1)',
  ],
  [
    'BwHistoricalSkimmed',
    'revised-budget',
    2023,
    `${HR}:bw-provisions`,
    '€ 5.900.000,00 × (1 − 0 / 100), afgerond = € 5.900.000,00 afgeroomd van het historisch budget BW (begroting v2); eerdere verdelingen boekten € 5.802.407,00, dus nu € 97.593,00',
  ],
  [
    'MoBudgetSkimmed',
    'holland-rijnland',
    2023,
    `${HR}:mo-provisions`,
    'regionale begroting MO v1 = € 4.600.000,00 afgeroomd van het MO-geld van de centrumgemeente',
  ],
  [
    'MoBudgetSkimmed',
    'revised-budget',
    2023,
    `${HR}:mo-provisions`,
    'regionale begroting MO v2 = € 4.700.000,00 afgeroomd van het MO-geld van de centrumgemeente; eerdere verdelingen boekten € 4.600.000,00, dus nu € 100.000,00',
  ],
  [
    'BwHistoricalDistributed',
    'holland-rijnland',
    2023,
    'municipality:GM0484:bw',
    'aandeel 24,3 / 100,0 × € 32.947.593,00 = € 8.006.265,10 (afronding grootste restmethode +0,01), historische sleutel BW v1; Rijksbetalingen historisch budget € 38.750.000,00 − afroming € 5.802.407,00 = te verdelen € 32.947.593,00',
  ],
  [
    'BwHistoricalDistributed',
    'regio-zuid',
    2024,
    'municipality:GM0101:bw',
    'aandeel 61,5 / 100,0 × € 10.030.000,00 = € 6.168.450,00 (afronding grootste restmethode +0,00), historische sleutel BW v1; doel € 6.168.450,00 − eerder € 6.242.250,00 = € -73.800,00; Rijksbetalingen historisch budget € 12.280.000,00 − afroming € 2.250.000,00 = te verdelen € 10.030.000,00',
  ],
  [
    'BwHistoricalDistributed',
    'holland-rijnland',
    2023,
    `${HR}:bw-historical`,
    'Rijksbetalingen historisch budget € 38.750.000,00 − afroming € 5.802.407,00 = te verdelen € 32.947.593,00, verdeeld met de historische sleutel BW v1 over 13 gemeenten; deze rekening: € -32.947.593,00',
  ],
  [
    'BwContributionsCharged',
    'holland-rijnland',
    2024,
    'municipality:GM0484:bw',
    'aandeel 18,3 / 100,1 × € 444.243,00 = € 81.215,25 (afronding grootste restmethode +0,00), objectieve sleutel BW v1; regionale begroting € 6.532.985,29 − afroming € 6.088.742,29 = te verdelen bijdrage € 444.243,00',
  ],
  [
    'MoBudgetDistributed',
    'holland-rijnland',
    2023,
    'municipality:GM0484:mo',
    'aandeel 21,7 / 99,9 × € 6.507.328,00 = € 1.413.503,68 (afronding grootste restmethode +0,01), objectieve sleutel MO v1; MO-betalingen € 11.107.328,00 − regionale begroting MO € 4.600.000,00 = te verdelen € 6.507.328,00',
  ],
  [
    'RegionalResultTransferred',
    'holland-rijnland',
    2023,
    `${HR}:reserve`,
    'resultaat MO € 120.000,00 × 100 / 100, afgerond = € 120.000,00 naar (+) of uit (−) de reserve (reserveafspraak v1)',
  ],
  [
    'RegionalResultSettled',
    'regio-zuid',
    2024,
    'municipality:GM0101:bw',
    'aandeel 44,2 / 100,1 × € -4.625,00 = € -2.042,21 (afronding grootste restmethode -0,01), objectieve sleutel BW v1; af te rekenen resultaat € -4.625,00 (resultaat € -18.500,00, 75 % naar de reserve)',
  ],
  [
    'ReserveReplenished',
    'holland-rijnland',
    2024,
    'municipality:GM0484:bw',
    'aandeel 18,3 / 100,1 × € 44.920,90 = € 8.212,31 (afronding grootste restmethode +0,00), objectieve sleutel BW v1; reserve € 213.225,99 onder het minimum € 290.120,35: € 290.120,35 − € 213.225,99 = € 76.894,36, deel BW € 44.920,90',
  ],
  [
    'ReserveReplenished',
    'holland-rijnland',
    2024,
    `${HR}:reserve`,
    'reserve € 213.225,99 onder het minimum € 290.120,35: € 290.120,35 − € 213.225,99 = € 76.894,36, deel MO € 31.973,46, verdeeld met de objectieve sleutel MO v1 over 13 gemeenten; deze rekening: € 31.973,46',
  ],
  [
    'ReservePaidOut',
    'holland-rijnland',
    2023,
    'municipality:GM0484:bw',
    'aandeel 18,3 / 100,1 × € 2.458,20 = € 449,40 (afronding grootste restmethode +0,00), objectieve sleutel BW v1; reserve € 584.647,70 boven het maximum € 580.240,70: € 584.647,70 − € 580.240,70 = € 4.407,00, deel BW € 2.458,20',
  ],
  [
    'ReserveExcessTransferredToFund',
    'regio-zuid',
    2025,
    'region:regio-zuid:reserve',
    'reserve € 522.500,00 boven het maximum € 385.000,00: € 522.500,00 − maximum € 385.000,00 = € 137.500,00 naar Fonds frictie',
  ],
  [
    'SolidarityTransferred',
    'regio-zuid',
    2025,
    'municipality:GM0102:bw',
    'inkomsten € 2.017.554,41 − uitgaven € 2.862.000 = resultaat € -844.445,59; afwijking € -584.844,817928, waarvan gedeeld € -467.875,854343; GM0102 ontvangt € 80.021,10 van het volume € 156.423,77 (grondslag regionaal gemiddelde, uitvoeringskosten opslag op zorgkosten (8 %), plafond aan, eigen rekening 20 %, solidariteitsafspraak v1)',
  ],
];

/** The words the examples bring (references, descriptions): the data's own, not the derivation's. */
const DATA_WORDS = wordsOfData(
  ['holland-rijnland.jsonl', 'regio-zuid-meerjarig.jsonl'].flatMap((file) =>
    readFileSync(join(EXAMPLES, file), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>),
  ),
);

describe('every derivation in Dutch, for a real event', () => {
  it.each(ROWS)('%s (%s %s, %s)', async (eventType, source, year, account, dutch) => {
    const posting = await postingOf(source, year, account, eventType);
    const text = derivationText(posting, account, 'nl');
    expect(text).toBe(dutch);
    expect(nonDutchWords(text, DATA_WORDS)).toEqual([]);
    expect(nonDutchNumbers(text)).toEqual([]);
    // one arithmetic, two languages: the JSON's English sentence has the same amounts
    expect(euros(text)).toEqual(expect.arrayContaining(euros(derivationText(posting, account, 'en'))));
    expect(derivationText(posting, account, 'en')).not.toBe(text);
  });
});

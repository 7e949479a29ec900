/** One example command file and the statements it must give, to the cent (test/fixtures/expected). */
export interface Scenario {
  readonly file: string;
  /** the scenario in a controller's words */
  readonly title: string;
  readonly description: string;
  /** [region, year, expected statement file (without .json)] */
  readonly statements: readonly (readonly [region: string, year: number, expected: string])[];
}

/** The examples with expected statements: the CLI test checks them, docs/scenarios.md shows them as tables. */
export const SCENARIOS: readonly Scenario[] = [
  {
    file: 'holland-rijnland.jsonl',
    title: 'Holland Rijnland, twee jaren afgesloten',
    description:
      'De regio Holland Rijnland (centrumgemeente Leiden) volgens de notitie “Financiering van regionale kosten en verdeling regionale budgetten” (16 augustus 2022): de sleutels, de afroming 2023, de objectieve bijdrage 2024, de bandbreedte en de beginstand van de reserve zijn de bedragen uit de notitie; Rijksbudgetten, werkelijke kosten en eigen bijdragen zijn illustratief.',
    statements: [
      ['holland-rijnland', 2023, 'holland-rijnland-2023'],
      ['holland-rijnland', 2024, 'holland-rijnland-2024'],
    ],
  },
  {
    file: 'holland-rijnland-open.jsonl',
    title: 'Holland Rijnland, jaren nog open',
    description:
      'Dezelfde regio met dezelfde feiten, maar zonder afsluiting: alleen de verdeling is uitgevoerd. Het resultaat van de regionale voorzieningen staat nog op de voorzieningen; er is nog niets naar de reserve of verrekend.',
    statements: [
      ['holland-rijnland', 2023, 'holland-rijnland-open-2023'],
      ['holland-rijnland', 2024, 'holland-rijnland-open-2024'],
    ],
  },
  {
    file: 'aef-solidarity.jsonl',
    title: 'Solidariteit volgens AEF, vier varianten',
    description:
      'De denkbeeldige regio uit de AEF-presentatie “Financiële afspraken beschermd wonen” (14-9-2023, dia 37): G1 heeft 100 mln inkomsten en 120 mln uitgaven, G2 20 mln inkomsten en 10 mln uitgaven. Elke variant van de ontwerpkeuzes voor solidariteit is een eigen regio.',
    statements: [
      ['aef-income', 2025, 'aef-income-2025'],
      ['aef-income-capped', 2025, 'aef-income-capped-2025'],
      ['aef-average', 2025, 'aef-average-2025'],
      ['aef-average-own-25', 2025, 'aef-average-own-25-2025'],
    ],
  },
];
